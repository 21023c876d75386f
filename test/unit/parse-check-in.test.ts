import { describe, expect, it } from 'vitest';
import { parseCheckInLog } from '../../src/parse/check-in-parser.js';
import type { CheckInRecord } from '../../src/domain/legacy-records.js';
import { KG_PER_LB } from '../../src/domain/units.js';

const F = 'check-in-log.md';
const HEAD6 = '| Date | Weight (lbs) | Body Fat % | Waist (inches) | Chest (inches) | Notes |\n| :--- | :--- | :--- | :--- | :--- | :--- |\n';
const HEAD4 = '| Date | Weight (lbs) | Body Fat % | Notes |\n| --- | --- | --- | --- |\n';

function rec(over: Partial<CheckInRecord> & { recordedDate: string; line: number }): CheckInRecord {
  const { line, ...rest } = over;
  return {
    weightKg: null,
    weightUnit: null,
    bodyFatPct: null,
    lengthUnit: null,
    chestCm: null,
    waistCm: null,
    hipsCm: null,
    neckCm: null,
    notes: null,
    source: { file: F, line },
    ...rest,
  };
}

const errors = (text: string) =>
  parseCheckInLog(text, F)
    .issues.filter((i) => i.severity === 'error')
    .map((i) => `${i.line}: ${i.message} / ${i.hint}`);

describe('parseCheckInLog', () => {
  it('reads a plain row with the units of the header', () => {
    const { records, issues } = parseCheckInLog(`${HEAD4}| 2025-03-03 | 241.0 | 29.5 | first weigh-in |\n`, F);
    expect(issues).toEqual([]);
    expect(records).toEqual([rec({ recordedDate: '2025-03-03', line: 3, weightKg: 241 * KG_PER_LB, weightUnit: 'lb', bodyFatPct: 29.5, notes: 'first weigh-in' })]);
  });

  it('reads a 4-cell row under a 6-column header: its last cell is the Notes', () => {
    const { records } = parseCheckInLog(`${HEAD6}| 2025-03-03 | 241.0 | 29.5 | first weigh-in |\n| 2025-03-10 | 239.1 | 29.1% | 44 | 46.5 | after coffee |\n`, F);
    expect(records).toEqual([
      rec({ recordedDate: '2025-03-03', line: 3, weightKg: 241 * KG_PER_LB, weightUnit: 'lb', bodyFatPct: 29.5, notes: 'first weigh-in' }),
      rec({ recordedDate: '2025-03-10', line: 4, weightKg: 239.1 * KG_PER_LB, weightUnit: 'lb', bodyFatPct: 29.1, lengthUnit: 'in', waistCm: 44 * 2.54, chestCm: 46.5 * 2.54, notes: 'after coffee' }),
    ]);
  });

  it('reads header aliases and units written in the header only', () => {
    const { records } = parseCheckInLog('| Date | Wt | BF % | Waist (in) | Chest (cm) | Notes |\n|:---:|:---:|:---:|:---:|:---:|:---|\n| 2025-01-06 | 230.5 | 27.5% | 41.5 | 116 | |\n', F, { defaultWeightUnit: 'lb' });
    expect(records[0]).toEqual(rec({ recordedDate: '2025-01-06', line: 3, weightKg: 230.5 * KG_PER_LB, weightUnit: 'lb', bodyFatPct: 27.5, lengthUnit: 'in', waistCm: 41.5 * 2.54, chestCm: 116 }));
    const kg = parseCheckInLog('| Date | Weight (kg) | Body Fat |\n|-|-|-|\n| 2025-01-06 | 104.6 | 27 |\n', F).records[0]!;
    expect([kg.weightKg, kg.weightUnit, kg.bodyFatPct]).toEqual([104.6, 'kg', 27]);
  });

  it('treats every empty marker as not measured, never zero', () => {
    const markers = ['', 'None', 'N/A', 'n/a', '-', '—', '?', 'TBD'];
    const text = HEAD4 + markers.map((m, i) => `| 2025-03-${String(i + 1).padStart(2, '0')} | 240 | ${m} | ${m} |`).join('\n');
    const { records, issues } = parseCheckInLog(text, F);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.bodyFatPct, r.notes])).toEqual(markers.map(() => [null, null]));
  });

  it('reads decorated values; a unit in the cell wins over the header', () => {
    const cells = ['~240', '240.2 lbs', '240.2lb', '**238.0**', '109 kg'];
    const text = HEAD4 + cells.map((c, i) => `| 2025-03-0${i + 1} | ${c} | 29.1% | |`).join('\n');
    const { records } = parseCheckInLog(text, F);
    expect(records.map((r) => [r.weightKg, r.weightUnit, r.bodyFatPct])).toEqual([
      [240 * KG_PER_LB, 'lb', 29.1],
      [240.2 * KG_PER_LB, 'lb', 29.1],
      [240.2 * KG_PER_LB, 'lb', 29.1],
      [238 * KG_PER_LB, 'lb', 29.1],
      [109, 'kg', 29.1],
    ]);
  });

  it('reads the date forms of the logs (US order for slashes)', () => {
    const dates = ['2025-03-07', '2025-3-7', '03/10/2025', 'Mar 17, 2025', '**2025-03-18**'];
    const { records } = parseCheckInLog(HEAD4 + dates.map((d) => `| ${d} | 240 | | |`).join('\n'), F);
    expect(records.map((r) => r.recordedDate)).toEqual(['2025-03-07', '2025-03-07', '2025-03-10', '2025-03-17', '2025-03-18']);
  });

  it('reports unreadable dates and implausible values as errors with their lines', () => {
    const text = `${HEAD4}| 2025-02-30 | 240 | | |\n| 2025-03-01 | 2400 | | |\n| 2025-03-02 | 240 | 92 | |\n| 2025-03-03 | heavy | | |\n| 2025-03-04 | 8 kg | | |\n`;
    expect(errors(text)).toMatchInlineSnapshot(`
      [
        "3: Date "2025-02-30" is not a date / write dates as YYYY-MM-DD, e.g. 2025-03-07",
        "4: Weight 2400 lb is outside the plausible range 20–500 kg / fix the typo in the file, or leave the cell empty",
        "5: Body fat 92% is outside the plausible range 2–75 % / fix the typo in the file, or leave the cell empty",
        "6: Weight "heavy" is not a number / write a weight like 240.2, 240.2 lbs or 109 kg, or leave it empty",
        "7: Weight 8 kg is outside the plausible range 20–500 kg / fix the typo in the file, or leave the cell empty",
      ]
    `);
    expect(parseCheckInLog(text, F).records).toEqual([]);
  });

  it('reads a repeated table with the same header as more data, and skips other tables and prose with a reason', () => {
    const text = `# Log\n\nSome prose.\n\n${HEAD4}| 2024-12-30 | 240 | | |\n\n| Goal | Target |\n| --- | --- |\n| Weight | 220 lbs |\n\n## 2025\n\n${HEAD4}| 2025-01-06 | 239 | | |\n`;
    const { records, issues } = parseCheckInLog(text, F);
    expect(records.map((r) => [r.recordedDate, r.source.line])).toEqual([
      ['2024-12-30', 7],
      ['2025-01-06', 17],
    ]);
    expect(issues.map((i) => `${i.line} ${i.severity}: ${i.message}`)).toMatchInlineSnapshot(`
      [
        "1 skipped: heading "Log" is not part of a check-in table",
        "3 skipped: text "Some prose." is not part of a check-in table",
        "9 skipped: a table with the header | Goal | Target | is not a check-in table",
        "11 skipped: row of a table with the header | Goal | Target |, which is not a check-in table",
        "13 skipped: heading "2025" is not part of a check-in table",
      ]
    `);
  });

  it('copes with CRLF, a BOM, tabs and escaped pipes, keeping line numbers', () => {
    const text = `\uFEFF# Log\r\n\r\n${HEAD4.replace(/\n/g, '\r\n')}| 2025-03-03 |\t241.0\t| 29.5 | old \\| new scale |\r\n`;
    const { records } = parseCheckInLog(text, F);
    expect(records).toEqual([rec({ recordedDate: '2025-03-03', line: 5, weightKg: 241 * KG_PER_LB, weightUnit: 'lb', bodyFatPct: 29.5, notes: 'old | new scale' })]);
  });

  it('keeps the cells of unknown columns in the notes', () => {
    const { records } = parseCheckInLog('| Date | Weight (kg) | Steps | Notes |\n|-|-|-|-|\n| 2025-03-03 | 100 | 8000 | ok |\n', F);
    expect(records[0]!.notes).toBe('ok; Steps: 8000');
  });

  it('says when there is no check-in table at all', () => {
    expect(errors('# Nothing here\n\n| Day | Film |\n|-|-|\n| Mon | ok |\n')).toMatchInlineSnapshot(`
      [
        "1: no check-in table found / the file needs a table with the header | Date | Weight (lbs) | Body Fat % | Waist (inches) | Chest (inches) | Notes |",
      ]
    `);
    // A date and a mood (or sleep, resting HR …) make a check-in table, whose rows need dates.
    expect(errors('| Day | Mood |\n|-|-|\n| Mon | ok |\n')).toEqual(['3: Date "Mon" is not a date / write dates as YYYY-MM-DD, e.g. 2025-03-07']);
  });
});

/**
 * RFC 4180 text for the CSV exports, written by hand because it runs for every cell of millions
 * of rows: a field is quoted only when it holds a comma, a double quote, CR or LF (quotes inside
 * doubled); records end in CRLF. The bytes are the same as csv-stringify's with
 * `record_delimiter: 'windows'` (the unit tests compare the two).
 *
 * Text cells that a spreadsheet would run as a formula are neutralised by default (see
 * `neutraliseFormula`); numbers are written as numbers.
 */

const NEEDS_QUOTES = /[",\r\n]/;
const QUOTES = /"/g;

/** One field. @example csvField('say "hi", then go') → '"say ""hi"", then go"' */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTES, '""')}"` : text;
}

/** A text cell that is a plain decimal number (`-12.5`): a spreadsheet reads it as that number, never as a formula. */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/**
 * Text that a spreadsheet would run as a formula — starting with `=`, `+`, `-`, `@`, a tab or a
 * CR — with a single quote put in front, as OWASP recommends against CSV injection; any other
 * text, and text that is just a number (`-2.5`), as it is.
 *
 * @example neutraliseFormula('=HYPERLINK("http://x")') → `'=HYPERLINK("http://x")` ; neutraliseFormula('-2.5') → '-2.5'
 */
export function neutraliseFormula(text: string): string {
  if (text.length === 0) return text;
  const c = text.charCodeAt(0);
  // = + - @ TAB CR
  if (c !== 61 && c !== 43 && c !== 45 && c !== 64 && c !== 9 && c !== 13) return text;
  return PLAIN_NUMBER.test(text) ? text : `'${text}`;
}

/**
 * A cell as CSV text: null/undefined → empty, booleans → true/false, arrays and objects → JSON,
 * anything else as its string.
 *
 * @example csvCell(null) → '' ; csvCell([8, 7]) → '"[8,7]"'
 */
export function csvCell(v: unknown): string {
  switch (typeof v) {
    case 'number':
      return String(v);
    case 'string':
      return csvField(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return '';
    case 'object':
      return v === null ? '' : csvField(JSON.stringify(v));
    default:
      return csvField(String(v));
  }
}

/**
 * `csvCell`, with text cells that a spreadsheet would run as a formula neutralised.
 *
 * @example csvSafeCell('@SUM(A1:A9)') → "'@SUM(A1:A9)" ; csvSafeCell(-2) → '-2'
 */
export function csvSafeCell(v: unknown): string {
  return typeof v === 'string' ? csvField(neutraliseFormula(v)) : csvCell(v);
}

/** One record with its CRLF. @example csvRecord(['a', 'b c']) → 'a,b c\r\n' */
export function csvRecord(cells: readonly string[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += i === 0 ? csvField(cells[i]!) : `,${csvField(cells[i]!)}`;
  return `${line}\r\n`;
}

/**
 * A function turning a row object into one CSV record (with CRLF) of the given columns; text
 * cells that would run as formulas are neutralised unless `raw`.
 *
 * @example csvRowWriter(['a', 'b'])({ a: 1, b: null }) → '1,\r\n'
 */
export function csvRowWriter(columns: readonly string[], opts: { raw?: boolean } = {}): (row: Record<string, unknown>) => string {
  const cols = [...columns];
  const n = cols.length;
  const cell = opts.raw ? csvCell : csvSafeCell;
  return (row) => {
    let line = cell(row[cols[0]!]);
    for (let i = 1; i < n; i++) line += `,${cell(row[cols[i]!])}`;
    return `${line}\r\n`;
  };
}

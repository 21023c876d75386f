/**
 * RFC 4180 text for the CSV exports, written by hand because it runs for every cell of millions
 * of rows: a field is quoted only when it holds a comma, a double quote, CR or LF (quotes inside
 * doubled); records end in CRLF. The bytes are the same as csv-stringify's with
 * `record_delimiter: 'windows'` (the unit tests compare the two).
 */

const NEEDS_QUOTES = /[",\r\n]/;
const QUOTES = /"/g;

/** One field. @example csvField('say "hi", then go') → '"say ""hi"", then go"' */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTES, '""')}"` : text;
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

/** One record with its CRLF. @example csvRecord(['a', 'b c']) → 'a,b c\r\n' */
export function csvRecord(cells: readonly string[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += i === 0 ? csvField(cells[i]!) : `,${csvField(cells[i]!)}`;
  return `${line}\r\n`;
}

/**
 * A function turning a row object into one CSV record (with CRLF) of the given columns.
 *
 * @example csvRowWriter(['a', 'b'])({ a: 1, b: null }) → '1,\r\n'
 */
export function csvRowWriter(columns: readonly string[]): (row: Record<string, unknown>) => string {
  const cols = [...columns];
  const n = cols.length;
  return (row) => {
    let line = csvCell(row[cols[0]!]);
    for (let i = 1; i < n; i++) line += `,${csvCell(row[cols[i]!])}`;
    return `${line}\r\n`;
  };
}

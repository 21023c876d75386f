/**
 * CSV (RFC 4180, header row) and NDJSON writers for the flat export tables, a page of rows per
 * write: the row formatters are built once per table, and each page goes out as one string.
 */
import type { DateRange, ExportSource } from '../domain/export-document.js';
import { csvRecord, csvRowWriter } from './csv-format.js';
import type { Sink } from './output-sink.js';
import { columnsIn, tableRows, type FlatRow, type TableName } from './tables.js';

/**
 * Writes one table as CSV; returns the rows written. Text cells a spreadsheet would run as
 * formulas get a quote in front unless `raw`.
 *
 * @example await writeCsvTable(repo, 'health_metrics', sink, { units: 'imperial' })
 */
export async function writeCsvTable(
  repo: ExportSource,
  table: TableName,
  sink: Sink,
  opts: { range?: DateRange; units?: 'metric' | 'imperial'; raw?: boolean; onRows?: (n: number) => void } = {},
): Promise<number> {
  const units = opts.units ?? 'metric';
  const columns = columnsIn(table, units);
  const line = csvRowWriter(columns, { raw: opts.raw });
  await sink.write(csvRecord(columns));
  return writeTableLines(repo, table, line, sink, { ...opts, units });
}

/**
 * A function writing a row as one NDJSON line `{"type":TABLE,…columns}`: the same text as
 * `JSON.stringify` of that object (missing values as null), without building the object.
 */
function ndjsonLineWriter(table: TableName, columns: readonly string[]): (row: FlatRow) => string {
  const head = `{"type":${JSON.stringify(table)}`;
  const keys = columns.map((c) => `,${JSON.stringify(c)}:`);
  const cols = [...columns];
  const n = cols.length;
  return (row) => {
    let line = head;
    for (let i = 0; i < n; i++) {
      const v = row[cols[i]!];
      line += keys[i]! + (v === null || v === undefined ? 'null' : (JSON.stringify(v) ?? 'null'));
    }
    return `${line}}\n`;
  };
}

/**
 * Writes tables as NDJSON, one object per line with its table in `type`; returns the rows written.
 *
 * @example await writeNdjson(repo, ['health_metrics'], sink)
 */
export async function writeNdjson(
  repo: ExportSource,
  tables: TableName[],
  sink: Sink,
  opts: { range?: DateRange; units?: 'metric' | 'imperial'; onRows?: (n: number) => void } = {},
): Promise<number> {
  const units = opts.units ?? 'metric';
  let n = 0;
  for (const table of tables) {
    n += await writeTableLines(repo, table, ndjsonLineWriter(table, columnsIn(table, units)), sink, { ...opts, units });
  }
  return n;
}

/** Writes a table's rows, a page per write, each row as `line` makes it; returns the rows written. */
async function writeTableLines(
  repo: ExportSource,
  table: TableName,
  line: (row: FlatRow) => string,
  sink: Sink,
  opts: { range?: DateRange; units: 'metric' | 'imperial'; onRows?: (n: number) => void },
): Promise<number> {
  let n = 0;
  for await (const rows of tableRows(repo, table, { range: opts.range, units: opts.units })) {
    if (rows.length === 0) continue;
    let chunk = '';
    for (const r of rows) chunk += line(r);
    await sink.write(chunk);
    n += rows.length;
    opts.onRows?.(rows.length);
  }
  return n;
}

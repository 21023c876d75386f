/**
 * CSV (RFC 4180, header row) and NDJSON writers for the flat export tables, page by page.
 */
import { stringify } from 'csv-stringify/sync';
import type { DateRange, ExportRepo } from '../db/export-repo.js';
import type { Sink } from './output-sink.js';
import { columnsIn, tableRows, type TableName } from './tables.js';

/** A cell as CSV text: null → empty, booleans → true/false, arrays → JSON. */
function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * Writes one table as CSV; returns the rows written.
 *
 * @example await writeCsvTable(repo, 'health_metrics', sink, { units: 'imperial' })
 */
export async function writeCsvTable(
  repo: ExportRepo,
  table: TableName,
  sink: Sink,
  opts: { range?: DateRange; units?: 'metric' | 'imperial'; onRows?: (n: number) => void } = {},
): Promise<number> {
  const units = opts.units ?? 'metric';
  const columns = columnsIn(table, units);
  await sink.write(stringify([columns], { record_delimiter: 'windows' }));
  let n = 0;
  for await (const rows of tableRows(repo, table, { range: opts.range, units })) {
    if (rows.length === 0) continue;
    await sink.write(stringify(rows.map((r) => columns.map((c) => cell(r[c]))), { record_delimiter: 'windows' }));
    n += rows.length;
    opts.onRows?.(rows.length);
  }
  return n;
}

/**
 * Writes tables as NDJSON, one object per line with its table in `type`; returns the rows written.
 *
 * @example await writeNdjson(repo, ['health_metrics'], sink)
 */
export async function writeNdjson(
  repo: ExportRepo,
  tables: TableName[],
  sink: Sink,
  opts: { range?: DateRange; units?: 'metric' | 'imperial'; onRows?: (n: number) => void } = {},
): Promise<number> {
  const units = opts.units ?? 'metric';
  let n = 0;
  for (const table of tables) {
    const columns = columnsIn(table, units);
    for await (const rows of tableRows(repo, table, { range: opts.range, units })) {
      let chunk = '';
      for (const r of rows) {
        const o: Record<string, unknown> = { type: table };
        for (const c of columns) o[c] = r[c] ?? null;
        chunk += `${JSON.stringify(o)}\n`;
      }
      await sink.write(chunk);
      n += rows.length;
      opts.onRows?.(rows.length);
    }
  }
  return n;
}

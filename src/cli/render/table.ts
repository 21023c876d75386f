/**
 * Tables for the terminal (cli-table3). Plain borders when not on a TTY so output pastes well.
 */
import { createRequire } from 'node:module';
import type TableType from 'cli-table3';
import { colorEnabled } from './output.js';
import { terminalText } from './terminal-text.js';

let Table: typeof TableType | undefined;

export type Cell = string | number | null | undefined;

/**
 * Renders rows as a table string; null/undefined cells show as `—`.
 *
 * @example renderTable(['Date', 'Weight'], [['2025-03-04', '80.0 kg']])
 */
export function renderTable(head: string[], rows: Cell[][], opts: { align?: Array<'left' | 'right' | 'center'> } = {}): string {
  // Loaded on first use: modules that render a table only sometimes (a logging command's
  // confirmation never) should not pay for loading it.
  Table ??= createRequire(import.meta.url)('cli-table3') as typeof TableType;
  // Control characters escaped before the widths are measured (styles kept only with colour).
  const keepStyles = colorEnabled();
  const table = new Table({
    head: head.map((h) => terminalText(h, { keepStyles })),
    style: { head: colorEnabled() ? ['cyan'] : [], border: colorEnabled() ? ['grey'] : [] },
    colAligns: opts.align ?? [],
    wordWrap: true,
  });
  for (const row of rows) table.push(row.map((c) => (c === null || c === undefined || c === '' ? '—' : terminalText(String(c), { keepStyles }))));
  return table.toString();
}

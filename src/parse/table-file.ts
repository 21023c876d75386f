/**
 * The walk shared by the table-shaped logs (check-ins, exercises, meals): every table whose
 * header fits the log is read row by row; every other table row and every other block is
 * reported as skipped with its line, so nothing in the file is lost silently.
 */
import type { ParseIssue } from '../domain/legacy-records.js';
import { clip, describeBlock, isBlank, iterateBlocks, tableOf } from './markdown-reader.js';
import type { Table, TableRow } from './markdown-reader.js';

export interface TableFileSpec {
  /** What the log is called in messages: "check-in". */
  kindName: string;
  /** The header a table must have, for the hint. */
  expectedHeader: string;
  /** True when a table's header belongs to this log. */
  accepts(header: string[]): boolean;
}

/**
 * Calls `onRow` for every row of every accepted table and returns the skipped-block issues.
 *
 * @example walkTableFile(text, 'check-in-log.md', spec, (table, row) => …)
 */
export function walkTableFile(text: string, file: string, spec: TableFileSpec, onRow: (table: Table, row: TableRow) => void): { issues: ParseIssue[]; rowCount: number; tables: number } {
  const issues: ParseIssue[] = [];
  let rowCount = 0;
  let tables = 0;
  for (const block of iterateBlocks(text)) {
    const token = block.token;
    if (token.type === 'table') {
      const table = tableOf(block);
      rowCount += table.rows.length;
      if (!spec.accepts(table.header)) {
        const header = `| ${table.header.join(' | ')} |`;
        if (table.rows.length === 0 && !block.continued) {
          issues.push({ file, line: table.line, severity: 'skipped', message: `a table with the header ${clip(header, 80)} is not ${spec.kindName} table`, hint: `${spec.kindName} table has the header ${spec.expectedHeader}` });
        }
        for (const row of table.rows) {
          issues.push({ file, line: row.line, severity: 'skipped', message: `row of a table with the header ${clip(header, 80)}, which is not ${spec.kindName} table`, hint: `${spec.kindName} table has the header ${spec.expectedHeader}` });
        }
        continue;
      }
      tables++;
      if (table.rows.length === 0 && !block.continued) issues.push({ file, line: table.line, severity: 'warning', message: 'the table has a header but no rows' });
      for (const row of table.rows) {
        if (!row.raw.includes('|')) {
          issues.push({ file, line: row.line, severity: 'skipped', message: `text "${clip(row.raw)}" directly under the table is not a table row`, hint: 'put a blank line between a table and the text after it' });
        } else if (row.cells.every((c) => c.trim() === '') && row.extraCells.every((c) => c === '')) {
          issues.push({ file, line: row.line, severity: 'skipped', message: 'empty table row' });
        } else onRow(table, row);
      }
    } else if (!isBlank(token)) {
      issues.push({ file, line: block.line, severity: 'skipped', message: `${describeBlock(token)} is not part of ${spec.kindName} table` });
    }
  }
  if (tables === 0) {
    issues.push({ file, line: 1, severity: rowCount > 0 || text.trim() !== '' ? 'error' : 'warning', message: `no ${spec.kindName.replace(/^an? /, '')} table found`, hint: `the file needs a table with the header ${spec.expectedHeader}` });
  }
  return { issues, rowCount, tables };
}

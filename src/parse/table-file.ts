/**
 * The walk shared by the table-shaped logs (check-ins, exercises, meals): every table whose
 * header fits the log is read row by row; rows written apart from their table (after a blank
 * line, a heading, a comment or prose) carry on the table above when they have its shape; every
 * other table row, heading and block is reported as skipped at its own line, so nothing in the
 * file is lost silently.
 */
import type { ParseIssue } from '../domain/legacy-records.js';
import { dateInText, stripEmphasis } from './cell-values.js';
import { blockLines, clip, describeBlock, isBlank, isHeadingLine, isRowLine, iterateBlocks, rowOfLine, tableOf } from './markdown-reader.js';
import type { Block, Table, TableRow } from './markdown-reader.js';
import { plural } from '../domain/plural.js';

export interface TableFileSpec {
  /** What the log is called in messages: "check-in". */
  kindName: string;
  /** The header a table must have, for the hint. */
  expectedHeader: string;
  /** True when a table's header belongs to this log (`dateFromHeading`: a dated heading above gives its rows a date). */
  accepts(header: string[], dateFromHeading: boolean): boolean;
}

/** What a row's surroundings say about it. */
export interface RowContext {
  /** The date of the nearest dated heading above (`## Tue 2024-03-12`), for tables without a Date column. */
  headingDate: string | null;
}

/** A row of an accepted table, with its table and what its surroundings say. */
export interface WalkedRow {
  table: Table;
  row: TableRow;
  context: RowContext;
}

/** What a walk found besides its rows: the skipped blocks and how many rows it met. */
export interface WalkResult {
  issues: ParseIssue[];
  rowCount: number;
  tables: number;
}

/**
 * Calls `onRow` for every row of every accepted table and returns the skipped-block issues.
 *
 * @example walkTableFile(text, 'check-in-log.md', spec, (table, row) => …)
 */
export function walkTableFile(text: string, file: string, spec: TableFileSpec, onRow: (table: Table, row: TableRow, context: RowContext) => void): WalkResult {
  const walk = walkTableRows(text, file, spec);
  for (;;) {
    const next = walk.next();
    if (next.done) return next.value;
    onRow(next.value.table, next.value.row, next.value.context);
  }
}

/**
 * Yields every row of every accepted table, in file order, as the file is read (a long table
 * is read in pieces, and the text may come in parts: see `iterateBlocks`), and returns the
 * skipped-block issues.
 *
 * @example for (const { row } of walkTableRows(text, 'check-in-log.md', spec)) …
 */
export function* walkTableRows(text: string | Iterable<string>, file: string, spec: TableFileSpec): Generator<WalkedRow, WalkResult> {
  const issues: ParseIssue[] = [];
  let rowCount = 0;
  let tables = 0;
  /** The accepted table the next rows written apart from a table would carry on. */
  let current: Table | null = null;
  /** The nearest dated heading above, and its level (a heading of that level or above ends it). */
  let dated: { date: string; depth: number } | null = null;
  const skip = (line: number, message: string, hint?: string) => issues.push(hint ? { file, line, severity: 'skipped', message, hint } : { file, line, severity: 'skipped', message });
  /** True when the row is to be read; else it is reported. */
  const readable = (table: Table, row: TableRow): boolean => {
    if (!row.raw.includes('|')) {
      skip(row.line, `text "${clip(row.raw)}" directly under the table is not a table row`, 'put a blank line between a table and the text after it');
    } else if (row.cells.every((c) => c.trim() === '') && row.extraCells.every((c) => c === '')) {
      skip(row.line, 'empty table row');
    } else if (isHeaderAgain(table, row)) {
      issues.push({ file, line: row.line, severity: 'warning', message: 'the table header is repeated here; the line was skipped' });
    } else return true;
    return false;
  };

  // Read in parts (a file read as it goes), whether it holds anything but blanks is noted on the way.
  let blank = typeof text === 'string' ? text.trim() === '' : true;
  const source: string | Iterable<string> =
    typeof text === 'string'
      ? text
      : (function* () {
          for (const part of text) {
            if (blank && part.trim() !== '') blank = false;
            yield part;
          }
        })();
  for (const block of iterateBlocks(source)) {
    const token = block.token;
    if (token.type === 'table') {
      const table = tableOf(block);
      rowCount += table.rows.length;
      if (!spec.accepts(table.header, dated !== null)) {
        current = null;
        const header = `| ${table.header.join(' | ')} |`;
        const hint = `${spec.kindName} table has the header ${spec.expectedHeader}`;
        if (!block.continued) skip(table.line, `a table with the header ${clip(header, 80)} is not ${spec.kindName} table`, hint);
        for (const row of table.rows) skip(row.line, `row of a table with the header ${clip(header, 80)}, which is not ${spec.kindName} table`, hint);
        continue;
      }
      tables++;
      current = block.continued && current ? { ...table, line: current.line, header: current.header } : table;
      if (table.rows.length === 0 && !block.continued) issues.push({ file, line: table.line, severity: 'warning', message: 'the table has a header but no rows' });
      const context = { headingDate: dated?.date ?? null };
      for (const row of table.rows) if (readable(current, row)) yield { table: current, row, context };
    } else if (token.type === 'paragraph') {
      const loose: Array<{ table: Table; row: TableRow }> = [];
      rowCount += readLooseLines(block, current, spec, skip, (table, row) => {
        issues.push({ file, line: row.line, severity: 'warning', message: `row written apart from its table (header on line ${table.line}); read as a row of that table`, hint: 'remove the blank line, heading or comment inside the table' });
        loose.push({ table, row });
      });
      const context = { headingDate: dated?.date ?? null };
      for (const { table, row } of loose) if (readable(table, row)) yield { table, row, context };
    } else if (!isBlank(token)) {
      if (token.type === 'heading') {
        const date = dateInText(token.text);
        if (date) dated = { date, depth: token.depth };
        else if (dated && token.depth <= dated.depth) dated = null;
      }
      skipBlock(block, spec, skip);
    }
  }
  if (tables === 0) {
    issues.push({ file, line: 1, severity: rowCount > 0 || !blank ? 'error' : 'warning', message: `no ${spec.kindName.replace(/^an? /, '')} table found`, hint: `the file needs a table with the header ${spec.expectedHeader}` });
  }
  return { issues, rowCount, tables };
}

/**
 * Runs a record generator to its end: its records, and what it returned.
 *
 * @example collectRecords(checkInRecords(text, 'check-in-log.md')).records.length
 */
export function collectRecords<R, T extends object>(records: Generator<R, T>): T & { records: R[] } {
  const out: R[] = [];
  for (;;) {
    const next = records.next();
    if (next.done) return { records: out, ...next.value };
    out.push(next.value);
  }
}

const headerKeys = new WeakMap<string[], string[]>();

/** A header cell as compared with a row's cell: emphasis, case and spacing aside. */
function headerKey(text: string): string {
  return stripEmphasis(text).toLowerCase().replace(/\s+/g, ' ');
}

/** A row that repeats its table's header (`| Date | Weight |` again after a page break, `| **date** | weight |`). */
function isHeaderAgain(table: Table, row: TableRow): boolean {
  if (row.cellCount !== table.header.length) return false;
  let keys = headerKeys.get(table.header);
  if (!keys) headerKeys.set(table.header, (keys = table.header.map(headerKey)));
  const k = keys;
  // Most rows start with a date or a number, and headers with a name: a cheap first test.
  const isDigit = (code: number) => code >= 48 && code <= 57;
  if (isDigit(row.cells[0]?.trimStart().charCodeAt(0) ?? 0) !== isDigit(k[0]?.charCodeAt(0) ?? 0)) return false;
  return row.cells.every((c, i) => headerKey(c) === k[i]);
}

/**
 * A paragraph: its `|` lines are rows written apart from their table. A row with the shape of
 * the table above carries it on; any other is reported at its line; prose is reported once
 * per run of lines. Returns how many rows it held.
 */
function readLooseLines(block: Block, table: Table | null, spec: TableFileSpec, skip: (line: number, message: string, hint?: string) => void, onRow: (table: Table, row: TableRow) => void): number {
  let rows = 0;
  let inProse = false;
  for (const { line, text } of blockLines(block)) {
    if (!isRowLine(text)) {
      if (!inProse && text.trim() !== '') skip(line, `text "${clip(text)}" is not part of ${spec.kindName} table`);
      inProse = text.trim() !== '';
      continue;
    }
    inProse = false;
    rows++;
    const row = table ? rowOfLine(text, line, table.header.length) : null;
    if (table && row && row.cellCount === table.header.length) onRow(table, row);
    else if (table && row) skip(line, `row of ${plural(row.cellCount, 'cell')} written apart from its table (header on line ${table.line}, ${table.header.length} columns) was not read`, 'put the row back in its table, with one cell per column');
    else skip(line, 'table row without a table header above was not read', `start the table with the header ${spec.expectedHeader} and an alignment row`);
  }
  return rows;
}

/** A block that is not a table: one issue at its line, and one at each row or heading inside it. */
function skipBlock(block: Block, spec: TableFileSpec, skip: (line: number, message: string, hint?: string) => void): void {
  const what = describeBlock(block.token);
  skip(block.line, `${what} is not part of ${spec.kindName} table`);
  for (const { line, text } of blockLines(block)) {
    if (line === block.line) continue;
    if (isRowLine(text)) skip(line, `table row inside ${what} was not read`);
    else if (isHeadingLine(text)) skip(line, `heading inside ${what} is not part of ${spec.kindName} table`);
  }
}

/**
 * The warning for a row with fewer cells than its header, read by position.
 *
 * @example shortRowWarning('f.md', row, 4) → { severity: 'warning', message: 'the row has 2 cells for the 4 columns of its table; …' }
 */
export function shortRowWarning(file: string, row: TableRow, header: string[]): ParseIssue {
  const missing = header.slice(row.cellCount).join(', ');
  return { file, line: row.line, severity: 'warning', message: `the row has ${plural(row.cellCount, 'cell')} for the ${header.length} columns of its table; read in column order, with ${clip(missing, 60)} left empty`, hint: 'give the row one cell per column (an empty cell is | |)' };
}

/**
 * The once-per-file note that weights without a unit took the default unit.
 *
 * @example unitlessWeightNote('f.md', 3, 'kg').message → 'weights without a unit read as kg; use --units lb if they were pounds'
 */
export function unitlessWeightNote(file: string, line: number, unit: 'kg' | 'lb'): ParseIssue {
  const other = unit === 'kg' ? 'lb' : 'kg';
  return { file, line, severity: 'warning', message: `weights without a unit read as ${unit}; use --units ${other} if they were ${other === 'lb' ? 'pounds' : 'kilograms'}`, hint: 'or write the unit in the header: Weight (kg), Weight (lb)' };
}

/**
 * Tables for the terminal, in a compact style: a header, a rule under it, one line per row
 * (more when a cell wraps), columns two spaces apart, no rule between rows.
 *
 * On a terminal a table fits its width: long text columns (notes, descriptions) wrap first, then
 * the least important columns are left out (named on stderr), then the widest cells are
 * shortened with "…". When stdout is not a terminal, or with `--wide`, every column is printed
 * at full width.
 */
import { colorEnabled, printLine, writeStderr } from './output.js';
import { terminalText } from './terminal-text.js';

export type Cell = string | number | null | undefined;
export type Align = 'left' | 'right' | 'center';

export interface TableOptions {
  align?: Align[];
  /**
   * How much each column matters when the terminal is narrow: the lowest number is left out
   * first; a column with no number (undefined) is never left out. Default: the first column
   * stays, the others go from the right.
   */
  priority?: Array<number | undefined>;
  /** Columns (by index) whose text wraps onto more lines before anything is left out: notes, descriptions. */
  wrap?: number[];
  /** The width to fit, or null for full width. Default: see `tableWidth()`. */
  width?: number | null;
}

const GAP = 2;
const MIN_WRAP = 16;
const MIN_CELL = 4;

/**
 * The width tables fit: the terminal's columns when stdout is a terminal, else null (full
 * width); `--wide` on the command line asks for full width on a terminal too.
 *
 * @example tableWidth({ isTTY: true, columns: 80 }, ['log-weight', '--list']) → 80
 */
export function tableWidth(out: { isTTY?: boolean; columns?: number } = process.stdout, argv: readonly string[] = process.argv): number | null {
  if (argv.includes('--wide')) return null;
  if (!out.isTTY) return null;
  return out.columns && out.columns > 0 ? out.columns : Number(process.env.COLUMNS) || 80;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}]/u;

/** What makes a string's width differ from its length: an escape, a wide character, a surrogate pair. */
const NOT_NARROW = /[\x1b\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\ud800-\udfff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Columns a string takes on a terminal (ANSI colours take none, CJK and emoji two). @example textWidth('80 kg') → 5 */
export function textWidth(text: string): number {
  if (!NOT_NARROW.test(text)) return text.length;
  let n = 0;
  for (const ch of text.replace(ANSI, '')) n += WIDE.test(ch) ? 2 : 1;
  return n;
}

function sliceToWidth(text: string, width: number): string {
  let n = 0;
  let out = '';
  for (const ch of text) {
    const w = WIDE.test(ch) ? 2 : 1;
    if (n + w > width) break;
    out += ch;
    n += w;
  }
  return out;
}

/** Wraps text at spaces to lines of at most `width` columns; a longer word is cut. */
function wrapLines(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/ +/)) {
      let w = word;
      while (textWidth(w) > width) {
        if (line) {
          out.push(line);
          line = '';
        }
        const head = sliceToWidth(w, width);
        out.push(head);
        w = w.slice(head.length);
      }
      if (!line) line = w;
      else if (textWidth(line) + 1 + textWidth(w) <= width) line += ` ${w}`;
      else {
        out.push(line);
        line = w;
      }
    }
    out.push(line);
  }
  return out;
}

function shorten(line: string, width: number): string {
  return textWidth(line) <= width ? line : `${sliceToWidth(line, width - 1)}…`;
}

function pad(text: string, width: number, align: Align): string {
  return padMeasured(text, textWidth(text), width, align);
}

/** Runs of spaces, shared: padding thousands of cells builds no new ones. */
const SPACES: string[] = [''];
function spaces(n: number): string {
  while (SPACES.length <= n) SPACES.push(`${SPACES[SPACES.length - 1]} `);
  return SPACES[n]!;
}

/** `pad` for text whose width is known. */
function padMeasured(text: string, textCols: number, width: number, align: Align): string {
  const space = width - textCols;
  if (space <= 0) return text;
  if (align === 'right') return spaces(space) + text;
  if (align === 'center') return spaces(Math.floor(space / 2)) + text + spaces(Math.ceil(space / 2));
  return text + spaces(space);
}

/**
 * What makes a cell more than plain text: a control character (one to escape, or a line break),
 * or a character not one column wide (see NOT_NARROW). Most cells have none.
 */
const NOT_PLAIN = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\ud800-\udfff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Marks a cell of more than one line in the widths of single-line cells. */
const MULTI_LINE = -1;

/** Set by `cellText` for the cell it returns: its width (MULTI_LINE for more than one line), and the width of its widest line. */
let cellCols = 0;
let cellMaxCols = 0;

/**
 * A cell as the table shows it: `—` for nothing, control characters escaped (styles kept only
 * with colour); its widths are left in `cellCols` and `cellMaxCols` (no object per cell).
 */
function cellText(value: Cell, keepStyles: boolean): string {
  if (value === null || value === undefined || value === '') {
    cellCols = cellMaxCols = 1;
    return '—';
  }
  const raw = typeof value === 'string' ? value : String(value);
  if (!NOT_PLAIN.test(raw)) {
    // The usual cell: nothing to escape, one line, one column per character.
    cellCols = cellMaxCols = raw.length;
    return raw;
  }
  const cell = terminalText(raw, { keepStyles });
  if (cell.includes('\n')) {
    let w = 0;
    for (const l of cell.split('\n')) w = Math.max(w, textWidth(l));
    cellCols = MULTI_LINE;
    cellMaxCols = w;
  } else cellCols = cellMaxCols = textWidth(cell);
  return cell;
}

/** A table line: its cells two spaces apart, without trailing spaces. */
function tableLine(cells: string[]): string {
  return cells.join(' '.repeat(GAP)).trimEnd();
}

/** The lines of a cell in a column `width` wide: wrapped in a wrapping column, else cut to the width. */
function cellLines(value: string, width: number, wraps: boolean): string[] {
  if (wraps) return wrapLines(value, width);
  return value.split('\n').map((l) => shorten(l, width));
}

/** The header line and the rule under it. */
function emitHead(head: readonly string[], widths: readonly number[], aligns: readonly Align[], emit: (line: string) => void): void {
  const bold = colorEnabled() ? (s: string) => `\x1b[1m${s}\x1b[22m` : (s: string) => s;
  emit(bold(tableLine(head.map((h, j) => pad(shorten(h, widths[j]!), widths[j]!, aligns[j]!)))));
  emit(tableLine(widths.map((w) => '─'.repeat(w))));
}

/** A row whose cells are the texts `texts` (each of `cols` width, or MULTI_LINE) in columns of `widths`: its lines. */
function emitRow(texts: readonly string[], cols: Int32Array, widths: readonly number[], aligns: readonly Align[], wraps: readonly boolean[], cells: string[], emit: (line: string) => void): void {
  // The usual row: every cell one line that fits, padded in place.
  let simple = true;
  for (let j = 0; j < texts.length; j++) {
    const value = texts[j]!;
    const w = cols[j]!;
    // (wrapping also folds runs of spaces, so such text takes the long way)
    if (w === MULTI_LINE || w > widths[j]! || (wraps[j] && (value.startsWith(' ') || value.includes('  ')))) {
      simple = false;
      break;
    }
    cells[j] = padMeasured(value, w, widths[j]!, aligns[j]!);
  }
  if (simple) return emit(tableLine(cells));
  const lines = texts.map((v, j) => cellLines(v, widths[j]!, wraps[j]!));
  let height = 0;
  for (const c of lines) if (c.length > height) height = c.length;
  for (let k = 0; k < height; k++) emit(tableLine(lines.map((l, j) => pad(l[k] ?? '', widths[j]!, aligns[j]!))));
}

/**
 * Renders rows as a table string; null/undefined/empty cells show as `—`.
 *
 * @example renderTable(['Date', 'Weight', 'Note'], [['2025-03-04', '80.0 kg', 'after the run']], { align: ['left', 'right', 'left'], wrap: [2] })
 */
export function renderTable(head: string[], rows: Cell[][], opts: TableOptions = {}): string {
  const out: string[] = [];
  emitTable(head, rows, opts, (line) => out.push(line));
  return out.join('\n');
}

/** Lines printed on stdout at once by `printTable`. */
const PRINT_LINES = 512;

/**
 * A table to render or print: its header, its rows and how to lay them out. Rows that are not
 * an array must give the same rows each time they are iterated (a full-width table is read twice).
 */
export interface Table<Rows extends Iterable<Cell[]> = Cell[][]> {
  head: string[];
  rows: Rows;
  opts?: TableOptions;
}

/**
 * Prints a table on stdout exactly as `printLine(renderTable(…))` does; at full width (not fitting
 * a terminal, nothing left out) a few hundred lines at a time, reading the rows twice (once to
 * measure the columns, once to print), so that a list of years is never held as text.
 *
 * @example printTable({ head: ['Date', 'Weight'], rows, opts: { align: ['left', 'right'] } })
 */
export function printTable({ head, rows, opts = {} }: Table<Iterable<Cell[]>>): void {
  const width = opts.width === undefined ? tableWidth() : opts.width;
  // Fitting a terminal may name the columns it leaves out on stderr: that note comes before the table.
  if (width !== null) return printLine(renderTable(head, Array.isArray(rows) ? rows : Array.from(rows), { ...opts, width }));
  let pending: string[] = [];
  emitFullWidth(head, rows, opts, (line) => {
    if (pending.length === PRINT_LINES) {
      printLine(pending.join('\n'));
      pending = [];
    }
    pending.push(line);
  });
  printLine(pending.join('\n'));
}

/**
 * The lines of a table at full width (every column as wide as its widest cell, nothing left
 * out): the rows are read once to measure the columns and once more to lay them out, each cell
 * turned into its text again rather than kept.
 */
function emitFullWidth(head: string[], rows: Iterable<Cell[]>, opts: TableOptions, emit: (line: string) => void): void {
  const keepStyles = colorEnabled();
  head = head.map((h) => terminalText(h, { keepStyles }));
  const columns = head.length;
  const widths = head.map((h) => textWidth(h));
  for (const row of rows) {
    for (let i = 0; i < columns; i++) {
      cellText(row[i], keepStyles);
      if (cellMaxCols > widths[i]!) widths[i] = cellMaxCols;
    }
  }
  const aligns = head.map((_, i): Align => opts.align?.[i] ?? 'left');
  const wrap = new Set(opts.wrap ?? []);
  const wraps = head.map((_, i) => wrap.has(i));
  emitHead(head, widths, aligns, emit);
  const texts: string[] = new Array(columns);
  const cols = new Int32Array(columns);
  const cells: string[] = new Array(columns);
  for (const row of rows) {
    for (let i = 0; i < columns; i++) {
      texts[i] = cellText(row[i], keepStyles);
      cols[i] = cellCols;
    }
    emitRow(texts, cols, widths, aligns, wraps, cells, emit);
  }
}

/** Hands the lines of the table to `emit`, one by one (see `renderTable`). */
function emitTable(head: string[], rows: Cell[][], opts: TableOptions, emit: (line: string) => void): void {
  const max = opts.width === undefined ? tableWidth() : opts.width;
  if (max === null) return emitFullWidth(head, rows, opts, emit);
  // Control characters escaped before the widths are measured (styles kept only with colour).
  const keepStyles = colorEnabled();
  head = head.map((h) => terminalText(h, { keepStyles }));
  const columns = head.length;
  // Every cell as text, in one list (row by row), with its width, measured once: for fitting and for padding.
  const text: string[] = new Array(rows.length * columns);
  const cellWidth = new Int32Array(rows.length * columns);
  const natural = head.map((h) => textWidth(h));
  for (let r = 0, k = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let i = 0; i < columns; i++, k++) {
      text[k] = cellText(row[i], keepStyles);
      cellWidth[k] = cellCols;
      if (cellMaxCols > natural[i]!) natural[i] = cellMaxCols;
    }
  }
  const cellAt = (r: number, i: number) => text[r * columns + i]!;
  const widths = [...natural];
  const wrap = new Set(opts.wrap ?? []);
  const priority = opts.priority ?? head.map((_, i) => (i === 0 ? undefined : head.length - i));
  let shown = head.map((_, i) => i);
  const total = () => shown.reduce((sum, i) => sum + widths[i]!, 0) + GAP * (shown.length - 1);
  const hidden: string[] = [];

  // Shrinks the widest of `cols` one column at a time down to `floor` until the table fits.
  const squeeze = (cols: number[], floor: (i: number) => number) => {
    while (total() > max) {
      const widest = cols.filter((i) => shown.includes(i) && widths[i]! > floor(i)).sort((a, b) => widths[b]! - widths[a]!)[0];
      if (widest === undefined) return;
      widths[widest]!--;
    }
  };
  // Columns with nothing in them go first, then long text wraps, then the least important go.
  const isEmpty = head.map((_, i) => {
    for (let r = 0; r < rows.length; r++) if (cellAt(r, i) !== '—') return false;
    return true;
  });
  const empty = (i: number) => isEmpty[i]!;
  const droppable = shown.filter((i) => priority[i] !== undefined).sort((a, b) => Number(empty(b)) - Number(empty(a)) || priority[a]! - priority[b]! || b - a);
  while (total() > max && droppable.length > 0 && empty(droppable[0]!)) {
    const gone = droppable.shift()!;
    shown = shown.filter((i) => i !== gone);
    hidden.push(head[gone]!);
  }
  squeeze([...wrap], (i) => Math.min(natural[i]!, Math.max(MIN_WRAP, textWidth(head[i]!))));
  while (total() > max && droppable.length > 0) {
    const gone = droppable.shift()!;
    shown = shown.filter((i) => i !== gone);
    hidden.push(head[gone]!);
  }
  // Leaving a column out may free more room than the wrapped text needed to fit.
  for (const i of wrap) while (shown.includes(i) && widths[i]! < natural[i]! && total() < max) widths[i]!++;
  squeeze(shown, () => MIN_CELL);

  const aligns = shown.map((i): Align => opts.align?.[i] ?? 'left');
  const shownWidths = shown.map((i) => widths[i]!);
  const shownWraps = shown.map((i) => wrap.has(i));
  emitHead(
    shown.map((i) => head[i]!),
    shownWidths,
    aligns,
    emit,
  );
  const texts: string[] = new Array(shown.length);
  const cols = new Int32Array(shown.length);
  const cells: string[] = new Array(shown.length);
  for (let r = 0; r < rows.length; r++) {
    const base = r * columns;
    for (let j = 0; j < shown.length; j++) {
      texts[j] = text[base + shown[j]!]!;
      cols[j] = cellWidth[base + shown[j]!]!;
    }
    emitRow(texts, cols, shownWidths, aligns, shownWraps, cells, emit);
  }
  if (hidden.length > 0) writeStderr(`${wrapToTerminal(`(left out to fit the terminal: ${hidden.join(', ')}; --wide shows every column)`, ' ', max)}\n`);
}

/**
 * Wraps a line of prose to the width tables fit (unchanged when that is full width); lines after
 * the first start with `indent`.
 *
 * @example wrapToTerminal('Notes: a long note …', '  ')
 */
export function wrapToTerminal(text: string, indent = '', width: number | null = tableWidth()): string {
  if (width === null || textWidth(text) <= width) return text;
  const [first, ...rest] = wrapLines(text, Math.max(MIN_CELL, width - indent.length));
  return [first, ...rest.map((l) => indent + l)].join('\n');
}

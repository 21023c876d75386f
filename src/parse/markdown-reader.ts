/**
 * The shared reader under every legacy parser: marked's lexer gives the blocks (tables,
 * headings, paragraphs, lists, checkboxes); this file adds the 1-based source line of each
 * block and of each table row, which marked does not track. The rows of a long table are
 * read by a row scanner that splits cells as marked does (see `scanContinuedRows`).
 */
import { Lexer } from 'marked';
import type { Token, Tokens } from 'marked';
import { plural } from '../domain/plural.js';

/** A top-level block with the line it starts on. */
export interface Block {
  token: Token;
  line: number;
  /** A table that carries on the previous block's table (a long table read in pieces). */
  continued?: boolean;
}

export interface TableRow {
  line: number;
  /** Cell texts as marked read them (escaped pipes unescaped), trimmed. */
  cells: string[];
  /** How many cells the row really has (marked pads short rows and cuts long ones). */
  cellCount: number;
  /** Cells beyond the header's width, which marked drops. */
  extraCells: string[];
  /** The row as written. */
  raw: string;
}

export interface Table {
  line: number;
  header: string[];
  rows: TableRow[];
}

/**
 * Strips a BOM, turns CRLF/CR line ends into LF and tabs in table alignment rows into spaces
 * (GFM does not take `|\t---\t|` as one); line numbers are unchanged. A part of a text that
 * is not its first (`first: false`) keeps a leading U+FEFF, as the whole text would.
 */
export function normaliseSource(text: string, opts: { first?: boolean } = {}): string {
  let t = opts.first !== false && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
  if (t.includes('\t')) t = untabDelimiterRows(t);
  return t;
}

/** Replaces the tabs of alignment rows by spaces, looking only at the lines that hold a tab. */
function untabDelimiterRows(t: string): string {
  let out = '';
  let done = 0;
  for (let tab = t.indexOf('\t'); tab !== -1; ) {
    const start = t.lastIndexOf('\n', tab) + 1;
    let end = t.indexOf('\n', tab);
    if (end === -1) end = t.length;
    const line = t.slice(start, end);
    if (isDelimiterRow(line)) {
      out += t.slice(done, start) + line.replace(/\t/g, ' ');
      done = end;
    }
    tab = t.indexOf('\t', end);
  }
  return done === 0 ? t : out + t.slice(done);
}

/**
 * True when a line is a table's alignment row (`| --- | :-: |`, `---|---`), tabs allowed.
 * A scan, not a regular expression, so a long line costs its length once.
 *
 * @example isDelimiterRow('|\t:---\t|\t---\t|') → true
 */
export function isDelimiterRow(line: string): boolean {
  const space = (c: string | undefined) => c === ' ' || c === '\t';
  let i = 0;
  let n = line.length;
  while (i < n && space(line[i])) i++;
  while (n > i && space(line[n - 1])) n--;
  let piped = false;
  if (line[i] === '|') {
    i++;
    piped = true;
  }
  if (n > i && line[n - 1] === '|') {
    n--;
    piped = true;
  }
  let cells = 0;
  for (;;) {
    while (i < n && space(line[i])) i++;
    if (line[i] === ':') i++;
    const dashStart = i;
    while (i < n && line[i] === '-') i++;
    if (i === dashStart) return false;
    if (i < n && line[i] === ':') i++;
    while (i < n && space(line[i])) i++;
    cells++;
    if (i >= n) break;
    if (line[i] !== '|') return false;
    i++;
  }
  return piped || cells > 1;
}

/**
 * Lexes markdown into top-level blocks with their starting lines (`inline: true` also lexes
 * emphasis, links and checkboxes' text into inline tokens).
 *
 * @example lexBlocks('# T\n\n| a |\n| - |\n| 1 |')[1] → { token: { type: 'table', … }, line: 3 }
 */
export function lexBlocks(text: string, opts: { inline?: boolean } = {}): Block[] {
  const src = normaliseSource(text);
  let tokens: Token[];
  try {
    // Inline tokens (emphasis inside cells) cost a third of the time on big tables and the table
    // logs only need the cells' text, so they are lexed only on request.
    tokens = opts.inline ? Lexer.lex(src, { gfm: true }) : new Lexer({ gfm: true }).blockTokens(src, []);
  } catch {
    // marked should never throw on text, but a file is not worth a crash: treat it as one paragraph.
    tokens = [{ type: 'paragraph', raw: src, text: src, tokens: [] } as Tokens.Paragraph];
  }
  const blocks: Block[] = [];
  let line = 1;
  let pos = 0;
  for (const token of tokens) {
    // The lexer moves on by the length of each block's raw, but a quote with lazy lines under
    // deep nesting gets a raw of that length whose lines are not the source's: the block is
    // given its text as written, so that lines are counted on the file itself.
    if (!src.startsWith(token.raw, pos)) token.raw = src.slice(pos, pos + token.raw.length);
    pos += token.raw.length;
    // A block's raw may start with blank lines that belong to it; its line is the first non-blank one.
    const lead = /^(?:[ \t]*\n)*/.exec(token.raw)?.[0] ?? '';
    blocks.push({ token, line: line + countNewlines(lead) });
    line += countNewlines(token.raw);
  }
  return blocks;
}

const isPipeLine = (l: string | undefined) => l !== undefined && l.trimStart().startsWith('|');

/**
 * Lexes markdown block by block, reading a long table in pieces of about `pieceLines` lines so
 * that memory stays flat on files of years of daily rows. A piece is cut only between two rows
 * of a table; the next piece is lexed with that table's header and alignment lines put back in
 * front, and its table is flagged `continued`. Lines are those of the original text.
 *
 * The text may come as one string or as consecutive parts, each ending at a line end (a file
 * read as it goes): only the lines not yet lexed are held.
 *
 * @example for (const block of iterateBlocks(text)) …
 */
export function* iterateBlocks(text: string | Iterable<string>, opts: { pieceLines?: number; minChars?: number; scanRows?: boolean } = {}): Generator<Block> {
  const pieceLines = opts.pieceLines ?? 1000;
  const parts = typeof text === 'string' ? null : text[Symbol.iterator]();
  let src = typeof text === 'string' ? normaliseSource(text) : '';
  let exhausted = parts === null;
  let firstPart = true;
  /** Appends the next part to what is held; false when there is none. */
  const more = (): boolean => {
    if (exhausted) return false;
    const next = parts!.next();
    if (next.done) {
      exhausted = true;
      return false;
    }
    src += normaliseSource(next.value, { first: firstPart });
    firstPart = false;
    return true;
  };
  const minChars = opts.minChars ?? 200_000;
  while (src.length < minChars && more());
  if (exhausted && src.length < minChars) {
    yield* lexBlocks(src);
    return;
  }
  const lineAt = (from: number) => {
    const end = nextLine(from);
    return src.slice(from, end > from && src.charCodeAt(end - 1) === 10 ? end - 1 : end);
  };
  const nextLine = (from: number) => {
    for (;;) {
      const nl = src.indexOf('\n', from);
      if (nl !== -1) return nl + 1;
      if (!more()) return src.length;
    }
  };
  let pos = 0;
  let line = 1;
  let header: string | null = null;
  while (pos < src.length || more()) {
    // Walk `pieceLines` lines, then on until the cut falls between two table rows (or the end).
    let end = pos;
    let lines = 0;
    let prev2 = -1;
    let prev1 = -1;
    while (end < src.length || more()) {
      if (lines >= pieceLines && prev2 >= 0) {
        const [a, b, c] = [lineAt(prev2), lineAt(prev1), lineAt(end)];
        if (isPipeLine(a) && isPipeLine(b) && isPipeLine(c) && !isDelimiterRow(b) && !isDelimiterRow(c)) break;
      }
      prev2 = prev1;
      prev1 = end;
      end = nextLine(end);
      lines++;
    }
    const piece = src.slice(pos, end);
    let last: Block | undefined;
    // A piece that carries a table on is read by the row scanner, as far as it can be sure of it.
    const scanned: ReturnType<typeof scanContinuedRows> = header !== null && opts.scanRows !== false ? scanContinuedRows(header, piece) : null;
    if (scanned) {
      last = { token: scanned.table, line: line - 2, continued: true };
      yield last;
      for (const b of lexBlocks(piece.slice(scanned.length))) {
        last = { token: b.token, line: b.line + line - 1 + scanned.lines };
        yield last;
      }
    } else {
      const prefixLines = header === null ? 0 : 2;
      const blocks = lexBlocks((header ?? '') + piece);
      for (const [i, b] of blocks.entries()) {
        const shifted: Block = { token: b.token, line: b.line + line - 1 - prefixLines };
        if (i === 0 && header !== null && b.token.type === 'table') shifted.continued = true;
        last = shifted;
        yield shifted;
      }
    }
    // A piece ends inside a table: the next piece gets that table's header and alignment lines.
    header = (end < src.length || more()) && last?.token.type === 'table' ? last.token.raw.replace(/^(?:[ \t]*\n)*/, '').split('\n', 2).join('\n') + '\n' : null;
    line += lines;
    if (parts) {
      // Read in parts: what was lexed is let go.
      src = src.slice(end);
      pos = 0;
    } else pos = end;
  }
}

/**
 * Reads the rows at the start of a piece that carries on a table (`header` is the table's
 * header and alignment lines) without the lexer, into the table marked would make of
 * `header + piece`. Only lines that start with `|` (after up to three spaces) are taken, and
 * only when they run to the end of the piece or to a blank line (where the lexer then takes
 * over); anything else returns null, for the lexer to read the whole piece.
 */
function scanContinuedRows(header: string, piece: string): { table: Tokens.Table; length: number; lines: number } | null {
  // The lexer's lines end at U+2028/U+2029 too: such a piece is left to it.
  if (/[\u2028\u2029]/.test(piece)) return null;
  const [headerLine = '', delimiterLine = ''] = header.split('\n', 2);
  const headerCells = splitTableRow(headerLine);
  const aligns = delimiterLine.replace(/^\||\| *$/g, '').split('|');
  if (headerCells.length !== aligns.length) return null;
  const align = aligns.map((a): 'left' | 'right' | 'center' | null => {
    const t = a.trim();
    const left = t.startsWith(':');
    const right = t.endsWith(':');
    return left && right ? 'center' : right ? 'right' : left ? 'left' : null;
  });
  const rows: Tokens.TableCell[][] = [];
  let pos = 0;
  while (pos < piece.length) {
    let end = piece.indexOf('\n', pos);
    if (end === -1) end = piece.length;
    let i = pos;
    while (i < end && i - pos < 3 && piece.charCodeAt(i) === 32) i++;
    if (piece.charCodeAt(i) !== 124) {
      // A line of spaces ends the table for the lexer too; any other line is the lexer's to read.
      if (/^ *$/.test(piece.slice(pos, end))) break;
      return null;
    }
    rows.push(splitTableRow(piece.slice(pos, end), headerCells.length).map((text, k) => ({ text, tokens: [], header: false, align: align[k] ?? null })));
    pos = end + 1;
  }
  if (rows.length === 0) return null;
  // Like the lexer's table, take the empty lines after the rows (not those holding spaces).
  let lines = rows.length;
  for (; pos < piece.length && piece.charCodeAt(pos) === 10; pos++) lines++;
  const length = Math.min(pos, piece.length);
  const table: Tokens.Table = {
    type: 'table',
    raw: header + piece.slice(0, length),
    header: headerCells.map((text, k) => ({ text, tokens: [], header: true, align: align[k] ?? null })),
    align,
    rows,
  };
  return { table, length, lines };
}

/**
 * Splits a GFM table row into its cells exactly as marked does: a `|` after an odd number of
 * backslashes is text (`\|` becomes `|`), code spans and emphasis split like any text, empty
 * outer cells (the optional leading and trailing pipes) are dropped, and with `width` the
 * row is cut or padded with empty cells to it.
 *
 * @example splitTableRow('| a | `b \\| c` | |', 3) → ['a', '`b | c`', '']
 */
export function splitTableRow(row: string, width?: number): string[] {
  const cells: string[] = [];
  let start = 0;
  for (let i = row.indexOf('|'); i !== -1; i = row.indexOf('|', i + 1)) {
    let slashes = 0;
    for (let j = i - 1; j >= 0 && row.charCodeAt(j) === 92; j--) slashes++;
    if (slashes % 2 === 1) continue;
    cells.push(row.slice(start, i));
    start = i + 1;
  }
  cells.push(row.slice(start));
  if (cells[0]!.trim() === '') cells.shift();
  if (cells.length > 0 && cells[cells.length - 1]!.trim() === '') cells.pop();
  if (width !== undefined) {
    if (cells.length > width) cells.length = width;
    else while (cells.length < width) cells.push('');
  }
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k]!.trim();
    cells[k] = c.includes('\\|') ? c.replace(/\\\|/g, '|') : c;
  }
  return cells;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Splits a table row as written into its cells, the way GFM does (a `\|` is not a border).
 *
 * @example splitRawCells('| a | b \\| c |') → ['a', 'b | c']
 */
export function splitRawCells(raw: string): string[] {
  let row = raw.trim();
  if (row.startsWith('|')) row = row.slice(1);
  if (row.endsWith('|') && !row.endsWith('\\|')) row = row.slice(0, -1);
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < row.length; i++) {
    const ch = row[i]!;
    if (ch === '\\' && row[i + 1] === '|') {
      current += '|';
      i++;
    } else if (ch === '|') {
      cells.push(current.trim());
      current = '';
    } else current += ch;
  }
  cells.push(current.trim());
  return cells;
}

/** How many cells a row as written has (the same count `splitRawCells` gives, without building them). */
export function countRawCells(raw: string): number {
  let start = 0;
  let end = raw.length;
  while (start < end && (raw[start] === ' ' || raw[start] === '\t')) start++;
  while (end > start && (raw[end - 1] === ' ' || raw[end - 1] === '\t')) end--;
  if (raw[start] === '|') start++;
  if (end > start && raw[end - 1] === '|' && raw[end - 2] !== '\\') end--;
  let n = 1;
  for (let i = raw.indexOf('|', start); i !== -1 && i < end; i = raw.indexOf('|', i + 1)) if (raw[i - 1] !== '\\') n++;
  return n;
}

/** True when a line as written is a table row (it starts with `|`) and not an alignment row. */
export function isRowLine(line: string): boolean {
  let i = 0;
  while (line[i] === ' ' || line[i] === '\t') i++;
  return line[i] === '|' && !isDelimiterRow(line);
}

/** True when a line as written is an ATX heading (`# Title`, `### 2024`). */
export function isHeadingLine(line: string): boolean {
  return /^ {0,3}#{1,6}(?:[ \t]|$)/.test(line);
}

/**
 * A row written apart from its table (after a blank line, a heading or a comment), read the
 * way `tableOf` reads rows.
 */
export function rowOfLine(raw: string, line: number, headerWidth: number): TableRow {
  const all = splitRawCells(raw);
  return { line, cells: all.slice(0, headerWidth), cellCount: all.length, extraCells: all.length > headerWidth ? all.slice(headerWidth) : [], raw };
}

/** The lines of a block as written, each with its 1-based line number. */
export function blockLines(block: Block): Array<{ line: number; text: string }> {
  const lead = /^(?:[ \t]*\n)*/.exec(block.token.raw)?.[0] ?? '';
  const body = block.token.raw.slice(lead.length).replace(/\n$/, '');
  return body.split('\n').map((text, i) => ({ line: block.line + i, text }));
}

/** The table of a `table` block, with a line per row. */
export function tableOf(block: Block): Table {
  const token = block.token as Tokens.Table;
  const rawLines = token.raw.replace(/^(?:[ \t]*\n)*/, '').split('\n');
  const header = token.header.map((c) => unescapePipes(c.text).trim());
  const rows: TableRow[] = token.rows.map((cells, i) => {
    const raw = rawLines[i + 2] ?? '';
    const cellCount = countRawCells(raw);
    return {
      line: block.line + 2 + i,
      cells: cells.map((c) => (c.text.includes('\\|') ? unescapePipes(c.text).trim() : c.text.trim())),
      cellCount,
      extraCells: cellCount > header.length ? splitRawCells(raw).slice(header.length) : [],
      raw,
    };
  });
  return { line: block.line, header, rows };
}

function unescapePipes(s: string): string {
  return s.replace(/\\\|/g, '|');
}

/** Plain text of inline tokens, without emphasis markers. @example `**Protein first:** 180 g` → `Protein first: 180 g` */
export function plainText(tokens: Token[] | undefined, fallback = ''): string {
  if (!tokens || tokens.length === 0) return fallback;
  let out = '';
  for (const t of tokens) {
    const inner = (t as { tokens?: Token[] }).tokens;
    if (t.type === 'br') out += ' ';
    else if (t.type === 'list') continue;
    else if (inner && inner.length > 0) out += plainText(inner);
    else if ('text' in t && typeof t.text === 'string') out += t.text;
    else out += t.raw;
  }
  return out;
}

/** A short description of a block for "skipped" messages. */
export function describeBlock(token: Token): string {
  switch (token.type) {
    case 'heading':
      return `heading "${clip((token as Tokens.Heading).text)}"`;
    case 'paragraph':
      return `text "${clip((token as Tokens.Paragraph).text)}"`;
    case 'list':
      return `a list of ${plural((token as Tokens.List).items.length, 'item')}`;
    case 'code':
      return 'a code block';
    case 'blockquote':
      return 'a quote';
    case 'html':
      return 'HTML';
    default:
      return `a ${token.type} block`;
  }
}

/** Shortens text for a message. */
export function clip(text: string, max = 40): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** Blocks that carry nothing: blank space and `---` separators. */
export function isBlank(token: Token): boolean {
  return token.type === 'space' || token.type === 'hr' || (token.raw.trim() === '' && token.type !== 'table');
}

/** Only this much of a line is read: no log line is longer, and the lexer's cost grows with them. */
export const MAX_LINE_CHARS = 20_000;
/** Quote and list levels deeper than this are read as plain text (the lexer recurses per level). */
export const MAX_NESTING_LEVELS = 32;
const MAX_PREFIX_CHARS = 128;

export interface GuardedLine {
  line: number;
  /** `nul`: the line held a NUL byte; `long`: over MAX_LINE_CHARS; `nesting`: nested too deep. */
  reason: 'nul' | 'long' | 'nesting';
}

/**
 * Makes a file safe to lex, line by line, without moving any line: NUL bytes are removed, a
 * line longer than MAX_LINE_CHARS is cut there, and a line nested deeper than
 * MAX_NESTING_LEVELS loses its quote and list markers.
 * Returns the lines it touched, for the caller to report.
 *
 * @example guardSource('| a |\n| 1\0 |').lines → [{ line: 2, reason: 'nul' }]
 */
export function guardSource(text: string): { text: string; lines: GuardedLine[] } {
  const lines: GuardedLine[] = [];
  let out = '';
  let done = 0;
  let line = 1;
  let nul = text.indexOf('\0');
  for (let start = 0; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let replacement: string | null = null;
    if (end - start > MAX_LINE_CHARS) {
      replacement = text.slice(start, start + MAX_LINE_CHARS);
      lines.push({ line, reason: 'long' });
    } else {
      const c = text.charCodeAt(start);
      // Only lines that start with whitespace, `>` or a list marker can nest.
      if (c === 32 || c === 9 || c === 62 || c === 45 || c === 42 || c === 43 || (c >= 48 && c <= 57)) {
        const prefix = nestingPrefix(text, start, end);
        if (prefix > 0) {
          replacement = text.slice(start + prefix, end);
          lines.push({ line, reason: 'nesting' });
        }
      }
    }
    if (nul !== -1 && nul < end) {
      if (replacement === null) {
        replacement = text.slice(start, end).replace(/\0/g, '');
        lines.push({ line, reason: 'nul' });
      } else replacement = replacement.replace(/\0/g, '');
      nul = text.indexOf('\0', end);
    }
    if (replacement !== null) {
      out += text.slice(done, start) + replacement;
      done = end;
    }
    start = end + 1;
  }
  return { text: done === 0 ? text : out + text.slice(done), lines };
}

/** The length of a line's quote/list prefix when it is nested too deep, else 0. */
function nestingPrefix(text: string, start: number, end: number): number {
  let levels = 0;
  let deep = false;
  let j = start;
  while (j < end) {
    const c = text[j]!;
    let marker = 0;
    if (c === ' ' || c === '\t') {
      j++;
      continue;
    }
    if (c === '>') marker = 1;
    else if ((c === '-' || c === '*' || c === '+') && (text[j + 1] === ' ' || text[j + 1] === '\t')) marker = 2;
    else if (c >= '0' && c <= '9') {
      let k = j;
      while (k < end && k - j < 9 && text[k]! >= '0' && text[k]! <= '9') k++;
      if ((text[k] === '.' || text[k] === ')') && (text[k + 1] === ' ' || text[k + 1] === '\t')) marker = k + 2 - j;
    }
    if (marker === 0) break;
    levels++;
    j += marker;
    if (levels > MAX_NESTING_LEVELS || j - start > MAX_PREFIX_CHARS) deep = true;
  }
  return deep ? j - start : 0;
}

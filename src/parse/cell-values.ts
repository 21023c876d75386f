/**
 * Reading the values people typed into legacy table cells: empty markers, decorated numbers
 * (`~240`, `**238.0**`, `29.1%`, `240.2 lbs`), dates in the forms the logs use, header names
 * with units, and mapping a row's cells to its header by name.
 */

import { slashMonthDay } from '../domain/dates.js';
import type { SlashDateOrder } from '../domain/dates.js';

const EMPTY_MARKERS = new Set(['', 'none', 'n/a', 'na', '-', '—', '–', '?', 'tbd', 'null', '--']);

/** Removes markdown emphasis around a cell value. @example stripEmphasis('**238.0**') → '238.0' */
export function stripEmphasis(text: string): string {
  if (!text.includes('*') && !text.includes('_')) return text.trim();
  return text
    .replace(/\*\*|__/g, '')
    .replace(/^[*_](.*)[*_]$/, '$1')
    .trim();
}

/** True when a cell means "not measured": the one list of empty markers, for every table cell and the set/rep grammar. @example isEmptyCell('--') → true */
export function isEmptyCell(text: string): boolean {
  // Fast path: a cell that starts with a digit is never an empty marker.
  const c = text.charCodeAt(0);
  if (c >= 48 && c <= 57) return false;
  return EMPTY_MARKERS.has(stripEmphasis(text).toLowerCase());
}

export type CellNumber = { kind: 'empty' } | { kind: 'number'; value: number; unit: string | null; remark?: string } | { kind: 'bad' };

const PLAIN_NUMBER_RE = /^([+-]?\d+(?:\.\d+)?|[+-]?\.\d+)\s*([a-z%"#]+\.?)?$/i;
const RANGE_RE = /^(\d+(?:\.\d+)?)\s*(?:-|–|—|to)\s*(\d+(?:\.\d+)?)\s*([a-z%"#]+\.?)?$/i;

/**
 * Reads a decorated number with an optional unit after it: `~240`, `240.2 lbs`, `82,4`,
 * `1 200`, `1,200`, `900ish`, `approx 600`; a range (`450-500`) reads as its midpoint and a
 * trailing remark (`82.4 (after dinner)`) is cut off, each returned as `remark` for the notes.
 *
 * @example readNumber('~240.2 lbs') → { kind: 'number', value: 240.2, unit: 'lbs' }
 */
export function readNumber(text: string): CellNumber {
  if (isEmptyCell(text)) return { kind: 'empty' };
  let t = stripEmphasis(text)
    .replace(/^(?:~|≈|approx\.?|about|ca\.?|circa)\s*/i, '')
    .trim();
  t = t.replace(/^(\d{1,3}(?:,\d{3})+)(?=\D|$)/, (m) => m.replace(/,/g, ''));
  // `900ish`: an approximation, like `~900`.
  if (t.length > 3 && t.slice(-3).toLowerCase() === 'ish') t = t.slice(0, -3).replace(/-$/, '').trimEnd();
  const m = PLAIN_NUMBER_RE.exec(t);
  if (m) return numberOf(m[1]!, m[2]);
  return readDecoratedNumber(t);
}

function numberOf(digits: string, unit: string | undefined, remark?: string): CellNumber {
  const value = Number(digits);
  if (!Number.isFinite(value)) return { kind: 'bad' };
  const out: CellNumber = { kind: 'number', value, unit: unit ? unit.replace(/\.$/, '') : null };
  if (remark) out.remark = remark;
  return out;
}

/** The forms of hand-kept logs beyond a plain number: tried only when the plain form fails. */
function readDecoratedNumber(text: string): CellNumber {
  let t = text;
  let remark: string | undefined;
  if (t.endsWith(')') && t.length <= 200) {
    const open = t.lastIndexOf('(');
    if (open > 0) {
      remark = t.slice(open + 1, -1).trim() || undefined;
      t = t.slice(0, open).trim();
    }
  }
  t = t.replace(/^(\d{1,3}(?:[ \u00a0\u202f]\d{3})+)(?=\D|$)/, (m) => m.replace(/[ \u00a0\u202f]/g, ''));
  // `82,4`: a decimal comma (three digits after a comma are thousands, read above).
  t = t.replace(/^(\d+),(\d{1,2})(?!\d)/, '$1.$2');
  const m = PLAIN_NUMBER_RE.exec(t);
  if (m) return numberOf(m[1]!, m[2], remark);
  const range = RANGE_RE.exec(t);
  if (range && Number(range[1]) < Number(range[2])) {
    const mid = (Number(range[1]) + Number(range[2])) / 2;
    return numberOf(String(mid), range[3], [`range ${range[1]}–${range[2]}${range[3] ? ` ${range[3]}` : ''}`, remark].filter(Boolean).join('; '));
  }
  return { kind: 'bad' };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A date in any of the forms the legacy logs use, as a regular expression source (for headings). */
export const DATE_PATTERN = String.raw`(?:\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\.\d{1,2}\.\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?\s{1,3}\d{1,2}(?:st|nd|rd|th)?,?\s{1,3}\d{4}|\d{1,2}(?:st|nd|rd|th)?\s{1,3}(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?,?\s{1,3}\d{4})`;

/** A weekday name or its abbreviation (`Tue`, `Wed.`, `Saturday`), as a regular expression source. */
export const WEEKDAY = String.raw`(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|urday|sday)?\.?`;
const LEADING_WEEKDAY_RE = new RegExp(String.raw`^${WEEKDAY},?\s+`);
const TRAILING_WEEKDAY_RE = new RegExp(String.raw`,?\s*\(?${WEEKDAY}\)?$`);
/** `2024-03-22T07:30`, `2024-03-22 07:30`: the time is dropped. */
const TIME_RE = /(?:t|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?$/;

/** Options for reading dates. */
export interface DateReadOptions {
  /** The order of day and month in slash dates; default the command line's (month first). */
  slashOrder?: SlashDateOrder;
}

/**
 * Reads a date as the logs write it: `2025-03-07`, `2025-3-7`, `03/10/2025` and `3/17/24`
 * (the command line's slash order), `17.03.2024`, `Mar 17, 2025`, `15 Mar 2024`, with a weekday
 * before or after (`Tue 2024-03-12`, `2024-03-18 (Mon)`) or a time after (`2024-03-22T07:30`).
 * Returns `YYYY-MM-DD`, or null when it is not a real date.
 *
 * @example readLegacyDate('03/10/2025') → '2025-03-10'
 */
export function readLegacyDate(text: string, options: DateReadOptions = {}): string | null {
  const iso = isoDate(text);
  if (iso !== undefined) return iso;
  let t = stripEmphasis(text).trim().toLowerCase();
  if (t.length > 40) return null;
  let y: number;
  let mo: number;
  let d: number;
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t);
  if (!m) {
    // The plain forms first: the decorated ones cost a few more tests.
    t = t.replace(LEADING_WEEKDAY_RE, '').replace(TRAILING_WEEKDAY_RE, '').replace(TIME_RE, '').trim();
    m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  }
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/.exec(t))) {
    const md = slashMonthDay(Number(m[1]), Number(m[2]), options.slashOrder);
    [mo, d, y] = [md.month, md.day, fullYear(m[3]!)];
  } else if ((m = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/.exec(t))) [d, mo, y] = [Number(m[1]), Number(m[2]), fullYear(m[3]!)];
  else if ((m = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(t))) {
    const idx = MONTHS.indexOf(m[1]!.slice(0, 3));
    if (idx < 0) return null;
    [y, mo, d] = [Number(m[3]), idx + 1, Number(m[2])];
  } else if ((m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{4})$/.exec(t))) {
    const idx = MONTHS.indexOf(m[2]!.slice(0, 3));
    if (idx < 0) return null;
    [y, mo, d] = [Number(m[3]), idx + 1, Number(m[1])];
  } else return null;
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return null;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The common case of `readLegacyDate` without a regular expression: a cell that is exactly
 * `YYYY-MM-DD` is itself or null (no such day, or out of range); undefined for any other text.
 */
function isoDate(text: string): string | null | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const digit = (i: number) => {
    const c = text.charCodeAt(i) - 48;
    return c >= 0 && c <= 9 ? c : NaN;
  };
  const y = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const mo = digit(5) * 10 + digit(6);
  const d = digit(8) * 10 + digit(9);
  if (Number.isNaN(y + mo + d)) return undefined;
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1]!) ? text : null;
}

/** A two-digit year is this century's up to 69, else the last one's. @example fullYear('24') → 2024 */
function fullYear(text: string): number {
  const n = Number(text);
  return text.length === 2 ? (n < 70 ? 2000 + n : 1900 + n) : n;
}

const DITTO = new Set(['"', '""', '〃', '”', '“', '″', 'same', 'ditto', 'do.', 'same day', '^']);

/** True when a date cell means "the row above's date": empty or a ditto mark. @example isDittoDate('〃') → true */
export function isDittoDate(text: string): boolean {
  const t = stripEmphasis(text).trim().toLowerCase();
  return t === '' || DITTO.has(t);
}

const DATE_IN_TEXT_RE = new RegExp(String.raw`(?:\b${WEEKDAY},?\s{1,3})?${DATE_PATTERN}`, 'i');

/** The first date in a text (a heading), or null. @example dateInText('Tue 2024-03-12: Legs') → '2024-03-12' */
export function dateInText(text: string): string | null {
  const m = DATE_IN_TEXT_RE.exec(text.slice(0, 300));
  return m ? readLegacyDate(m[0]) : null;
}

/**
 * The date of a row: its Date cell, or the row above's date when the cell is blank or a ditto.
 *
 * @example readRowDate('same', '2024-03-12') → '2024-03-12'
 */
export function readRowDate(text: string, dateAbove: string | null, options: DateReadOptions = {}): string | null {
  // A cell that starts with a digit is never a ditto mark.
  const c = text.charCodeAt(0);
  const digit = c >= 48 && c <= 57;
  return dateAbove !== null && !digit && isDittoDate(text) ? dateAbove : readLegacyDate(text, options);
}

/** Units a header may name after its label without brackets (`Load kg`, `Sleep hrs`, `Weight in lb`). */
const HEADER_UNIT_WORDS = new Set(['kg', 'kgs', 'kilos', 'lb', 'lbs', 'pounds', 'cm', 'mm', 'in', 'inch', 'inches', 'bpm', 'h', 'hrs', 'hours', 'min', 'mins', 'minutes', 's', 'sec', 'secs', 'seconds', 'g', 'mg', 'ml', 'kcal', 'km', 'mi', 'miles', 'm']);

/**
 * A header cell split into a lower-case name and the unit in it: in brackets (`Weight (lbs)`,
 * `Load [kg]`) or as a last word (`Load kg`, `Sleep hrs`, `Weight in lb`).
 *
 * @example readHeader('Weight (lbs)') → { name: 'weight', unit: 'lbs' }
 */
export function readHeader(text: string): { name: string; unit: string | null } {
  let t = stripEmphasis(text).toLowerCase().trim();
  let unit: string | null = null;
  const paren = /[([]([^()[\]]*)[)\]]\s*$/.exec(t);
  if (paren) {
    unit = paren[1]!.trim().replace(/\.$/, '') || null;
    t = t.slice(0, paren.index).trim();
  } else {
    const cut = Math.max(t.lastIndexOf(' '), t.lastIndexOf(','));
    if (cut > 0 && HEADER_UNIT_WORDS.has(t.slice(cut + 1))) {
      unit = t.slice(cut + 1);
      t = t.slice(0, cut).replace(/[\s,]+$/, '');
      if (t.endsWith(' in')) t = t.slice(0, -3).trimEnd();
    }
  }
  if (t.endsWith('%')) {
    unit = unit ?? '%';
    t = t.slice(0, -1).trim();
  }
  return { name: t.replace(/\s+/g, ' '), unit };
}

/** Column roles a parser looks for, each with the header names that mean it. */
export type ColumnAliases<R extends string> = Record<R, RegExp>;

export interface ColumnMap<R extends string> {
  /** The column index of each role found in the header. */
  index: Partial<Record<R, number>>;
  /** The unit written in each role's header. */
  unit: Partial<Record<R, string | null>>;
  /** Header names that matched no role (their values go to the notes). */
  unknown: Array<{ index: number; name: string }>;
  header: string[];
}

const columnMaps = new WeakMap<string[], WeakMap<object, ColumnMap<string>>>();

/** Maps header cells to roles by name (remembered per header array, since every row asks). */
export function mapColumns<R extends string>(header: string[], aliases: ColumnAliases<R>): ColumnMap<R> {
  let byAliases = columnMaps.get(header);
  if (!byAliases) columnMaps.set(header, (byAliases = new WeakMap()));
  const known = byAliases.get(aliases);
  if (known) return known as ColumnMap<R>;
  const map = buildColumnMap(header, aliases);
  byAliases.set(aliases, map as ColumnMap<string>);
  return map;
}

function buildColumnMap<R extends string>(header: string[], aliases: ColumnAliases<R>): ColumnMap<R> {
  const map: ColumnMap<R> = { index: {}, unit: {}, unknown: [], header };
  header.forEach((cell, i) => {
    const h = readHeader(cell);
    const full = stripEmphasis(cell).toLowerCase().trim();
    const role = (Object.keys(aliases) as R[]).find((r) => aliases[r].test(h.name) || aliases[r].test(full));
    if (role !== undefined && map.index[role] === undefined) {
      map.index[role] = i;
      map.unit[role] = h.unit;
    } else map.unknown.push({ index: i, name: cell.trim() });
  });
  return map;
}

/**
 * The cells of a row by column index, in place (missing trailing cells are empty). Only a row
 * of exactly `oldRowWidth` cells under a wider header ending in Notes (a row written before
 * columns were added) keeps its leading cells in place and puts its last cell in the Notes.
 *
 * @example cellsByColumn(['2025-03-03', '241', '29', 'first'], 4, 6, 5, 4) → ['2025-03-03', '241', '29', '', '', 'first']
 */
export function cellsByColumn(cells: string[], cellCount: number, headerWidth: number, notesIndex: number | undefined, oldRowWidth?: number): string[] {
  if (oldRowWidth === undefined || cellCount !== oldRowWidth || cellCount >= headerWidth || notesIndex === undefined || notesIndex !== headerWidth - 1) {
    return cells.slice(0, headerWidth);
  }
  const out = new Array<string>(headerWidth).fill('');
  for (let i = 0; i < cellCount - 1; i++) out[i] = cells[i] ?? '';
  out[notesIndex] = cells[cellCount - 1] ?? '';
  return out;
}

/** A cell as text, or null when it is one of the empty markers. */
export function textOrNull(text: string | undefined): string | null {
  if (text === undefined) return null;
  const t = text.trim();
  return t === '' || isEmptyCell(t) ? null : t;
}

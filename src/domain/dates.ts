/**
 * Calendar dates as fittrack stores them: `YYYY-MM-DD` strings in the user's local time zone.
 */
import { UsageError } from '../errors.js';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Formats a Date as its local calendar day. @example toIsoDate(new Date(2025, 2, 4)) → '2025-03-04' */
export function toIsoDate(d: Date): string {
  const mm = String(d.getMonth() + 1).padStart(2, '0');
  const dd = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${mm}-${dd}`;
}

/** Today's local calendar day. */
export function today(now: Date = new Date()): string {
  return toIsoDate(now);
}

/** Adds days to a `YYYY-MM-DD` date. @example addDays('2025-03-01', -1) → '2025-02-28' */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return toIsoDate(new Date(y, m - 1, d + days));
}

/** The day number of a `YYYY-MM-DD` date: whole days since 1970-01-01. @example epochDay('1970-01-11') → 10 */
export function epochDay(isoDate: string): number {
  // Lists read one date per row: the usual form is read without splitting.
  if (isoDate.length === 10 && isoDate.charCodeAt(4) === 45 && isoDate.charCodeAt(7) === 45) {
    return Math.round(Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) / 86_400_000);
  }
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

/** Whole days from `a` to `b`. @example daysBetween('2025-03-01', '2025-03-08') → 7 */
export function daysBetween(a: string, b: string): number {
  return epochDay(b) - epochDay(a);
}

/** True when the text is a real calendar date in `YYYY-MM-DD` form. @example isIsoDate('2025-02-30') → false */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** Which way round a slash date's first two numbers go: `dmy` 02/03/2025 = 2 March, `mdy` = 3 February. */
export type DateOrder = 'dmy' | 'mdy';
export const DATE_ORDERS: readonly DateOrder[] = ['dmy', 'mdy'];

let dateOrderSource: () => DateOrder | null = () => null;

/**
 * Where `parseDateInput` finds the user's date order when it meets an ambiguous slash date
 * (called only then). Set once by the CLI.
 *
 * @example setDateOrderSource(() => 'dmy')
 */
export function setDateOrderSource(source: () => DateOrder | null): void {
  dateOrderSource = source;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function isoOf(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The last `month`/`day` on or before `base` (or, looking `forward`, the first on or after it). */
function nearestYear(month: number, day: number, base: string, forward: boolean): string | null {
  const year = Number(base.slice(0, 4));
  for (let k = 0; k <= 8; k++) {
    const iso = isoOf(forward ? year + k : year - k, month, day);
    if (isIsoDate(iso) && (forward ? iso >= base : iso <= base)) return iso;
  }
  return null;
}

const FORMS_HINT = 'use YYYY-MM-DD, today, yesterday, monday, last monday, "3 days ago", -2d, "4 March" or a slash date like 13/02/2025';

/**
 * Reads a slash (or dot) date: `13/02/2025`, `2/13/25`, `02/03` (no year: the most recent
 * past one). When both numbers could be the month, the user's date order decides, and
 * without one the date is refused. Returns null when the text is not of this form.
 */
function parseSlashDate(text: string, t: string, field: string, base: string, forward: boolean, order: DateOrder | undefined): string | null {
  const m = /^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}|\d{2}))?$/.exec(t);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  const year = m[3] === undefined ? null : m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  let dmy: boolean;
  if (a === b || (a > 12 && b <= 12)) dmy = true;
  else if (b > 12 && a <= 12) dmy = false;
  else if (a > 12 && b > 12) throw new UsageError(`${field}: "${text}" is not a calendar date`, FORMS_HINT);
  else {
    const chosen = order ?? dateOrderSource() ?? undefined;
    if (!chosen) {
      throw new UsageError(
        `${field}: "${text}" could be ${a} ${MONTH_NAMES[b - 1]} or ${b} ${MONTH_NAMES[a - 1]}`,
        `write it as YYYY-MM-DD, or say how you write dates once: fittrack config set date-order dmy (day first) or mdy (month first)`,
      );
    }
    dmy = chosen === 'dmy';
  }
  const [day, month] = dmy ? [a, b] : [b, a];
  const iso = year === null ? nearestYear(month, day, base, forward) : isoOf(year, month, day);
  if (iso === null || !isIsoDate(iso)) throw new UsageError(`${field}: "${text}" is not a calendar date`, FORMS_HINT);
  return iso;
}

/** `4 March`, `March 4`, `4th mar` without a year: the most recent past one (or the next one, looking forward). */
function parseDayMonth(t: string, base: string, forward: boolean): string | null {
  const m = /^(\d{1,2})(?:st|nd|rd|th)? ([a-z]{3,})\.?$/.exec(t) ?? /^([a-z]{3,})\.? (\d{1,2})(?:st|nd|rd|th)?$/.exec(t);
  if (!m) return null;
  const [dayText, monthText] = /^\d/.test(m[1]!) ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
  const month = MONTH_NAMES.findIndex((name) => name.toLowerCase().startsWith(monthText)) + 1;
  if (month === 0) return null;
  return nearestYear(month, Number(dayText), base, forward);
}

/**
 * Reads a date as typed on the command line: `2025-03-04`, `2025-3-4`, `today`, `yesterday`,
 * `monday`, `last monday`, `3 days ago`, `-2d`, `2 weeks ago`, `4 March`, `13/02/2025`… A date
 * without a year is the most recent past one (the next one where the future is allowed). A
 * slash date whose order is ambiguous (`02/03/2025`) needs the user's date order. Dates in the
 * future are refused unless `allowFuture` (goal target dates, next coaching session).
 *
 * @example await parseDateInput('yesterday', { now: new Date(2025, 2, 4) }) → '2025-03-03'
 * @example await parseDateInput('02/03/2025', { dateOrder: 'dmy' }) → '2025-03-02'
 */
export async function parseDateInput(text: string, opts: { now?: Date; allowFuture?: boolean; field?: string; dateOrder?: DateOrder } = {}): Promise<string> {
  const now = opts.now ?? new Date();
  const field = opts.field ?? '--date';
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const base = today(now);
  const forward = Boolean(opts.allowFuture);
  let result: string | null = null;

  let m: RegExpExecArray | null;
  if (t === 'today' || t === 'now') result = base;
  else if (t === 'yesterday') result = addDays(base, -1);
  else if (t === 'tomorrow') result = addDays(base, 1);
  else if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) {
    const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    if (!isIsoDate(iso)) throw new UsageError(`${field}: "${text}" is not a calendar date`, 'write the date as YYYY-MM-DD, e.g. 2025-03-04');
    result = iso;
  } else if ((m = /^([-+])(\d+)\s*([dw])$/.exec(t))) {
    const n = Number(m[2]) * (m[3] === 'w' ? 7 : 1) * (m[1] === '-' ? -1 : 1);
    result = addDays(base, n);
  } else if ((m = /^(\d+) (day|days|week|weeks) ago$/.exec(t))) {
    result = addDays(base, -Number(m[1]) * (m[2]!.startsWith('week') ? 7 : 1));
  } else if ((m = /^(last |this |past )?(sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)[a-z]*$/.exec(t))) {
    const idx = WEEKDAYS.findIndex((w) => w.startsWith(m![2]!));
    if (idx >= 0) {
      let back = (now.getDay() - idx + 7) % 7;
      if (m[1] === 'last ' && back === 0) back = 7;
      result = addDays(base, -back);
    }
  } else {
    result = parseSlashDate(text, t, field, base, forward, opts.dateOrder) ?? parseDayMonth(t, base, forward);
  }
  if (result === null && !/^[\d\s/.-]+$/.test(t)) {
    const chrono = await import('chrono-node');
    const parsed = chrono.casual.parseDate(text, now, { forwardDate: false });
    if (parsed) result = toIsoDate(parsed);
  }
  if (result === null) {
    throw new UsageError(`${field}: cannot read "${text}" as a date`, FORMS_HINT);
  }
  if (!opts.allowFuture && result > base) {
    throw new UsageError(`${field}: ${result} is in the future`, 'log for today or an earlier day');
  }
  return result;
}

/** Which number comes first in a slash date (`03/10/2025`): the month (US) or the day. */
export type SlashDateOrder = 'month-first' | 'day-first';

/** The command line reads slash dates month first (the en-US reading `parseDateInput` falls back to). */
export const DEFAULT_SLASH_DATE_ORDER: SlashDateOrder = 'month-first';

/**
 * The month and day of a slash date's two numbers: in the given order, unless only the other
 * order makes a date (`17/03` can only be day first).
 *
 * @example slashMonthDay(3, 10) → { month: 3, day: 10 }; slashMonthDay(17, 3) → { month: 3, day: 17 }
 */
export function slashMonthDay(first: number, second: number, order: SlashDateOrder = DEFAULT_SLASH_DATE_ORDER): { month: number; day: number } {
  const [month, day] = order === 'month-first' ? [first, second] : [second, first];
  return month > 12 && day <= 12 ? { month: day, day: month } : { month, day };
}

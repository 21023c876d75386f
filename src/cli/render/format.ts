/**
 * Display helpers: values in the user's units at the precision they were typed, signed
 * deltas with a real minus sign (U+2212), dates. Pure string functions, no I/O.
 */
import { cmToFeetInches } from '../../domain/quantity-input.js';
import { goalMetricOf, type GoalRecord } from '../../domain/goal.js';
import { fromCm, fromKg, lengthUnitFor, round, weightUnitFor, type LengthUnit, type UnitSystem, type WeightUnit } from '../../domain/units.js';

/** Groups thousands with a space, as in `5 760`. @example groupThousands('12345.5') → '12 345.5' */
export function groupThousands(text: string): string {
  const [int, frac] = text.split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** A count with its thousands grouped. @example formatCount(12034) → '12 034' */
export function formatCount(n: number): string {
  return groupThousands(String(Math.trunc(n)));
}

/** The real minus sign used in deltas. */
export const MINUS = '\u2212';

/**
 * Formats a number with a fixed number of decimals, without binary noise and without `-0`.
 *
 * @example formatNumber(176.39999, 1) → '176.4'
 */
export function formatNumber(value: number, decimals: number): string {
  const r = round(value, decimals);
  const s = (Object.is(r, -0) ? 0 : r).toFixed(decimals);
  // (only a negative number can print as minus zero: the test is skipped for the rest, which a long list formats by the hundred thousand)
  return s.charCodeAt(0) === 45 && /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
}

/**
 * Decimals to show a stored value with when the typed precision is not known: the fewest
 * (at least `min`, at most `max`) that show it exactly at `max` places.
 *
 * @example displayDecimals(176.4000001) → 1
 */
export function displayDecimals(value: number, min = 1, max = 2): number {
  for (let d = min; d < max; d++) if (Math.abs(round(value, d) - value) < 10 ** -(max + 1)) return d;
  return max;
}

/**
 * A body weight (stored in kg) in the given unit, at `decimals` places (default: as few as
 * show it, at least one).
 *
 * @example formatWeight(80.01367, 'lb', 1) → '176.4 lb'
 */
export function formatWeight(kg: number, unit: WeightUnit, decimals?: number): string {
  const v = fromKg(kg, unit);
  return `${formatNumber(v, decimals ?? displayDecimals(v))} ${unit}`;
}

/**
 * A length (stored in cm) in the given unit.
 *
 * @example formatLength(86.36, 'in') → '34.0 in'
 */
export function formatLength(cm: number, unit: LengthUnit, decimals?: number): string {
  const v = fromCm(cm, unit);
  return `${formatNumber(v, decimals ?? displayDecimals(v))} ${unit}`;
}

/**
 * A height in the unit system: `183 cm` or `6′0″` (feet and inches).
 *
 * @example formatHeight(185.42, 'imperial') → '6′1″'
 */
export function formatHeight(cm: number, system: UnitSystem): string {
  if (system === 'metric') return `${formatNumber(cm, displayDecimals(cm, 0, 1))} cm`;
  const { feet, inches } = cmToFeetInches(cm);
  return `${feet}′${inches}″`;
}

/**
 * A signed change with a real minus sign: `−0.8 lb`, `+1.2 kg`, `±0.0 kg`.
 *
 * @example formatDelta(-0.8, 1, 'lb') → '−0.8 lb'
 */
export function formatDelta(delta: number, decimals: number, unit?: string): string {
  const text = formatNumber(Math.abs(delta), decimals);
  const zero = Number(text) === 0;
  const sign = zero ? '±' : delta < 0 ? MINUS : '+';
  return `${sign}${text}${unit ? (unit === '%' ? '%' : ` ${unit}`) : ''}`;
}

/**
 * A percentage: `21.5 %`.
 *
 * @example formatPercent(21.54, 1) → '21.5 %'
 */
export function formatPercent(value: number, decimals = 1): string {
  return `${formatNumber(value, decimals)} %`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * A moment (an ISO timestamp as stored, or a Date) in local time, the way tables show it: the
 * weekday, day, month and time, with the year only when it is not this year's. JSON keeps ISO.
 *
 * @example formatLocalTime('2026-12-02T14:05:00Z') → 'Wed 2 Dec 14:05' (TZ=UTC, in 2026)
 */
export function formatLocalTime(at: string | Date | null | undefined, now: Date = new Date()): string {
  if (at === null || at === undefined || at === '') return '—';
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  const year = d.getFullYear() === now.getFullYear() ? '' : ` ${d.getFullYear()}`;
  const time = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return `${WEEKDAYS[d.getDay()]} ${d.getDate()} ${MONTHS[d.getMonth()]}${year} ${time}`;
}

/**
 * A date as stored (`YYYY-MM-DD`), with the weekday when asked: `2025-03-04 (Tue)`.
 *
 * @example formatDate('2025-03-04', { weekday: true }) → '2025-03-04 (Tue)'
 */
export function formatDate(isoDate: string, opts: { weekday?: boolean } = {}): string {
  if (!opts.weekday) return isoDate;
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const day = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${isoDate} (${day})`;
}

/**
 * A duration in seconds as people say it: `45 min`, `1 h 30 min`, `90 s`.
 *
 * @example formatDuration(5400) → '1 h 30 min'
 */
export function formatDuration(seconds: number): string {
  if (seconds < 120 && !Number.isInteger(seconds / 60)) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/**
 * A plain value with its unit, or `—` when missing.
 *
 * @example formatValue(450, 'kcal') → '450 kcal'
 */
export function formatValue(value: number | null | undefined, unit = '', decimals?: number): string {
  if (value === null || value === undefined) return '—';
  const text = decimals === undefined ? String(round(value, 2)) : formatNumber(value, decimals);
  return unit ? (unit === '%' ? `${text} %` : `${text} ${unit}`) : text;
}

/**
 * A goal value in the user's units, as every goal view shows it: `75.0 kg`, `165.3 lb`,
 * `18.0 %`, `34.0 in`, `12 books`; null for no value.
 *
 * @example formatGoalValue(75, { metric: 'weight_kg', unit: 'kg' }, 'imperial') → '165.3 lb'
 */
export function formatGoalValue(value: number | null, g: Pick<GoalRecord, 'metric' | 'unit'>, units: UnitSystem): string | null {
  if (value === null) return null;
  const m = goalMetricOf(g.metric);
  if (m.kind === 'custom') return `${formatNumber(value, Number.isInteger(value) ? 0 : 1)}${g.unit ? ` ${g.unit}` : ''}`;
  if (m.unit === '%') return `${formatNumber(value, 1)} %`;
  if (m.unit === 'cm') return formatLength(value, lengthUnitFor(units), 1);
  return formatWeight(value, weightUnitFor(units), 1);
}

/** Counts in words: defined once, in the domain. */
export { plural, pluralOfTable } from '../../domain/plural.js';

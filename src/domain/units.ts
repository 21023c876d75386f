/**
 * Units: canonical storage is kilograms, centimetres, kilometres and seconds; the unit the
 * user typed is kept beside the value so it can be shown back the way it went in.
 */

export const KG_PER_LB = 0.45359237;
export const CM_PER_IN = 2.54;
export const KM_PER_MI = 1.609344;

export type WeightUnit = 'kg' | 'lb';
export type LengthUnit = 'cm' | 'in';
export type DistanceUnit = 'km' | 'mi' | 'm';
export type UnitSystem = 'metric' | 'imperial';

/** Rounds to `places` decimals without the binary noise of `toFixed` on its own. @example round(137.12103, 4) → 137.121 */
export function round(value: number, places: number): number {
  const f = 10 ** places;
  return Math.round((value + Number.EPSILON) * f) / f;
}

/**
 * The precision of every number fittrack stores or prints as data (JSON, CSV), stated once.
 *
 * - `stored`: a value converted from the unit it was typed in (lb → kg, in → cm, mi → km,
 *   fl oz → ml, l → ml) keeps 10 decimals. The lb, in and mi factors have at most 8 decimals, so a
 *   value typed with up to two decimals is kept exactly (180 lb → 81.6466266 kg, which is exactly
 *   180 lb again) and the binary noise of the multiplication (252 lb → 114.30527724000001) is gone.
 * - Derived values are rounded to what they can mean: kilograms (trend, e1RM, volume, lean and
 *   fat mass, weekly rates) to 0.001 kg, BMI and percentages to 0.01, a goal's measured value and
 *   pace (in the goal's unit) to 0.001, a running pace to 0.01 s.
 * - `imperialExport`: a CSV or NDJSON export in imperial units divides the stored value back
 *   (kg → lb) to 6 decimals, which gives back what was typed (81.6466266 kg → 180 lb).
 */
export const DECIMALS = {
  stored: 10,
  derivedKg: 3,
  bmi: 2,
  pct: 2,
  goalValue: 3,
  paceSeconds: 2,
  imperialExport: 6,
} as const;

/** Rounds a value converted from another unit to the stored precision. @example roundStored(252 * KG_PER_LB) → 114.30527724 */
export function roundStored(value: number): number {
  return round(value, DECIMALS.stored);
}

/** Kilogram fields that hold what was typed (kept at the stored precision), not a derived value. */
const STORED_KG_FIELDS: ReadonlySet<string> = new Set(['weight_kg', 'muscle_mass_kg', 'target_kg']);

/**
 * The decimals a number is printed with in `--json` output, by its field name: derived values
 * to their stated precision, every other number to the stored precision (which only drops
 * float noise).
 *
 * @example jsonDecimalsOf('e1rm_kg') → 3
 * @example jsonDecimalsOf('weight_kg') → 10
 */
export function jsonDecimalsOf(key: string): number {
  if (key === 'bmi') return DECIMALS.bmi;
  if (/(^|_)pct$/.test(key)) return DECIMALS.pct;
  if (/^(start_value|current_value|measured_value|rate_per_day)$/.test(key)) return DECIMALS.goalValue;
  if (/_kg$/.test(key) && !STORED_KG_FIELDS.has(key)) return DECIMALS.derivedKg;
  if (/^pace_seconds/.test(key)) return DECIMALS.paceSeconds;
  return DECIMALS.stored;
}

/** Converts a weight to kilograms at the stored precision. @example toKg(176.4, 'lb') → 80.013694068 */
export function toKg(value: number, unit: WeightUnit): number {
  return unit === 'lb' ? roundStored(value * KG_PER_LB) : value;
}

/** Converts kilograms to the given unit. @example fromKg(80, 'lb') → 176.37... */
export function fromKg(kg: number, unit: WeightUnit): number {
  return unit === 'lb' ? kg / KG_PER_LB : kg;
}

/** Converts a length to centimetres at the stored precision. @example toCm(34, 'in') → 86.36 */
export function toCm(value: number, unit: LengthUnit): number {
  return unit === 'in' ? roundStored(value * CM_PER_IN) : value;
}

/** Converts centimetres to the given unit. @example fromCm(86.36, 'in') → 34 */
export function fromCm(cm: number, unit: LengthUnit): number {
  return unit === 'in' ? cm / CM_PER_IN : cm;
}

/** Converts a distance to kilometres at the stored precision. @example toKm(3, 'mi') → 4.828032 */
export function toKm(value: number, unit: DistanceUnit): number {
  if (unit === 'mi') return roundStored(value * KM_PER_MI);
  if (unit === 'm') return roundStored(value / 1000);
  return value;
}

/** Normalises a weight unit as written (`lbs`, `pounds`, `kgs`, `kilos`) or returns null. @example weightUnitOf('lbs') → 'lb' */
export function weightUnitOf(text: string): WeightUnit | null {
  const t = text.trim().toLowerCase().replace(/\.$/, '');
  if (/^(lb|lbs|pound|pounds|#)$/.test(t)) return 'lb';
  if (/^(kg|kgs|kilo|kilos|kilogram|kilograms)$/.test(t)) return 'kg';
  return null;
}

/** Normalises a length unit as written (`in`, `inch`, `inches`, `"`, `cm`) or returns null. @example lengthUnitOf('inches') → 'in' */
export function lengthUnitOf(text: string): LengthUnit | null {
  const t = text.trim().toLowerCase().replace(/\.$/, '');
  if (/^(in|ins|inch|inches|")$/.test(t)) return 'in';
  if (/^(cm|cms|centimetre|centimetres|centimeter|centimeters)$/.test(t)) return 'cm';
  return null;
}

/** Normalises a distance unit as written or returns null. @example distanceUnitOf('miles') → 'mi' */
export function distanceUnitOf(text: string): DistanceUnit | null {
  const t = text.trim().toLowerCase().replace(/\.$/, '');
  if (/^(km|kms|kilometre|kilometres|kilometer|kilometers|k)$/.test(t)) return 'km';
  if (/^(mi|mile|miles)$/.test(t)) return 'mi';
  if (/^(m|metre|metres|meter|meters)$/.test(t)) return 'm';
  return null;
}

/** The weight unit of a unit system. @example weightUnitFor('imperial') → 'lb' */
export function weightUnitFor(system: UnitSystem): WeightUnit {
  return system === 'imperial' ? 'lb' : 'kg';
}

/** The length unit of a unit system. @example lengthUnitFor('imperial') → 'in' */
export function lengthUnitFor(system: UnitSystem): LengthUnit {
  return system === 'imperial' ? 'in' : 'cm';
}

/** The units a duration can be typed in. */
export type DurationUnit = 's' | 'min' | 'h' | 'd';

/** Seconds in one of each duration unit. */
export const SECONDS_PER: Readonly<Record<DurationUnit, number>> = { s: 1, min: 60, h: 3600, d: 86_400 };

/**
 * The one duration grammar: parses a duration as people write it into seconds, or returns null.
 * Accepts `45min`, `45 minutes`, `1h30`, `1h 30m`, `2 hours`, `90s`, `30 seconds`, `7:45` (m:ss),
 * `1:02:03`, `7d`, `2 weeks`; a bare number only when `bareUnit` says what it counts.
 *
 * @example parseDurationSeconds('1h30') → 5400
 * @example parseDurationSeconds('90', 's') → 90
 */
export function parseDurationSeconds(text: string, bareUnit?: DurationUnit): number | null {
  const t = text.trim().toLowerCase();
  if (/^\d+(?:\.\d+)?$/.test(t)) return bareUnit ? Number(t) * SECONDS_PER[bareUnit] : null;
  let m = /^(\d+):([0-5]\d)(?::([0-5]\d))?$/.exec(t);
  if (m) {
    const [a, b, c] = [Number(m[1]), Number(m[2]), m[3] === undefined ? null : Number(m[3])];
    return c === null ? a * 60 + b : a * 3600 + b * 60 + c;
  }
  m = /^(\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?\s*(?:(\d+)\s*(?:m|min|mins|minutes?)?)?$/.exec(t);
  if (m) return Math.round(Number(m[1]) * 3600 + (m[2] ? Number(m[2]) * 60 : 0));
  m = /^(\d+(?:\.\d+)?)\s*(?:m|min|mins|minutes?)\s*(?:(\d+)\s*(?:s|sec|secs|seconds?))?$/.exec(t);
  if (m) return Math.round(Number(m[1]) * 60 + (m[2] ? Number(m[2]) : 0));
  m = /^(\d+(?:\.\d+)?)\s*(?:s|sec|secs|seconds?)$/.exec(t);
  if (m) return Math.round(Number(m[1]));
  m = /^(\d+(?:\.\d+)?)\s*(d|days?|w|wks?|weeks?)$/.exec(t);
  if (m) return Math.round(Number(m[1]) * SECONDS_PER.d * (m[2]!.startsWith('w') ? 7 : 1));
  return null;
}

/**
 * Reading quantities as people type them on the command line: `80kg`, `176.4 lbs`, `34in`,
 * `6ft1in`, `5km`, `3mi`, `45min`, `1h30`, `90s`, `500ml`. A bare number is in the user's
 * preferred units. The result keeps the canonical value (kg, cm, km, seconds, ml) AND what
 * was typed (unit and number of decimals), so `176.4lb` can be shown back as `176.4 lb`.
 */
import { UsageError } from '../errors.js';
import {
  CM_PER_IN,
  distanceUnitOf,
  lengthUnitFor,
  lengthUnitOf,
  parseDurationSeconds,
  roundStored,
  SECONDS_PER,
  type DurationUnit,
  toCm,
  toKg,
  toKm,
  weightUnitFor,
  weightUnitOf,
  type LengthUnit,
  type UnitSystem,
  type WeightUnit,
} from './units.js';

export type { DurationUnit };
export type QuantityKind = 'weight' | 'length' | 'distance' | 'duration' | 'volume';
export type VolumeUnit = 'ml' | 'l' | 'floz';
export type DistanceInputUnit = 'km' | 'mi' | 'm';

/** Millilitres in one US fluid ounce. */
export const ML_PER_FLOZ = 29.5735295625;

/** A quantity as typed and in canonical units. */
export interface Quantity<U extends string = string> {
  /** The value in canonical units: kg, cm, km, seconds or ml. Unrounded. */
  value: number;
  /** The unit the value was typed in (or the preferred unit for a bare number). */
  unit: U;
  /** The number as typed, in `unit` (176.4 for `176.4lb`). */
  entered: number;
  /** Decimals typed (1 for `176.4lb`, 0 for `80kg`): show the value back at this precision. */
  decimals: number;
  /** True when no unit was typed and `unit` is the user's preferred one. */
  assumed: boolean;
}

export interface QuantityOptions {
  /** The user's preferred unit system for bare numbers (users.preferred_units); metric by default. */
  units?: UnitSystem;
  /** The option or argument name used in error messages, e.g. `--waist` or `<weight>`. */
  field?: string;
}

const NUMBER = String.raw`([+-]?(?:\d+(?:[.,]\d+)?|\.\d+))`;

function decimalsOf(num: string): number {
  const m = /[.,](\d+)$/.exec(num);
  return m ? m[1]!.length : 0;
}

function toNumber(num: string): number {
  return Number(num.replace(',', '.'));
}

/** Splits `176.4 lbs` into `['176.4', 'lbs']`; null when it does not start with a plain number. */
function splitNumberUnit(text: string): [string, string] | null {
  const m = new RegExp(`^${NUMBER}\\s*([^\\d\\s].*)?$`).exec(text.trim());
  if (!m) return null;
  return [m[1]!, (m[2] ?? '').trim()];
}

function notA(kind: string, text: string, field: string, example: string): UsageError {
  return new UsageError(`${field}: "${text}" is not a ${kind}`, `give a number with a unit, e.g. ${example}`);
}

/**
 * Reads a body weight. Units: kg, kgs, kilos, lb, lbs, pounds; a bare number is kg (metric) or lb (imperial).
 *
 * @example parseWeightInput('176.4 lbs') → { value: 80.0137…, unit: 'lb', entered: 176.4, decimals: 1, assumed: false }
 */
export function parseWeightInput(text: string, opts: QuantityOptions = {}): Quantity<WeightUnit> {
  const field = opts.field ?? '<weight>';
  const parts = splitNumberUnit(text);
  if (!parts) throw notA('weight', text, field, '80kg or 176.4lb');
  const [num, unitText] = parts;
  const unit = unitText === '' ? weightUnitFor(opts.units ?? 'metric') : weightUnitOf(unitText);
  if (!unit) throw new UsageError(`${field}: "${unitText}" in "${text}" is not a weight unit`, 'use kg or lb, e.g. 80kg or 176.4lb');
  const entered = toNumber(num);
  return { value: toKg(entered, unit), unit, entered, decimals: decimalsOf(num), assumed: unitText === '' };
}

/**
 * Reads a length (body measurements, height). Units: cm, mm, m, in, inches, `"`, ft and
 * feet-and-inches (`6ft1in`, `6'1"`, `6ft 1`), which are kept as inches. A bare number is cm
 * (metric) or in (imperial).
 *
 * @example parseLengthInput('6ft1in') → { value: 185.42, unit: 'in', entered: 73, decimals: 0, assumed: false }
 */
export function parseLengthInput(text: string, opts: QuantityOptions = {}): Quantity<LengthUnit> {
  const field = opts.field ?? '<length>';
  const t = text.trim();
  const feet = /^(\d+(?:[.,]\d+)?)\s*(?:ft|feet|foot|')\s*(?:(\d+(?:[.,]\d+)?)\s*(?:in|inch|inches|"|'')?)?$/i.exec(t);
  if (feet) {
    const inches = toNumber(feet[1]!) * 12 + (feet[2] ? toNumber(feet[2]) : 0);
    const decimals = Math.max(decimalsOf(feet[1]!), feet[2] ? decimalsOf(feet[2]) : 0);
    return { value: toCm(inches, 'in'), unit: 'in', entered: inches, decimals, assumed: false };
  }
  const parts = splitNumberUnit(t);
  if (!parts) throw notA('length', text, field, '86.5cm or 34in');
  const [num, unitText] = parts;
  const entered = toNumber(num);
  const decimals = decimalsOf(num);
  const u = unitText.toLowerCase();
  if (u === 'mm') return { value: entered / 10, unit: 'cm', entered: entered / 10, decimals: Math.max(0, decimals - 1), assumed: false };
  if (u === 'm' || u === 'metre' || u === 'metres' || u === 'meter' || u === 'meters') {
    return { value: entered * 100, unit: 'cm', entered: entered * 100, decimals: Math.max(0, decimals - 2), assumed: false };
  }
  const unit = unitText === '' ? lengthUnitFor(opts.units ?? 'metric') : lengthUnitOf(unitText);
  if (!unit) throw new UsageError(`${field}: "${unitText}" in "${text}" is not a length unit`, 'use cm or in, e.g. 86.5cm or 34in');
  return { value: toCm(entered, unit), unit, entered, decimals, assumed: unitText === '' };
}

/**
 * Reads a distance. Units: km, mi, m; a bare number is km (metric) or mi (imperial).
 *
 * @example parseDistanceInput('3mi') → { value: 4.828032, unit: 'mi', entered: 3, decimals: 0, assumed: false }
 */
export function parseDistanceInput(text: string, opts: QuantityOptions = {}): Quantity<DistanceInputUnit> {
  const field = opts.field ?? '<distance>';
  const parts = splitNumberUnit(text);
  if (!parts) throw notA('distance', text, field, '5km or 3mi');
  const [num, unitText] = parts;
  const unit = unitText === '' ? ((opts.units ?? 'metric') === 'imperial' ? 'mi' : 'km') : distanceUnitOf(unitText);
  if (!unit) throw new UsageError(`${field}: "${unitText}" in "${text}" is not a distance unit`, 'use km, mi or m, e.g. 5km or 3mi');
  const entered = toNumber(num);
  return { value: toKm(entered, unit), unit, entered, decimals: decimalsOf(num), assumed: unitText === '' };
}

/**
 * Reads a duration into seconds: `45min`, `1h30`, `1h 30m`, `90s`, `7:45` (m:ss), `1:02:03`;
 * a bare number is minutes unless `bareUnit` says otherwise.
 *
 * @example parseDurationInput('1h30') → { value: 5400, unit: 'h', entered: 1.5, decimals: 0, assumed: false }
 */
export function parseDurationInput(text: string, opts: QuantityOptions & { bareUnit?: DurationUnit } = {}): Quantity<DurationUnit> {
  const field = opts.field ?? '<duration>';
  const t = text.trim().toLowerCase();
  const bare = new RegExp(`^${NUMBER}$`).exec(t);
  if (bare) {
    const unit = opts.bareUnit ?? 'min';
    const entered = toNumber(bare[1]!);
    return { value: entered * SECONDS_PER[unit], unit, entered, decimals: decimalsOf(bare[1]!), assumed: true };
  }
  const seconds = parseDurationSeconds(t);
  if (seconds === null) throw notA('duration', text, field, '45min, 1h30 or 90s');
  const unit: DurationUnit = /h|^\d+:\d+:\d+$/.test(t) ? 'h' : /^\d+(?:\.\d+)?\s*(s|sec|secs|seconds?)$/.test(t) ? 's' : 'min';
  const entered = unit === 'h' ? seconds / 3600 : unit === 'min' ? seconds / 60 : seconds;
  const num = /\d+(?:\.\d+)?/.exec(t)?.[0] ?? '0';
  return { value: seconds, unit, entered, decimals: decimalsOf(num), assumed: false };
}

/**
 * Reads a volume of liquid into millilitres: `500ml`, `0.5l`, `16floz`, `16 fl oz`; a bare
 * number is ml (metric) or US fl oz (imperial).
 *
 * @example parseVolumeInput('1.5L') → { value: 1500, unit: 'l', entered: 1.5, decimals: 1, assumed: false }
 */
export function parseVolumeInput(text: string, opts: QuantityOptions = {}): Quantity<VolumeUnit> {
  const field = opts.field ?? '<volume>';
  const parts = splitNumberUnit(text);
  if (!parts) throw notA('volume', text, field, '500ml or 1.5l');
  const [num, unitText] = parts;
  const u = unitText.toLowerCase().replace(/\.$/, '').replace(/\s+/g, '');
  let unit: VolumeUnit | null;
  if (u === '') unit = (opts.units ?? 'metric') === 'imperial' ? 'floz' : 'ml';
  else if (/^(ml|millilit(re|er)s?)$/.test(u)) unit = 'ml';
  else if (/^(l|lit(re|er)s?)$/.test(u)) unit = 'l';
  else if (/^(floz|fl\.?oz|oz|fluidounces?)$/.test(u)) unit = 'floz';
  else unit = null;
  if (!unit) throw new UsageError(`${field}: "${unitText}" in "${text}" is not a volume unit`, 'use ml, l or floz, e.g. 500ml');
  const entered = toNumber(num);
  const value = unit === 'l' ? roundStored(entered * 1000) : unit === 'floz' ? roundStored(entered * ML_PER_FLOZ) : entered;
  return { value, unit, entered, decimals: decimalsOf(num), assumed: u === '' };
}

/**
 * Reads a quantity of the given kind (see the per-kind functions).
 *
 * @example parseQuantity('weight', '80kg').value → 80
 */
export function parseQuantity(kind: QuantityKind, text: string, opts: QuantityOptions = {}): Quantity {
  switch (kind) {
    case 'weight':
      return parseWeightInput(text, opts);
    case 'length':
      return parseLengthInput(text, opts);
    case 'distance':
      return parseDistanceInput(text, opts);
    case 'duration':
      return parseDurationInput(text, opts);
    case 'volume':
      return parseVolumeInput(text, opts);
  }
}

/**
 * Reads a plain number (no unit). Refuses `abc`, `1e3`, `Infinity`, `12abc` and empty text.
 *
 * @example parsePlainNumber('--calories', '450') → 450
 */
export function parsePlainNumber(field: string, text: string): number {
  const t = text.trim();
  if (!/^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$/.test(t)) {
    throw new UsageError(`${field}: "${text}" is not a number`, `give a plain number, e.g. ${field} 12`);
  }
  return Number(t);
}

/** Inches in a centimetre value, e.g. for showing a height as feet and inches. */
export function cmToFeetInches(cm: number): { feet: number; inches: number } {
  const total = Math.round(cm / CM_PER_IN);
  return { feet: Math.floor(total / 12), inches: total % 12 };
}

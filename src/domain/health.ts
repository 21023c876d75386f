/**
 * Weigh-ins and body measurements: the record, the fields a weigh-in can carry, and the
 * numbers derived from them (lean and fat mass, BMI, change, moving average). Pure.
 */
import { addDays, epochDay } from './dates.js';
import type { LengthUnit, WeightUnit } from './units.js';

/** Circumference measuring points, as stored (`<point>_cm`). */
export const MEASUREMENT_POINTS = ['chest', 'waist', 'hips', 'neck', 'left_arm', 'right_arm', 'left_thigh', 'right_thigh'] as const;
export type MeasurementPoint = (typeof MEASUREMENT_POINTS)[number];

/** The values one weigh-in can set; every one optional (null = not measured). Column names. */
export interface HealthValues {
  weight_kg?: number | null;
  weight_unit?: WeightUnit | null;
  body_fat_pct?: number | null;
  muscle_mass_kg?: number | null;
  bmi?: number | null;
  length_unit?: LengthUnit | null;
  chest_cm?: number | null;
  waist_cm?: number | null;
  hips_cm?: number | null;
  neck_cm?: number | null;
  left_arm_cm?: number | null;
  right_arm_cm?: number | null;
  left_thigh_cm?: number | null;
  right_thigh_cm?: number | null;
  resting_heart_rate?: number | null;
  blood_pressure_systolic?: number | null;
  blood_pressure_diastolic?: number | null;
  energy_level?: number | null;
  mood?: number | null;
  sleep_quality?: number | null;
  stress_level?: number | null;
  sleep_hours?: number | null;
  notes?: string | null;
}

/** The value fields a weigh-in compares when merging into an existing day (the units follow their values). */
export const HEALTH_VALUE_FIELDS = [
  'weight_kg',
  'body_fat_pct',
  'muscle_mass_kg',
  ...MEASUREMENT_POINTS.map((p) => `${p}_cm` as const),
  'resting_heart_rate',
  'blood_pressure_systolic',
  'blood_pressure_diastolic',
  'energy_level',
  'mood',
  'sleep_quality',
  'stress_level',
  'sleep_hours',
  'notes',
] as const satisfies ReadonlyArray<keyof HealthValues>;
export type HealthValueField = (typeof HEALTH_VALUE_FIELDS)[number];

/** A stored weigh-in, as the repository returns it. */
export interface HealthRecord extends Required<HealthValues> {
  id: number;
  recorded_date: string;
  source_file: string | null;
  source_line: number | null;
  created_at: string;
  updated_at: string;
}

/** How the merge of a new weigh-in into an existing day went. */
export interface HealthMerge {
  /** Fields to write (the new values, with their units). */
  patch: HealthValues;
  /** Fields that already hold a different value. */
  conflicts: Array<{ field: HealthValueField; stored: number | string; given: number | string }>;
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-6;
  return a === b;
}

/**
 * Merges the values given for a day into the day's stored record: fields that were empty are
 * added, equal values are left alone, different values are conflicts (written only with
 * `replace`).
 *
 * @example mergeHealthValues({ weight_kg: 80, … }, { waist_cm: 86 }, false).patch → { waist_cm: 86 }
 */
export function mergeHealthValues(stored: HealthValues, given: HealthValues, replace: boolean): HealthMerge {
  const patch: HealthValues = {};
  const conflicts: HealthMerge['conflicts'] = [];
  for (const field of HEALTH_VALUE_FIELDS) {
    const value = given[field];
    if (value === undefined || value === null) continue;
    const old = stored[field];
    if (old === undefined || old === null || replace) {
      if (old === undefined || old === null || !same(old, value)) (patch as Record<string, unknown>)[field] = value;
    } else if (!same(old, value)) {
      conflicts.push({ field, stored: old, given: value });
    }
  }
  if (patch.weight_kg !== undefined) patch.weight_unit = given.weight_unit ?? null;
  if (MEASUREMENT_POINTS.some((p) => patch[`${p}_cm`] !== undefined) && given.length_unit) patch.length_unit = given.length_unit;
  if (patch.weight_kg !== undefined && given.bmi !== undefined) patch.bmi = given.bmi;
  return { patch, conflicts };
}

/**
 * Body mass index from weight and height: kg / m².
 *
 * @example computeBmi(80, 180) → 24.691358…
 */
export function computeBmi(weightKg: number, heightCm: number): number {
  const m = heightCm / 100;
  return weightKg / (m * m);
}

/**
 * Fat mass from weight and body-fat percentage.
 *
 * @example fatMassKg(80, 20) → 16
 */
export function fatMassKg(weightKg: number, bodyFatPct: number): number {
  return (weightKg * bodyFatPct) / 100;
}

/**
 * Lean (fat-free) mass from weight and body-fat percentage.
 *
 * @example leanMassKg(80, 20) → 64
 */
export function leanMassKg(weightKg: number, bodyFatPct: number): number {
  return weightKg - fatMassKg(weightKg, bodyFatPct);
}

/** A dated weight. */
export interface DatedWeight {
  date: string;
  weightKg: number;
}

/**
 * The mean weight of the `days` days ending on `date` (inclusive), or null when none.
 *
 * @example movingAverageKg([{ date: '2025-03-04', weightKg: 80 }, { date: '2025-03-01', weightKg: 81 }], '2025-03-04') → 80.5
 */
export function movingAverageKg(weights: DatedWeight[], date: string, days = 7): number | null {
  const from = addDays(date, -(days - 1));
  const inWindow = weights.filter((w) => w.date >= from && w.date <= date);
  if (inWindow.length === 0) return null;
  return inWindow.reduce((s, w) => s + w.weightKg, 0) / inWindow.length;
}

/**
 * The derived numbers of one weigh-in: lean and fat mass (when body fat is known) and BMI
 * (stored, else from the height when known).
 *
 * @example deriveHealth({ weight_kg: 80, body_fat_pct: 20, bmi: null }, 180) → { leanMassKg: 64, fatMassKg: 16, bmi: 24.69… }
 */
export function deriveHealth(r: Pick<HealthValues, 'weight_kg' | 'body_fat_pct' | 'bmi'>, heightCm: number | null): { leanMassKg: number | null; fatMassKg: number | null; bmi: number | null } {
  const w = r.weight_kg ?? null;
  const bf = r.body_fat_pct ?? null;
  return {
    leanMassKg: w !== null && bf !== null ? leanMassKg(w, bf) : null,
    fatMassKg: w !== null && bf !== null ? fatMassKg(w, bf) : null,
    bmi: r.bmi ?? (w !== null && heightCm ? computeBmi(w, heightCm) : null),
  };
}

/**
 * A least-squares trend of weights over time, in kg per day, or null with fewer than two
 * distinct days.
 *
 * @example trendPerDay([{ date: '2025-03-01', weightKg: 81 }, { date: '2025-03-11', weightKg: 80 }]) → -0.1
 */
export function trendPerDay(points: Array<{ date: string; value: number }>): number | null {
  if (points.length < 2) return null;
  const base = points[0]!.date;
  const xs = points.map((p) => epochDay(p.date) - epochDay(base));
  const ys = points.map((p) => p.value);
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
  }
  return sxx === 0 ? null : sxy / sxx;
}


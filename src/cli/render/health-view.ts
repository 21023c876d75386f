/**
 * How the weigh-in list looks in the terminal: one row per day with the change since the
 * previous weight and the derived lean mass, fat mass and BMI. Pure string building; the caller
 * prints. One pass over the days makes the rows: nothing is recomputed per row from the rows before it.
 */
import { deriveHealth } from '../../domain/health.js';
import { fromKg, type LengthUnit, type WeightUnit } from '../../domain/units.js';
import type { HealthShown } from '../../db/health-repo.js';
import { formatDelta, formatLength, formatNumber, formatWeight } from './format.js';
import type { Cell, Table } from './table.js';

/**
 * The cells of the weigh-in list, a row per day: date, weight, change since the previous
 * weight, body fat, lean mass, fat mass, BMI, waist, note.
 *
 * @example weightListRows([{ recorded_date: '2025-03-04', weight_kg: 80, body_fat_pct: 20, bmi: null, waist_cm: null, notes: null }], 180, 'kg', 'cm')[0] → ['2025-03-04', '80.0 kg', null, '20.0 %', '64.0 kg', '16.0 kg', '24.7', null, null]
 */
export function weightListRows(days: readonly HealthShown[], heightCm: number | null, unit: WeightUnit, lengthUnit: LengthUnit): Cell[][] {
  return Array.from(weightListRowSource(days, heightCm, unit, lengthUnit));
}

/**
 * The rows of the weigh-in list (see `weightListRows`) made as they are read, each time the
 * source is iterated: what `printTable` reads twice at full width, so that the cells of a long
 * history are never all held at once.
 *
 * @example printTable(weightListTable(weightListRowSource(days, 180, 'kg', 'cm')))
 */
export function weightListRowSource(days: readonly HealthShown[], heightCm: number | null, unit: WeightUnit, lengthUnit: LengthUnit): Iterable<Cell[]> {
  return {
    *[Symbol.iterator]() {
      let prev: number | null = null;
      for (let k = 0; k < days.length; k++) {
        const r = days[k]!;
        const weight = r.weight_kg;
        const d = deriveHealth(r, heightCm);
        const change = weight !== null && prev !== null ? formatDelta(fromKg(weight - prev, unit), 1, unit) : null;
        if (weight !== null) prev = weight;
        yield [
          r.recorded_date,
          weight === null ? null : formatWeight(weight, unit, 1),
          change,
          r.body_fat_pct === null ? null : `${formatNumber(r.body_fat_pct, 1)} %`,
          d.leanMassKg === null ? null : formatWeight(d.leanMassKg, unit, 1),
          d.fatMassKg === null ? null : formatWeight(d.fatMassKg, unit, 1),
          d.bmi === null ? null : formatNumber(d.bmi, 1),
          r.waist_cm === null ? null : formatLength(r.waist_cm, lengthUnit, 1),
          r.notes,
        ];
      }
    },
  };
}

/** The weigh-in list as a table, from its rows (`weightListRows`, `weightListRowSource`), for `renderTable` or `printTable`. */
export function weightListTable<Rows extends Iterable<Cell[]>>(rows: Rows): Table<Rows> {
  return {
    head: ['Date', 'Weight', 'Change', 'Body fat', 'Lean mass', 'Fat mass', 'BMI', 'Waist', 'Note'],
    rows,
    opts: {
      align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
      // Narrow terminal: the note wraps, then lean and fat mass go, then BMI, waist, change.
      priority: [undefined, undefined, 5, 6, 1, 2, 3, 4, 7],
      wrap: [8],
    },
  };
}

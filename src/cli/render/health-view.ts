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
  // A history repeats its values (a weight of 80.4 kg on many days): each value is formatted
  // once for the whole list, and its cells share that one string.
  const weight = textByValue((kg) => formatWeight(kg, unit, 1));
  const change = textByValue((kg) => formatDelta(fromKg(kg, unit), 1, unit));
  const percent = textByValue((pct) => `${formatNumber(pct, 1)} %`);
  const bmi = textByValue((v) => formatNumber(v, 1));
  const waist = textByValue((cm) => formatLength(cm, lengthUnit, 1));
  return {
    *[Symbol.iterator]() {
      let prev: number | null = null;
      for (let k = 0; k < days.length; k++) {
        const r = days[k]!;
        const kg = r.weight_kg;
        const d = deriveHealth(r, heightCm);
        const delta = kg !== null && prev !== null ? change(kg - prev) : null;
        if (kg !== null) prev = kg;
        yield [
          r.recorded_date,
          kg === null ? null : weight(kg),
          delta,
          r.body_fat_pct === null ? null : percent(r.body_fat_pct),
          d.leanMassKg === null ? null : weight(d.leanMassKg),
          d.fatMassKg === null ? null : weight(d.fatMassKg),
          d.bmi === null ? null : bmi(d.bmi),
          r.waist_cm === null ? null : waist(r.waist_cm),
          r.notes,
        ];
      }
    },
  };
}

/** `format`, remembering the text of each value it was given. */
function textByValue(format: (value: number) => string): (value: number) => string {
  const known = new Map<number, string>();
  return (value) => {
    let text = known.get(value);
    if (text === undefined) known.set(value, (text = format(value)));
    return text;
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

/**
 * Strong's CSV export, in both shapes seen in the wild: the older semicolon-separated one with
 * `Weight Unit` and `Distance Unit` columns (and `Workout Duration`), and the newer
 * comma-separated one with `Duration` (`1h 5m`, `45m`) and no unit columns, whose units are the
 * app's setting (given here as `weightUnit`, and said in a notice). One row per set; `Set Order`
 * is the set's number, or `W`/`D`/`F` for a warm-up, drop or failure set; a `Rest Timer` row
 * gives the rest between the exercise's sets.
 */
import type { ParseIssue } from '../domain/legacy-records.js';
import { distanceUnitOf, parseDurationSeconds, toKg, toKm, weightUnitOf } from '../domain/units.js';
import type { DistanceUnit, WeightUnit } from '../domain/units.js';
import type { CsvRow } from './app-csv.js';
import { headerKey } from './app-csv.js';
import { appNumber, appText, appWorkoutCollector, readAppDateTime, rememberLast } from './app-workouts.js';
import type { AppParseResult, AppSetRow } from './app-workouts.js';
import { checkSet } from './app-set-rules.js';
import type { SetType } from '../domain/workout.js';

const COLUMNS = {
  date: ['date'],
  workout: ['workout name'],
  duration: ['duration', 'workout duration'],
  exercise: ['exercise name'],
  setOrder: ['set order'],
  weight: ['weight'],
  weightUnit: ['weight unit'],
  reps: ['reps'],
  rpe: ['rpe'],
  distance: ['distance'],
  distanceUnit: ['distance unit'],
  seconds: ['seconds'],
  notes: ['notes'],
  workoutNotes: ['workout notes'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['date', 'workout', 'exercise', 'setOrder', 'weight', 'reps'];

/** True when a CSV header is Strong's. @example isStrongHeader(['Date', 'Workout Name', 'Exercise Name', 'Set Order']) → true */
export function isStrongHeader(header: string[]): boolean {
  const keys = new Set(header.map(headerKey));
  return keys.has('workout name') && keys.has('exercise name') && keys.has('set order');
}

export interface AppCsvOptions {
  /** The unit of weights when the file has no unit column (Strong's newer export). */
  weightUnit: WeightUnit;
}

const SET_MARKERS: Record<string, SetType> = { w: 'warmup', d: 'dropset', f: 'failure' };

/**
 * Parses a Strong CSV export (its rows, header first) into workouts, set by set.
 *
 * @example (await parseStrongCsv(readCsvRows(stream), 'strong.csv', { weightUnit: 'kg' })).workouts[0].exercises[0].sets.length
 */
export async function parseStrongCsv(rows: AsyncIterable<CsvRow>, file: string, options: AppCsvOptions): Promise<AppParseResult> {
  const issues: ParseIssue[] = [];
  const notices: string[] = [];
  const collected = appWorkoutCollector();
  let index: Partial<Record<Column, number>> | null = null;
  let rowCount = 0;
  const readers: Readers = { date: rememberLast(readAppDateTime), duration: rememberLast((text) => parseDurationSeconds(text.replace(/\s+/g, ' '), 's')) };
  for await (const row of rows) {
    if (index === null) {
      index = columnIndex(row.cells);
      const missing = REQUIRED.filter((c) => index![c] === undefined);
      if (missing.length > 0) {
        issues.push({ file, line: row.line, severity: 'error', message: `not a Strong export: the header has no ${missing.map((c) => `"${COLUMNS[c][0]}"`).join(', ')} column`, hint: 'export again from Strong (Settings → Export data), or give --from to say which app wrote the file' });
        return { workouts: [], issues, rowCount, notices };
      }
      if (index.weightUnit === undefined) notices.push(`weights read as ${options.weightUnit} and distances as ${options.weightUnit === 'kg' ? 'km' : 'mi'}: the file has no unit columns (give --units to say otherwise)`);
      continue;
    }
    rowCount++;
    const read = readRow(row, index, file, options, readers);
    if ('issue' in read) issues.push(read.issue);
    else collected.add(read.row);
  }
  if (index === null) issues.push({ file, line: 1, severity: 'error', message: 'the file is empty', hint: "export again from Strong; the file should start with the header 'Date,Workout Name,…'" });
  return { workouts: collected.workouts(), issues, rowCount, notices };
}

function columnIndex(header: string[]): Partial<Record<Column, number>> {
  const keys = header.map(headerKey);
  const index: Partial<Record<Column, number>> = {};
  for (const [column, names] of Object.entries(COLUMNS) as Array<[Column, readonly string[]]>) {
    const i = keys.findIndex((k) => names.includes(k));
    if (i >= 0) index[column] = i;
  }
  return index;
}

/** The readers of the cells a workout's rows repeat, remembering their last input. */
interface Readers {
  date: (text: string) => ReturnType<typeof readAppDateTime>;
  duration: (text: string) => number | null;
}

function readRow(row: CsvRow, index: Partial<Record<Column, number>>, file: string, options: AppCsvOptions, readers: Readers): { row: AppSetRow } | { issue: ParseIssue } {
  const cell = (c: Column) => (index[c] === undefined ? undefined : row.cells[index[c]!]);
  const fail = (message: string, hint?: string) => ({ issue: { file, line: row.line, severity: 'error' as const, message, ...(hint ? { hint } : {}) } });
  const when = readers.date(cell('date') ?? '');
  if (!when) return fail(`the date "${cell('date') ?? ''}" is not a date Strong writes`, 'Strong writes dates as 2024-03-05 18:15:03; fix the cell or export again');
  const title = appText(cell('workout')) ?? 'Workout';
  const exercise = appText(cell('exercise'));
  if (!exercise) return fail('the row has no exercise name', 'fill the "Exercise Name" cell');
  const base: AppSetRow = {
    line: row.line,
    workoutKey: `${cell('date')!.trim()}\u0000${title}`,
    date: when.date,
    startTime: when.time,
    title,
    durationSeconds: null,
    workoutNotes: appText(cell('workoutNotes')),
    exercise,
    exerciseNotes: appText(cell('notes')),
    supersetId: null,
    set: null,
  };
  const durationText = appText(cell('duration'));
  if (durationText) {
    const seconds = readers.duration(durationText);
    if (seconds === null) return fail(`the duration "${durationText}" is not a duration`, 'write it as Strong does: 1h 5m, 45m');
    base.durationSeconds = seconds;
  }
  const order = (cell('setOrder') ?? '').trim();
  if (/^rest timer$/i.test(order)) {
    const rest = appNumber(cell('seconds'));
    base.restSeconds = typeof rest === 'number' && Number.isInteger(rest) && rest >= 0 ? rest : null;
    return { row: base };
  }
  const setType: SetType | undefined = /^\d+$/.test(order) ? 'normal' : SET_MARKERS[order.toLowerCase()];
  if (!setType) return fail(`the set order "${order}" is not a set number or W, D, F`, 'a set order is 1, 2, 3… or W (warm-up), D (drop set), F (failure)');
  const weightUnit = cell('weightUnit') !== undefined && appText(cell('weightUnit')) ? weightUnitOf(cell('weightUnit')!) : options.weightUnit;
  if (!weightUnit) return fail(`the weight unit "${cell('weightUnit')}" is not kg or lbs`, 'write kg or lbs');
  const distanceUnit: DistanceUnit | null = appText(cell('distanceUnit')) ? distanceUnitOf(cell('distanceUnit')!) : options.weightUnit === 'kg' ? 'km' : 'mi';
  if (!distanceUnit) return fail(`the distance unit "${cell('distanceUnit')}" is not km, mi or m`, 'write km, mi or m');
  const numbers = { weight: appNumber(cell('weight')), reps: appNumber(cell('reps')), rpe: appNumber(cell('rpe')), distance: appNumber(cell('distance')), seconds: appNumber(cell('seconds')) };
  for (const [name, value] of Object.entries(numbers)) if (value === 'bad') return fail(`${name} "${cell(name as Column)}" is not a number`, 'write a plain number, e.g. 62.5');
  const n = numbers as Record<keyof typeof numbers, number | null>;
  const set = {
    setType,
    reps: n.reps || null,
    weightKg: n.weight ? toKg(n.weight, weightUnit) : null,
    weightUnit: n.weight ? weightUnit : null,
    rpe: n.rpe || null,
    distanceKm: n.distance ? toKm(n.distance, distanceUnit) : null,
    durationSeconds: n.seconds || null,
    line: row.line,
  };
  const problem = checkSet(set);
  if (problem) return fail(problem.message, problem.hint);
  base.set = set;
  return { row: base };
}

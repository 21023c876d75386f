/**
 * Hevy's CSV export: `title, start_time, end_time, description, exercise_title, superset_id,
 * exercise_notes, set_index, set_type, weight_kg|weight_lbs, reps, distance_km|distance_miles,
 * duration_seconds, rpe`, dates as `21 Jan 2024, 18:05`. One row per set; rows with the same
 * start and title are one workout; a superset id becomes a superset label (A, B, …).
 */
import type { ParseIssue } from '../domain/legacy-records.js';
import { toKg, toKm } from '../domain/units.js';
import type { CsvRow } from './app-csv.js';
import { headerKey } from './app-csv.js';
import { checkSet } from './app-set-rules.js';
import { appNumber, appText, appWorkoutCollector, readAppDateTime, rememberLast } from './app-workouts.js';
import { SET_TYPES } from '../domain/workout.js';
import type { SetType } from '../domain/workout.js';
import type { AppParseResult, AppSetRow } from './app-workouts.js';
import type { AppCsvOptions } from './strong-csv-parser.js';

const COLUMNS = ['title', 'start time', 'end time', 'description', 'exercise title', 'superset id', 'exercise notes', 'set index', 'set type', 'weight kg', 'weight lbs', 'reps', 'distance km', 'distance miles', 'duration seconds', 'rpe'] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: Column[] = ['title', 'start time', 'exercise title', 'set index', 'reps'];

/** True when a CSV header is Hevy's. @example isHevyHeader(['title', 'start_time', 'exercise_title', 'set_index']) → true */
export function isHevyHeader(header: string[]): boolean {
  const keys = new Set(header.map(headerKey));
  return keys.has('exercise title') && keys.has('start time') && keys.has('set index');
}

/** Hevy's set types, and the spellings seen for them. */
const TYPE_ALIASES: Record<string, SetType> = { normal: 'normal', warmup: 'warmup', 'warm up': 'warmup', dropset: 'dropset', 'drop set': 'dropset', failure: 'failure' };

/**
 * Parses a Hevy CSV export (its rows, header first) into workouts, set by set.
 *
 * @example (await parseHevyCsv(readCsvRows(stream), 'hevy.csv', { weightUnit: 'kg' })).workouts.length
 */
export async function parseHevyCsv(rows: AsyncIterable<CsvRow>, file: string, _options: AppCsvOptions): Promise<AppParseResult> {
  const issues: ParseIssue[] = [];
  const collected = appWorkoutCollector();
  let index: Partial<Record<Column, number>> | null = null;
  let rowCount = 0;
  const readDate = rememberLast(readAppDateTime);
  for await (const row of rows) {
    if (index === null) {
      const keys = row.cells.map(headerKey);
      index = {};
      for (const c of COLUMNS) if (keys.includes(c)) index[c] = keys.indexOf(c);
      const missing = REQUIRED.filter((c) => index![c] === undefined);
      if (index['weight kg'] === undefined && index['weight lbs'] === undefined) missing.push('weight kg');
      if (missing.length > 0) {
        issues.push({ file, line: row.line, severity: 'error', message: `not a Hevy export: the header has no ${missing.map((c) => `"${c.replace(/ /g, '_')}"`).join(', ')} column`, hint: 'export again from Hevy (Settings → Export & Import Data), or give --from to say which app wrote the file' });
        return { workouts: [], issues, rowCount, notices: [] };
      }
      continue;
    }
    rowCount++;
    const read = readRow(row, index, file, readDate);
    if ('issue' in read) issues.push(read.issue);
    else collected.add(read.row);
  }
  if (index === null) issues.push({ file, line: 1, severity: 'error', message: 'the file is empty', hint: "export again from Hevy; the file should start with the header 'title,start_time,…'" });
  return { workouts: collected.workouts(), issues, rowCount, notices: [] };
}

function readRow(row: CsvRow, index: Partial<Record<Column, number>>, file: string, readDate: (text: string) => ReturnType<typeof readAppDateTime>): { row: AppSetRow } | { issue: ParseIssue } {
  const cell = (c: Column) => (index[c] === undefined ? undefined : row.cells[index[c]!]);
  const fail = (message: string, hint?: string) => ({ issue: { file, line: row.line, severity: 'error' as const, message, ...(hint ? { hint } : {}) } });
  const start = readDate(cell('start time') ?? '');
  if (!start) return fail(`start_time "${cell('start time') ?? ''}" is not a date Hevy writes`, 'Hevy writes dates as 21 Jan 2024, 18:05; fix the cell or export again');
  const end = appText(cell('end time')) ? readAppDateTime(cell('end time')!) : null;
  const exercise = appText(cell('exercise title'));
  if (!exercise) return fail('the row has no exercise_title', 'fill the exercise_title cell');
  const typeText = (appText(cell('set type')) ?? 'normal').toLowerCase().replace(/[_-]/g, ' ');
  const setType = TYPE_ALIASES[typeText];
  if (!setType) return fail(`set_type "${cell('set type')}" is not one of ${SET_TYPES.join(', ')}`, `write one of ${SET_TYPES.join(', ')}`);
  const lbs = index['weight kg'] === undefined;
  const numbers = {
    weight: appNumber(cell(lbs ? 'weight lbs' : 'weight kg')),
    reps: appNumber(cell('reps')),
    rpe: appNumber(cell('rpe')),
    distance: appNumber(cell(index['distance km'] === undefined ? 'distance miles' : 'distance km')),
    seconds: appNumber(cell('duration seconds')),
  };
  for (const [name, value] of Object.entries(numbers)) if (value === 'bad') return fail(`${name} is not a number`, 'write a plain number, e.g. 62.5');
  const n = numbers as Record<keyof typeof numbers, number | null>;
  const set = {
    setType,
    reps: n.reps || null,
    weightKg: n.weight ? toKg(n.weight, lbs ? 'lb' : 'kg') : null,
    weightUnit: n.weight ? (lbs ? ('lb' as const) : ('kg' as const)) : null,
    rpe: n.rpe || null,
    distanceKm: n.distance ? toKm(n.distance, index['distance km'] === undefined ? 'mi' : 'km') : null,
    durationSeconds: n.seconds || null,
    line: row.line,
  };
  const problem = checkSet(set);
  if (problem) return fail(problem.message, problem.hint);
  const title = appText(cell('title')) ?? 'Workout';
  return {
    row: {
      line: row.line,
      workoutKey: `${cell('start time')!.trim()}\u0000${title}`,
      date: start.date,
      startTime: start.time,
      title,
      durationSeconds: end && start.time && end.time ? minutesBetween(start, end) * 60 : null,
      workoutNotes: appText(cell('description')),
      exercise,
      exerciseNotes: appText(cell('exercise notes')),
      supersetId: appText(cell('superset id')),
      set,
    },
  };
}

/** Minutes from one wall-clock date-time to a later one (a workout may end after midnight). */
function minutesBetween(a: { date: string; time: string | null }, b: { date: string; time: string | null }): number {
  const at = (x: { date: string; time: string | null }) => Date.parse(`${x.date}T${x.time ?? '00:00'}:00Z`) / 60_000;
  return Math.max(0, at(b) - at(a));
}

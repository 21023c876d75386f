/**
 * What the workout apps' exports (Strong, Hevy) have in common: one row per set; the rows of one
 * workout (same start and name) form a session; consecutive rows of one exercise form it, set by
 * set. The readers of each app turn a row into an `AppSetRow`; `collectAppWorkouts` groups them.
 */
import { mapAppExerciseName } from '../domain/app-exercise-names.js';
import type { MappedExercise } from '../domain/app-exercise-names.js';
import { exerciseSessionType, guessExerciseCategory } from '../domain/exercise.js';
import type { ExerciseRecord, ExtraValues, ParseIssue, WorkoutRecord } from '../domain/legacy-records.js';
import { combineSessionTypes } from '../domain/session-type.js';
import type { SessionType } from '../domain/session-type.js';
import type { WeightUnit } from '../domain/units.js';
import { summarizeSets } from '../domain/workout.js';
import type { ExerciseSet } from '../domain/workout.js';
import { readNumber } from './cell-values.js';

/** One set as an app recorded it, in canonical units, with the unit its load was in and its line. */
export interface AppSet extends ExerciseSet {
  weightUnit: WeightUnit | null;
  line: number;
}

export interface AppExercise {
  name: string;
  notes: string | null;
  supersetLabel: string | null;
  sets: AppSet[];
  /** Rest between sets, when the app recorded a rest timer. */
  restSeconds: number | null;
  line: number;
}

export interface AppWorkout {
  /** The wall-clock date the app wrote for the start (a workout past midnight keeps its start date). */
  date: string;
  /** `HH:MM` of the start when the app wrote one. */
  startTime: string | null;
  title: string;
  durationSeconds: number | null;
  /** Energy the app measured for the workout (Apple Health), in kcal. */
  energyKcal?: number | null;
  notes: string | null;
  exercises: AppExercise[];
  line: number;
}

/** A row of an app's export, read. */
export interface AppSetRow {
  line: number;
  /** What identifies the workout the row belongs to (start date-time and name as written). */
  workoutKey: string;
  date: string;
  startTime: string | null;
  title: string;
  durationSeconds: number | null;
  workoutNotes: string | null;
  exercise: string;
  exerciseNotes: string | null;
  /** The app's own superset id, when it groups exercises. */
  supersetId: string | null;
  /** The set, or null for a row that only says the rest between sets (Strong's "Rest Timer"). */
  set: AppSet | null;
  restSeconds?: number | null;
}

export interface AppParseResult {
  workouts: AppWorkout[];
  issues: ParseIssue[];
  /** Data rows read (the header not counted). */
  rowCount: number;
  /** What the reader assumed, said once per file (`weights read as kg: the file has no unit column`). */
  notices: string[];
}

/**
 * Groups set rows into workouts as they stream in: rows of one workout key are one session, in
 * file order; a run of rows of one exercise is one exercise; superset ids become labels A, B, …
 * in order of first appearance within the session. Only the workouts are kept, not the rows.
 *
 * @example const c = appWorkoutCollector(); for (const row of rows) c.add(row); c.workouts().length
 */
export function appWorkoutCollector(): { add(row: AppSetRow): void; workouts(): AppWorkout[] } {
  type Open = { workout: AppWorkout; supersets: Map<string, string>; last: AppExercise | null };
  const byKey = new Map<string, Open>();
  // The rows of a workout come one after another: the last one's is looked up first.
  let lastKey: string | undefined;
  let lastOpen: Open | undefined;
  return {
    add(row: AppSetRow): void {
      let open = row.workoutKey === lastKey ? lastOpen : byKey.get(row.workoutKey);
      if (!open) {
        open = {
          workout: { date: row.date, startTime: row.startTime, title: row.title, durationSeconds: row.durationSeconds, notes: row.workoutNotes, exercises: [], line: row.line },
          supersets: new Map(),
          last: null,
        };
        byKey.set(row.workoutKey, open);
      }
      lastKey = row.workoutKey;
      lastOpen = open;
      const w = open.workout;
      w.durationSeconds ??= row.durationSeconds;
      w.notes ??= row.workoutNotes;
      let label: string | null = null;
      if (row.supersetId !== null) {
        label = open.supersets.get(row.supersetId) ?? null;
        if (label === null) {
          label = supersetLetter(open.supersets.size);
          open.supersets.set(row.supersetId, label);
        }
      }
      if (open.last && open.last.name === row.exercise && open.last.supersetLabel === label) {
        if (row.set) open.last.sets.push(row.set);
        open.last.notes ??= row.exerciseNotes;
        open.last.restSeconds ??= row.restSeconds ?? null;
      } else {
        open.last = { name: row.exercise, notes: row.exerciseNotes, supersetLabel: label, sets: row.set ? [row.set] : [], restSeconds: row.restSeconds ?? null, line: row.line };
        w.exercises.push(open.last);
      }
    },
    workouts(): AppWorkout[] {
      return [...byKey.values()].map((o) => ({ ...o.workout, exercises: o.workout.exercises.filter((e) => e.sets.length > 0) }));
    },
  };
}

/** A, B, …, Z, AA, AB, … @example supersetLetter(0) → 'A' */
function supersetLetter(n: number): string {
  return n < 26 ? String.fromCharCode(65 + n) : supersetLetter(Math.floor(n / 26) - 1) + String.fromCharCode(65 + (n % 26));
}

/** The cell of a number, or null when empty; `bad` when it is not a number. */
export function appNumber(text: string | undefined): number | null | 'bad' {
  if (text === undefined) return null;
  const n = readNumber(text);
  if (n.kind === 'empty') return null;
  if (n.kind === 'bad' || n.unit !== null) return 'bad';
  return n.value;
}

/** A text cell, trimmed; null when empty. */
export function appText(text: string | undefined): string | null {
  const t = text?.trim() ?? '';
  return t === '' ? null : t;
}

/**
 * A reader that remembers its last input: the rows of one workout repeat its date, duration and
 * names row after row, so reading them once per workout instead of once per set saves time.
 *
 * @example const readDate = rememberLast(readAppDateTime); readDate('2024-03-05 18:15:03')
 */
export function rememberLast<T>(read: (text: string) => T): (text: string) => T {
  let lastText: string | undefined;
  let lastValue: T;
  return (text) => {
    if (text !== lastText) {
      lastValue = read(text);
      lastText = text;
    }
    return lastValue;
  };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A date-time as the apps write it: `2024-03-05 18:15:03`, `2024-03-05 6:15:03 PM` (with the
 * narrow space some versions put before PM), `2024-03-05T18:15`, `21 Jan 2024, 18:05`,
 * `2024-03-05 07:12:45 +0100`. Returns the wall-clock date and `HH:MM` as written (no time-zone
 * conversion: the date the user lived), or null.
 *
 * @example readAppDateTime('21 Jan 2024, 18:05') → { date: '2024-01-21', time: '18:05' }
 */
export function readAppDateTime(text: string): { date: string; time: string | null } | null {
  const t = text.trim().replace(/[\u202f\u00a0]/g, ' ');
  if (t.length > 60) return null;
  let y: number;
  let mo: number;
  let d: number;
  let rest: string;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(.*)$/.exec(t);
  if (m) [y, mo, d, rest] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4]!];
  else if ((m = /^(\d{1,2}) ([A-Za-z]{3,9})\.? (\d{4}),?(.*)$/.exec(t))) {
    const idx = MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase());
    if (idx < 0) return null;
    [y, mo, d, rest] = [Number(m[3]), idx + 1, Number(m[1]), m[4]!];
  } else return null;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || y > 2200 || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  const date = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const r = rest.trim();
  if (r === '') return { date, time: null };
  const tm = /^(?:T\s*)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([AaPp][Mm])?\s*(?:Z|[+-]\d{2}:?\d{2})?$/.exec(r);
  if (!tm) return null;
  let h = Number(tm[1]);
  const min = Number(tm[2]);
  if (tm[4]) {
    if (h < 1 || h > 12) return null;
    const pm = tm[4].toLowerCase() === 'pm';
    h = (h % 12) + (pm ? 12 : 0);
  }
  if (h > 23 || min > 59) return null;
  return { date, time: `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}` };
}

/**
 * The workouts an app exported, as the records every import plans and writes: names mapped to
 * the library (see `mapAppExerciseName`), a session type from its exercises, the summary columns
 * of each exercise (set count, reps per set, the top set's load, total time and distance) and
 * its sets. Two workouts of one day with one name get their start time in the title, so each
 * keeps its own natural key.
 *
 * @example toWorkoutRecords(result.workouts, 'strong.csv').records[0].exercises[0].exerciseName → 'Bench Press'
 */
export function toWorkoutRecords(workouts: AppWorkout[], file: string, userMap?: ReadonlyMap<string, string>): { records: WorkoutRecord[]; mapped: Map<string, MappedExercise> } {
  const mapped = new Map<string, MappedExercise>();
  const seen = new Set<string>();
  const records = workouts.map((w): WorkoutRecord => {
    let title = w.title;
    if (seen.has(`${w.date}\u0000${title}`) && w.startTime) title = `${w.title} (${w.startTime})`;
    seen.add(`${w.date}\u0000${title}`);
    const types: SessionType[] = [];
    const exercises = w.exercises.map((e, i): ExerciseRecord => {
      const m = mapped.get(e.name) ?? mapAppExerciseName(e.name, userMap);
      mapped.set(e.name, m);
      const s = appExerciseSummary(e.sets);
      types.push(exerciseSessionType(m.name, guessExerciseCategory(m.name), { distanceKm: s.distanceKm, sets: s.sets }));
      const extra: ExtraValues = {};
      if (e.restSeconds !== null) extra.rest_seconds = e.restSeconds;
      return {
        exerciseName: m.name,
        supersetLabel: e.supersetLabel,
        orderIndex: i + 1,
        sets: s.sets,
        reps: s.reps,
        repsPerSet: s.repsPerSet,
        weightKg: s.weightKg,
        weightUnit: s.weightUnit,
        durationSeconds: s.durationSeconds,
        distanceKm: s.distanceKm,
        notes: e.notes,
        raw: null,
        perSet: e.sets.map(({ setType, reps, weightKg, rpe, durationSeconds, distanceKm }) => ({ setType, reps, weightKg, rpe, durationSeconds, distanceKm })),
        ...(Object.keys(extra).length > 0 ? { extra } : {}),
        source: { file, line: e.line },
      };
    });
    const extra: ExtraValues = {};
    if (w.durationSeconds !== null) extra.duration_minutes = Math.round(w.durationSeconds / 6) / 10;
    return {
      sessionDate: w.date,
      title,
      sessionType: combineSessionTypes(types),
      programPhase: null,
      notes: w.notes,
      ...(Object.keys(extra).length > 0 ? { extra } : {}),
      source: { file, line: w.line },
      exercises,
    };
  });
  return { records, mapped };
}

/**
 * The summary columns of an exercise from its sets (the one rule, `summarizeSets`), with what
 * it leaves to the importers: the unit of the loads, and the total time and distance.
 *
 * @example appExerciseSummary([{ setType: 'normal', reps: 8, weightKg: 60, … }]).weightKg → 60
 */
export function appExerciseSummary(sets: AppSet[]): ReturnType<typeof summarizeSets> & { weightUnit: WeightUnit | null; durationSeconds: number | null; distanceKm: number | null } {
  const summary = summarizeSets(sets);
  const sum = (values: Array<number | null>) => (values.some((v) => v !== null) ? values.reduce<number>((a, v) => a + (v ?? 0), 0) : null);
  return {
    ...summary,
    // Covered ground or time without reps is not a count of sets (`Running 5 km`).
    sets: sets.some((s) => s.reps !== null) ? summary.sets : null,
    weightUnit: sets.find((s) => s.weightKg !== null && s.weightUnit !== null)?.weightUnit ?? null,
    durationSeconds: sum(sets.map((s) => s.durationSeconds)),
    distanceKm: sum(sets.map((s) => s.distanceKm)),
  };
}

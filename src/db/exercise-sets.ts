/**
 * The rows of `exercise_sets` (each set of an exercise, in order) and the domain sets they hold,
 * read and written in portable SQL so that every repository (log-workout, imports, exports,
 * restores) stores and reads them the one same way.
 */
import type { Knex } from 'knex';
import { asSql, placeholders, type Sql, type SqlValue } from './sql.js';
import type { ExerciseSet, SetType } from '../domain/workout.js';

type Db = Knex | Knex.Transaction | Sql;

export const SET_COLUMNS = ['exercise_log_id', 'set_index', 'set_type', 'reps', 'weight_kg', 'rpe', 'duration_seconds', 'distance_km'] as const;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** A stored set row as the domain set. */
export function toExerciseSet(r: Record<string, unknown>): ExerciseSet {
  return {
    setType: (r.set_type as SetType | null) ?? 'normal',
    reps: num(r.reps),
    weightKg: num(r.weight_kg),
    rpe: num(r.rpe),
    durationSeconds: num(r.duration_seconds),
    distanceKm: num(r.distance_km),
  };
}

/** The rows storing an exercise's sets. @example setRows(7, [plainSet(8, 60)]) → [{ exercise_log_id: 7, set_index: 1, set_type: 'normal', reps: 8, weight_kg: 60, … }] */
export function setRows(exerciseLogId: number, sets: readonly ExerciseSet[]): Array<Record<(typeof SET_COLUMNS)[number], SqlValue>> {
  return sets.map((s, i) => ({
    exercise_log_id: exerciseLogId,
    set_index: i + 1,
    set_type: s.setType,
    reps: s.reps,
    weight_kg: s.weightKg,
    rpe: s.rpe,
    duration_seconds: s.durationSeconds,
    distance_km: s.distanceKm,
  }));
}

/** Stores sets (given as `setRows` rows), a few hundred per statement. */
export async function insertSetRows(db: Db, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  const sql = asSql(db);
  const per = Math.floor(900 / SET_COLUMNS.length);
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    await sql.all(
      `insert into exercise_sets (${SET_COLUMNS.join(', ')}) values ${chunk.map(() => placeholders(SET_COLUMNS.length)).join(', ')}`,
      chunk.flatMap((r) => SET_COLUMNS.map((c) => (r[c] ?? null) as SqlValue)),
    );
  }
}

/** The sets of these exercise logs, in order, by log id (logs without sets are absent). */
export async function loadSetsByLog(db: Db, logIds: readonly number[]): Promise<Map<number, ExerciseSet[]>> {
  const sql = asSql(db);
  const out = new Map<number, ExerciseSet[]>();
  for (let i = 0; i < logIds.length; i += 500) {
    const chunk = logIds.slice(i, i + 500);
    addSets(out, await sql.all<Record<string, unknown>>(`select * from exercise_sets where exercise_log_id in ${placeholders(chunk.length)} order by exercise_log_id, set_index`, chunk as number[]));
  }
  return out;
}

/**
 * The sets of the exercise logs (`exercise_logs e`) that `logs` picks, in order, by log id, in
 * one statement however many logs: `logs` is the rest of the query after `from exercise_logs e`
 * (joins and a where clause), with its parameters.
 *
 * @example await loadSetsOfLogs(sql, { text: 'join workout_sessions s on s.id = e.session_id where s.user_id = ?', params: [7] })
 */
export async function loadSetsOfLogs(db: Db, logs: { text: string; params: readonly SqlValue[] }): Promise<Map<number, ExerciseSet[]>> {
  const rows = await asSql(db).all<Record<string, unknown>>(`select x.* from exercise_sets x join exercise_logs e on e.id = x.exercise_log_id ${logs.text} order by x.exercise_log_id, x.set_index`, logs.params);
  return addSets(new Map(), rows);
}

function addSets(out: Map<number, ExerciseSet[]>, rows: ReadonlyArray<Record<string, unknown>>): Map<number, ExerciseSet[]> {
  for (const r of rows) {
    const id = Number(r.exercise_log_id);
    const list = out.get(id);
    if (list) list.push(toExerciseSet(r));
    else out.set(id, [toExerciseSet(r)]);
  }
  return out;
}

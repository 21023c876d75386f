/**
 * What the reports read: one user's weigh-ins, lifted sets and a period's activity.
 * Every query filters on the user id given to `createReportRepo`. Written in portable SQL (see
 * sql.ts), so that on an existing SQLite file the reports run without loading Knex.
 */
import type { Knex } from 'knex';
import { loadSetsOfLogs } from './exercise-sets.js';
import type { WeightPoint } from '../domain/weight-trend.js';
import type { PeriodActivity } from '../domain/period-activity.js';
import { liftSetsOf, type LiftSet } from '../domain/workout.js';
import { exerciseLogsNamed } from './exercise-repo.js';
import { readNumberList } from './json-column.js';
import { asSql, eachRow, rangeClause, type Sql, type SqlValue } from './sql.js';

type Row = Record<string, unknown>;

const nums = (v: unknown): number[] | null => readNumberList(v, 'exercise_logs.reps_per_set');
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export interface ReportRepo {
  /** Weigh-ins by date (one per day), optionally from a date on. */
  weights(since?: string): Promise<WeightPoint[]>;
  /** Every set lifted with a load, optionally for one exercise (case-insensitive; else a name containing it). */
  liftSets(exercise?: string, since?: string): Promise<LiftSet[]>;
  /** The sets of `liftSets`, handed to `fn` in date order as they are read, without a list of them all. */
  eachLiftSet(exercise: string | undefined, since: string | undefined, fn: (set: LiftSet) => void): Promise<void>;
  summaryInput(from: string, to: string): Promise<PeriodActivity>;
}

/** @example const weights = await createReportRepo(db, 7).weights('2025-01-01') */
export function createReportRepo(db: Knex | Sql, userId: number): ReportRepo {
  const sql = asSql(db);
  const ofUser = 'join workout_sessions s on s.id = e.session_id where s.user_id = ?';

  async function logs(exercise: string | undefined, from: string | undefined, to: string | undefined, fn: (set: LiftSet) => void): Promise<void> {
    const params: SqlValue[] = [userId];
    let where = ' and e.weight_kg is not null';
    where += rangeClause('s.session_date', { from, to }, params);
    if (exercise) {
      const named = exerciseLogsNamed('e', exercise);
      if (await sql.first(`select e.id from exercise_logs e ${ofUser} and ${named.text} limit 1`, [userId, ...named.params])) {
        where += ` and ${named.text}`;
        params.push(...named.params);
      } else {
        where += ' and lower(e.exercise_name) like ?';
        params.push(`%${exercise.toLowerCase().replace(/[%_]/g, '')}%`);
      }
    }
    const perSet = await loadSetsOfLogs(sql, { text: `${ofUser}${where}`, params });
    // Each row becomes its sets as it is read: ten years of rows are never held at once.
    await eachRow<Row>(sql, `select e.id, s.session_date, e.exercise_name, e.weight_kg, e.sets, e.reps, e.reps_per_set from exercise_logs e ${ofUser}${where} order by s.session_date, s.id, e.order_index`, params, (r) => {
      const sets = liftSetsOf({
        date: String(r.session_date),
        exercise: String(r.exercise_name),
        weightKg: numOrNull(r.weight_kg),
        sets: numOrNull(r.sets),
        reps: numOrNull(r.reps),
        repsPerSet: nums(r.reps_per_set),
        perSet: perSet.get(Number(r.id)),
      });
      for (let k = 0; k < sets.length; k++) fn(sets[k]!);
    });
  }

  async function allLogs(exercise?: string, from?: string, to?: string): Promise<LiftSet[]> {
    const out: LiftSet[] = [];
    await logs(exercise, from, to, (s) => out.push(s));
    return out;
  }

  return {
    async weights(since) {
      const params: SqlValue[] = [userId];
      const where = rangeClause('recorded_date', { from: since }, params);
      const rows = await sql.all<Row>(`select recorded_date, weight_kg from health_metrics where user_id = ? and weight_kg is not null${where} order by recorded_date`, params);
      return rows.map((r) => ({ date: String(r.recorded_date), weightKg: Number(r.weight_kg) }));
    },
    liftSets: (exercise, since) => allLogs(exercise, since),
    eachLiftSet: (exercise, since, fn) => logs(exercise, since, undefined, fn),
    async summaryInput(from, to) {
      const sessions = (await sql.all<Row>('select session_date, title from workout_sessions where user_id = ? and session_date between ? and ? order by session_date', [userId, from, to])).map((r) => ({
        date: String(r.session_date),
        title: String(r.title),
      }));
      const sets = await allLogs(undefined, from, to);
      const weightsKg = (await sql.all<Row>('select weight_kg from health_metrics where user_id = ? and recorded_date between ? and ? and weight_kg is not null', [userId, from, to])).map((r) => Number(r.weight_kg));
      const meals = (await sql.all<Row>('select meal_date, calories, protein_g from meal_logs where user_id = ? and meal_date between ? and ?', [userId, from, to])).map((r) => ({
        date: String(r.meal_date),
        calories: numOrNull(r.calories),
        proteinG: numOrNull(r.protein_g),
      }));
      const openActions = (
        await sql.all<Row>(
          'select c.session_date, a.text from coaching_action_items a join coaching_sessions c on c.id = a.session_id where c.user_id = ? and (a.done = false or a.done is null) order by c.session_date, a.position',
          [userId],
        )
      ).map((r) => ({ date: String(r.session_date), text: String(r.text) }));
      return { from, to, sessions, volumeKg: sets.reduce((a, s) => a + s.weightKg * s.reps, 0), weightsKg, meals, openActions };
    },
  };
}

/**
 * What the reports read: one user's weigh-ins, lifted sets and a period's activity.
 * Every query filters on the user id given to `createReportRepo`.
 */
import type { Knex } from 'knex';
import { loadSetsByLog } from './exercise-sets.js';
import type { WeightPoint } from '../domain/weight-trend.js';
import type { PeriodActivity } from '../domain/period-activity.js';
import { liftSetsOf, type LiftSet } from '../domain/workout.js';
import { exerciseLogsNamed } from './exercise-repo.js';
import { readNumberList } from './json-column.js';

type Row = Record<string, unknown>;

const nums = (v: unknown): number[] | null => readNumberList(v, 'exercise_logs.reps_per_set');
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export interface ReportRepo {
  /** Weigh-ins by date (one per day), optionally from a date on. */
  weights(since?: string): Promise<WeightPoint[]>;
  /** Every set lifted with a load, optionally for one exercise (case-insensitive; else a name containing it). */
  liftSets(exercise?: string, since?: string): Promise<LiftSet[]>;
  summaryInput(from: string, to: string): Promise<PeriodActivity>;
}

/** @example const weights = await createReportRepo(db, 7).weights('2025-01-01') */
export function createReportRepo(db: Knex, userId: number): ReportRepo {
  async function logs(exercise?: string, from?: string, to?: string): Promise<LiftSet[]> {
    const q = db('exercise_logs as e')
      .join('workout_sessions as s', 's.id', 'e.session_id')
      .where('s.user_id', userId)
      .whereNotNull('e.weight_kg')
      .select('e.id', 's.session_date', 'e.exercise_name', 'e.weight_kg', 'e.sets', 'e.reps', 'e.reps_per_set')
      .orderBy([{ column: 's.session_date' }, { column: 's.id' }, { column: 'e.order_index' }]);
    if (from) q.where('s.session_date', '>=', from);
    if (to) q.where('s.session_date', '<=', to);
    if (exercise) {
      const exact = await db('exercise_logs as e').join('workout_sessions as s', 's.id', 'e.session_id').where('s.user_id', userId).where(exerciseLogsNamed(db, 'e', exercise)).first('e.id');
      if (exact) q.where(exerciseLogsNamed(db, 'e', exercise));
      else q.whereRaw('lower(e.exercise_name) like ?', [`%${exercise.toLowerCase().replace(/[%_]/g, '')}%`]);
    }
    const rows = (await q) as Row[];
    const perSet = await loadSetsByLog(db, rows.map((r) => Number(r.id)));
    return rows.flatMap((r) =>
      liftSetsOf({
        date: String(r.session_date),
        exercise: String(r.exercise_name),
        weightKg: numOrNull(r.weight_kg),
        sets: numOrNull(r.sets),
        reps: numOrNull(r.reps),
        repsPerSet: nums(r.reps_per_set),
        perSet: perSet.get(Number(r.id)),
      }),
    );
  }

  return {
    async weights(since) {
      const q = db('health_metrics').where('user_id', userId).whereNotNull('weight_kg').select('recorded_date', 'weight_kg').orderBy('recorded_date');
      if (since) q.where('recorded_date', '>=', since);
      return ((await q) as Row[]).map((r) => ({ date: String(r.recorded_date), weightKg: Number(r.weight_kg) }));
    },
    liftSets: (exercise, since) => logs(exercise, since),
    async summaryInput(from, to) {
      const sessions = ((await db('workout_sessions').where('user_id', userId).whereBetween('session_date', [from, to]).select('session_date', 'title').orderBy('session_date')) as Row[]).map((r) => ({
        date: String(r.session_date),
        title: String(r.title),
      }));
      const sets = await logs(undefined, from, to);
      const weightsKg = ((await db('health_metrics').where('user_id', userId).whereBetween('recorded_date', [from, to]).whereNotNull('weight_kg').select('weight_kg')) as Row[]).map((r) => Number(r.weight_kg));
      const meals = ((await db('meal_logs').where('user_id', userId).whereBetween('meal_date', [from, to]).select('meal_date', 'calories', 'protein_g')) as Row[]).map((r) => ({
        date: String(r.meal_date),
        calories: numOrNull(r.calories),
        proteinG: numOrNull(r.protein_g),
      }));
      const openActions = ((await db('coaching_action_items as a')
        .join('coaching_sessions as c', 'c.id', 'a.session_id')
        .where('c.user_id', userId)
        .andWhere((w) => w.where('a.done', false).orWhereNull('a.done'))
        .select('c.session_date', 'a.text')
        .orderBy([{ column: 'c.session_date' }, { column: 'a.position' }])) as Row[]).map((r) => ({ date: String(r.session_date), text: String(r.text) }));
      return { from, to, sessions, volumeKg: sets.reduce((a, s) => a + s.weightKg * s.reps, 0), weightsKg, meals, openActions };
    },
  };
}

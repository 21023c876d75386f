/**
 * Goals (`user_goals`) and the data their progress is read from. Every query is scoped to
 * the user the repository was made for.
 */
import type { Knex } from 'knex';
import type { GoalRecord, GoalStatus } from '../domain/goal.js';
import { currentGoalValue, goalMetricOf, goalReached } from '../domain/goal.js';
import { bestE1rm } from '../domain/workout.js';
import { loadSetsOfLogs } from './exercise-sets.js';
import { nowIso } from '../clock.js';
import { healthRepo } from './health-repo.js';
import { exerciseLogsNamed } from './exercise-repo.js';
import { asSql, insertSql, placeholders, rangeClause, setSql, type Sql, type SqlValue } from './sql.js';
import { readNumberList } from './json-column.js';

type GoalRow = GoalRecord & { user_id: number; milestones: unknown };

function toRecord(row: GoalRow): GoalRecord {
  const { user_id: _u, milestones: _m, ...rest } = row;
  return rest;
}

/** A goal to create: the fields the user gives (status, completion and timestamps are the repository's). */
export type NewGoal = Pick<GoalRecord, 'title' | 'goal_type' | 'metric' | 'start_value' | 'target_value' | 'current_value' | 'unit' | 'start_date' | 'target_date' | 'notes'>;

/** The fields of a goal that change after it is created. */
type GoalPatch = Partial<Pick<GoalRecord, 'status' | 'completed_at' | 'current_value' | 'start_value'>>;

export interface GoalRepo {
  create(goal: NewGoal): Promise<GoalRecord>;
  get(id: number): Promise<GoalRecord | undefined>;
  /** Goals oldest first; only the given statuses when asked. */
  list(statuses?: GoalStatus[]): Promise<GoalRecord[]>;
  /** Active goals on the given metrics (`weight_kg`, `body_fat_pct`, `waist_cm`). */
  activeOn(metrics: string[]): Promise<GoalRecord[]>;
  /** Changes a goal; undefined when the user has no goal with that id. */
  update(id: number, patch: GoalPatch): Promise<GoalRecord | undefined>;
  /** A metric's values over time, oldest first (e1rm: the best estimate of each workout day). */
  series(metric: string, range?: { from?: string; to?: string }): Promise<Array<{ date: string; value: number }>>;
  /** A metric's newest value (e1rm: the best estimate ever). */
  current(metric: string): Promise<{ date: string; value: number } | undefined>;
}

/** The user's active goals on the given metrics, oldest first. */
async function activeGoalsOn(sql: Sql, userId: number, metrics: readonly string[]): Promise<GoalRecord[]> {
  if (metrics.length === 0) return [];
  const rows = await sql.all<GoalRow>(`select * from user_goals where user_id = ? and status = 'active' and metric in ${placeholders(metrics.length)} order by id`, [userId, ...metrics]);
  return rows.map(toRecord);
}

const PATCHABLE: ReadonlySet<string> = new Set<keyof GoalPatch | 'updated_at'>(['status', 'completed_at', 'current_value', 'start_value', 'updated_at']);

/** Changes one of the user's goals; undefined when the user has no goal with that id. */
async function updateGoal(sql: Sql, userId: number, id: number, patch: GoalPatch): Promise<GoalRecord | undefined> {
  const sets = setSql({ ...patch, updated_at: nowIso() }, PATCHABLE);
  const row = await sql.first<GoalRow>(`update user_goals set ${sets.text} where id = ? and user_id = ? returning *`, [...sets.params, id, userId]);
  return row ? toRecord(row) : undefined;
}

/** What `create` may write. */
const INSERTABLE: ReadonlySet<string> = new Set<keyof NewGoal | 'user_id' | 'status' | 'created_at' | 'updated_at'>([
  'title',
  'goal_type',
  'metric',
  'start_value',
  'target_value',
  'current_value',
  'unit',
  'start_date',
  'target_date',
  'notes',
  'user_id',
  'status',
  'created_at',
  'updated_at',
]);

/**
 * The goal repository of one user, on a Knex instance or transaction, or an `Sql` (portable
 * SQL: the reports run it without loading Knex).
 *
 * @example const goals = goalRepo(db, user.id); await goals.list(['active'])
 */
export function goalRepo(db: Knex | Sql, userId: number): GoalRepo {
  const sql = asSql(db);
  const health = healthRepo(sql, userId);

  async function e1rmSeries(exercise: string, range: { from?: string; to?: string } = {}): Promise<Array<{ date: string; value: number }>> {
    const named = exerciseLogsNamed('e', exercise);
    const params: SqlValue[] = [userId, ...named.params];
    const where = rangeClause('s.session_date', range, params);
    const logs = `join workout_sessions s on s.id = e.session_id where s.user_id = ? and ${named.text} and e.weight_kg is not null${where}`;
    const found = await sql.all<Record<string, unknown>>(`select e.id, s.session_date, e.sets, e.reps, e.reps_per_set, e.weight_kg from exercise_logs e ${logs} order by s.session_date`, params);
    const sets = await loadSetsOfLogs(sql, { text: logs, params });
    const best = new Map<string, number>();
    for (const r of found) {
      const perSet = readNumberList(r.reps_per_set, 'exercise_logs.reps_per_set');
      const reps = r.reps === null ? null : Number(r.reps);
      const est = bestE1rm({ sets: r.sets === null ? (reps !== null ? 1 : null) : Number(r.sets), reps, repsPerSet: perSet, weightKg: Number(r.weight_kg), perSet: sets.get(Number(r.id)) });
      if (est === null) continue;
      const date = r.session_date as string;
      if (!best.has(date) || est > best.get(date)!) best.set(date, est);
    }
    return [...best.entries()].map(([date, value]) => ({ date, value }));
  }

  return {
    async create(goal) {
      const now = nowIso();
      const insert = insertSql('user_goals', { ...goal, user_id: userId, status: 'active', created_at: now, updated_at: now }, INSERTABLE);
      return toRecord((await sql.first<GoalRow>(`${insert.text} returning *`, insert.params))!);
    },
    async get(id) {
      const row = await sql.first<GoalRow>('select * from user_goals where user_id = ? and id = ? limit 1', [userId, id]);
      return row ? toRecord(row) : undefined;
    },
    async list(statuses) {
      const params: SqlValue[] = [userId];
      let where = '';
      if (statuses && statuses.length > 0) {
        where = ` and status in ${placeholders(statuses.length)}`;
        params.push(...statuses);
      }
      return (await sql.all<GoalRow>(`select * from user_goals where user_id = ?${where} order by id`, params)).map(toRecord);
    },
    activeOn(metrics) {
      return activeGoalsOn(sql, userId, metrics);
    },
    update(id, patch) {
      return updateGoal(sql, userId, id, patch);
    },
    async series(metric, range) {
      const m = goalMetricOf(metric);
      if (m.kind === 'health') return health.series(m.column, range);
      if (m.kind === 'e1rm') return e1rmSeries(m.exercise, range);
      return [];
    },
    async current(metric) {
      const m = goalMetricOf(metric);
      if (m.kind === 'health') return health.latest(m.column);
      if (m.kind === 'e1rm') return currentGoalValue(metric, await e1rmSeries(m.exercise));
      return undefined;
    },
  };
}

/**
 * The values of every metric the user's goals measure, oldest first (see `GoalRepo.series`),
 * read up front so a reader streaming the goals can assess each one.
 *
 * @example (await goalSeriesByMetric(db, 7)).get('weight_kg') → [{ date: '2025-03-01', value: 82 }, …]
 */
export async function goalSeriesByMetric(db: Knex, userId: number): Promise<Map<string, Array<{ date: string; value: number }>>> {
  const goals = goalRepo(db, userId);
  const metrics = (await db('user_goals').where('user_id', userId).whereNotNull('metric').distinct('metric')) as Array<{ metric: string }>;
  const out = new Map<string, Array<{ date: string; value: number }>>();
  for (const { metric } of metrics) out.set(metric, await goals.series(metric));
  return out;
}

/**
 * Brings the active goals on weight, body fat or waist up to date with values just logged for
 * `date`: their `current_value` follows the newest value, and a goal the value reaches is
 * completed (status `completed`, `completed_at` now). Returns the goals completed. Values
 * logged for a day before a goal started do not complete it.
 *
 * @example await completeReachedGoals(trx, user.id, '2025-03-04', { weight_kg: 74.9 }) → [{ id: 3, … }]
 */
export async function completeReachedGoals(db: Knex | Sql, userId: number, date: string, values: { weight_kg?: number | null; body_fat_pct?: number | null; waist_cm?: number | null }): Promise<GoalRecord[]> {
  const given = (['weight_kg', 'body_fat_pct', 'waist_cm'] as const).filter((m) => typeof values[m] === 'number');
  if (given.length === 0) return [];
  const sql = asSql(db);
  const active = await activeGoalsOn(sql, userId, given);
  if (active.length === 0) return [];
  const health = healthRepo(sql, userId);
  const newest = new Map<string, boolean>();
  for (const metric of new Set(active.map((g) => g.metric as (typeof given)[number]))) {
    newest.set(metric, ((await health.latest(metric))?.date ?? date) <= date);
  }
  const done: GoalRecord[] = [];
  for (const g of active) {
    const value = values[g.metric as (typeof given)[number]];
    if (typeof value !== 'number') continue;
    if (date >= g.start_date && goalReached(g, value)) {
      const updated = await updateGoal(sql, userId, g.id, { status: 'completed', completed_at: nowIso(), current_value: value });
      if (updated) done.push(updated);
    } else if (newest.get(g.metric!)) {
      await updateGoal(sql, userId, g.id, { current_value: value });
    }
  }
  return done;
}

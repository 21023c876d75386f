/**
 * Workout sessions (`workout_sessions`) and their exercises (`exercise_logs`), scoped to one
 * user. Written in portable SQL (see sql.ts), so that `log-workout` runs it without loading Knex.
 */
import type { Knex } from 'knex';
import { nowIso } from '../clock.js';
import { ensureDefinition, findDefinitionByName, parseNumberList } from './exercise-repo.js';
import { insertSetRows, loadSetsByLog, loadSetsOfLogs, setRows } from './exercise-sets.js';
import { asSql, eachRow, insertSql, placeholders, rangeClause, type Sql, type SqlValue } from './sql.js';
import type { ExerciseCategory, ExerciseDefinition } from '../domain/exercise.js';
import type { SessionType } from '../domain/session-type.js';
import type { WeightUnit } from '../domain/units.js';
import type { ExerciseEntry, ExerciseSet, WorkoutSession } from '../domain/workout.js';

type Db = Knex | Knex.Transaction | Sql;

/** An exercise as stored, with its row id and library link. */
export interface StoredExercise extends ExerciseEntry {
  id: number;
  exerciseDefinitionId: number | null;
  orderIndex: number;
  raw: string | null;
}

/** A session as stored. */
export interface StoredWorkout extends Omit<WorkoutSession, 'exercises'> {
  id: number;
  createdAt: string;
  updatedAt: string;
  exercises: StoredExercise[];
}

/** A session to store; its type is decided once the exercises' library categories are known. */
export interface WorkoutDraft extends Omit<WorkoutSession, 'sessionType'> {
  sessionType: SessionType | null;
}

interface SessionRow {
  id: number;
  user_id: number;
  session_date: string;
  title: string;
  session_type: SessionType;
  program_phase: string | null;
  program_week: number | null;
  program_day: number | null;
  duration_minutes: number | null;
  intensity: number | null;
  fatigue: number | null;
  soreness: number | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

interface LogRow {
  id: number;
  session_id: number;
  exercise_definition_id: number | null;
  exercise_name: string;
  superset_label: string | null;
  order_index: number;
  sets: number | null;
  reps: number | null;
  reps_per_set: unknown;
  weight_kg: number | null;
  weight_unit: WeightUnit | null;
  rest_seconds: number | null;
  duration_seconds: number | null;
  distance_km: number | null;
  rpe: number | null;
  form_quality: number | null;
  notes: string | null;
  raw: string | null;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toExercise(r: LogRow): StoredExercise {
  return {
    id: r.id,
    exerciseDefinitionId: r.exercise_definition_id,
    orderIndex: r.order_index,
    exerciseName: r.exercise_name,
    supersetLabel: r.superset_label,
    sets: num(r.sets),
    reps: num(r.reps),
    repsPerSet: parseNumberList(r.reps_per_set),
    weightKg: num(r.weight_kg),
    weightUnit: r.weight_unit,
    restSeconds: num(r.rest_seconds),
    durationSeconds: num(r.duration_seconds),
    distanceKm: num(r.distance_km),
    rpe: num(r.rpe),
    formQuality: num(r.form_quality),
    notes: r.notes,
    raw: r.raw,
  };
}

/** An exercise with its sets, when it was logged set by set. */
function withSets(log: LogRow, sets: Map<number, ExerciseSet[]>): StoredExercise {
  const e = toExercise(log);
  const perSet = sets.get(Number(log.id));
  return perSet ? { ...e, perSet } : e;
}

/** A session with its exercises, in order. */
function toWorkout(s: SessionRow, exercises: StoredExercise[]): StoredWorkout {
  return {
    id: s.id,
    sessionDate: s.session_date,
    title: s.title,
    sessionType: s.session_type,
    programPhase: s.program_phase,
    programWeek: num(s.program_week),
    programDay: num(s.program_day),
    durationMinutes: num(s.duration_minutes),
    intensity: num(s.intensity),
    fatigue: num(s.fatigue),
    soreness: num(s.soreness),
    notes: s.notes,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
    exercises,
  };
}

/**
 * The sessions with their exercises: the logs are read in chunks of 500 sessions and handed to
 * each session through a map by session id, so the work grows with the rows read, not with
 * sessions × logs.
 */
async function withExercises(sql: Sql, sessions: SessionRow[]): Promise<StoredWorkout[]> {
  if (sessions.length === 0) return [];
  const bySession = new Map<number, LogRow[]>();
  for (const s of sessions) bySession.set(s.id, []);
  const ids = sessions.map((s) => s.id);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    for (const log of await sql.all<LogRow>(`select * from exercise_logs where session_id in ${placeholders(chunk.length)} order by session_id, order_index`, chunk)) {
      bySession.get(log.session_id)?.push(log);
    }
  }
  const sets = await loadSetsByLog(sql, [...bySession.values()].flatMap((logs) => logs.map((l) => Number(l.id))));
  return sessions.map((s) => toWorkout(s, bySession.get(s.id)!.sort((a, b) => a.order_index - b.order_index).map((l) => withSets(l, sets))));
}

const SESSION_COLUMNS: ReadonlySet<string> = new Set([
  'user_id',
  'session_date',
  'title',
  'session_type',
  'program_phase',
  'program_week',
  'program_day',
  'duration_minutes',
  'intensity',
  'fatigue',
  'soreness',
  'notes',
  'created_at',
  'updated_at',
]);
const LOG_COLUMNS = [
  'session_id',
  'exercise_definition_id',
  'exercise_name',
  'superset_label',
  'order_index',
  'sets',
  'reps',
  'reps_per_set',
  'weight_kg',
  'weight_unit',
  'rest_seconds',
  'duration_seconds',
  'distance_km',
  'rpe',
  'form_quality',
  'notes',
  'raw',
  'created_at',
] as const;

/**
 * Stores a session and its exercises in one transaction: each exercise is linked to the shared
 * library (created on first use), then `decideType` picks the session type from the library
 * categories when the draft has none.
 *
 * @example await createWorkoutSession(db, user.id, draft, (cats) => 'strength')
 */
export async function createWorkoutSession(
  db: Db,
  userId: number,
  draft: WorkoutDraft,
  decideType: (exercises: Array<{ name: string; category: ExerciseCategory | null; distanceKm: number | null; sets: number | null }>) => SessionType,
  /** Told each exercise name this session adds to the library (first use). */
  onNewExercise: (name: string) => void = () => {},
): Promise<StoredWorkout> {
  return asSql(db).transaction(async (trx) => {
    const defs: ExerciseDefinition[] = [];
    const added: string[] = [];
    for (const e of draft.exercises) {
      const known = await findDefinitionByName(trx, e.exerciseName);
      const def = known ?? (await ensureDefinition(trx, e.exerciseName, userId));
      if (!known && !added.includes(def.name)) added.push(def.name);
      defs.push(def);
    }
    const sessionType =
      draft.sessionType ?? decideType(draft.exercises.map((e, i) => ({ name: e.exerciseName, category: defs[i]!.category, distanceKm: e.distanceKm, sets: e.sets })));
    const now = nowIso();
    const session = insertSql(
      'workout_sessions',
      {
        user_id: userId,
        session_date: draft.sessionDate,
        title: draft.title,
        session_type: sessionType,
        program_phase: draft.programPhase,
        program_week: draft.programWeek,
        program_day: draft.programDay,
        duration_minutes: draft.durationMinutes,
        intensity: draft.intensity,
        fatigue: draft.fatigue,
        soreness: draft.soreness,
        notes: draft.notes,
        created_at: now,
        updated_at: now,
      },
      SESSION_COLUMNS,
    );
    const sessionId = (await trx.first<{ id: number }>(`${session.text} returning id`, session.params))!.id;
    if (draft.exercises.length > 0) {
      const rows = draft.exercises.map((e, i): SqlValue[] => [
        sessionId,
        defs[i]!.id,
        e.exerciseName,
        e.supersetLabel,
        i + 1,
        e.sets,
        e.reps,
        e.repsPerSet === null ? null : JSON.stringify(e.repsPerSet),
        e.weightKg,
        e.weightUnit,
        e.restSeconds,
        e.durationSeconds,
        e.distanceKm,
        e.rpe,
        e.formQuality,
        e.notes,
        null,
        now,
      ]);
      await trx.all(`insert into exercise_logs (${LOG_COLUMNS.join(', ')}) values ${rows.map((r) => placeholders(r.length)).join(', ')}`, rows.flat());
      if (draft.exercises.some((e) => e.perSet && e.perSet.length > 0)) {
        const ids = await trx.all<{ id: number; order_index: number }>('select id, order_index from exercise_logs where session_id = ?', [sessionId]);
        const idAt = new Map(ids.map((r) => [Number(r.order_index), Number(r.id)]));
        await insertSetRows(trx, draft.exercises.flatMap((e, i) => setRows(idAt.get(i + 1)!, e.perSet ?? [])));
      }
    }
    const stored = (await getWorkoutSession(trx, userId, sessionId))!;
    added.forEach(onNewExercise);
    return stored;
  });
}

/** One of the user's sessions with its exercises, or null (also for another user's session). */
export async function getWorkoutSession(db: Db, userId: number, id: number): Promise<StoredWorkout | null> {
  const sql = asSql(db);
  const row = await sql.first<SessionRow>('select * from workout_sessions where user_id = ? and id = ?', [userId, id]);
  if (!row) return null;
  return (await withExercises(sql, [row]))[0]!;
}

/**
 * The logs of the user's sessions in a date range, each session's in order, and their sets: one
 * statement each, however many sessions (`columns`: of `exercise_logs e`).
 */
async function logsInRange<L extends Pick<LogRow, 'id' | 'session_id'>, E>(
  sql: Sql,
  userId: number,
  range: { from?: string; to?: string },
  columns: string,
  /** Makes the record of a log (its sets at hand), as each row is read. */
  toRecord: (log: L, sets: Map<number, ExerciseSet[]>) => E,
): Promise<Map<number, E[]>> {
  const params: SqlValue[] = [userId];
  const logs = `join workout_sessions s on s.id = e.session_id where s.user_id = ?${rangeClause('s.session_date', range, params)}`;
  const sets = await loadSetsOfLogs(sql, { text: logs, params });
  const bySession = new Map<number, E[]>();
  await eachRow<L>(sql, `select ${columns} from exercise_logs e ${logs} order by s.session_date, s.id, e.order_index`, params, (log) => {
    const record = toRecord(log, sets);
    const list = bySession.get(log.session_id);
    if (list) list.push(record);
    else bySession.set(log.session_id, [record]);
  });
  return bySession;
}

/** The user's sessions between two dates (inclusive, either open), oldest first. */
export async function listWorkoutSessions(db: Db, userId: number, opts: { from?: string; to?: string } = {}): Promise<StoredWorkout[]> {
  const sql = asSql(db);
  const params: SqlValue[] = [userId];
  const where = rangeClause('session_date', opts, params);
  const rows = await sql.all<SessionRow>(`select * from workout_sessions where user_id = ?${where} order by session_date, id`, params);
  if (rows.length === 0) return [];
  const bySession = await logsInRange(sql, userId, opts, 'e.*', (log: LogRow, sets) => withSets(log, sets));
  return rows.map((s) => toWorkout(s, bySession.get(s.id) ?? []));
}

/** An exercise as `log-workout --list` shows it. */
export type ListedExercise = Pick<StoredExercise, 'exerciseName' | 'sets' | 'reps' | 'repsPerSet' | 'weightKg' | 'weightUnit' | 'durationSeconds' | 'distanceKm' | 'rpe' | 'perSet'>;

/** A session as `log-workout --list` shows it: fewer columns than `StoredWorkout`, for long histories. */
export interface ListedWorkout extends Pick<StoredWorkout, 'id' | 'sessionDate' | 'title' | 'sessionType'> {
  exercises: ListedExercise[];
}

type ListedLogRow = Pick<LogRow, 'id' | 'session_id' | 'exercise_name' | 'sets' | 'reps' | 'reps_per_set' | 'weight_kg' | 'weight_unit' | 'duration_seconds' | 'distance_km' | 'rpe'>;

/**
 * What `log-workout --list` shows of the user's sessions between two dates, oldest first (see
 * `listWorkoutSessions` for every column).
 *
 * @example (await listWorkoutsShown(sql, user.id, { from: '2025-03-01' }))[0].exercises[0].exerciseName → 'Bench'
 */
export async function listWorkoutsShown(db: Db, userId: number, opts: { from?: string; to?: string } = {}): Promise<ListedWorkout[]> {
  const out: ListedWorkout[] = [];
  await eachWorkoutShown(db, userId, opts, (w) => out.push(w));
  return out;
}

/**
 * Hands each session of `listWorkoutsShown` to `fn`, oldest first, as soon as its exercises are
 * read: a long history can be turned into table rows without holding every exercise at once.
 *
 * @example await eachWorkoutShown(sql, user.id, {}, (w) => rows.push(workoutListRow(w, 'kg')))
 */
export async function eachWorkoutShown(db: Db, userId: number, opts: { from?: string; to?: string }, fn: (w: ListedWorkout) => void): Promise<void> {
  const sql = asSql(db);
  const params: SqlValue[] = [userId];
  const where = rangeClause('session_date', opts, params);
  const rows = await sql.all<Pick<SessionRow, 'id' | 'session_date' | 'title' | 'session_type'>>(`select id, session_date, title, session_type from workout_sessions where user_id = ?${where} order by session_date, id`, params);
  if (rows.length === 0) return;
  const logParams: SqlValue[] = [userId];
  const logs = `join workout_sessions s on s.id = e.session_id where s.user_id = ?${rangeClause('s.session_date', opts, logParams)}`;
  const sets = await loadSetsOfLogs(sql, { text: logs, params: logParams });
  // Sessions and their logs come in the same order (date, then id): each session is handed over
  // once the logs of a later one begin, sessions without any log in their turn. (A log of a
  // session written between the two statements, not in the list, is left out.)
  const indexOf = new Map<number, number>();
  for (let k = 0; k < rows.length; k++) indexOf.set(rows[k]!.id, k);
  let next = 0;
  let current: ListedWorkout | undefined;
  const columns = 'e.id, e.session_id, e.exercise_name, e.sets, e.reps, e.reps_per_set, e.weight_kg, e.weight_unit, e.duration_seconds, e.distance_km, e.rpe';
  await eachRow<ListedLogRow>(sql, `select ${columns} from exercise_logs e ${logs} order by s.session_date, s.id, e.order_index`, logParams, (l) => {
    if (current === undefined || current.id !== l.session_id) {
      const at = indexOf.get(l.session_id);
      if (at === undefined || at < next) return;
      if (current) fn(current);
      while (next < at) fn(shownSession(rows[next++]!));
      current = shownSession(rows[next++]!);
    }
    current.exercises.push(listedExercise(l, sets));
  });
  if (current) fn(current);
  while (next < rows.length) fn(shownSession(rows[next++]!));
}

function shownSession(s: Pick<SessionRow, 'id' | 'session_date' | 'title' | 'session_type'>): ListedWorkout {
  return { id: s.id, sessionDate: s.session_date, title: s.title, sessionType: s.session_type, exercises: [] };
}

function listedExercise(l: ListedLogRow, sets: Map<number, ExerciseSet[]>): ListedExercise {
  const e: ListedExercise = {
    exerciseName: l.exercise_name,
    sets: num(l.sets),
    reps: num(l.reps),
    repsPerSet: parseNumberList(l.reps_per_set),
    weightKg: num(l.weight_kg),
    weightUnit: l.weight_unit,
    durationSeconds: num(l.duration_seconds),
    distanceKm: num(l.distance_km),
    rpe: num(l.rpe),
  };
  const perSet = sets.get(Number(l.id));
  if (perSet) e.perSet = perSet;
  return e;
}

/** The user's most recent session with this title (case-insensitively), or null. */
export async function findLastSessionByTitle(db: Db, userId: number, title: string): Promise<StoredWorkout | null> {
  const sql = asSql(db);
  const row = await sql.first<SessionRow>('select * from workout_sessions where user_id = ? and lower(title) = lower(?) order by session_date desc, id desc limit 1', [userId, title.trim()]);
  if (!row) return null;
  return (await withExercises(sql, [row]))[0]!;
}

/** How many sessions the user has (for tests and summaries). */
export async function countWorkoutSessions(db: Db, userId: number): Promise<number> {
  const row = await asSql(db).first<{ n: number | string }>('select count(*) as n from workout_sessions where user_id = ?', [userId]);
  return Number(row?.n ?? 0);
}

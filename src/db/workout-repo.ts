/**
 * Workout sessions (`workout_sessions`) and their exercises (`exercise_logs`), scoped to one user.
 */
import type { Knex } from 'knex';
import { nowIso } from './clock.js';
import { ensureDefinition, parseNumberList } from './exercise-repo.js';
import type { ExerciseCategory, ExerciseDefinition } from '../domain/exercise.js';
import type { SessionType } from '../domain/session-type.js';
import type { WeightUnit } from '../domain/units.js';
import type { ExerciseEntry, WorkoutSession } from '../domain/workout.js';

type Db = Knex | Knex.Transaction;

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

function toWorkout(s: SessionRow, logs: LogRow[]): StoredWorkout {
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
    exercises: logs.filter((l) => l.session_id === s.id).sort((a, b) => a.order_index - b.order_index).map(toExercise),
  };
}

async function withExercises(db: Db, sessions: SessionRow[]): Promise<StoredWorkout[]> {
  if (sessions.length === 0) return [];
  const logs: LogRow[] = [];
  const ids = sessions.map((s) => s.id);
  for (let i = 0; i < ids.length; i += 500) {
    logs.push(...(await db<LogRow>('exercise_logs').whereIn('session_id', ids.slice(i, i + 500)).orderBy(['session_id', 'order_index'])));
  }
  return sessions.map((s) => toWorkout(s, logs));
}

/**
 * Stores a session and its exercises in one transaction: each exercise is linked to the shared
 * library (created on first use), then `decideType` picks the session type from the library
 * categories when the draft has none.
 *
 * @example await createWorkoutSession(db, user.id, draft, (cats) => 'strength')
 */
export async function createWorkoutSession(
  db: Knex,
  userId: number,
  draft: WorkoutDraft,
  decideType: (exercises: Array<{ name: string; category: ExerciseCategory | null; distanceKm: number | null; sets: number | null }>) => SessionType,
): Promise<StoredWorkout> {
  return db.transaction(async (trx) => {
    const defs: ExerciseDefinition[] = [];
    for (const e of draft.exercises) defs.push(await ensureDefinition(trx, e.exerciseName, userId));
    const sessionType =
      draft.sessionType ?? decideType(draft.exercises.map((e, i) => ({ name: e.exerciseName, category: defs[i]!.category, distanceKm: e.distanceKm, sets: e.sets })));
    const now = nowIso();
    const [inserted] = await trx('workout_sessions')
      .insert({
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
      })
      .returning('id');
    const sessionId = typeof inserted === 'object' ? (inserted as { id: number }).id : (inserted as number);
    if (draft.exercises.length > 0) {
      await trx('exercise_logs').insert(
        draft.exercises.map((e, i) => ({
          session_id: sessionId,
          exercise_definition_id: defs[i]!.id,
          exercise_name: e.exerciseName,
          superset_label: e.supersetLabel,
          order_index: i + 1,
          sets: e.sets,
          reps: e.reps,
          reps_per_set: e.repsPerSet === null ? null : JSON.stringify(e.repsPerSet),
          weight_kg: e.weightKg,
          weight_unit: e.weightUnit,
          rest_seconds: e.restSeconds,
          duration_seconds: e.durationSeconds,
          distance_km: e.distanceKm,
          rpe: e.rpe,
          form_quality: e.formQuality,
          notes: e.notes,
          raw: null,
          created_at: now,
        })),
      );
    }
    return (await getWorkoutSession(trx, userId, sessionId))!;
  });
}

/** One of the user's sessions with its exercises, or null (also for another user's session). */
export async function getWorkoutSession(db: Db, userId: number, id: number): Promise<StoredWorkout | null> {
  const row = await db<SessionRow>('workout_sessions').where({ user_id: userId, id }).first();
  if (!row) return null;
  return (await withExercises(db, [row]))[0]!;
}

/** The user's sessions between two dates (inclusive, either open), oldest first. */
export async function listWorkoutSessions(db: Db, userId: number, opts: { from?: string; to?: string } = {}): Promise<StoredWorkout[]> {
  const q = db<SessionRow>('workout_sessions').where('user_id', userId);
  if (opts.from) q.where('session_date', '>=', opts.from);
  if (opts.to) q.where('session_date', '<=', opts.to);
  const rows = await q.orderBy([{ column: 'session_date' }, { column: 'id' }]);
  return withExercises(db, rows);
}

/** The user's most recent session with this title (case-insensitively), or null. */
export async function findLastSessionByTitle(db: Db, userId: number, title: string): Promise<StoredWorkout | null> {
  const row = await db<SessionRow>('workout_sessions')
    .where('user_id', userId)
    .whereRaw('lower(title) = lower(?)', [title.trim()])
    .orderBy([
      { column: 'session_date', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .first();
  if (!row) return null;
  return (await withExercises(db, [row]))[0]!;
}

/** How many sessions the user has (for tests and summaries). */
export async function countWorkoutSessions(db: Db, userId: number): Promise<number> {
  const row = await db('workout_sessions').where('user_id', userId).count<{ n: number | string }[]>({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/**
 * The exercise library (`exercise_definitions`), shared by every user: no user_id, names unique
 * under one Unicode-aware folding (`foldName`, stored in `name_folded`). A user's own history per exercise is read through `exercise_logs` joined
 * to that user's sessions only.
 */
import type { Knex } from 'knex';
import { nowIso } from '../clock.js';
import { loadSetsByLog } from './exercise-sets.js';
import { asSql, type Sql } from './sql.js';
import { guessExerciseCategory, type Difficulty, type ExerciseCategory, type ExerciseDefinition } from '../domain/exercise.js';
import type { WeightUnit } from '../domain/units.js';
import type { ExerciseEntry } from '../domain/workout.js';
import { foldName } from '../domain/names.js';
import { isGuarded } from './rls-repo.js';
import { readNumberList, readStringList } from './json-column.js';

type Db = Knex | Knex.Transaction;

interface DefinitionRow {
  id: number;
  name: string;
  category: ExerciseCategory | null;
  muscle_groups: string | string[] | null;
  equipment: string | string[] | null;
  difficulty: Difficulty | null;
  description: string | null;
  instructions: string | null;
  tips: string | null;
  video_url: string | null;
  image_url: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** The fields `exercise add` / `exercise edit` may set; undefined leaves a field alone. */
export interface DefinitionPatch {
  name?: string;
  category?: ExerciseCategory | null;
  muscleGroups?: string[] | null;
  equipment?: string[] | null;
  difficulty?: Difficulty | null;
  description?: string | null;
  instructions?: string | null;
  tips?: string | null;
  videoUrl?: string | null;
  imageUrl?: string | null;
}


function toDefinition(row: DefinitionRow): ExerciseDefinition {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    muscleGroups: readStringList(row.muscle_groups, 'exercise_definitions.muscle_groups'),
    equipment: readStringList(row.equipment, 'exercise_definitions.equipment'),
    difficulty: row.difficulty,
    description: row.description,
    instructions: row.instructions,
    tips: row.tips,
    videoUrl: row.video_url,
    imageUrl: row.image_url,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toColumns(patch: DefinitionPatch): Record<string, unknown> {
  const cols: Record<string, unknown> = {};
  const set = (col: string, v: unknown) => {
    if (v !== undefined) cols[col] = v;
  };
  set('name', patch.name);
  set('name_folded', patch.name === undefined ? undefined : foldName(patch.name));
  set('category', patch.category);
  set('muscle_groups', patch.muscleGroups === undefined ? undefined : patch.muscleGroups === null ? null : JSON.stringify(patch.muscleGroups));
  set('equipment', patch.equipment === undefined ? undefined : patch.equipment === null ? null : JSON.stringify(patch.equipment));
  set('difficulty', patch.difficulty);
  set('description', patch.description);
  set('instructions', patch.instructions);
  set('tips', patch.tips);
  set('video_url', patch.videoUrl);
  set('image_url', patch.imageUrl);
  return cols;
}

/**
 * The SQL condition matching a definition's name under `foldName` (a row written without its
 * folded name, e.g. by hand, is matched by its exact name).
 */
export const DEFINITION_NAME_MATCH = '(name_folded = ? or (name_folded is null and name = ?))';

/**
 * The definition with this name, compared under `foldName`, or null. A name is unique in the
 * whole library: for a guarded PostgreSQL role, which sees only some entries (rls-repo.ts), an
 * entry out of its sight is still found, by the schema owner's function, as its id, name and
 * category only (callers tell visible entries apart with `isVisibleTo`).
 *
 * @example await findDefinitionByName(db, 'BENCH press')
 */
export async function findDefinitionByName(db: Db | Sql, name: string): Promise<ExerciseDefinition | null> {
  const sql = asSql(db);
  const row = await sql.first<DefinitionRow>(`select * from exercise_definitions where ${DEFINITION_NAME_MATCH}`, [foldName(name), name.trim()]);
  if (row) return toDefinition(row);
  if (!isGuarded(sql)) return null;
  const hidden = await sql.first<Pick<DefinitionRow, 'id' | 'name' | 'category'>>('select id, name, category from fittrack_exercise_by_folded_name(?)', [foldName(name)]);
  if (!hidden) return null;
  const none = { muscle_groups: null, equipment: null, difficulty: null, description: null, instructions: null, tips: null, video_url: null, image_url: null, created_by: null, created_at: '', updated_at: '' };
  return toDefinition({ ...none, id: Number(hidden.id), name: hidden.name, category: hidden.category });
}

/**
 * The entries a user may see: the built-in catalogue (entries nobody created), the ones they
 * created, and the ones they logged. Other users' entries stay out of sight.
 */
function visibleTo(db: Db, userId: number) {
  return (w: Knex.QueryBuilder) =>
    w
      .whereNull('created_by')
      .orWhere('created_by', userId)
      .orWhereIn('id', db('exercise_logs as l').join('workout_sessions as s', 's.id', 'l.session_id').where('s.user_id', userId).whereNotNull('l.exercise_definition_id').select('l.exercise_definition_id'));
}

/** The definitions the user may see (see `isVisibleTo`), by name; only one category when given. */
export async function listDefinitions(db: Db, userId: number, opts: { category?: ExerciseCategory } = {}): Promise<ExerciseDefinition[]> {
  const q = db<DefinitionRow>('exercise_definitions').where(visibleTo(db, userId)).orderBy([{ column: 'name_folded' }, { column: 'id' }]);
  if (opts.category) q.where('category', opts.category);
  return (await q).map(toDefinition);
}

/** True when the user may see the entry: catalogue, created by them, or logged by them. @example await isVisibleTo(db, def, user.id) */
export async function isVisibleTo(db: Db, def: Pick<ExerciseDefinition, 'id'>, userId: number): Promise<boolean> {
  return (await db('exercise_definitions').where('id', def.id).where(visibleTo(db, userId)).first('id')) !== undefined;
}

/** True when someone other than the user has logged the entry. */
export async function isUsedByOthers(db: Db, defId: number, userId: number): Promise<boolean> {
  // A guarded role cannot see other users' logs: the schema owner's function answers (for the logged-in user).
  if (isGuarded(db)) return Boolean((await asSql(db).first<{ used: boolean }>('select fittrack_exercise_used_by_others(?) as used', [defId]))?.used);
  const row = await db('exercise_logs as l').join('workout_sessions as s', 's.id', 'l.session_id').where('l.exercise_definition_id', defId).whereNot('s.user_id', userId).first('l.id');
  return row !== undefined;
}

/**
 * Adds a definition and returns it. The caller checks the name is free first; a clash that
 * slips through is refused by the unique index.
 *
 * @example await addDefinition(db, { name: 'Bench Press', category: 'compound' }, user.id)
 */
export async function addDefinition(db: Db, patch: DefinitionPatch & { name: string }, createdBy: number | null): Promise<ExerciseDefinition> {
  const now = nowIso();
  const [inserted] = await db('exercise_definitions')
    .insert({ ...toColumns(patch), created_by: createdBy, created_at: now, updated_at: now })
    .returning('id');
  const id = typeof inserted === 'object' ? (inserted as { id: number }).id : (inserted as number);
  const row = await db<DefinitionRow>('exercise_definitions').where('id', id).first();
  return toDefinition(row!);
}

/** Changes the given fields of a definition and returns it. */
export async function updateDefinition(db: Db, id: number, patch: DefinitionPatch): Promise<ExerciseDefinition> {
  const cols = toColumns(patch);
  if (Object.keys(cols).length > 0) await db('exercise_definitions').where('id', id).update({ ...cols, updated_at: nowIso() });
  const row = await db<DefinitionRow>('exercise_definitions').where('id', id).first();
  return toDefinition(row!);
}

/**
 * The definition for a logged exercise name: the existing one (under `foldName`), else a new
 * one with the category guessed from the name.
 *
 * @example (await ensureDefinition(trx, 'Back Squat', 1)).category → 'compound'
 */
export async function ensureDefinition(db: Db | Sql, name: string, createdBy: number | null): Promise<ExerciseDefinition> {
  const sql = asSql(db);
  const existing = await findDefinitionByName(sql, name);
  if (existing) return existing;
  // Another process may add the same name at the same moment: let the unique index decide, then read.
  const now = nowIso();
  await sql.all('insert into exercise_definitions (name, name_folded, category, created_by, created_at, updated_at) values (?, ?, ?, ?, ?, ?) on conflict do nothing', [
    name.trim(),
    foldName(name),
    guessExerciseCategory(name),
    createdBy,
    now,
    now,
  ]);
  return (await findDefinitionByName(sql, name))!;
}

/**
 * A where-condition for exercise logs (table alias `alias`) of the exercise with this name: filed
 * under the library entry of that folded name, or written with that very name (a log keeps the
 * name it was written with after its entry is renamed). Portable SQL, with its parameters.
 *
 * @example exerciseLogsNamed('e', 'жим лёжа') → { text: '(e.exercise_definition_id in (select id from exercise_definitions where name_folded = ?) or lower(e.exercise_name) = ?)', params: ['жим лёжа', 'жим лёжа'] }
 */
export function exerciseLogsNamed(alias: string, name: string): { text: string; params: string[] } {
  return {
    text: `(${alias}.exercise_definition_id in (select id from exercise_definitions where name_folded = ?) or lower(${alias}.exercise_name) = ?)`,
    params: [foldName(name), name.trim().toLowerCase()],
  };
}

/** One logged occurrence of an exercise in the user's history: the exercise as logged, and the session it was logged in. */
export type ExerciseHistoryEntry = { sessionId: number; sessionDate: string; title: string } & Pick<
  ExerciseEntry,
  'sets' | 'reps' | 'repsPerSet' | 'weightKg' | 'weightUnit' | 'durationSeconds' | 'distanceKm' | 'rpe' | 'formQuality' | 'notes' | 'perSet'
>;

/**
 * The user's logs of one exercise, newest first: rows linked to the definition, and rows of
 * the same name that were stored without a link (imports).
 */
export async function listExerciseHistory(db: Db, userId: number, def: Pick<ExerciseDefinition, 'id' | 'name'>): Promise<ExerciseHistoryEntry[]> {
  const rows = await db('exercise_logs as l')
    .join('workout_sessions as s', 's.id', 'l.session_id')
    .where('s.user_id', userId)
    .andWhere((w) => {
      w.where('l.exercise_definition_id', def.id).orWhere((w2) => {
        w2.whereNull('l.exercise_definition_id').whereRaw('lower(l.exercise_name) = lower(?)', [def.name]);
      });
    })
    .orderBy([
      { column: 's.session_date', order: 'desc' },
      { column: 's.id', order: 'desc' },
      { column: 'l.order_index', order: 'asc' },
    ])
    .select(
      'l.id',
      's.id as session_id',
      's.session_date',
      's.title',
      'l.sets',
      'l.reps',
      'l.reps_per_set',
      'l.weight_kg',
      'l.weight_unit',
      'l.duration_seconds',
      'l.distance_km',
      'l.rpe',
      'l.form_quality',
      'l.notes',
    );
  const sets = await loadSetsByLog(db, rows.map((r: Record<string, unknown>) => Number(r.id)));
  return rows.map((r: Record<string, unknown>) => ({
    ...(sets.has(Number(r.id)) ? { perSet: sets.get(Number(r.id))! } : {}),
    sessionId: Number(r.session_id),
    sessionDate: String(r.session_date),
    title: String(r.title),
    sets: r.sets === null ? null : Number(r.sets),
    reps: r.reps === null ? null : Number(r.reps),
    repsPerSet: parseNumberList(r.reps_per_set),
    weightKg: r.weight_kg === null ? null : Number(r.weight_kg),
    weightUnit: (r.weight_unit as WeightUnit | null) ?? null,
    durationSeconds: r.duration_seconds === null ? null : Number(r.duration_seconds),
    distanceKm: r.distance_km === null ? null : Number(r.distance_km),
    rpe: r.rpe === null ? null : Number(r.rpe),
    formQuality: r.form_quality === null ? null : Number(r.form_quality),
    notes: (r.notes as string | null) ?? null,
  }));
}

/** Reads the stored reps of each set (a JSON list of numbers) on either engine. */
export function parseNumberList(value: unknown): number[] | null {
  return readNumberList(value, 'exercise_logs.reps_per_set');
}

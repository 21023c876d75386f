/**
 * The rows a restore writes: each record of a full-account document (format version 1 or 2) as
 * the row of its table, the inverse of `export-records.ts`. A field a version 1 document does not
 * have is stored as null (or its version 1 equivalent).
 */
import { foldName } from '../domain/names.js';
import type { ExportDocument, ExportUser, SourceRef } from '../domain/export-document.js';

type Row = Record<string, unknown>;

/** A section's record as the document holds it. */
export type DocRecord<S extends keyof ExportDocument> = NonNullable<ExportDocument[S]> extends ReadonlyArray<infer R> ? R : never;
type ExerciseDoc = NonNullable<DocRecord<'workout_sessions'>['exercises']>[number];

/** Whose rows they are, when they were written, and the import batch a document's batch id stands for here (null: none of the user's). */
export interface Owner {
  userId: number;
  now: string;
  batch(id: string | null | undefined): string | null;
}

const src = (s: SourceRef | null | undefined) => ({ source_file: s?.file ?? null, source_line: s?.line ?? null });
/** A JSON column's text (both engines take it), null for null. */
export const jsonText = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
const v = <T>(x: T | undefined): T | null => (x === undefined ? null : x);

/** A document's user as the `users` row of the first user of an empty database (passwordless: the local profile). */
export function userRow(docUser: ExportUser, now: string): Row {
  return {
    username: docUser.username,
    username_folded: foldName(docUser.username),
    email: docUser.email,
    display_name: docUser.display_name,
    role: docUser.role,
    preferred_units: docUser.preferred_units,
    height_cm: docUser.height_cm,
    bio: v(docUser.bio),
    photo_url: v(docUser.photo_url),
    created_at: now,
    updated_at: now,
  };
}

/** A document's import batch as its `import_batches` row (a version 1 batch says only `rows_created` and `reverted`). */
export function importBatchRow(rec: DocRecord<'imports'>, userId: number): Row {
  return {
    id: rec.batch_id,
    user_id: userId,
    started_at: rec.started_at,
    finished_at: rec.finished_at === undefined ? rec.started_at : rec.finished_at,
    files: JSON.stringify(rec.files),
    counts: rec.counts === undefined ? JSON.stringify({ rows_created: rec.rows_created }) : jsonText(rec.counts),
    reverted_at: rec.reverted_at === undefined ? (rec.reverted ? rec.started_at : null) : rec.reverted_at,
  };
}

/** A document's library entry as the fields of its `exercise_definitions` row (the restore adds its folded name and owner). */
export function definitionRow(rec: DocRecord<'exercise_definitions'>): Row & { name: string } {
  return {
    name: rec.name.trim(),
    category: v(rec.category),
    muscle_groups: jsonText(rec.muscle_groups),
    equipment: jsonText(rec.equipment),
    difficulty: v(rec.difficulty),
    description: v(rec.description),
    instructions: v(rec.instructions),
    tips: v(rec.tips),
    video_url: v(rec.video_url),
    image_url: v(rec.image_url),
  };
}

/** A document's check-in as its `health_metrics` row. */
export function healthRow(rec: DocRecord<'health_metrics'>, owner: Owner): Row {
  return {
    user_id: owner.userId,
    recorded_date: rec.recorded_date,
    weight_kg: v(rec.weight_kg),
    weight_unit: rec.weight_kg === null || rec.weight_kg === undefined ? null : v(rec.weight_unit),
    body_fat_pct: v(rec.body_fat_pct),
    muscle_mass_kg: v(rec.muscle_mass_kg),
    lean_body_mass_kg: v(rec.lean_body_mass_kg),
    bmi: v(rec.bmi),
    length_unit: v(rec.length_unit),
    chest_cm: v(rec.chest_cm),
    waist_cm: v(rec.waist_cm),
    hips_cm: v(rec.hips_cm),
    neck_cm: v(rec.neck_cm),
    left_arm_cm: v(rec.left_arm_cm),
    right_arm_cm: v(rec.right_arm_cm),
    left_thigh_cm: v(rec.left_thigh_cm),
    right_thigh_cm: v(rec.right_thigh_cm),
    resting_heart_rate: v(rec.resting_heart_rate),
    blood_pressure_systolic: v(rec.blood_pressure_systolic),
    blood_pressure_diastolic: v(rec.blood_pressure_diastolic),
    energy_level: v(rec.energy_level),
    mood: v(rec.mood),
    sleep_quality: v(rec.sleep_quality),
    stress_level: v(rec.stress_level),
    sleep_hours: v(rec.sleep_hours),
    notes: v(rec.notes),
    ...src(rec.source),
    import_batch_id: owner.batch(rec.import_batch_id),
    created_at: owner.now,
    updated_at: owner.now,
  };
}

/** A document's workout as its `workout_sessions` row (its exercises: `exerciseRow`). */
export function workoutRow(rec: DocRecord<'workout_sessions'>, owner: Owner): Row {
  return {
    user_id: owner.userId,
    session_date: rec.session_date,
    title: rec.title,
    session_type: rec.session_type,
    program_phase: v(rec.program_phase),
    program_week: v(rec.program_week),
    program_day: v(rec.program_day),
    duration_minutes: v(rec.duration_minutes),
    energy_kcal: v(rec.energy_kcal),
    intensity: v(rec.intensity),
    fatigue: v(rec.fatigue),
    soreness: v(rec.soreness),
    notes: v(rec.notes),
    ...src(rec.source),
    import_batch_id: owner.batch(rec.import_batch_id),
    created_at: owner.now,
    updated_at: owner.now,
  };
}

/** A document's coaching session as its `coaching_sessions` row (its action items: `actionItemRow`). */
export function coachingRow(rec: DocRecord<'coaching_sessions'>, owner: Owner): Row {
  return {
    user_id: owner.userId,
    session_date: rec.session_date,
    title: v(rec.title),
    coach_name: v(rec.coach_name),
    subject: v(rec.subject),
    topics: jsonText(rec.topics),
    notes: v(rec.notes),
    rating: v(rec.rating),
    next_session_date: v(rec.next_session_date),
    follow_up_required: rec.follow_up_required ?? false,
    ...src(rec.source),
    import_batch_id: owner.batch(rec.import_batch_id),
    created_at: owner.now,
    updated_at: owner.now,
  };
}

/** A document's meal as its `meal_logs` row. */
export function mealRow(rec: DocRecord<'meal_logs'>, owner: Owner): Row {
  return {
    user_id: owner.userId,
    meal_date: rec.meal_date,
    meal_type: rec.meal_type,
    meal_label: v(rec.meal_label),
    description: v(rec.description),
    calories: v(rec.calories),
    protein_g: v(rec.protein_g),
    carbs_g: v(rec.carbs_g),
    fat_g: v(rec.fat_g),
    fiber_g: v(rec.fiber_g),
    sugar_g: v(rec.sugar_g),
    sodium_mg: v(rec.sodium_mg),
    water_ml: v(rec.water_ml),
    adherence: v(rec.adherence),
    satisfaction: v(rec.satisfaction),
    hunger_before: v(rec.hunger_before),
    hunger_after: v(rec.hunger_after),
    satiety_before: v(rec.satiety_before),
    satiety_after: v(rec.satiety_after),
    notes: v(rec.notes),
    ...src(rec.source),
    import_batch_id: owner.batch(rec.import_batch_id),
    created_at: owner.now,
    updated_at: owner.now,
  };
}

/** A document's goal as its `user_goals` row (its live progress is not stored). */
export function goalRow(rec: DocRecord<'goals'>, owner: Owner): Row {
  return {
    user_id: owner.userId,
    title: rec.title,
    goal_type: rec.goal_type,
    metric: v(rec.metric),
    start_value: v(rec.start_value),
    target_value: v(rec.target_value),
    current_value: v(rec.current_value),
    unit: v(rec.unit),
    start_date: rec.start_date,
    target_date: v(rec.target_date),
    status: rec.status,
    completed_at: v(rec.completed_at),
    milestones: jsonText(rec.milestones),
    notes: v(rec.notes),
    created_at: owner.now,
    updated_at: owner.now,
  };
}

/** A document's progress photo as its `progress_photos` row. */
export function photoRow(rec: DocRecord<'progress_photos'>, owner: Owner): Row {
  return {
    user_id: owner.userId,
    taken_on: rec.taken_on,
    photo_type: rec.photo_type,
    file_path: rec.file_path,
    sha256: rec.sha256,
    weight_kg: v(rec.weight_kg),
    body_fat_pct: v(rec.body_fat_pct),
    is_public: rec.is_public,
    notes: v(rec.notes),
    created_at: owner.now,
    updated_at: owner.now,
  };
}

/** A workout's exercise as its `exercise_logs` row, filed under its library entry (`definition_name` is the entry's name: taken off before the insert). */
export function exerciseRow(x: ExerciseDoc, entry: { id: number; name: string }, owner: Owner): Row {
  return {
    exercise_definition_id: entry.id,
    definition_name: entry.name,
    exercise_name: x.exercise_name,
    superset_label: v(x.superset_label),
    order_index: x.order_index,
    sets: v(x.sets),
    reps: v(x.reps),
    reps_per_set: jsonText(x.reps_per_set),
    weight_kg: v(x.weight_kg),
    weight_unit: x.weight_kg === null || x.weight_kg === undefined ? null : v(x.weight_unit),
    rest_seconds: v(x.rest_seconds),
    duration_seconds: v(x.duration_seconds),
    distance_km: v(x.distance_km),
    rpe: v(x.rpe),
    form_quality: v(x.form_quality),
    notes: v(x.notes),
    raw: v(x.raw),
    ...src(x.source),
    import_batch_id: owner.batch(x.import_batch_id),
    created_at: owner.now,
  };
}

/** The `n`th (from 0) set of an exercise as its `exercise_sets` row, without the exercise's id. */
export function setRow(t: NonNullable<ExerciseDoc['per_set']>[number], n: number): Row {
  return {
    set_index: n + 1,
    set_type: t.set_type ?? 'normal',
    reps: v(t.reps),
    weight_kg: v(t.weight_kg),
    rpe: v(t.rpe),
    duration_seconds: v(t.duration_seconds),
    distance_km: v(t.distance_km),
  };
}

/** The `n`th (from 0) action item of a coaching session as its `coaching_action_items` row, without the session's id. */
export function actionItemRow(i: NonNullable<DocRecord<'coaching_sessions'>['action_items']>[number], n: number, now: string): Row {
  return { position: n + 1, text: i.text, done: i.done, done_at: i.done_at === undefined ? (i.done ? now : null) : i.done_at };
}

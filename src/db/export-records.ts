/**
 * Mapping database rows to the export document's records, one mapper per table: the export
 * writes them, and `restore` compares a document's records with them. Both engines' rows map to
 * the same record (numbers, booleans, timestamps and JSON columns read alike).
 */
import { guessExerciseCategory } from '../domain/exercise.js';
import { goalProgressPct } from '../domain/goal.js';
import { rowsCreatedOf } from '../domain/export-format.js';
import type {
  ActionItemRecord,
  CoachingRecord,
  ExerciseDefinitionRecord,
  ExerciseRecord,
  ExportUser,
  GoalRecord,
  HealthRecord,
  ImportRecord,
  MealRecord,
  PhotoRecord,
  SetRecord,
  ShareRecord,
  SourceRef,
  WorkoutRecord,
} from '../domain/export-document.js';
import { readJsonColumn, readNumberList, readStringList } from './json-column.js';

type Row = Record<string, unknown>;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const bool = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 't' || v === 'true';
/** A timestamp the way both engines agree on: ISO-8601 UTC with milliseconds and `Z`. */
const ts = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  const d = v instanceof Date ? v : new Date(String(v));
  return Number.isNaN(d.getTime()) ? String(v) : d.toISOString();
};
/** A JSON column: text on SQLite, already parsed on PostgreSQL. */
const json = <T>(v: unknown, where: string): T | null => readJsonColumn(v, where) as T | null;
/** A free-form JSON value with the keys of every object sorted, so both engines write it alike (jsonb reorders keys). */
const canonical = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Row)[k])]));
  return v;
};
const source = (r: Row): SourceRef | null => (r.source_file === null || r.source_file === undefined ? null : { file: String(r.source_file), line: num(r.source_line) });

/** Maps a `health_metrics` row to its export record (one object literal: cheap for millions of rows). */
export function toHealthRecord(r: Row): HealthRecord {
  const anyLength =
    r.chest_cm != null || r.waist_cm != null || r.hips_cm != null || r.neck_cm != null || r.left_arm_cm != null || r.right_arm_cm != null || r.left_thigh_cm != null || r.right_thigh_cm != null;
  return {
    recorded_date: String(r.recorded_date),
    weight_kg: num(r.weight_kg),
    weight_unit: r.weight_kg == null ? null : (str(r.weight_unit) as HealthRecord['weight_unit']),
    body_fat_pct: num(r.body_fat_pct),
    muscle_mass_kg: num(r.muscle_mass_kg),
    lean_body_mass_kg: num(r.lean_body_mass_kg),
    bmi: num(r.bmi),
    length_unit: anyLength ? (str(r.length_unit) as HealthRecord['length_unit']) : null,
    chest_cm: num(r.chest_cm),
    waist_cm: num(r.waist_cm),
    hips_cm: num(r.hips_cm),
    neck_cm: num(r.neck_cm),
    left_arm_cm: num(r.left_arm_cm),
    right_arm_cm: num(r.right_arm_cm),
    left_thigh_cm: num(r.left_thigh_cm),
    right_thigh_cm: num(r.right_thigh_cm),
    resting_heart_rate: num(r.resting_heart_rate),
    blood_pressure_systolic: num(r.blood_pressure_systolic),
    blood_pressure_diastolic: num(r.blood_pressure_diastolic),
    energy_level: num(r.energy_level),
    mood: num(r.mood),
    sleep_quality: num(r.sleep_quality),
    stress_level: num(r.stress_level),
    sleep_hours: num(r.sleep_hours),
    notes: str(r.notes),
    source: source(r),
    import_batch_id: str(r.import_batch_id),
  };
}

/** Maps an `exercise_logs` row (with `definition_name`, its library entry's name) to its export record. */
export function toExerciseRecord(r: Row, sets: readonly Row[] = []): ExerciseRecord {
  const record: ExerciseRecord = {
    exercise_name: String(r.exercise_name),
    exercise: str(r.definition_name),
    superset_label: str(r.superset_label),
    order_index: Number(r.order_index),
    sets: num(r.sets),
    reps: num(r.reps),
    reps_per_set: readNumberList(r.reps_per_set, 'exercise_logs.reps_per_set'),
    weight_kg: num(r.weight_kg),
    weight_unit: r.weight_kg === null ? null : (str(r.weight_unit) as ExerciseRecord['weight_unit']),
    rest_seconds: num(r.rest_seconds),
    duration_seconds: num(r.duration_seconds),
    distance_km: num(r.distance_km),
    rpe: num(r.rpe),
    form_quality: num(r.form_quality),
    notes: str(r.notes),
    raw: str(r.raw),
    source: source(r),
    import_batch_id: str(r.import_batch_id),
  };
  if (sets.length > 0) record.per_set = sets.map(toSetRecord);
  return record;
}

/** Maps an `exercise_sets` row to its export record. */
export function toSetRecord(r: Row): SetRecord {
  return {
    set_type: (str(r.set_type) ?? 'normal') as SetRecord['set_type'],
    reps: num(r.reps),
    weight_kg: num(r.weight_kg),
    rpe: num(r.rpe),
    duration_seconds: num(r.duration_seconds),
    distance_km: num(r.distance_km),
  };
}

export function toWorkoutRecord(r: Row, exercises: ExerciseRecord[]): WorkoutRecord {
  return {
    session_date: String(r.session_date),
    title: String(r.title),
    session_type: String(r.session_type) as WorkoutRecord['session_type'],
    program_phase: str(r.program_phase),
    program_week: num(r.program_week),
    program_day: num(r.program_day),
    duration_minutes: num(r.duration_minutes),
    energy_kcal: num(r.energy_kcal),
    intensity: num(r.intensity),
    fatigue: num(r.fatigue),
    soreness: num(r.soreness),
    notes: str(r.notes),
    source: source(r),
    import_batch_id: str(r.import_batch_id),
    exercises,
  };
}

export function toCoachingRecord(r: Row, items: ActionItemRecord[]): CoachingRecord {
  return {
    session_date: String(r.session_date),
    title: str(r.title),
    coach_name: str(r.coach_name),
    subject: str(r.subject),
    topics: readStringList(r.topics, 'coaching_sessions.topics'),
    rating: num(r.rating),
    next_session_date: str(r.next_session_date),
    notes: str(r.notes),
    follow_up_required: bool(r.follow_up_required),
    action_items: items,
    source: source(r),
    import_batch_id: str(r.import_batch_id),
  };
}

export function toActionItemRecord(r: Row): ActionItemRecord {
  return { text: String(r.text), done: bool(r.done), done_at: ts(r.done_at) };
}

export function toMealRecord(r: Row): MealRecord {
  return {
    meal_date: String(r.meal_date),
    meal_type: String(r.meal_type) as MealRecord['meal_type'],
    meal_label: str(r.meal_label),
    description: str(r.description),
    calories: num(r.calories),
    protein_g: num(r.protein_g),
    carbs_g: num(r.carbs_g),
    fat_g: num(r.fat_g),
    fiber_g: num(r.fiber_g),
    sugar_g: num(r.sugar_g),
    sodium_mg: num(r.sodium_mg),
    water_ml: num(r.water_ml),
    adherence: str(r.adherence) as MealRecord['adherence'],
    satisfaction: num(r.satisfaction),
    hunger_before: num(r.hunger_before),
    hunger_after: num(r.hunger_after),
    satiety_before: num(r.satiety_before),
    satiety_after: num(r.satiety_after),
    notes: str(r.notes),
    source: source(r),
    import_batch_id: str(r.import_batch_id),
  };
}

export function toGoalRecord(r: Row): GoalRecord {
  const start = num(r.start_value);
  const target = num(r.target_value);
  const current = num(r.current_value);
  return {
    title: String(r.title),
    goal_type: String(r.goal_type) as GoalRecord['goal_type'],
    metric: str(r.metric),
    start_value: start,
    target_value: target,
    current_value: current,
    unit: str(r.unit),
    start_date: String(r.start_date),
    target_date: str(r.target_date),
    status: String(r.status) as GoalRecord['status'],
    progress_pct: goalProgressPct(start, target, current),
    projected_date: null,
    completed_at: ts(r.completed_at),
    milestones: canonical(json<unknown>(r.milestones, 'user_goals.milestones')),
    notes: str(r.notes),
  };
}

export function toPhotoRecord(r: Row): PhotoRecord {
  return {
    taken_on: String(r.taken_on),
    photo_type: String(r.photo_type) as PhotoRecord['photo_type'],
    file_path: String(r.file_path),
    sha256: String(r.sha256),
    weight_kg: num(r.weight_kg),
    body_fat_pct: num(r.body_fat_pct),
    is_public: bool(r.is_public),
    notes: str(r.notes),
  };
}

export function toImportRecord(r: Row): ImportRecord {
  const files = json<unknown[]>(r.files, 'import_batches.files');
  return {
    batch_id: String(r.id),
    started_at: ts(r.started_at) ?? '',
    files: Array.isArray(files) ? files.map(String) : [],
    rows_created: rowsCreatedOf(json(r.counts, 'import_batches.counts')),
    reverted: r.reverted_at !== null && r.reverted_at !== undefined,
    finished_at: ts(r.finished_at),
    reverted_at: ts(r.reverted_at),
    counts: canonical(json<unknown>(r.counts, 'import_batches.counts')),
  };
}

export function toDefinitionRecord(r: Row): ExerciseDefinitionRecord {
  const list = (v: unknown, column: string) => readStringList(v, `exercise_definitions.${column}`);
  return {
    name: String(r.name),
    category: str(r.category) as ExerciseDefinitionRecord['category'],
    muscle_groups: list(r.muscle_groups, 'muscle_groups'),
    equipment: list(r.equipment, 'equipment'),
    difficulty: str(r.difficulty) as ExerciseDefinitionRecord['difficulty'],
    description: str(r.description),
    instructions: str(r.instructions),
    tips: str(r.tips),
    video_url: str(r.video_url),
    image_url: str(r.image_url),
  };
}

/** The entry `import-json` files a logged name under when the library has none: the name, its category guessed. */
export function newDefinitionRecord(name: string): ExerciseDefinitionRecord {
  return {
    name: name.trim(),
    category: guessExerciseCategory(name),
    muscle_groups: null,
    equipment: null,
    difficulty: null,
    description: null,
    instructions: null,
    tips: null,
    video_url: null,
    image_url: null,
  };
}

/** Maps a `data_shares` row (with `grantee_name`) to its export record. */
export function toShareRecord(r: Row): ShareRecord {
  return { grantee: String(r.grantee_name), granted_at: ts(r.granted_at) ?? '', revoked_at: ts(r.revoked_at) };
}

/** Maps a `users` row to the document's user. */
export function toExportUser(r: Row): ExportUser {
  return {
    username: String(r.username),
    email: str(r.email),
    display_name: str(r.display_name),
    role: String(r.role) as ExportUser['role'],
    preferred_units: String(r.preferred_units) as ExportUser['preferred_units'],
    height_cm: num(r.height_cm),
    bio: str(r.bio),
    photo_url: str(r.photo_url),
  };
}

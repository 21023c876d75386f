/**
 * The full-account export document, format version 2 (see docs/export-format.md): record types
 * with every key always present, and the names of its sections. Version 1 documents (the same
 * records without the fields version 2 added) are still read by `import-json`.
 */

export const EXPORT_FORMAT = 'fittrack-export';
export const EXPORT_FORMAT_VERSION = 2;
/** The versions `import-json` reads. */
export const READABLE_FORMAT_VERSIONS = [1, 2] as const;

/** Where an imported record came from; null for records logged in the CLI. */
export interface SourceRef {
  file: string;
  line: number | null;
}

export interface ExportUser {
  username: string;
  email: string | null;
  display_name: string | null;
  role: 'user' | 'coach' | 'admin';
  preferred_units: 'metric' | 'imperial';
  height_cm: number | null;
  bio: string | null;
  photo_url: string | null;
}

/** An exercise library entry the user created or logged. */
export interface ExerciseDefinitionRecord {
  name: string;
  category: string | null;
  muscle_groups: string[] | null;
  equipment: string[] | null;
  difficulty: string | null;
  description: string | null;
  instructions: string | null;
  tips: string | null;
  video_url: string | null;
  image_url: string | null;
}

export interface HealthRecord {
  recorded_date: string;
  weight_kg: number | null;
  weight_unit: 'kg' | 'lb' | null;
  body_fat_pct: number | null;
  muscle_mass_kg: number | null;
  /** Measured (by a scale), not derived from body fat. Absent in documents written before it existed. */
  lean_body_mass_kg?: number | null;
  bmi: number | null;
  length_unit: 'cm' | 'in' | null;
  chest_cm: number | null;
  waist_cm: number | null;
  hips_cm: number | null;
  neck_cm: number | null;
  left_arm_cm: number | null;
  right_arm_cm: number | null;
  left_thigh_cm: number | null;
  right_thigh_cm: number | null;
  resting_heart_rate: number | null;
  blood_pressure_systolic: number | null;
  blood_pressure_diastolic: number | null;
  energy_level: number | null;
  mood: number | null;
  sleep_quality: number | null;
  stress_level: number | null;
  sleep_hours: number | null;
  notes: string | null;
  source: SourceRef | null;
  import_batch_id: string | null;
}

export interface ExerciseRecord {
  exercise_name: string;
  /** The library entry the log is filed under (its name may differ from `exercise_name` after a rename). */
  exercise: string | null;
  superset_label: string | null;
  order_index: number;
  sets: number | null;
  reps: number | null;
  reps_per_set: number[] | null;
  weight_kg: number | null;
  weight_unit: 'kg' | 'lb' | null;
  rest_seconds: number | null;
  duration_seconds: number | null;
  distance_km: number | null;
  rpe: number | null;
  form_quality: number | null;
  notes: string | null;
  raw: string | null;
  source: SourceRef | null;
  import_batch_id: string | null;
  /** Each set as done, in order, for an exercise logged set by set; absent otherwise. */
  per_set?: SetRecord[];
}

/** One set of an exercise logged set by set (its position is its place in `per_set`). */
export interface SetRecord {
  set_type: 'normal' | 'warmup' | 'dropset' | 'failure';
  reps: number | null;
  weight_kg: number | null;
  rpe: number | null;
  duration_seconds: number | null;
  distance_km: number | null;
}

export interface WorkoutRecord {
  session_date: string;
  title: string;
  session_type: string;
  program_phase: string | null;
  program_week: number | null;
  program_day: number | null;
  duration_minutes: number | null;
  /** Absent in documents written before it existed. */
  energy_kcal?: number | null;
  intensity: number | null;
  fatigue: number | null;
  soreness: number | null;
  notes: string | null;
  source: SourceRef | null;
  import_batch_id: string | null;
  exercises: ExerciseRecord[];
}

export interface ActionItemRecord {
  text: string;
  done: boolean;
  done_at: string | null;
}

export interface CoachingRecord {
  session_date: string;
  title: string | null;
  coach_name: string | null;
  subject: string | null;
  topics: string[] | null;
  rating: number | null;
  next_session_date: string | null;
  notes: string | null;
  follow_up_required: boolean;
  action_items: ActionItemRecord[];
  source: SourceRef | null;
  import_batch_id: string | null;
}

export interface MealRecord {
  meal_date: string;
  meal_type: string;
  /** The meal's name as written where it says more than its type (`Brunch`), else null. */
  meal_label: string | null;
  description: string | null;
  calories: number | null;
  protein_g: number | null;
  carbs_g: number | null;
  fat_g: number | null;
  fiber_g: number | null;
  sugar_g: number | null;
  sodium_mg: number | null;
  water_ml: number | null;
  adherence: string | null;
  satisfaction: number | null;
  hunger_before: number | null;
  hunger_after: number | null;
  satiety_before: number | null;
  satiety_after: number | null;
  notes: string | null;
  source: SourceRef | null;
  import_batch_id: string | null;
}

export interface GoalRecord {
  title: string;
  goal_type: string;
  metric: string | null;
  start_value: number | null;
  target_value: number | null;
  current_value: number | null;
  unit: string | null;
  start_date: string;
  target_date: string | null;
  status: 'active' | 'completed' | 'paused' | 'abandoned';
  /** Live progress and projected date, as `goal list` shows them (derived; not read back on import). */
  progress_pct: number | null;
  projected_date: string | null;
  completed_at: string | null;
  /** Whatever the goal's milestones hold (JSON), or null. */
  milestones: unknown;
  notes: string | null;
}

export interface PhotoRecord {
  taken_on: string;
  photo_type: string;
  file_path: string;
  sha256: string;
  weight_kg: number | null;
  body_fat_pct: number | null;
  is_public: boolean;
  notes: string | null;
}

export interface ImportRecord {
  batch_id: string;
  started_at: string;
  files: string[];
  rows_created: number;
  reverted: boolean;
  finished_at: string | null;
  reverted_at: string | null;
  /** The batch's counts as the importer stored them (JSON), or null. */
  counts: unknown;
}

/** A share the user granted: who may read their data, since when, and when it ended. */
export interface ShareRecord {
  grantee: string;
  granted_at: string;
  revoked_at: string | null;
}

export interface ExportDocument {
  format: typeof EXPORT_FORMAT;
  /** 2 when written; 1 in older files, whose records lack the fields version 2 added. */
  format_version: (typeof READABLE_FORMAT_VERSIONS)[number];
  exported_at: string;
  user: ExportUser;
  exercise_definitions?: ExerciseDefinitionRecord[];
  health_metrics?: HealthRecord[];
  workout_sessions?: WorkoutRecord[];
  coaching_sessions?: CoachingRecord[];
  meal_logs?: MealRecord[];
  goals?: GoalRecord[];
  progress_photos?: PhotoRecord[];
  imports?: ImportRecord[];
  shares?: ShareRecord[];
}

/** An inclusive date range; either end may be open. */
export interface DateRange {
  from?: string;
  to?: string;
}

/**
 * What the exporters are handed: the account's user and, per section, its records as an async
 * iterable of pages in document order (the database's export repository is one).
 */
export interface ExportSource {
  user(): Promise<ExportUser>;
  pages(section: Section, range?: DateRange): AsyncIterable<unknown[]>;
}

/** The array sections of the document, in document order. */
export const SECTIONS = ['exercise_definitions', 'health_metrics', 'workout_sessions', 'coaching_sessions', 'meal_logs', 'goals', 'progress_photos', 'imports', 'shares'] as const;
export type Section = (typeof SECTIONS)[number];

/** What `--what` accepts. */
export const WHATS = ['health', 'workouts', 'exercises', 'sets', 'meals', 'coaching', 'actions', 'goals', 'all'] as const;
export type What = (typeof WHATS)[number];

/** The document sections a `--what` selects. @example sectionsFor('exercises') → ['workout_sessions'] */
export function sectionsFor(what: What): Section[] {
  switch (what) {
    case 'health':
      return ['health_metrics'];
    case 'workouts':
    case 'exercises':
    case 'sets':
      return ['exercise_definitions', 'workout_sessions'];
    case 'meals':
      return ['meal_logs'];
    case 'coaching':
    case 'actions':
      return ['coaching_sessions'];
    case 'goals':
      return ['goals'];
    case 'all':
      return [...SECTIONS];
  }
}

/** The date a record of a section is filed under (for `--from`/`--to` and sorting). */
export const SECTION_DATE_FIELD: Record<Section, string> = {
  health_metrics: 'recorded_date',
  workout_sessions: 'session_date',
  coaching_sessions: 'session_date',
  meal_logs: 'meal_date',
  goals: 'start_date',
  progress_photos: 'taken_on',
  imports: 'started_at',
  exercise_definitions: 'name',
  shares: 'granted_at',
};

/**
 * How many rows an import batch created, whatever shape its `counts` has: a number, an object
 * with `rows_created`, or an object of per-table numbers (possibly nested under `created`).
 *
 * @example rowsCreatedOf({ health_metrics: 3, workout_sessions: 2 }) → 5
 */
export function rowsCreatedOf(counts: unknown): number {
  if (typeof counts === 'number') return counts;
  if (!counts || typeof counts !== 'object') return 0;
  const o = counts as Record<string, unknown>;
  if (typeof o.rows_created === 'number') return o.rows_created;
  if (o.created !== undefined) return rowsCreatedOf(o.created);
  let sum = 0;
  for (const v of Object.values(o)) if (typeof v === 'number') sum += v;
  return sum;
}

/**
 * The flat tables of the CSV and NDJSON exports: one row per record, the JSON field names as
 * columns (`source` split into `source_file`/`source_line`, exercises, their sets and action
 * items in their own tables beside the session they belong to), optionally in imperial units.
 */
import { KG_PER_LB, CM_PER_IN, KM_PER_MI, DECIMALS, round } from '../domain/units.js';
import type { CoachingRecord, DateRange, ExportSource, Section, SourceRef, What, WorkoutRecord } from '../domain/export-document.js';

export const TABLES = ['health_metrics', 'workout_sessions', 'exercises', 'exercise_sets', 'meal_logs', 'coaching_sessions', 'action_items', 'goals', 'progress_photos', 'imports'] as const;
export type TableName = (typeof TABLES)[number];

export type FlatRow = Record<string, unknown>;

const SRC = ['source_file', 'source_line', 'import_batch_id'];
const LENGTHS = ['chest_cm', 'waist_cm', 'hips_cm', 'neck_cm', 'left_arm_cm', 'right_arm_cm', 'left_thigh_cm', 'right_thigh_cm'];

/** The columns of each table, in canonical (metric) names. */
export const COLUMNS: Record<TableName, string[]> = {
  health_metrics: [
    'recorded_date', 'weight_kg', 'weight_unit', 'body_fat_pct', 'muscle_mass_kg', 'lean_body_mass_kg', 'bmi', 'length_unit', ...LENGTHS,
    'resting_heart_rate', 'blood_pressure_systolic', 'blood_pressure_diastolic', 'energy_level', 'mood', 'sleep_quality',
    'stress_level', 'sleep_hours', 'notes', ...SRC,
  ],
  workout_sessions: ['session_date', 'title', 'session_type', 'program_phase', 'program_week', 'program_day', 'duration_minutes', 'energy_kcal', 'intensity', 'fatigue', 'soreness', 'notes', ...SRC],
  exercises: [
    'session_date', 'session_title', 'exercise_name', 'exercise', 'superset_label', 'order_index', 'sets', 'reps', 'reps_per_set', 'weight_kg', 'weight_unit',
    'rest_seconds', 'duration_seconds', 'distance_km', 'rpe', 'form_quality', 'notes', 'raw', ...SRC,
  ],
  exercise_sets: ['session_date', 'session_title', 'order_index', 'exercise_name', 'set_index', 'set_type', 'reps', 'weight_kg', 'rpe', 'duration_seconds', 'distance_km'],
  meal_logs: [
    'meal_date', 'meal_type', 'meal_label', 'description', 'calories', 'protein_g', 'carbs_g', 'fat_g', 'fiber_g', 'sugar_g', 'sodium_mg', 'water_ml', 'adherence',
    'satisfaction', 'hunger_before', 'hunger_after', 'satiety_before', 'satiety_after', 'notes', ...SRC,
  ],
  coaching_sessions: ['session_date', 'title', 'coach_name', 'subject', 'topics', 'rating', 'next_session_date', 'notes', 'follow_up_required', ...SRC],
  action_items: ['session_date', 'session_title', 'position', 'text', 'done', 'done_at'],
  goals: ['title', 'goal_type', 'metric', 'start_value', 'target_value', 'current_value', 'unit', 'start_date', 'target_date', 'status', 'progress_pct', 'completed_at', 'milestones', 'notes'],
  progress_photos: ['taken_on', 'photo_type', 'file_path', 'sha256', 'weight_kg', 'body_fat_pct', 'is_public', 'notes'],
  imports: ['batch_id', 'started_at', 'files', 'rows_created', 'reverted', 'finished_at', 'reverted_at', 'counts'],
};

/** The tables a `--what` selects. @example tablesFor('actions') → ['action_items'] */
export function tablesFor(what: What): TableName[] {
  switch (what) {
    case 'health':
      return ['health_metrics'];
    case 'workouts':
      return ['workout_sessions'];
    case 'exercises':
      return ['exercises'];
    case 'sets':
      return ['exercise_sets'];
    case 'meals':
      return ['meal_logs'];
    case 'coaching':
      return ['coaching_sessions'];
    case 'actions':
      return ['action_items'];
    case 'goals':
      return ['goals'];
    case 'all':
      return [...TABLES];
  }
}

/** The document section a table is read from. */
export const SECTION_OF: Record<TableName, Section> = {
  health_metrics: 'health_metrics',
  workout_sessions: 'workout_sessions',
  exercises: 'workout_sessions',
  exercise_sets: 'workout_sessions',
  meal_logs: 'meal_logs',
  coaching_sessions: 'coaching_sessions',
  action_items: 'coaching_sessions',
  goals: 'goals',
  progress_photos: 'progress_photos',
  imports: 'imports',
};

/** Imperial column names and the factor dividing the canonical value. */
const IMPERIAL: Record<string, [string, number]> = {
  weight_kg: ['weight_lb', KG_PER_LB],
  muscle_mass_kg: ['muscle_mass_lb', KG_PER_LB],
  lean_body_mass_kg: ['lean_body_mass_lb', KG_PER_LB],
  distance_km: ['distance_mi', KM_PER_MI],
  ...Object.fromEntries(LENGTHS.map((c) => [c, [c.replace(/_cm$/, '_in'), CM_PER_IN]])),
};

/** The header of a table in the chosen units. @example columnsIn('health_metrics', 'imperial')[1] → 'weight_lb' */
export function columnsIn(table: TableName, units: 'metric' | 'imperial'): string[] {
  const cols = COLUMNS[table];
  return units === 'imperial' ? cols.map((c) => IMPERIAL[c]?.[0] ?? c) : cols;
}

/** Adds `source_file`/`source_line` beside `source` (records are fresh per page, so this is safe and cheap). */
function flattenSource(rec: Record<string, unknown>): FlatRow {
  const source = rec.source as SourceRef | null;
  rec.source_file = source?.file ?? null;
  rec.source_line = source?.line ?? null;
  return rec;
}

/** Converts a canonical row to imperial: values divided, to the stated precision (DECIMALS.imperialExport). */
export function toImperial(row: FlatRow): FlatRow {
  const out: FlatRow = {};
  for (const [k, v] of Object.entries(row)) {
    const conv = IMPERIAL[k];
    if (conv) out[conv[0]] = typeof v === 'number' ? round(v / conv[1], DECIMALS.imperialExport) : v;
    else out[k] = v;
  }
  return out;
}

/**
 * The rows of a table, page by page, in document order.
 *
 * @example for await (const rows of tableRows(repo, 'exercises')) …
 */
export async function* tableRows(repo: ExportSource, table: TableName, opts: { range?: DateRange; units?: 'metric' | 'imperial' } = {}): AsyncGenerator<FlatRow[]> {
  const convert = opts.units === 'imperial' ? toImperial : (r: FlatRow) => r;
  for await (const page of repo.pages(SECTION_OF[table], opts.range)) {
    let rows: FlatRow[];
    switch (table) {
      case 'workout_sessions':
        rows = (page as unknown as FlatRow[]).map(flattenSource);
        break;
      case 'exercises':
        rows = (page as WorkoutRecord[]).flatMap((s) => s.exercises.map(({ per_set: _sets, ...e }) => flattenSource({ session_date: s.session_date, session_title: s.title, ...e })));
        break;
      case 'exercise_sets':
        rows = (page as WorkoutRecord[]).flatMap((s) =>
          s.exercises.flatMap((e) =>
            (e.per_set ?? []).map((x, i) => ({ session_date: s.session_date, session_title: s.title, order_index: e.order_index, exercise_name: e.exercise_name, set_index: i + 1, ...x })),
          ),
        );
        break;
      case 'coaching_sessions':
        rows = (page as unknown as FlatRow[]).map(flattenSource);
        break;
      case 'action_items':
        rows = (page as CoachingRecord[]).flatMap((c) =>
          c.action_items.map((a, i) => ({ session_date: c.session_date, session_title: c.title, position: i + 1, text: a.text, done: a.done, done_at: a.done_at })),
        );
        break;
      case 'goals':
      case 'progress_photos':
      case 'imports':
        rows = page as FlatRow[];
        break;
      default:
        rows = (page as Array<Record<string, unknown>>).map(flattenSource);
    }
    yield rows.map(convert);
  }
}

/**
 * One description of every column of every table: its type, its unit, and where each export
 * carries it. The migrations, the JSON document (and its validator), the CSV/NDJSON columns and
 * `import-json` are all checked against this description by the tests (test/db/tables.test.ts),
 * so a column added to the schema without being carried everywhere fails a test.
 *
 * A column either names the field that carries it in the JSON document (`json`, dotted for a
 * nested field, e.g. `source.file`) and in the CSV tables (`csv`), or says why it is not
 * exported (`why`: a surrogate key, a secret, bookkeeping of this database).
 */

export type ColumnType = 'id' | 'integer' | 'number' | 'string' | 'text' | 'date' | 'timestamp' | 'boolean' | 'json' | 'enum' | 'ref';

export interface ColumnSpec {
  type: ColumnType;
  /** The canonical unit of a measured value. */
  unit?: 'kg' | 'cm' | 'km' | 'seconds' | 'minutes' | 'hours' | 'g' | 'mg' | 'ml' | 'kcal' | 'bpm' | 'mmHg' | 'pct' | 'scale 1-10';
  /** The field of the JSON document's record carrying the column (dotted when nested). */
  json?: string;
  /** The column of the CSV/NDJSON table carrying it. */
  csv?: string;
  /** Why the column is not in the exports (required when `json` is absent). */
  why?: string;
}

const ID: ColumnSpec = { type: 'id', why: 'surrogate key of this database; records are matched by their content' };
const OWNER: ColumnSpec = { type: 'ref', why: 'the account the document belongs to' };
const CREATED: ColumnSpec = { type: 'timestamp', why: 'bookkeeping of this database: a restore is a new creation' };
const UPDATED: ColumnSpec = { type: 'timestamp', why: 'bookkeeping of this database' };
const FOLDED: ColumnSpec = { type: 'string', why: 'derived from the name (the folded form lookups use)' };

/** A column carried under the same name in the JSON record and the CSV table. */
const both = (type: ColumnType, unit?: ColumnSpec['unit']) => (name: string): ColumnSpec => ({ type, ...(unit ? { unit } : {}), json: name, csv: name });
const c = (name: string, type: ColumnType, unit?: ColumnSpec['unit']): [string, ColumnSpec] => [name, both(type, unit)(name)];
const provenance = (): Array<[string, ColumnSpec]> => [
  ['source_file', { type: 'text', json: 'source.file', csv: 'source_file' }],
  ['source_line', { type: 'integer', json: 'source.line', csv: 'source_line' }],
  c('import_batch_id', 'string'),
];
const LENGTHS = ['chest_cm', 'waist_cm', 'hips_cm', 'neck_cm', 'left_arm_cm', 'right_arm_cm', 'left_thigh_cm', 'right_thigh_cm'];

/** Every table of the schema and its columns. */
export const TABLE_COLUMNS: Record<string, Record<string, ColumnSpec>> = {
  users: Object.fromEntries<ColumnSpec>([
    ['id', ID],
    ['username', { type: 'string', json: 'username' }],
    ['username_folded', FOLDED],
    ['email', { type: 'string', json: 'email' }],
    ['password_hash', { type: 'string', why: 'a secret' }],
    ['role', { type: 'enum', json: 'role' }],
    ['is_active', { type: 'boolean', why: 'account state managed by an admin of this database' }],
    ['failed_login_attempts', { type: 'integer', why: 'login state of this database' }],
    ['locked_until', { type: 'timestamp', why: 'login state of this database' }],
    ['last_login_at', { type: 'timestamp', why: 'login state of this database' }],
    ['display_name', { type: 'string', json: 'display_name' }],
    ['bio', { type: 'text', json: 'bio' }],
    ['photo_url', { type: 'text', json: 'photo_url' }],
    ['preferred_units', { type: 'enum', json: 'preferred_units' }],
    ['height_cm', { type: 'number', unit: 'cm', json: 'height_cm' }],
    ['created_at', CREATED],
    ['updated_at', UPDATED],
  ]),
  import_batches: Object.fromEntries<ColumnSpec>([
    ['id', { type: 'string', json: 'batch_id', csv: 'batch_id' }],
    ['user_id', OWNER],
    c('started_at', 'timestamp'),
    c('finished_at', 'timestamp'),
    c('files', 'json'),
    c('counts', 'json'),
    c('reverted_at', 'timestamp'),
  ]),
  health_metrics: Object.fromEntries<ColumnSpec>([
    ['id', ID],
    ['user_id', OWNER],
    c('recorded_date', 'date'),
    c('weight_kg', 'number', 'kg'),
    c('weight_unit', 'enum'),
    c('body_fat_pct', 'number', 'pct'),
    c('muscle_mass_kg', 'number', 'kg'),
    c('lean_body_mass_kg', 'number', 'kg'),
    c('bmi', 'number'),
    c('length_unit', 'enum'),
    ...LENGTHS.map((n) => c(n, 'number', 'cm')),
    c('resting_heart_rate', 'integer', 'bpm'),
    c('blood_pressure_systolic', 'integer', 'mmHg'),
    c('blood_pressure_diastolic', 'integer', 'mmHg'),
    c('energy_level', 'integer', 'scale 1-10'),
    c('mood', 'integer', 'scale 1-10'),
    c('sleep_quality', 'integer', 'scale 1-10'),
    c('stress_level', 'integer', 'scale 1-10'),
    c('sleep_hours', 'number', 'hours'),
    c('notes', 'text'),
    ...provenance(),
    ['created_at', CREATED],
    ['updated_at', UPDATED],
  ]),
  workout_sessions: Object.fromEntries<ColumnSpec>([
    ['id', ID],
    ['user_id', OWNER],
    c('session_date', 'date'),
    c('title', 'string'),
    c('session_type', 'enum'),
    c('program_phase', 'string'),
    c('program_week', 'integer'),
    c('program_day', 'integer'),
    c('duration_minutes', 'number', 'minutes'),
    c('energy_kcal', 'number', 'kcal'),
    c('intensity', 'integer', 'scale 1-10'),
    c('fatigue', 'integer', 'scale 1-10'),
    c('soreness', 'integer', 'scale 1-10'),
    c('notes', 'text'),
    ...provenance(),
    ['created_at', CREATED],
    ['updated_at', UPDATED],
  ]),
  exercise_definitions: Object.fromEntries<ColumnSpec>([
    ['id', ID],
    ['name', { type: 'string', json: 'name' }],
    ['name_folded', FOLDED],
    ['category', { type: 'enum', json: 'category' }],
    ['muscle_groups', { type: 'json', json: 'muscle_groups' }],
    ['equipment', { type: 'json', json: 'equipment' }],
    ['difficulty', { type: 'enum', json: 'difficulty' }],
    ['description', { type: 'text', json: 'description' }],
    ['instructions', { type: 'text', json: 'instructions' }],
    ['tips', { type: 'text', json: 'tips' }],
    ['video_url', { type: 'text', json: 'video_url' }],
    ['image_url', { type: 'text', json: 'image_url' }],
    ['created_by', { type: 'ref', why: 'who added the entry to this database; a restore adds missing entries as the restoring user' }],
    ['created_at', CREATED],
    ['updated_at', UPDATED],
  ]),
  exercise_logs: Object.fromEntries<ColumnSpec>([
    ['id', ID],
    ['session_id', { type: 'ref', why: 'the log is nested in its session' }],
    ['exercise_definition_id', { type: 'ref', json: 'exercise', csv: 'exercise' }],
    c('exercise_name', 'string'),
    c('superset_label', 'string'),
    c('order_index', 'integer'),
    c('sets', 'integer'),
    c('reps', 'integer'),
    c('reps_per_set', 'json'),
    c('weight_kg', 'number', 'kg'),
    c('weight_unit', 'enum'),
    c('rest_seconds', 'integer', 'seconds'),
    c('duration_seconds', 'number', 'seconds'),
    c('distance_km', 'number', 'km'),
    c('rpe', 'number'),
    c('form_quality', 'integer', 'scale 1-10'),
    c('notes', 'text'),
    c('raw', 'text'),
    ...provenance(),
    ['created_at', CREATED],
  ]),
  exercise_sets: Object.fromEntries<ColumnSpec>([
    ['id', ID],
    ['exercise_log_id', { type: 'ref', why: 'the set is nested in its exercise' }],
    ['set_index', { type: 'integer', json: '(order in per_set)', csv: 'set_index' }],
    c('set_type', 'enum'),
    c('reps', 'integer'),
    c('weight_kg', 'number', 'kg'),
    c('rpe', 'number'),
    c('duration_seconds', 'number', 'seconds'),
    c('distance_km', 'number', 'km'),
  ]),
  user_goals: Object.fromEntries<ColumnSpec>([
    ['id', ID],
    ['user_id', OWNER],
    c('title', 'string'),
    c('goal_type', 'enum'),
    c('metric', 'string'),
    c('start_value', 'number'),
    c('target_value', 'number'),
    c('current_value', 'number'),
    c('unit', 'string'),
    c('start_date', 'date'),
    c('target_date', 'date'),
    c('status', 'enum'),
    c('completed_at', 'timestamp'),
    c('milestones', 'json'),
    c('notes', 'text'),
    ['created_at', CREATED],
    ['updated_at', UPDATED],
  ]),
  coaching_sessions: Object.fromEntries<ColumnSpec>([
    ['id', ID],
    ['user_id', OWNER],
    ['coach_id', { type: 'ref', why: "another account of this database (the coach's name is carried in coach_name)" }],
    c('session_date', 'date'),
    c('title', 'string'),
    c('coach_name', 'string'),
    c('subject', 'text'),
    c('topics', 'json'),
    c('notes', 'text'),
    c('rating', 'integer', 'scale 1-10'),
    c('next_session_date', 'date'),
    c('follow_up_required', 'boolean'),
    ...provenance(),
    ['created_at', CREATED],
    ['updated_at', UPDATED],
  ]),
  coaching_action_items: Object.fromEntries<ColumnSpec>([
    ['id', ID],
    ['session_id', { type: 'ref', why: 'the item is nested in its coaching session' }],
    ['position', { type: 'integer', json: '(order in action_items)', csv: 'position' }],
    c('text', 'text'),
    c('done', 'boolean'),
    c('done_at', 'timestamp'),
    ['goal_id', { type: 'ref', why: 'never set by fittrack yet; a link to a goal of this database' }],
  ]),
  progress_photos: Object.fromEntries<ColumnSpec>([
    ['id', ID],
    ['user_id', OWNER],
    c('taken_on', 'date'),
    c('photo_type', 'enum'),
    c('file_path', 'text'),
    c('sha256', 'string'),
    c('weight_kg', 'number', 'kg'),
    c('body_fat_pct', 'number', 'pct'),
    c('is_public', 'boolean'),
    c('notes', 'text'),
    ['created_at', CREATED],
    ['updated_at', UPDATED],
  ]),
  meal_logs: Object.fromEntries<ColumnSpec>([
    ['id', ID],
    ['user_id', OWNER],
    c('meal_date', 'date'),
    c('meal_type', 'enum'),
    c('meal_label', 'string'),
    c('description', 'text'),
    c('calories', 'number', 'kcal'),
    c('protein_g', 'number', 'g'),
    c('carbs_g', 'number', 'g'),
    c('fat_g', 'number', 'g'),
    c('fiber_g', 'number', 'g'),
    c('sugar_g', 'number', 'g'),
    c('sodium_mg', 'number', 'mg'),
    c('water_ml', 'number', 'ml'),
    c('adherence', 'enum'),
    c('satisfaction', 'integer', 'scale 1-10'),
    c('hunger_before', 'integer', 'scale 1-10'),
    c('hunger_after', 'integer', 'scale 1-10'),
    c('satiety_before', 'integer', 'scale 1-10'),
    c('satiety_after', 'integer', 'scale 1-10'),
    c('notes', 'text'),
    ...provenance(),
    ['created_at', CREATED],
    ['updated_at', UPDATED],
  ]),
  data_shares: Object.fromEntries<ColumnSpec>([
    ['id', ID],
    ['owner_id', OWNER],
    ['grantee_id', { type: 'ref', json: 'grantee' }],
    ['granted_at', { type: 'timestamp', json: 'granted_at' }],
    ['revoked_at', { type: 'timestamp', json: 'revoked_at' }],
  ]),
  user_sessions: Object.fromEntries<ColumnSpec>(
    ['id', 'user_id', 'token_hash', 'created_at', 'expires_at', 'last_activity_at', 'revoked_at', 'revoke_reason', 'remember_me', 'ip_address', 'user_agent', 'device_type', 'hostname'].map((n) => [
      n,
      { type: 'string', why: 'login sessions of this database (and token hashes are secrets)' },
    ]),
  ),
  app_config: Object.fromEntries<ColumnSpec>(['key', 'value', 'updated_at'].map((n) => [n, { type: 'string', why: "this database's own settings, not an account's" }])),
  audit_log: Object.fromEntries<ColumnSpec>(
    ['id', 'user_id', 'action', 'entity', 'entity_id', 'details', 'created_at'].map((n) => [n, { type: 'string', why: 'the audit log belongs to the database and its admins' }]),
  ),
  import_batch_changes: Object.fromEntries<ColumnSpec>(
    ['id', 'batch_id', 'user_id', 'table_name', 'row_id', 'previous_values', 'written_values', 'created_at'].map((n) => [
      n,
      { type: 'string', why: "this database's undo log of import --update (row ids of this database), used by --revert" },
    ]),
  ),
};

/** The JSON document's record kind each table is carried in. */
export const RECORD_OF_TABLE: Record<string, string | null> = {
  users: 'user',
  import_batches: 'imports',
  health_metrics: 'health_metrics',
  workout_sessions: 'workout_sessions',
  exercise_definitions: 'exercise_definitions',
  exercise_logs: 'exercises',
  exercise_sets: 'per_set',
  user_goals: 'goals',
  coaching_sessions: 'coaching_sessions',
  coaching_action_items: 'action_items',
  progress_photos: 'progress_photos',
  meal_logs: 'meal_logs',
  data_shares: 'shares',
  user_sessions: null,
  app_config: null,
  audit_log: null,
  import_batch_changes: null,
};

/** The CSV/NDJSON table each table is carried in (null: JSON document only, or not exported). */
export const CSV_OF_TABLE: Record<string, string | null> = {
  users: null,
  import_batches: 'imports',
  health_metrics: 'health_metrics',
  workout_sessions: 'workout_sessions',
  exercise_definitions: null,
  exercise_logs: 'exercises',
  exercise_sets: 'exercise_sets',
  user_goals: 'goals',
  coaching_sessions: 'coaching_sessions',
  coaching_action_items: 'action_items',
  progress_photos: 'progress_photos',
  meal_logs: 'meal_logs',
  data_shares: null,
  user_sessions: null,
  app_config: null,
  audit_log: null,
  import_batch_changes: null,
};

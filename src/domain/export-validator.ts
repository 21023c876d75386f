/**
 * Checks a full-account document (format version 1 or 2) before anything is written: the format
 * marker, the version, and every field's type, reporting each problem with its JSON path.
 */
import { EXPORT_FORMAT, READABLE_FORMAT_VERSIONS, SECTIONS, type ExportDocument } from './export-document.js';

type Kind =
  | 'string'
  | 'string?'
  | 'number?'
  | 'integer'
  | 'integer?'
  | 'boolean'
  | 'date'
  | 'date?'
  | 'timestamp'
  | 'timestamp?'
  | 'source'
  | 'numbers?'
  | 'strings?'
  | 'strings'
  | 'json'
  | ['enum', string[], boolean];

const e = (values: string[], nullable = false): Kind => ['enum', values, nullable];

const SOURCE_FIELDS: Record<string, Kind> = { file: 'string', line: 'integer?' };

/** The fields of every record kind, in document order. */
export const RECORD_FIELDS: Record<string, Record<string, Kind>> = {
  user: {
    username: 'string',
    email: 'string?',
    display_name: 'string?',
    role: e(['user', 'coach', 'admin']),
    preferred_units: e(['metric', 'imperial']),
    height_cm: 'number?',
    bio: 'string?',
    photo_url: 'string?',
  },
  exercise_definitions: {
    name: 'string',
    category: e(['compound', 'isolation', 'cardio', 'flexibility', 'core', 'plyometric', 'martial_arts'], true),
    muscle_groups: 'strings?',
    equipment: 'strings?',
    difficulty: e(['beginner', 'intermediate', 'advanced', 'expert'], true),
    description: 'string?',
    instructions: 'string?',
    tips: 'string?',
    video_url: 'string?',
    image_url: 'string?',
  },
  health_metrics: {
    recorded_date: 'date',
    weight_kg: 'number?',
    weight_unit: e(['kg', 'lb'], true),
    body_fat_pct: 'number?',
    muscle_mass_kg: 'number?',
    lean_body_mass_kg: 'number?',
    bmi: 'number?',
    length_unit: e(['cm', 'in'], true),
    chest_cm: 'number?',
    waist_cm: 'number?',
    hips_cm: 'number?',
    neck_cm: 'number?',
    left_arm_cm: 'number?',
    right_arm_cm: 'number?',
    left_thigh_cm: 'number?',
    right_thigh_cm: 'number?',
    resting_heart_rate: 'integer?',
    blood_pressure_systolic: 'integer?',
    blood_pressure_diastolic: 'integer?',
    energy_level: 'integer?',
    mood: 'integer?',
    sleep_quality: 'integer?',
    stress_level: 'integer?',
    sleep_hours: 'number?',
    notes: 'string?',
    source: 'source',
    import_batch_id: 'string?',
  },
  workout_sessions: {
    session_date: 'date',
    title: 'string',
    session_type: e(['strength', 'cardio', 'flexibility', 'martial_arts', 'sports', 'recovery', 'mixed']),
    program_phase: 'string?',
    program_week: 'integer?',
    program_day: 'integer?',
    duration_minutes: 'number?',
    energy_kcal: 'number?',
    intensity: 'integer?',
    fatigue: 'integer?',
    soreness: 'integer?',
    notes: 'string?',
    source: 'source',
    import_batch_id: 'string?',
  },
  exercises: {
    exercise_name: 'string',
    exercise: 'string?',
    superset_label: 'string?',
    order_index: 'integer',
    sets: 'integer?',
    reps: 'integer?',
    reps_per_set: 'numbers?',
    weight_kg: 'number?',
    weight_unit: e(['kg', 'lb'], true),
    rest_seconds: 'integer?',
    duration_seconds: 'number?',
    distance_km: 'number?',
    rpe: 'number?',
    form_quality: 'integer?',
    notes: 'string?',
    raw: 'string?',
    source: 'source',
    import_batch_id: 'string?',
  },
  /** The items of an exercise's optional `per_set` (present only on an exercise logged set by set). */
  per_set: {
    set_type: e(['normal', 'warmup', 'dropset', 'failure']),
    reps: 'integer?',
    weight_kg: 'number?',
    rpe: 'number?',
    duration_seconds: 'number?',
    distance_km: 'number?',
  },
  coaching_sessions: {
    session_date: 'date',
    title: 'string?',
    coach_name: 'string?',
    subject: 'string?',
    topics: 'strings?',
    rating: 'integer?',
    next_session_date: 'date?',
    notes: 'string?',
    follow_up_required: 'boolean',
    source: 'source',
    import_batch_id: 'string?',
  },
  action_items: { text: 'string', done: 'boolean', done_at: 'timestamp?' },
  meal_logs: {
    meal_date: 'date',
    meal_type: e(['breakfast', 'lunch', 'dinner', 'snack', 'pre_workout', 'post_workout']),
    meal_label: 'string?',
    description: 'string?',
    calories: 'number?',
    protein_g: 'number?',
    carbs_g: 'number?',
    fat_g: 'number?',
    fiber_g: 'number?',
    sugar_g: 'number?',
    sodium_mg: 'number?',
    water_ml: 'number?',
    adherence: e(['perfect', 'good', 'fair', 'poor', 'off_plan'], true),
    satisfaction: 'integer?',
    hunger_before: 'integer?',
    hunger_after: 'integer?',
    satiety_before: 'integer?',
    satiety_after: 'integer?',
    notes: 'string?',
    source: 'source',
    import_batch_id: 'string?',
  },
  goals: {
    title: 'string',
    goal_type: e(['weight_loss', 'muscle_gain', 'strength', 'endurance', 'flexibility', 'skill', 'habit', 'nutrition']),
    metric: 'string?',
    start_value: 'number?',
    target_value: 'number?',
    current_value: 'number?',
    unit: 'string?',
    start_date: 'date',
    target_date: 'date?',
    status: e(['active', 'completed', 'paused', 'abandoned']),
    progress_pct: 'number?',
    projected_date: 'date?',
    completed_at: 'timestamp?',
    milestones: 'json',
    notes: 'string?',
  },
  progress_photos: {
    taken_on: 'date',
    photo_type: e(['front', 'side', 'back', 'flex', 'comparison']),
    file_path: 'string',
    sha256: 'string',
    weight_kg: 'number?',
    body_fat_pct: 'number?',
    is_public: 'boolean',
    notes: 'string?',
  },
  imports: {
    batch_id: 'string',
    started_at: 'timestamp',
    files: 'strings',
    rows_created: 'integer',
    reverted: 'boolean',
    finished_at: 'timestamp?',
    reverted_at: 'timestamp?',
    counts: 'json',
  },
  shares: { grantee: 'string', granted_at: 'timestamp', revoked_at: 'timestamp?' },
};

/** The record kinds of the document. */
export type RecordKind = keyof typeof RECORD_FIELDS;

/** The fields (and record kinds) version 2 added: a version 1 document has none of them. */
export const ADDED_IN_V2: Partial<Record<RecordKind, string[]>> = {
  user: ['bio', 'photo_url'],
  exercise_definitions: Object.keys(RECORD_FIELDS.exercise_definitions!),
  health_metrics: ['import_batch_id'],
  workout_sessions: ['import_batch_id'],
  exercises: ['exercise', 'rest_seconds', 'import_batch_id', 'per_set'],
  per_set: ['set_type', 'reps', 'weight_kg', 'rpe', 'duration_seconds', 'distance_km'],
  coaching_sessions: ['follow_up_required', 'import_batch_id'],
  action_items: ['done_at'],
  meal_logs: ['meal_label', 'import_batch_id'],
  goals: ['milestones', 'notes'],
  imports: ['finished_at', 'reverted_at', 'counts'],
  shares: Object.keys(RECORD_FIELDS.shares!),
};

/** The fields of a record kind a document of this version has. */
export function fieldsOf(kind: RecordKind, version: number): Record<string, Kind> {
  const fields = RECORD_FIELDS[kind]!;
  if (version >= 2) return fields;
  const added = new Set(ADDED_IN_V2[kind] ?? []);
  return Object.fromEntries(Object.entries(fields).filter(([name]) => !added.has(name)));
}

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : typeof v === 'object' ? 'an object' : String(v));

const isDate = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const isTimestamp = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(v) && !Number.isNaN(Date.parse(v));
const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

/** What is wrong with a value of a kind, or null when it fits. */
function checkKind(kind: Kind, v: unknown, path: string, errors: string[]): void {
  const bad = (expected: string) => errors.push(`${path}: expected ${expected}, got ${describe(v)}`);
  if (Array.isArray(kind)) {
    const [, values, nullable] = kind;
    if (v === null && nullable) return;
    if (typeof v !== 'string' || !values.includes(v)) bad(`one of ${values.join(', ')}${nullable ? ' or null' : ''}`);
    return;
  }
  const nullable = kind.endsWith('?');
  if (v === null && nullable) return;
  switch (kind.replace('?', '')) {
    case 'string':
      if (typeof v !== 'string') bad(nullable ? 'a string or null' : 'a string');
      return;
    case 'number':
      if (!isNum(v)) bad('a number or null');
      return;
    case 'integer':
      if (!isNum(v) || !Number.isInteger(v)) bad(nullable ? 'a whole number or null' : 'a whole number');
      return;
    case 'boolean':
      if (typeof v !== 'boolean') bad('true or false');
      return;
    case 'date':
      if (!isDate(v)) bad(nullable ? 'a date YYYY-MM-DD or null' : 'a date YYYY-MM-DD');
      return;
    case 'timestamp':
      if (!isTimestamp(v)) bad(nullable ? 'an ISO-8601 timestamp or null' : 'an ISO-8601 timestamp');
      return;
    case 'numbers':
      if (!Array.isArray(v)) bad(nullable ? 'an array of numbers or null' : 'an array of numbers');
      else v.forEach((x, i) => (isNum(x) ? null : errors.push(`${path}[${i}]: expected a number, got ${describe(x)}`)));
      return;
    case 'strings':
      if (!Array.isArray(v)) bad(nullable ? 'an array of strings or null' : 'an array of strings');
      else v.forEach((x, i) => (typeof x === 'string' ? null : errors.push(`${path}[${i}]: expected a string, got ${describe(x)}`)));
      return;
    case 'json':
      return;
    case 'source':
      if (v === null) return;
      if (typeof v !== 'object' || Array.isArray(v)) {
        bad('{ "file": …, "line": … } or null');
        return;
      }
      checkRecord(SOURCE_FIELDS, v as Record<string, unknown>, path, errors);
      return;
  }
}

function checkRecord(fields: Record<string, Kind>, rec: Record<string, unknown>, path: string, errors: string[]): void {
  for (const [name, kind] of Object.entries(fields)) {
    const nullable = Array.isArray(kind) ? kind[2] : kind.endsWith('?') || kind === 'source' || kind === 'json';
    if (!(name in rec)) {
      if (!nullable) errors.push(`${path}.${name}: missing`);
      continue;
    }
    checkKind(kind, rec[name], `${path}.${name}`, errors);
  }
}

function checkArray(value: unknown, path: string, errors: string[], each: (rec: Record<string, unknown>, p: string) => void): void {
  if (!Array.isArray(value)) {
    errors.push(`${path}: expected an array, got ${describe(value)}`);
    return;
  }
  value.forEach((rec, i) => {
    const p = `${path}[${i}]`;
    if (!rec || typeof rec !== 'object' || Array.isArray(rec)) errors.push(`${p}: expected an object, got ${describe(rec)}`);
    else each(rec as Record<string, unknown>, p);
  });
}

/**
 * Returns the problems of a parsed document as `$.path: what is wrong` lines (empty when valid).
 *
 * @example validateExportDocument({ format: 'x' })[0] → '$.format: expected "fittrack-export", got "x"'
 */
export function validateExportDocument(doc: unknown, maxErrors = 50): string[] {
  const errors: string[] = [];
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return [`$: expected a JSON object, got ${describe(doc)}`];
  const d = doc as Record<string, unknown>;
  if (d.format !== EXPORT_FORMAT) return [`$.format: expected "${EXPORT_FORMAT}", got ${describe(d.format)}`];
  const version = d.format_version;
  if (!(READABLE_FORMAT_VERSIONS as readonly unknown[]).includes(version)) return [`$.format_version: expected ${READABLE_FORMAT_VERSIONS.join(' or ')}, got ${describe(version)}`];
  const fields = (kind: RecordKind) => fieldsOf(kind, version as number);
  if (d.user === null || typeof d.user !== 'object' || Array.isArray(d.user)) errors.push(`$.user: expected an object, got ${describe(d.user)}`);
  else checkRecord(fields('user'), d.user as Record<string, unknown>, '$.user', errors);
  for (const section of SECTIONS) {
    if (!(section in d)) continue;
    if (version === 1 && (section === 'exercise_definitions' || section === 'shares')) continue;
    checkArray(d[section], `$.${section}`, errors, (rec, p) => {
      checkRecord(fields(section), rec, p, errors);
      if (section === 'workout_sessions') {
        checkArray(rec.exercises ?? [], `${p}.exercises`, errors, (x, q) => {
          checkRecord(fields('exercises'), x, q, errors);
          if (x.per_set !== undefined && version !== 1) checkArray(x.per_set, `${q}.per_set`, errors, (y, r) => checkRecord(fields('per_set'), y, r, errors));
        });
      }
      if (section === 'coaching_sessions') checkArray(rec.action_items ?? [], `${p}.action_items`, errors, (x, q) => checkRecord(fields('action_items'), x, q, errors));
    });
    if (errors.length >= maxErrors) break;
  }
  return errors.slice(0, maxErrors);
}

/** Narrows a validated value. */
export function asExportDocument(doc: unknown): ExportDocument {
  return doc as ExportDocument;
}

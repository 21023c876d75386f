/**
 * Checks a full-account document (format version 1) before anything is written: the format
 * marker, the version, and every field's type, reporting each problem with its JSON path.
 */
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, type ExportDocument } from './document.js';

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
  },
  health_metrics: {
    recorded_date: 'date',
    weight_kg: 'number?',
    weight_unit: e(['kg', 'lb'], true),
    body_fat_pct: 'number?',
    muscle_mass_kg: 'number?',
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
  },
  workout_sessions: {
    session_date: 'date',
    title: 'string',
    session_type: e(['strength', 'cardio', 'flexibility', 'martial_arts', 'sports', 'recovery', 'mixed']),
    program_phase: 'string?',
    program_week: 'integer?',
    program_day: 'integer?',
    duration_minutes: 'number?',
    intensity: 'integer?',
    fatigue: 'integer?',
    soreness: 'integer?',
    notes: 'string?',
    source: 'source',
  },
  exercises: {
    exercise_name: 'string',
    superset_label: 'string?',
    order_index: 'integer',
    sets: 'integer?',
    reps: 'integer?',
    reps_per_set: 'numbers?',
    weight_kg: 'number?',
    weight_unit: e(['kg', 'lb'], true),
    duration_seconds: 'number?',
    distance_km: 'number?',
    rpe: 'number?',
    form_quality: 'integer?',
    notes: 'string?',
    raw: 'string?',
    source: 'source',
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
    source: 'source',
  },
  action_items: { text: 'string', done: 'boolean' },
  meal_logs: {
    meal_date: 'date',
    meal_type: e(['breakfast', 'lunch', 'dinner', 'snack', 'pre_workout', 'post_workout']),
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
  imports: { batch_id: 'string', started_at: 'timestamp', files: 'strings', rows_created: 'integer', reverted: 'boolean' },
};

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
    const nullable = Array.isArray(kind) ? kind[2] : kind.endsWith('?') || kind === 'source';
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
  if (d.format_version !== EXPORT_FORMAT_VERSION) return [`$.format_version: expected ${EXPORT_FORMAT_VERSION}, got ${describe(d.format_version)}`];
  if (d.user === null || typeof d.user !== 'object' || Array.isArray(d.user)) errors.push(`$.user: expected an object, got ${describe(d.user)}`);
  else checkRecord(RECORD_FIELDS.user!, d.user as Record<string, unknown>, '$.user', errors);
  for (const section of ['health_metrics', 'workout_sessions', 'coaching_sessions', 'meal_logs', 'goals', 'progress_photos', 'imports']) {
    if (!(section in d)) continue;
    checkArray(d[section], `$.${section}`, errors, (rec, p) => {
      checkRecord(RECORD_FIELDS[section]!, rec, p, errors);
      if (section === 'workout_sessions') checkArray(rec.exercises ?? [], `${p}.exercises`, errors, (x, q) => checkRecord(RECORD_FIELDS.exercises!, x, q, errors));
      if (section === 'coaching_sessions') checkArray(rec.action_items ?? [], `${p}.action_items`, errors, (x, q) => checkRecord(RECORD_FIELDS.action_items!, x, q, errors));
    });
    if (errors.length >= maxErrors) break;
  }
  return errors.slice(0, maxErrors);
}

/** Narrows a validated value. */
export function asExportDocument(doc: unknown): ExportDocument {
  return doc as ExportDocument;
}

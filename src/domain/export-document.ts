/**
 * The full-account export document, format version 2 (see docs/export-format.md), as one zod
 * schema: the record types are inferred from it, and `import-json` checks a document against it
 * before anything is written. Version 1 documents (the same records without the fields version 2
 * added) are still read.
 *
 * This module loads zod: import it for its types only (`import type`), except where a document
 * is validated. The format's constants and section names are in export-format.ts.
 */
import { z } from 'zod';
import { EXPORT_FORMAT, READABLE_FORMAT_VERSIONS, SECTIONS, type DateRange, type Section } from './export-format.js';
import { DIFFICULTIES, EXERCISE_CATEGORIES } from './exercise.js';
import { GOAL_STATUSES, GOAL_TYPES } from './goal.js';
import { ADHERENCE_LEVELS, MEAL_TYPES } from './meal.js';
import { SESSION_TYPES } from './session-type.js';
import { ROLES } from './user-profile.js';
import { SET_TYPES } from './workout.js';

export type { DateRange, Section, What } from './export-format.js';

/** A value as a problem line shows it: strings quoted (and cut at 40 characters), objects and arrays by kind. */
const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : typeof v === 'object' ? 'an object' : String(v));

/** The message of every issue a schema raises: `missing`, or what was expected and what was got. */
const expecting = (what: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? 'missing' : `expected ${what}, got ${describe(issue.input)}`) });

const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const isTimestamp = (v: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(v) && !Number.isNaN(Date.parse(v));

const string = () => z.string(expecting('a string'));
const stringOrNull = () => z.string(expecting('a string or null')).nullable();
const numberOrNull = () => z.number(expecting('a number or null')).nullable();
const integer = () => z.int(expecting('a whole number'));
const integerOrNull = () => z.int(expecting('a whole number or null')).nullable();
const boolean = () => z.boolean(expecting('true or false'));
const date = () => z.string(expecting('a date YYYY-MM-DD')).refine(isDate, expecting('a date YYYY-MM-DD'));
const dateOrNull = () => z.string(expecting('a date YYYY-MM-DD or null')).refine(isDate, expecting('a date YYYY-MM-DD or null')).nullable();
const timestamp = () => z.string(expecting('an ISO-8601 timestamp')).refine(isTimestamp, expecting('an ISO-8601 timestamp'));
const timestampOrNull = () => z.string(expecting('an ISO-8601 timestamp or null')).refine(isTimestamp, expecting('an ISO-8601 timestamp or null')).nullable();
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, expecting(`one of ${values.join(', ')}`));
const oneOfOrNull = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, expecting(`one of ${values.join(', ')} or null`)).nullable();
const numbersOrNull = () => z.array(z.number(expecting('a number')), expecting('an array of numbers or null')).nullable();
const stringsOrNull = () => z.array(z.string(expecting('a string')), expecting('an array of strings or null')).nullable();
/** Any JSON the column holds, or null. */
const json = () => z.unknown();
/** An array of records; each one must be an object. */
const records = <T extends z.ZodType>(record: T) => z.array(record, expecting('an array'));
const record = <S extends z.core.$ZodLooseShape>(shape: S) => z.object(shape, expecting('an object'));

/** Where an imported record came from; null for records logged in the CLI. */
const sourceRef = z.object({ file: string(), line: integerOrNull() }, expecting('{ "file": …, "line": … } or null'));
const source = sourceRef.nullable();
/** `source` as read: its `line` may be absent too. */
const readableSource = z.looseObject({ file: string(), line: integerOrNull().optional() }, expecting('{ "file": …, "line": … } or null')).nullable().optional();

/**
 * The fields of every record kind, in document order (the nested arrays, `exercises`,
 * `per_set` and `action_items`, are added by the record schemas below).
 */
export const RECORD_FIELDS = {
  user: {
    username: string(),
    email: stringOrNull(),
    display_name: stringOrNull(),
    role: oneOf(ROLES),
    preferred_units: oneOf(['metric', 'imperial']),
    height_cm: numberOrNull(),
    bio: stringOrNull(),
    photo_url: stringOrNull(),
  },
  /** An exercise library entry the user created or logged. */
  exercise_definitions: {
    name: string(),
    category: oneOfOrNull(EXERCISE_CATEGORIES),
    muscle_groups: stringsOrNull(),
    equipment: stringsOrNull(),
    difficulty: oneOfOrNull(DIFFICULTIES),
    description: stringOrNull(),
    instructions: stringOrNull(),
    tips: stringOrNull(),
    video_url: stringOrNull(),
    image_url: stringOrNull(),
  },
  health_metrics: {
    recorded_date: date(),
    weight_kg: numberOrNull(),
    weight_unit: oneOfOrNull(['kg', 'lb']),
    body_fat_pct: numberOrNull(),
    muscle_mass_kg: numberOrNull(),
    /** Measured (by a scale), not derived from body fat. Absent in documents written before it existed. */
    lean_body_mass_kg: numberOrNull().optional(),
    bmi: numberOrNull(),
    length_unit: oneOfOrNull(['cm', 'in']),
    chest_cm: numberOrNull(),
    waist_cm: numberOrNull(),
    hips_cm: numberOrNull(),
    neck_cm: numberOrNull(),
    left_arm_cm: numberOrNull(),
    right_arm_cm: numberOrNull(),
    left_thigh_cm: numberOrNull(),
    right_thigh_cm: numberOrNull(),
    resting_heart_rate: integerOrNull(),
    blood_pressure_systolic: integerOrNull(),
    blood_pressure_diastolic: integerOrNull(),
    energy_level: integerOrNull(),
    mood: integerOrNull(),
    sleep_quality: integerOrNull(),
    stress_level: integerOrNull(),
    sleep_hours: numberOrNull(),
    notes: stringOrNull(),
    source,
    import_batch_id: stringOrNull(),
  },
  workout_sessions: {
    session_date: date(),
    title: string(),
    session_type: oneOf(SESSION_TYPES),
    program_phase: stringOrNull(),
    program_week: integerOrNull(),
    program_day: integerOrNull(),
    duration_minutes: numberOrNull(),
    /** Absent in documents written before it existed. */
    energy_kcal: numberOrNull().optional(),
    intensity: integerOrNull(),
    fatigue: integerOrNull(),
    soreness: integerOrNull(),
    notes: stringOrNull(),
    source,
    import_batch_id: stringOrNull(),
  },
  exercises: {
    exercise_name: string(),
    /** The library entry the log is filed under (its name may differ from `exercise_name` after a rename). */
    exercise: stringOrNull(),
    superset_label: stringOrNull(),
    order_index: integer(),
    sets: integerOrNull(),
    reps: integerOrNull(),
    reps_per_set: numbersOrNull(),
    weight_kg: numberOrNull(),
    weight_unit: oneOfOrNull(['kg', 'lb']),
    rest_seconds: integerOrNull(),
    duration_seconds: numberOrNull(),
    distance_km: numberOrNull(),
    rpe: numberOrNull(),
    form_quality: integerOrNull(),
    notes: stringOrNull(),
    raw: stringOrNull(),
    source,
    import_batch_id: stringOrNull(),
  },
  /** The items of an exercise's optional `per_set` (present only on an exercise logged set by set). */
  per_set: {
    set_type: oneOf(SET_TYPES),
    reps: integerOrNull(),
    weight_kg: numberOrNull(),
    rpe: numberOrNull(),
    duration_seconds: numberOrNull(),
    distance_km: numberOrNull(),
  },
  coaching_sessions: {
    session_date: date(),
    title: stringOrNull(),
    coach_name: stringOrNull(),
    subject: stringOrNull(),
    topics: stringsOrNull(),
    rating: integerOrNull(),
    next_session_date: dateOrNull(),
    notes: stringOrNull(),
    follow_up_required: boolean(),
    source,
    import_batch_id: stringOrNull(),
  },
  action_items: { text: string(), done: boolean(), done_at: timestampOrNull() },
  meal_logs: {
    meal_date: date(),
    meal_type: oneOf(MEAL_TYPES),
    /** The meal's name as written where it says more than its type (`Brunch`), else null. */
    meal_label: stringOrNull(),
    description: stringOrNull(),
    calories: numberOrNull(),
    protein_g: numberOrNull(),
    carbs_g: numberOrNull(),
    fat_g: numberOrNull(),
    fiber_g: numberOrNull(),
    sugar_g: numberOrNull(),
    sodium_mg: numberOrNull(),
    water_ml: numberOrNull(),
    adherence: oneOfOrNull(ADHERENCE_LEVELS),
    satisfaction: integerOrNull(),
    hunger_before: integerOrNull(),
    hunger_after: integerOrNull(),
    satiety_before: integerOrNull(),
    satiety_after: integerOrNull(),
    notes: stringOrNull(),
    source,
    import_batch_id: stringOrNull(),
  },
  goals: {
    title: string(),
    goal_type: oneOf(GOAL_TYPES),
    metric: stringOrNull(),
    start_value: numberOrNull(),
    target_value: numberOrNull(),
    current_value: numberOrNull(),
    unit: stringOrNull(),
    start_date: date(),
    target_date: dateOrNull(),
    status: oneOf(GOAL_STATUSES),
    /** Live progress and projected date, as `goal list` shows them (derived; not read back on import). */
    progress_pct: numberOrNull(),
    projected_date: dateOrNull(),
    completed_at: timestampOrNull(),
    /** Whatever the goal's milestones hold (JSON), or null. */
    milestones: json(),
    notes: stringOrNull(),
  },
  progress_photos: {
    taken_on: date(),
    photo_type: oneOf(['front', 'side', 'back', 'flex', 'comparison']),
    file_path: string(),
    sha256: string(),
    weight_kg: numberOrNull(),
    body_fat_pct: numberOrNull(),
    is_public: boolean(),
    notes: stringOrNull(),
  },
  imports: {
    batch_id: string(),
    started_at: timestamp(),
    files: z.array(z.string(expecting('a string')), expecting('an array of strings')),
    rows_created: integer(),
    reverted: boolean(),
    finished_at: timestampOrNull(),
    reverted_at: timestampOrNull(),
    /** The batch's counts as the importer stored them (JSON), or null. */
    counts: json(),
  },
  /** A share the user granted: who may read their data, since when, and when it ended. */
  shares: { grantee: string(), granted_at: timestamp(), revoked_at: timestampOrNull() },
} satisfies Record<string, z.core.$ZodLooseShape>;

/** The record kinds of the document. */
export type RecordKind = keyof typeof RECORD_FIELDS;
type Fields = Record<string, z.ZodType>;

/** The fields (and record kinds) version 2 added: a version 1 document has none of them. */
export const ADDED_IN_V2: Partial<Record<RecordKind, string[]>> = {
  user: ['bio', 'photo_url'],
  exercise_definitions: Object.keys(RECORD_FIELDS.exercise_definitions),
  health_metrics: ['import_batch_id'],
  workout_sessions: ['import_batch_id'],
  exercises: ['exercise', 'rest_seconds', 'import_batch_id', 'per_set'],
  per_set: Object.keys(RECORD_FIELDS.per_set),
  coaching_sessions: ['follow_up_required', 'import_batch_id'],
  action_items: ['done_at'],
  meal_logs: ['meal_label', 'import_batch_id'],
  goals: ['milestones', 'notes'],
  imports: ['finished_at', 'reverted_at', 'counts'],
  shares: Object.keys(RECORD_FIELDS.shares),
};

/** The schema of a record as fittrack writes it: every key present (the types below are inferred from these). */
const written = {
  user: record(RECORD_FIELDS.user),
  exercise_definitions: record(RECORD_FIELDS.exercise_definitions),
  health_metrics: record(RECORD_FIELDS.health_metrics),
  per_set: record(RECORD_FIELDS.per_set),
  action_items: record(RECORD_FIELDS.action_items),
  meal_logs: record(RECORD_FIELDS.meal_logs),
  goals: record(RECORD_FIELDS.goals),
  progress_photos: record(RECORD_FIELDS.progress_photos),
  imports: record(RECORD_FIELDS.imports),
  shares: record(RECORD_FIELDS.shares),
};
const writtenCoaching = record({ ...RECORD_FIELDS.coaching_sessions, action_items: records(written.action_items) });
const writtenExercise = record({ ...RECORD_FIELDS.exercises, per_set: records(written.per_set).optional() });
const writtenWorkout = record({ ...RECORD_FIELDS.workout_sessions, exercises: records(writtenExercise) });
const writtenDocument = z.object({
  format: z.literal(EXPORT_FORMAT),
  format_version: z.literal(READABLE_FORMAT_VERSIONS),
  exported_at: z.string(),
  user: written.user,
  exercise_definitions: records(written.exercise_definitions).optional(),
  health_metrics: records(written.health_metrics).optional(),
  workout_sessions: records(writtenWorkout).optional(),
  coaching_sessions: records(writtenCoaching).optional(),
  meal_logs: records(written.meal_logs).optional(),
  goals: records(written.goals).optional(),
  progress_photos: records(written.progress_photos).optional(),
  imports: records(written.imports).optional(),
  shares: records(written.shares).optional(),
});

export type SourceRef = z.infer<typeof sourceRef>;
export type ExportUser = z.infer<typeof written.user>;
export type ExerciseDefinitionRecord = z.infer<typeof written.exercise_definitions>;
export type HealthRecord = z.infer<typeof written.health_metrics>;
/** One set of an exercise logged set by set (its position is its place in `per_set`). */
export type SetRecord = z.infer<typeof written.per_set>;
/** An exercise of a session; `per_set` holds each set as done, in order, for an exercise logged set by set, and is absent otherwise. */
export type ExerciseRecord = z.infer<typeof writtenExercise>;
export type WorkoutRecord = z.infer<typeof writtenWorkout>;
export type ActionItemRecord = z.infer<typeof written.action_items>;
export type CoachingRecord = z.infer<typeof writtenCoaching>;
export type MealRecord = z.infer<typeof written.meal_logs>;
export type GoalRecord = z.infer<typeof written.goals>;
export type PhotoRecord = z.infer<typeof written.progress_photos>;
export type ImportRecord = z.infer<typeof written.imports>;
export type ShareRecord = z.infer<typeof written.shares>;
/** The document; `format_version` is 2 when written, 1 in older files, whose records lack the fields version 2 added. */
export type ExportDocument = z.infer<typeof writtenDocument>;

/**
 * What the exporters are handed: the account's user and, per section, its records as an async
 * iterable of pages in document order (the database's export repository is one).
 */
export interface ExportSource {
  user(): Promise<ExportUser>;
  pages(section: Section, range?: DateRange): AsyncIterable<unknown[]>;
}

/**
 * The schema a document of a version is read with: as written, except that a field that may be
 * null may also be absent (older documents), a version 1 document has none of the fields
 * version 2 added (nor its sections), unknown keys are ignored, and `exported_at` is not checked.
 */
function readableDocument(version: (typeof READABLE_FORMAT_VERSIONS)[number]) {
  const fields = (kind: RecordKind): Fields => {
    const added = new Set(version >= 2 ? [] : (ADDED_IN_V2[kind] ?? []));
    const out: Fields = {};
    for (const [name, schema] of Object.entries(RECORD_FIELDS[kind] as Fields)) if (!added.has(name)) out[name] = schema === source ? readableSource : schema.safeParse(null).success ? schema.optional() : schema;
    return out;
  };
  const loose = (shape: Fields) => z.looseObject(shape, expecting('an object'));
  const nested = (kind: RecordKind, extra: Fields = {}) => records(loose({ ...fields(kind), ...extra }));
  // A session without its `exercises` (or `action_items`) has none.
  const exercises = nested('exercises', version >= 2 ? { per_set: nested('per_set').optional() } : {});
  const sections: Record<Section, z.ZodType> = {
    exercise_definitions: nested('exercise_definitions'),
    health_metrics: nested('health_metrics'),
    workout_sessions: nested('workout_sessions', { exercises: exercises.nullish() }),
    coaching_sessions: nested('coaching_sessions', { action_items: nested('action_items').nullish() }),
    meal_logs: nested('meal_logs'),
    goals: nested('goals'),
    progress_photos: nested('progress_photos'),
    imports: nested('imports'),
    shares: nested('shares'),
  };
  const read: Fields = { user: loose(fields('user')) };
  for (const section of SECTIONS) if (version >= 2 || (section !== 'exercise_definitions' && section !== 'shares')) read[section] = sections[section].optional();
  return z.looseObject(read);
}

const readable = { 1: readableDocument(1), 2: readableDocument(2) };
const documentHead = z.object(
  {
    format: z.literal(EXPORT_FORMAT, expecting(JSON.stringify(EXPORT_FORMAT))),
    format_version: z.literal(READABLE_FORMAT_VERSIONS, expecting(READABLE_FORMAT_VERSIONS.join(' or '))),
  },
  expecting('a JSON object'),
);

/** A zod issue path as JSON path: `$.health_metrics[3].weight_kg`. */
const jsonPath = (path: PropertyKey[]): string => `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`;

/**
 * Returns the problems of a parsed document as `$.path: what is wrong` lines (empty when valid),
 * at most `maxErrors` of them.
 *
 * @example validateExportDocument({ format: 'x' })[0] → '$.format: expected "fittrack-export", got "x"'
 */
export function validateExportDocument(doc: unknown, maxErrors = 50): string[] {
  // The format marker and the version first, alone: a document of another kind has nothing else worth listing.
  const head = documentHead.safeParse(doc);
  if (!head.success) return [head.error.issues[0]!].map((i) => `${jsonPath(i.path)}: ${i.message}`);
  const checked = readable[head.data.format_version].safeParse(doc);
  if (checked.success) return [];
  return checked.error.issues.slice(0, maxErrors).map((i) => `${jsonPath(i.path)}: ${i.message}`);
}

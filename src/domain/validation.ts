/**
 * Range rules for values typed by the user. They match the CHECK constraints of the schema,
 * so a value refused here would also be refused by the database; checking here first gives a
 * one-line message naming the field, the value and what is allowed, and writes nothing.
 */
import { UsageError } from '../errors.js';
import type { CheckInRecord, CoachingRecord, LegacyKind, MealRecord, WorkoutRecord } from './legacy-records.js';
import type { Quantity } from './quantity-input.js';
import { parsePlainNumber } from './quantity-input.js';
import { fromCm, fromKg, KM_PER_MI, round } from './units.js';
import { foldName } from './names.js';

/** An inclusive range in canonical units. */
export interface RangeRule {
  min: number;
  max: number;
  /** Canonical unit shown after the range: `kg`, `cm`, `%`, `bpm`… (none for scales). */
  unit?: string;
  /** Whole numbers only. */
  integer?: boolean;
  /** Steps of 0.5 only (RPE). */
  halves?: boolean;
}

/** Every range fittrack enforces, by name; the same numbers as the schema's CHECK constraints. */
export const RULES = {
  weightKg: { min: 20, max: 500, unit: 'kg' },
  bodyFatPct: { min: 2, max: 75, unit: '%' },
  muscleMassKg: { min: 5, max: 300, unit: 'kg' },
  bmi: { min: 5, max: 150 },
  circumferenceCm: { min: 5, max: 400, unit: 'cm' },
  heightCm: { min: 50, max: 272, unit: 'cm' },
  restingHeartRate: { min: 25, max: 250, unit: 'bpm', integer: true },
  systolic: { min: 50, max: 300, unit: 'mmHg', integer: true },
  diastolic: { min: 20, max: 200, unit: 'mmHg', integer: true },
  scale: { min: 1, max: 10, integer: true },
  sleepHours: { min: 0, max: 24, unit: 'h' },
  calories: { min: 0, max: 10000, unit: 'kcal' },
  macroG: { min: 0, max: 2000, unit: 'g' },
  sodiumMg: { min: 0, max: 100000, unit: 'mg' },
  waterMl: { min: 0, max: 20000, unit: 'ml' },
  sets: { min: 0, max: 100, integer: true },
  reps: { min: 0, max: 10000, integer: true },
  liftWeightKg: { min: 0, max: 1000, unit: 'kg' },
  restSeconds: { min: 0, max: 86400, unit: 's', integer: true },
  exerciseDurationSeconds: { min: 0, max: 172800, unit: 's' },
  distanceKm: { min: 0, max: 1000, unit: 'km' },
  sessionDurationMinutes: { min: 0, max: 1440, unit: 'min' },
  programWeek: { min: 1, max: 520, integer: true },
  programDay: { min: 1, max: 3640, integer: true },
  rpe: { min: 1, max: 10, halves: true },
} as const satisfies Record<string, RangeRule>;

/** Formats a number for a message without float noise. @example showNumber(44.092452) → '44.1' */
function showNumber(n: number, places = 1): string {
  return String(round(n, places));
}

function allowed(rule: RangeRule, min = rule.min, max = rule.max, unit = rule.unit, places = 1): string {
  return `allowed ${showNumber(min, places)}–${showNumber(max, places)}${unit ? ` ${unit}` : ''}`;
}

/**
 * Checks a number against a rule; returns it or throws a one-line UsageError.
 *
 * @example checkRange('--body-fat', 80, RULES.bodyFatPct) // throws "--body-fat: 80 is out of range (allowed 2–75 %)"
 */
export function checkRange(field: string, value: number, rule: RangeRule): number {
  if (!Number.isFinite(value)) throw new UsageError(`${field}: "${value}" is not a number`, `give a number (${allowed(rule)})`);
  if (rule.integer && !Number.isInteger(value)) {
    throw new UsageError(`${field}: ${value} is not a whole number (${allowed(rule)})`, `give a whole number, e.g. ${field} ${Math.round(value)}`);
  }
  if (rule.halves && !Number.isInteger(value * 2)) {
    throw new UsageError(`${field}: ${value} is not a whole or half number (${allowed(rule)})`, `give e.g. ${field} 7 or ${field} 7.5`);
  }
  if (value < rule.min || value > rule.max) {
    throw new UsageError(`${field}: ${value}${rule.unit && rule.unit !== '%' ? ` ${rule.unit}` : ''} is out of range (${allowed(rule)})`, hintFor(field, rule));
  }
  return value;
}

function hintFor(field: string, rule: RangeRule): string {
  return `give a value between ${showNumber(rule.min)} and ${showNumber(rule.max)}${rule.unit ? ` ${rule.unit}` : ''} for ${field}`;
}

/**
 * Parses a plain number typed for `field` and checks it against the rule.
 *
 * @example parseNumberInRange('--mood', '7', RULES.scale) → 7
 */
export function parseNumberInRange(field: string, text: string, rule: RangeRule): number {
  return checkRange(field, parsePlainNumber(field, text), rule);
}

/** The range of a canonical rule expressed in the unit a quantity was typed in. */
function rangeIn(rule: RangeRule, unit: string): [number, number] | null {
  if (rule.unit === unit) return [rule.min, rule.max];
  if (rule.unit === 'kg' && unit === 'lb') return [fromKg(rule.min, 'lb'), fromKg(rule.max, 'lb')];
  if (rule.unit === 'cm' && unit === 'in') return [fromCm(rule.min, 'in'), fromCm(rule.max, 'in')];
  if (rule.unit === 'km' && unit === 'mi') return [rule.min / KM_PER_MI, rule.max / KM_PER_MI];
  return null;
}

/**
 * Checks a parsed quantity (canonical value) against a canonical rule; the message speaks the
 * unit the user typed: `--waist: 200 in is out of range (allowed 2–157.5 in)`.
 *
 * @example checkQuantity('<weight>', parseWeightInput('80kg'), RULES.weightKg).value → 80
 */
export function checkQuantity<Q extends Quantity>(field: string, q: Q, rule: RangeRule): Q {
  if (!Number.isFinite(q.value)) throw new UsageError(`${field}: "${q.entered}" is not a number`, hintFor(field, rule));
  if (q.value >= rule.min && q.value <= rule.max) return q;
  const inUnit = rangeIn(rule, q.unit);
  const msg = inUnit
    ? `${field}: ${q.entered} ${q.unit} is out of range (${allowed(rule, inUnit[0], inUnit[1], q.unit)})`
    : `${field}: ${q.entered} ${q.unit} is out of range (${allowed(rule)})`;
  throw new UsageError(msg, hintFor(field, rule));
}

/**
 * Parses blood pressure `120/80` (systolic over diastolic), both in range, systolic higher.
 *
 * @example parseBloodPressure('--bp', '120/80') → { systolic: 120, diastolic: 80 }
 */
export function parseBloodPressure(field: string, text: string): { systolic: number; diastolic: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new UsageError(`${field}: "${text}" is not a blood pressure`, `write it as systolic/diastolic, e.g. ${field} 120/80`);
  const systolic = Number(m[1]);
  const diastolic = Number(m[2]);
  if (systolic < RULES.systolic.min || systolic > RULES.systolic.max) {
    throw new UsageError(`${field}: systolic ${systolic} is out of range (allowed 50–300 mmHg)`, `write it as systolic/diastolic, e.g. ${field} 120/80`);
  }
  if (diastolic < RULES.diastolic.min || diastolic > RULES.diastolic.max) {
    throw new UsageError(`${field}: diastolic ${diastolic} is out of range (allowed 20–200 mmHg)`, `write it as systolic/diastolic, e.g. ${field} 120/80`);
  }
  if (systolic <= diastolic) {
    throw new UsageError(`${field}: ${text.trim()} has systolic ${systolic} not above diastolic ${diastolic}`, `write the higher number first, e.g. ${field} 120/80`);
  }
  return { systolic, diastolic };
}

/**
 * Reads one of a fixed set of values, compared under `foldName` (`ＢＲＥＡＫＦＡＳＴ` is `breakfast`), with spaces and dashes read as `_`
 * and optional aliases: `Pre Workout` → `pre_workout`.
 *
 * @example parseChoice('<meal-type>', 'Pre Workout', MEAL_TYPES) → 'pre_workout'
 */
export function parseChoice<T extends string>(field: string, text: string, values: readonly T[], aliases: Record<string, T> = {}): T {
  const t = foldName(text).replace(/[\s-]+/g, '_');
  if ((values as readonly string[]).includes(t)) return t as T;
  const alias = aliases[t];
  if (alias) return alias;
  throw new UsageError(`${field}: "${text}" is not one of ${values.join(', ')}`, `give one of: ${values.join(', ')}`);
}

/**
 * The longest text, in characters (Unicode code points), each kind of free-text field may hold.
 * The database refuses longer text on its own (a length CHECK on PostgreSQL, a trigger on
 * SQLite: migration 20261201000500_text_limits), with the same numbers.
 */
export const TEXT_LIMITS = {
  /** Workout and goal titles, exercise names, coach and display names, goal metrics. */
  title: 200,
  /** Coaching session titles (the legacy logs have long ones). */
  coachingTitle: 300,
  username: 64,
  email: 254,
  /** Program phase, a meal's label. */
  label: 100,
  supersetLabel: 10,
  unit: 20,
  /** A coaching session's subject line. */
  subject: 1_000,
  actionItem: 1_000,
  mealDescription: 2_000,
  /** Notes, bios, exercise descriptions, instructions and tips, a logged exercise's raw text. */
  note: 10_000,
  /** The body of a coaching session (markdown). */
  coachingBody: 100_000,
  url: 2_000,
  filePath: 4_096,
  /** A list (topics, muscles, equipment), as its JSON text. */
  list: 10_000,
} as const;

export type TextKind = keyof typeof TEXT_LIMITS;

/** Every limited column, `table.column` → its kind; the database's limits are these. */
export const TEXT_COLUMNS: Record<string, TextKind> = {
  'users.username': 'username',
  'users.email': 'email',
  'users.display_name': 'title',
  'users.bio': 'note',
  'users.photo_url': 'url',
  'health_metrics.notes': 'note',
  'health_metrics.source_file': 'filePath',
  'workout_sessions.title': 'title',
  'workout_sessions.program_phase': 'label',
  'workout_sessions.notes': 'note',
  'workout_sessions.source_file': 'filePath',
  'exercise_definitions.name': 'title',
  'exercise_definitions.muscle_groups': 'list',
  'exercise_definitions.equipment': 'list',
  'exercise_definitions.description': 'note',
  'exercise_definitions.instructions': 'note',
  'exercise_definitions.tips': 'note',
  'exercise_definitions.video_url': 'url',
  'exercise_definitions.image_url': 'url',
  'exercise_logs.exercise_name': 'title',
  'exercise_logs.superset_label': 'supersetLabel',
  'exercise_logs.notes': 'note',
  'exercise_logs.raw': 'note',
  'exercise_logs.source_file': 'filePath',
  'user_goals.title': 'title',
  'user_goals.metric': 'title',
  'user_goals.unit': 'unit',
  'user_goals.notes': 'note',
  'coaching_sessions.title': 'coachingTitle',
  'coaching_sessions.coach_name': 'title',
  'coaching_sessions.subject': 'subject',
  'coaching_sessions.topics': 'list',
  'coaching_sessions.notes': 'coachingBody',
  'coaching_sessions.source_file': 'filePath',
  'coaching_action_items.text': 'actionItem',
  'progress_photos.file_path': 'filePath',
  'progress_photos.notes': 'note',
  'meal_logs.meal_label': 'label',
  'meal_logs.description': 'mealDescription',
  'meal_logs.notes': 'note',
  'meal_logs.source_file': 'filePath',
};

/** UTF-16 units of text above which its characters are not counted one by one. */
const COUNT_AT_MOST = 4 * 1024 * 1024;

/** The number of characters (code points) in `text`, counted without building an array. */
function charCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * Checks that text is at most `max` characters (a number or a kind of TEXT_LIMITS), or throws
 * a one-line UsageError (exit 2) naming the field and the limit. Fast on huge text.
 *
 * @example checkTextLength('--note', note, 'note') → note
 */
export function checkTextLength(field: string, text: string, max: number | TextKind): string {
  const limit = typeof max === 'number' ? max : TEXT_LIMITS[max];
  // A character is one or two UTF-16 units: text no longer than the limit in units is within it.
  if (text.length <= limit) return text;
  // Huge text is surely too long (at least half its units are characters): not counted, which
  // would take seconds for 100 MB.
  const size = text.length > COUNT_AT_MOST && text.length > 2 * limit ? `at least ${Math.ceil(text.length / 2)}` : charCount(text);
  if (typeof size === 'string' || size > limit) throw new UsageError(`${field}: ${size} characters is too long (allowed up to ${limit})`, `shorten ${field} to at most ${limit} characters`);
  return text;
}

/**
 * Checks free text: not empty (unless allowed) and at most `maxLength` characters (a number or
 * a kind of TEXT_LIMITS). The text is returned exactly as typed.
 *
 * @example checkText('<title>', 'Lose 5 kg', { maxLength: 'title' }) → 'Lose 5 kg'
 */
export function checkText(field: string, text: string, opts: { maxLength?: number | TextKind; allowEmpty?: boolean } = {}): string {
  if (opts.maxLength !== undefined) checkTextLength(field, text, opts.maxLength);
  if (!opts.allowEmpty && text.trim() === '') throw new UsageError(`${field}: is empty`, `give some text for ${field}`);
  return text;
}

/**
 * The first text of an imported legacy record over its limit, as a message for the import
 * report (`notes: 12000 characters is too long (allowed up to 10000)`), or null.
 *
 * @example legacyTextProblem('meals', meal) → null
 */
export function legacyTextProblem(kind: LegacyKind, record: CheckInRecord | WorkoutRecord | CoachingRecord | MealRecord): string | null {
  const fields: Array<[string, string | null | undefined, TextKind]> = [];
  switch (kind) {
    case 'check-in':
      fields.push(['notes', (record as CheckInRecord).notes, 'note']);
      break;
    case 'workouts': {
      const w = record as WorkoutRecord;
      fields.push(['title', w.title, 'title'], ['phase', w.programPhase, 'label'], ['notes', w.notes, 'note']);
      for (const e of w.exercises) fields.push(['exercise', e.exerciseName, 'title'], ['superset label', e.supersetLabel, 'supersetLabel'], ['exercise notes', e.notes, 'note'], ['sets x reps', e.raw, 'note']);
      break;
    }
    case 'coaching': {
      const c = record as CoachingRecord;
      fields.push(['title', c.title, 'coachingTitle'], ['coach', c.coachName, 'title'], ['subject', c.subject, 'subject'], ['topics', JSON.stringify(c.topics), 'list'], ['notes', c.notes, 'coachingBody']);
      for (const a of c.actionItems) fields.push(['action item', a.text, 'actionItem']);
      break;
    }
    case 'meals': {
      const m = record as MealRecord;
      fields.push(['meal', m.mealLabel, 'label'], ['description', m.description, 'mealDescription'], ['notes', m.notes, 'note']);
      break;
    }
  }
  for (const [field, text, kindOfText] of fields) {
    if (text === null || text === undefined) continue;
    try {
      checkTextLength(field, text, kindOfText);
    } catch (err) {
      return (err as UsageError).message;
    }
  }
  return null;
}

/** The largest id a row can have: ids are 32-bit integer columns on both engines. */
export const MAX_ID = 2_147_483_647;

/**
 * Reads an id typed on the command line: decimal digits only (a leading `#` allowed, as lists
 * show them), 1 to MAX_ID. `1e3`, `0x10`, `1.0` and `-1` are not ids. Every command reads ids here.
 *
 * @example parseIdInput('<id>', '#12', { what: 'a goal number', fix: 'see the numbers with: fittrack goal list' }) → 12
 */
export function parseIdInput(field: string, text: string, how: { what: string; fix: string }): number {
  const t = text.trim().replace(/^#/, '');
  if (!/^\d{1,10}$/.test(t) || Number(t) < 1 || Number(t) > MAX_ID) throw new UsageError(`${field}: "${text}" is not ${how.what}`, how.fix);
  return Number(t);
}

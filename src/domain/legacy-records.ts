/**
 * The records the legacy markdown parsers produce, before they meet the database.
 * Canonical units (kg, cm, km, seconds), values unrounded; the unit as written is kept beside them.
 */
import type { LengthUnit, WeightUnit } from './units.js';
import type { SessionType } from './session-type.js';

export const LEGACY_KINDS = ['check-in', 'workouts', 'coaching', 'meals'] as const;
export type LegacyKind = (typeof LEGACY_KINDS)[number];

/** The file name each kind has in the legacy layout (and in `exportMarkdown`). */
export const LEGACY_FILE_NAMES: Record<LegacyKind, string> = {
  'check-in': 'check-in-log.md',
  workouts: 'exercise-log.md',
  coaching: 'Coaching_sessions.md',
  meals: 'meal-log.md',
};

/** Where an imported record came from: the file name as given and its 1-based line. */
export interface SourceRef {
  file: string;
  line: number;
}

export type IssueSeverity = 'error' | 'skipped' | 'warning';

/** A problem found while reading a file: what is wrong and how to fix it. Data, not an exception. */
export interface ParseIssue {
  file: string;
  line: number;
  severity: IssueSeverity;
  message: string;
  hint?: string;
}

export interface CheckInRecord {
  recordedDate: string;
  weightKg: number | null;
  weightUnit: WeightUnit | null;
  bodyFatPct: number | null;
  lengthUnit: LengthUnit | null;
  chestCm: number | null;
  waistCm: number | null;
  hipsCm: number | null;
  neckCm: number | null;
  notes: string | null;
  source: SourceRef;
}

export interface ExerciseRecord {
  exerciseName: string;
  supersetLabel: string | null;
  /** 1-based position in its session. */
  orderIndex: number;
  sets: number | null;
  reps: number | null;
  repsPerSet: number[] | null;
  weightKg: number | null;
  weightUnit: WeightUnit | null;
  durationSeconds: number | null;
  distanceKm: number | null;
  notes: string | null;
  /** The `Sets x Reps` cell exactly as written. */
  raw: string | null;
  source: SourceRef;
}

export interface WorkoutRecord {
  sessionDate: string;
  title: string;
  sessionType: SessionType;
  programPhase: string | null;
  notes: string | null;
  /** The line of the session's first row. */
  source: SourceRef;
  exercises: ExerciseRecord[];
}

export interface ActionItemRecord {
  text: string;
  done: boolean;
}

export interface CoachingRecord {
  sessionDate: string;
  title: string | null;
  coachName: string | null;
  subject: string | null;
  topics: string[];
  rating: number | null;
  nextSessionDate: string | null;
  /** The section's body as markdown, without its heading and metadata lines. */
  notes: string | null;
  actionItems: ActionItemRecord[];
  source: SourceRef;
}

export const MEAL_TYPES = ['breakfast', 'lunch', 'dinner', 'snack', 'pre_workout', 'post_workout'] as const;
export type MealType = (typeof MEAL_TYPES)[number];

export interface MealRecord {
  mealDate: string;
  mealType: MealType;
  /** The meal's name as written when it is not the type's own (`Brunch`, `Afternoon Snack`). */
  mealLabel?: string | null;
  description: string | null;
  calories: number | null;
  proteinG: number | null;
  carbsG: number | null;
  fatG: number | null;
  fiberG: number | null;
  satietyBefore: number | null;
  satietyAfter: number | null;
  notes: string | null;
  source: SourceRef;
}

export type LegacyParseResult =
  | { kind: 'check-in'; records: CheckInRecord[]; issues: ParseIssue[]; rowCount: number }
  | { kind: 'workouts'; records: WorkoutRecord[]; issues: ParseIssue[]; rowCount: number }
  | { kind: 'coaching'; records: CoachingRecord[]; issues: ParseIssue[]; rowCount: number }
  | { kind: 'meals'; records: MealRecord[]; issues: ParseIssue[]; rowCount: number };

/**
 * The records the legacy markdown parsers produce, before they meet the database.
 * Canonical units (kg, cm, km, seconds), values unrounded; the unit as written is kept beside them.
 */
import type { DurationUnit, LengthUnit, WeightUnit } from './units.js';
import type { SessionType } from './session-type.js';
import type { MealType } from './meal.js';
import type { ExerciseEntry } from './workout.js';

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

/** A value of one of the columns a legacy log carries only as an extra column (see EXTRA_FIELDS). */
export type ExtraValue = number | string | boolean | null;
/** Extra column values by database column name; a missing or null value means "not said". */
export type ExtraValues = Record<string, ExtraValue>;

/**
 * A column the legacy layouts had no place for, carried by the exported logs as an extra table
 * column (or coaching metadata line) under `label`, and read back when present.
 */
export interface ExtraField {
  column: string;
  label: string;
  type: 'number' | 'integer' | 'boolean' | readonly string[];
  min?: number;
  max?: number;
  /** Other header names hand-kept logs use for it (`RHR`, `Sleep`); the label is always one. */
  aliases?: readonly string[];
  /** For a time, the unit its number counts: a cell or header may give another (`7h30`, `Sleep (min)`, `Rest (min)`). */
  durationUnit?: DurationUnit;
}

const scale = (column: string, label: string, aliases?: readonly string[]): ExtraField => ({ column, label, type: 'integer', min: 1, max: 10, ...(aliases ? { aliases } : {}) });
const cm = (column: string, label: string): ExtraField => ({ column, label: `${label} (cm)`, type: 'number', min: 5, max: 400 });

/** The extra columns of each legacy record, in the order the exported logs write them. */
export const EXTRA_FIELDS = {
  checkIn: [
    { column: 'muscle_mass_kg', label: 'Muscle Mass (kg)', type: 'number', min: 5, max: 300 },
    { column: 'lean_body_mass_kg', label: 'Lean Mass (kg)', type: 'number', min: 5, max: 300 },
    { column: 'bmi', label: 'BMI', type: 'number', min: 5, max: 150 },
    cm('left_arm_cm', 'Left Arm'),
    cm('right_arm_cm', 'Right Arm'),
    cm('left_thigh_cm', 'Left Thigh'),
    cm('right_thigh_cm', 'Right Thigh'),
    { column: 'resting_heart_rate', label: 'Resting HR (bpm)', type: 'integer', min: 25, max: 250, aliases: ['RHR', 'Resting Heart Rate', 'Rest HR', 'Resting Pulse', 'Morning HR', 'HR', 'Pulse'] },
    { column: 'blood_pressure_systolic', label: 'BP Systolic', type: 'integer', min: 50, max: 300, aliases: ['Systolic', 'Systolic BP'] },
    { column: 'blood_pressure_diastolic', label: 'BP Diastolic', type: 'integer', min: 20, max: 200, aliases: ['Diastolic', 'Diastolic BP'] },
    scale('energy_level', 'Energy Level', ['Energy']),
    scale('mood', 'Mood'),
    scale('sleep_quality', 'Sleep Quality', ['Sleep Q', 'Sleep Rating']),
    scale('stress_level', 'Stress Level', ['Stress']),
    { column: 'sleep_hours', label: 'Sleep Hours', type: 'number', min: 0, max: 24, durationUnit: 'h', aliases: ['Sleep', 'Hours Slept', 'Hrs Slept', 'Slept', 'Hours of Sleep', 'Sleep Time', 'Sleep Duration'] },
  ],
  session: [
    { column: 'program_week', label: 'Week', type: 'integer', min: 1, max: 520 },
    { column: 'program_day', label: 'Program Day', type: 'integer', min: 1, max: 3640 },
    { column: 'duration_minutes', label: 'Duration (min)', type: 'number', min: 0, max: 1440, durationUnit: 'min', aliases: ['Session Duration'] },
    { column: 'energy_kcal', label: 'Energy (kcal)', type: 'number', min: 0, max: 20000, aliases: ['Calories Burned', 'Active Energy'] },
    scale('intensity', 'Intensity'),
    scale('fatigue', 'Fatigue'),
    scale('soreness', 'Soreness'),
  ],
  exercise: [
    { column: 'rpe', label: 'RPE', type: 'number', min: 1, max: 10 },
    { column: 'rest_seconds', label: 'Rest (s)', type: 'integer', min: 0, max: 86400, durationUnit: 's', aliases: ['Rest Time', 'Rest Period'] },
    scale('form_quality', 'Form'),
  ],
  coaching: [{ column: 'follow_up_required', label: 'Follow-up', type: 'boolean' }],
  meal: [
    { column: 'sugar_g', label: 'Sugar (g)', type: 'number', min: 0, max: 2000 },
    { column: 'sodium_mg', label: 'Sodium (mg)', type: 'number', min: 0, max: 100000 },
    { column: 'water_ml', label: 'Water (ml)', type: 'number', min: 0, max: 20000 },
    { column: 'adherence', label: 'Adherence', type: ['perfect', 'good', 'fair', 'poor', 'off_plan'] },
    scale('satisfaction', 'Satisfaction'),
    scale('hunger_before', 'Hunger Before'),
    scale('hunger_after', 'Hunger After'),
  ],
} as const satisfies Record<string, readonly ExtraField[]>;

/** `note`: nothing is lost, the line is named so every heading is accounted for (a group heading). */
export type IssueSeverity = 'error' | 'skipped' | 'warning' | 'note';

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
  /** The values of EXTRA_FIELDS.checkIn. */
  extra?: ExtraValues;
  source: SourceRef;
}

/** An exercise row of a legacy workout log: the exercise as logged (its RPE, form and rest among the extra values), where it stood, and the cell as written. */
export type ExerciseRecord = Pick<
  ExerciseEntry,
  'exerciseName' | 'supersetLabel' | 'sets' | 'reps' | 'repsPerSet' | 'weightKg' | 'weightUnit' | 'durationSeconds' | 'distanceKm' | 'notes' | 'perSet'
> & {
  /** 1-based position in its session. */
  orderIndex: number;
  /** The `Sets x Reps` cell exactly as written. */
  raw: string | null;
  /** The values of EXTRA_FIELDS.exercise. */
  extra?: ExtraValues;
  source: SourceRef;
};

export interface WorkoutRecord {
  sessionDate: string;
  title: string;
  sessionType: SessionType;
  programPhase: string | null;
  notes: string | null;
  /** The values of EXTRA_FIELDS.session. */
  extra?: ExtraValues;
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
  /** The values of EXTRA_FIELDS.coaching. */
  extra?: ExtraValues;
  source: SourceRef;
}

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
  /** The values of EXTRA_FIELDS.meal. */
  extra?: ExtraValues;
  source: SourceRef;
}

export type LegacyParseResult =
  | { kind: 'check-in'; records: CheckInRecord[]; issues: ParseIssue[]; rowCount: number }
  | { kind: 'workouts'; records: WorkoutRecord[]; issues: ParseIssue[]; rowCount: number }
  | { kind: 'coaching'; records: CoachingRecord[]; issues: ParseIssue[]; rowCount: number }
  | { kind: 'meals'; records: MealRecord[]; issues: ParseIssue[]; rowCount: number };

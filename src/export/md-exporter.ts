/**
 * Writes a user's data back as the four legacy markdown logs, in their canonical layouts, so
 * that `import-md` reads them back into the same records. Each file is written under a
 * temporary name and renamed into place.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { CheckInRecord, CoachingRecord, ExerciseRecord, ExtraField, ExtraValue, ExtraValues, MealRecord, WorkoutRecord } from '../domain/legacy-records.js';
import type { MealType } from '../domain/meal.js';
import { EXTRA_FIELDS, LEGACY_FILE_NAMES } from '../domain/legacy-records.js';
import { fromCm, fromKg, toCm, toKg } from '../domain/units.js';
import type { LengthUnit, WeightUnit } from '../domain/units.js';
import { SET_TYPE_WORD, type ExerciseSet } from '../domain/workout.js';
import { parseExerciseLog } from '../parse/exercise-log-parser.js';
import { parseSetsReps } from '../parse/sets-reps.js';
import { gramsIn, mealLabelOf, mealTypeOf, satietyIn } from '../parse/meal-log-parser.js';
import { writeFileAtomically } from './output-sink.js';

export const CHECK_IN_TITLE = '# Check-in Log';
export const EXERCISE_TITLE = '# Exercise Log';
export const COACHING_TITLE = '# Coaching Sessions';
export const MEAL_TITLE = '# Meal Log';

/** A number as the logs write it: up to 4 decimals, at least `minDecimals`. @example formatNumber(241, 1) → '241.0' */
export function formatNumber(value: number, minDecimals = 0): string {
  const rounded = Math.round(value * 1e4) / 1e4;
  let s = String(rounded);
  if (/e/i.test(s)) s = rounded.toFixed(4);
  const decimals = s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
  if (decimals < minDecimals) s = rounded.toFixed(minDecimals);
  return s;
}

/** A number written so that it reads back as the very same value. @example exactNumber(29.55555, 1) → '29.55555' */
function exactNumber(value: number, minDecimals = 0): string {
  const s = formatNumber(value, minDecimals);
  const full = String(value);
  return Number(s) === value || /e/i.test(full) ? s : full;
}

/** A table cell: pipes escaped, line breaks as spaces. */
function cell(text: string | null | undefined): string {
  return (text ?? '').replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function delimiter(n: number): string {
  return row(new Array<string>(n).fill(':---'));
}

/** The unit most rows use, for the header; rows in another unit say theirs in the cell. */
function majority<U extends string>(units: Array<U | null>, fallback: U): U {
  const counts = new Map<U, number>();
  for (const u of units) if (u) counts.set(u, (counts.get(u) ?? 0) + 1);
  let best = fallback;
  let n = 0;
  for (const [u, c] of counts) if (c > n) [best, n] = [u, c];
  return best;
}

/** The extra fields some record has a value for: the extra columns a log needs. */
function usedFields(fields: readonly ExtraField[], extras: Array<ExtraValues | undefined>): ExtraField[] {
  return fields.filter((f) =>
    extras.some((e) => {
      const v = e?.[f.column];
      // A flag that is off says nothing the empty cell does not.
      return v !== null && v !== undefined && v !== false;
    }),
  );
}

/** An extra value as its cell: numbers at full precision, flags as yes/no. */
function extraCell(v: ExtraValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return cell(String(v));
}

/**
 * The check-in log. @example renderCheckInLog([record]) → '# Check-in Log\n\n| Date | Weight (lbs) | …'
 */
export function renderCheckInLog(records: CheckInRecord[]): string {
  const wUnit = majority<WeightUnit>(records.map((r) => (r.weightKg === null ? null : r.weightUnit)), 'lb');
  const lUnit = majority<LengthUnit>(records.map((r) => r.lengthUnit), 'in');
  const lengthHeader = (name: string) => `${name} (${lUnit === 'in' ? 'inches' : 'cm'})`;
  const withHips = records.some((r) => r.hipsCm !== null);
  const withNeck = records.some((r) => r.neckCm !== null);
  const extras = usedFields(EXTRA_FIELDS.checkIn, records.map((r) => r.extra));
  const header = ['Date', `Weight (${wUnit === 'lb' ? 'lbs' : 'kg'})`, 'Body Fat %', lengthHeader('Waist'), lengthHeader('Chest')];
  if (withHips) header.push(lengthHeader('Hips'));
  if (withNeck) header.push(lengthHeader('Neck'));
  header.push(...extras.map((f) => f.label), 'Notes');
  const lines = [CHECK_IN_TITLE, '', row(header), delimiter(header.length)];
  for (const r of records) {
    const unit = r.weightUnit ?? wUnit;
    let weight = '';
    if (r.weightKg !== null) {
      const shown = formatNumber(fromKg(r.weightKg, unit), 1);
      // Written in the unit it was entered in when that reads back to the very same value;
      // otherwise in kilograms at full precision, so nothing is lost on the way back.
      if (toKg(Number(shown), unit) === r.weightKg) weight = `${shown}${unit === wUnit ? '' : ` ${unit}`}`;
      else weight = `${String(r.weightKg)}${wUnit === 'kg' ? '' : ' kg'}`;
    }
    const length = (cm: number | null) => {
      if (cm === null) return '';
      const u = r.lengthUnit ?? lUnit;
      const shown = formatNumber(fromCm(cm, u));
      if (toCm(Number(shown), u) === cm) return `${shown}${u === lUnit ? '' : ` ${u}`}`;
      return `${String(cm)}${lUnit === 'cm' ? '' : ' cm'}`;
    };
    const cells = [r.recordedDate, weight, r.bodyFatPct === null ? '' : exactNumber(r.bodyFatPct, 1), length(r.waistCm), length(r.chestCm)];
    if (withHips) cells.push(length(r.hipsCm));
    if (withNeck) cells.push(length(r.neckCm));
    cells.push(...extras.map((f) => extraCell(r.extra?.[f.column])), cell(r.notes));
    lines.push(row(cells));
  }
  return `${lines.join('\n')}\n`;
}

/** Sets x Reps for an exercise logged without a legacy cell. @example setsRepsText({ sets: 3, reps: 10, … }) → '3 x 10' */
export function setsRepsText(e: ExerciseRecord): string {
  const list = e.perSet && e.perSet.length > 0 ? perSetText(e.perSet, e.weightUnit ?? 'kg') : null;
  // The cell as written, unless the sets were logged otherwise than it says (then the sets).
  if (e.raw !== null && (list === null || JSON.stringify(parseSetsReps(e.raw, { defaultWeightUnit: 'lb' }).perSet) === JSON.stringify(e.perSet))) return e.raw;
  if (list !== null) return list;
  const parts: string[] = [];
  const uneven = e.repsPerSet && e.reps === null;
  if (uneven) parts.push(e.repsPerSet!.join('/'));
  else if (e.sets !== null && e.reps !== null) parts.push(`${e.sets} x ${e.reps}`);
  else if (e.sets !== null && e.durationSeconds !== null) parts.push(`${e.sets} x ${formatNumber(e.durationSeconds)}s`);
  else if (e.sets !== null) parts.push(`${e.sets} x AMRAP`);
  if (e.weightKg !== null && parts.length > 0) parts.push(`@ ${formatNumber(fromKg(e.weightKg, e.weightUnit ?? 'kg'))} ${e.weightUnit === 'lb' ? 'lbs' : 'kg'}`);
  if (e.sets === null && e.durationSeconds !== null && e.distanceKm === null) parts.push(`${formatNumber(e.durationSeconds / 60)} min`);
  if (e.distanceKm !== null) {
    parts.push(`${exactNumber(e.distanceKm)}km`);
    if (e.durationSeconds !== null) parts.push(`in ${formatNumber(e.durationSeconds / 60)} min`);
  }
  return parts.join(' ');
}

/**
 * Sets logged one by one as the `Sets x Reps` grammar reads them back, each load with its unit
 * and exact: `60kg x 8, 70kg x 6, 80kg x 4 @rpe9`. Null when a set has no reps or no load, or a
 * time or distance of its own, which the cell cannot say.
 */
function perSetText(sets: readonly ExerciseSet[], unit: WeightUnit): string | null {
  if (sets.some((s) => s.reps === null || s.weightKg === null || s.durationSeconds !== null || s.distanceKm !== null)) return null;
  const items = sets.map((s) => {
    const shown = formatNumber(fromKg(s.weightKg!, unit));
    const load = toKg(Number(shown), unit) === s.weightKg ? `${shown}${unit}` : `${exactNumber(s.weightKg!)}kg`;
    return [`${load} x ${s.reps}`, s.rpe === null ? '' : `@rpe${s.rpe}`, SET_TYPE_WORD[s.setType]].filter(Boolean).join(' ');
  });
  const text = items.join(', ');
  // Read back, it must give the very same sets (a load the grammar cannot say exactly is not written this way).
  return JSON.stringify(parseSetsReps(text).perSet) === JSON.stringify(sets) ? text : null;
}

/**
 * The exercise log: one row per exercise, sessions in date order. Columns the legacy layout
 * has no place for (session type, week, RPE, rest …) are added when some session needs them.
 */
export function renderExerciseLog(records: WorkoutRecord[]): string {
  const sessionExtras = usedFields(EXTRA_FIELDS.session, records.map((w) => w.extra));
  const exerciseExtras = usedFields(EXTRA_FIELDS.exercise, records.flatMap((w) => w.exercises.map((e) => e.extra)));
  const withNotes = records.some((w) => w.notes !== null);
  const render = (withType: boolean) => {
    const header = ['Date', 'Phase', 'Workout', 'Exercise', 'Sets x Reps'];
    if (withType) header.push('Session Type');
    header.push(...sessionExtras.map((f) => f.label), ...exerciseExtras.map((f) => f.label));
    if (withNotes) header.push('Session Notes');
    header.push('Notes');
    const lines = [EXERCISE_TITLE, '', row(header), delimiter(header.length)];
    for (const w of records) {
      for (const e of w.exercises) {
        const name = e.supersetLabel ? `${e.supersetLabel}: ${e.exerciseName}` : e.exerciseName;
        const cells = [w.sessionDate, cell(w.programPhase), cell(w.title), cell(name), cell(setsRepsText(e))];
        if (withType) cells.push(w.sessionType);
        cells.push(...sessionExtras.map((f) => extraCell(w.extra?.[f.column])), ...exerciseExtras.map((f) => extraCell(e.extra?.[f.column])));
        if (withNotes) cells.push(cell(w.notes));
        cells.push(cell(e.notes));
        lines.push(row(cells));
      }
    }
    return `${lines.join('\n')}\n`;
  };
  // The session type is written only when reading the log back would guess another one.
  const plain = render(false);
  const guessed = new Map(parseExerciseLog(plain, LEGACY_FILE_NAMES.workouts).records.map((w) => [`${w.sessionDate}\u0000${w.title}`, w.sessionType]));
  const typeNeeded = records.some((w) => w.exercises.length > 0 && guessed.get(`${w.sessionDate}\u0000${w.title}`) !== w.sessionType);
  return typeNeeded ? render(true) : plain;
}

const ACTIONS_IN_NOTES = /^(?:\s*(?:\*\*|__)(?:orders|action items|adjustments)\s*:?\s*(?:\*\*|__)\s*:?\s*$|#{2,6}\s+next actions\s*$)/im;

/** The coaching log: one `##` section per session. */
export function renderCoachingLog(records: CoachingRecord[]): string {
  const sections = records.map((r) => {
    const lines = [`## ${r.sessionDate}${r.title ? `: ${r.title}` : ''}`, ''];
    const meta: string[] = [];
    if (r.coachName) meta.push(`**Coach:** ${r.coachName}`);
    if (r.subject) meta.push(`**Subject:** ${r.subject}`);
    if (r.topics.length) meta.push(`**Topics:** ${r.topics.join(', ')}`);
    if (r.rating !== null) meta.push(`**Rating:** ${r.rating}/10`);
    if (r.nextSessionDate) meta.push(`**Next session:** ${r.nextSessionDate}`);
    for (const f of EXTRA_FIELDS.coaching) if (r.extra?.[f.column]) meta.push(`**${f.label}:** ${extraCell(r.extra[f.column])}`);
    // Items the notes do not list go on metadata lines, so that the notes read back as they are.
    if (r.actionItems.length && !(r.notes && ACTIONS_IN_NOTES.test(r.notes))) meta.push(...r.actionItems.map((a) => `**Action item:** [${a.done ? 'x' : ' '}] ${a.text}`));
    if (meta.length) lines.push(...meta, '');
    if (r.notes) lines.push(r.notes, '');
    return lines.join('\n');
  });
  return `${[COACHING_TITLE, '', ...sections].join('\n').replace(/\n+$/, '')}\n`;
}

const MEAL_NAMES: Record<MealType, string> = {
  breakfast: 'Breakfast',
  lunch: 'Lunch',
  dinner: 'Dinner',
  snack: 'Snack',
  pre_workout: 'Pre-workout',
  post_workout: 'Post-workout',
};

/**
 * The meal log: one row per meal. A number the notes already say (`Approx 30g protein`,
 * `Satiety (Pre: 2, Post: 8)`) stays there; a column is added for one they do not say. A meal's
 * label is written in the Meal column when it reads back as the same type and label (`Brunch`);
 * any other label goes in a Meal Label column beside the type's name.
 */
export function renderMealLog(records: MealRecord[]): string {
  const NUMBER_COLUMNS: Array<{ label: string; value: (m: MealRecord) => number | null; fromNotes: (notes: string) => number | null }> = [
    { label: 'Protein (g)', value: (m) => m.proteinG, fromNotes: (n) => gramsIn(n, 'protein') },
    { label: 'Carbs (g)', value: (m) => m.carbsG, fromNotes: (n) => gramsIn(n, '(?:carbs|carbohydrates)') },
    { label: 'Fat (g)', value: (m) => m.fatG, fromNotes: (n) => gramsIn(n, 'fat') },
    { label: 'Fiber (g)', value: (m) => m.fiberG, fromNotes: (n) => gramsIn(n, 'fib(?:er|re)') },
    { label: 'Satiety Before', value: (m) => m.satietyBefore, fromNotes: (n) => satietyIn(n).before },
    { label: 'Satiety After', value: (m) => m.satietyAfter, fromNotes: (n) => satietyIn(n).after },
  ];
  const columns = NUMBER_COLUMNS.filter((c) => records.some((m) => c.value(m) !== null && c.fromNotes(m.notes ?? '') !== c.value(m)));
  const extras = usedFields(EXTRA_FIELDS.meal, records.map((m) => m.extra));
  const labelInMeal = (m: MealRecord) => !m.mealLabel || (mealTypeOf(m.mealLabel) === m.mealType && mealLabelOf(m.mealLabel, m.mealType) === m.mealLabel);
  const withLabels = records.some((m) => !labelInMeal(m));
  const header = ['Date', 'Meal', ...(withLabels ? ['Meal Label'] : []), 'Food/Drink', 'Calories (est.)', ...columns.map((c) => c.label), ...extras.map((f) => f.label), 'Notes'];
  const lines = [MEAL_TITLE, '', row(header), delimiter(header.length)];
  for (const m of records) {
    const numbers = columns.map((c) => {
      const v = c.value(m);
      return v === null ? '' : String(v);
    });
    const meal = m.mealLabel && labelInMeal(m) ? cell(m.mealLabel) : MEAL_NAMES[m.mealType];
    const labelCell = withLabels ? [labelInMeal(m) ? '' : cell(m.mealLabel)] : [];
    lines.push(row([m.mealDate, meal, ...labelCell, cell(m.description), m.calories === null ? '' : exactNumber(m.calories), ...numbers, ...extras.map((f) => extraCell(m.extra?.[f.column])), cell(m.notes)]));
  }
  return `${lines.join('\n')}\n`;
}

/** The records the legacy logs are written from, each wrapped as the repository loads them. */
export interface MarkdownExportInput {
  checkIns: ReadonlyArray<{ record: CheckInRecord }>;
  workouts: ReadonlyArray<{ record: WorkoutRecord }>;
  coaching: ReadonlyArray<{ record: CoachingRecord }>;
  meals: ReadonlyArray<{ record: MealRecord }>;
}

/**
 * Writes `check-in-log.md`, `exercise-log.md`, `Coaching_sessions.md` and `meal-log.md` of a
 * user's records (each list by date) into `outDir` (created when missing) and returns the paths
 * written.
 *
 * @example await exportMarkdown(await loadLegacyRecords(db, user.id), 'backup/') → ['backup/check-in-log.md', …]
 */
export async function exportMarkdown(all: MarkdownExportInput, outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const files: Array<[string, string]> = [
    [LEGACY_FILE_NAMES['check-in'], renderCheckInLog(all.checkIns.map((r) => r.record))],
    [LEGACY_FILE_NAMES.workouts, renderExerciseLog(all.workouts.map((r) => r.record))],
    [LEGACY_FILE_NAMES.coaching, renderCoachingLog(all.coaching.map((r) => r.record))],
    [LEGACY_FILE_NAMES.meals, renderMealLog(all.meals.map((r) => r.record))],
  ];
  const written: string[] = [];
  for (const [name, text] of files) {
    const file = path.join(outDir, name);
    writeFileAtomically(file, text);
    written.push(file);
  }
  return written;
}

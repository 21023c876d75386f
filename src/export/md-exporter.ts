/**
 * Writes a user's data back as the four legacy markdown logs, in their canonical layouts, so
 * that `import-md` reads them back into the same records. Each file is written under a
 * temporary name and renamed into place.
 */
import { renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { loadLegacyRecords } from '../db/import-repo.js';
import type { CheckInRecord, CoachingRecord, ExerciseRecord, MealRecord, MealType, WorkoutRecord } from '../domain/legacy-records.js';
import { LEGACY_FILE_NAMES } from '../domain/legacy-records.js';
import { fromCm, fromKg, toCm, toKg } from '../domain/units.js';
import type { LengthUnit, WeightUnit } from '../domain/units.js';
import { gramsIn, satietyIn } from '../parse/meal-log-parser.js';

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

/**
 * The check-in log. @example renderCheckInLog([record]) → '# Check-in Log\n\n| Date | Weight (lbs) | …'
 */
export function renderCheckInLog(records: CheckInRecord[]): string {
  const wUnit = majority<WeightUnit>(records.map((r) => (r.weightKg === null ? null : r.weightUnit)), 'lb');
  const lUnit = majority<LengthUnit>(records.map((r) => r.lengthUnit), 'in');
  const lines = [CHECK_IN_TITLE, '', row(['Date', `Weight (${wUnit === 'lb' ? 'lbs' : 'kg'})`, 'Body Fat %', `Waist (${lUnit === 'in' ? 'inches' : 'cm'})`, `Chest (${lUnit === 'in' ? 'inches' : 'cm'})`, 'Notes']), delimiter(6)];
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
    const extra = [r.hipsCm !== null ? `Hips: ${length(r.hipsCm)}` : null, r.neckCm !== null ? `Neck: ${length(r.neckCm)}` : null].filter(Boolean);
    lines.push(row([r.recordedDate, weight, r.bodyFatPct === null ? '' : formatNumber(r.bodyFatPct, 1), length(r.waistCm), length(r.chestCm), cell([r.notes, ...extra].filter(Boolean).join('; '))]));
  }
  return `${lines.join('\n')}\n`;
}

/** Sets x Reps for an exercise logged without a legacy cell. @example setsRepsText({ sets: 3, reps: 10, … }) → '3 x 10' */
export function setsRepsText(e: ExerciseRecord): string {
  if (e.raw !== null) return e.raw;
  const parts: string[] = [];
  const uneven = e.repsPerSet && e.reps === null;
  if (uneven) parts.push(e.repsPerSet!.join('/'));
  else if (e.sets !== null && e.reps !== null) parts.push(`${e.sets} x ${e.reps}`);
  else if (e.sets !== null && e.durationSeconds !== null) parts.push(`${e.sets} x ${formatNumber(e.durationSeconds)}s`);
  if (e.weightKg !== null && parts.length > 0) parts.push(`@ ${formatNumber(fromKg(e.weightKg, e.weightUnit ?? 'kg'))} ${e.weightUnit === 'lb' ? 'lbs' : 'kg'}`);
  if (e.sets === null && e.durationSeconds !== null && e.distanceKm === null) parts.push(`${formatNumber(e.durationSeconds / 60)} min`);
  if (e.distanceKm !== null) {
    parts.push(`${formatNumber(e.distanceKm)}km`);
    if (e.durationSeconds !== null) parts.push(`in ${formatNumber(e.durationSeconds / 60)} min`);
  }
  return parts.join(' ');
}

/** The exercise log: one row per exercise, sessions in date order. */
export function renderExerciseLog(records: WorkoutRecord[]): string {
  const lines = [EXERCISE_TITLE, '', row(['Date', 'Phase', 'Workout', 'Exercise', 'Sets x Reps', 'Notes']), delimiter(6)];
  for (const w of records) {
    for (const e of w.exercises) {
      const name = e.supersetLabel ? `${e.supersetLabel}: ${e.exerciseName}` : e.exerciseName;
      lines.push(row([w.sessionDate, cell(w.programPhase), cell(w.title), cell(name), cell(setsRepsText(e)), cell(e.notes)]));
    }
  }
  return `${lines.join('\n')}\n`;
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
    if (meta.length) lines.push(...meta, '');
    if (r.notes) lines.push(r.notes, '');
    if (r.actionItems.length && !(r.notes && ACTIONS_IN_NOTES.test(r.notes))) {
      lines.push('**Action Items:**', ...r.actionItems.map((a) => `- [${a.done ? 'x' : ' '}] ${a.text}`), '');
    }
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

/** The meal log: one row per meal. Numbers the notes do not already say are added to them. */
export function renderMealLog(records: MealRecord[]): string {
  const lines = [MEAL_TITLE, '', row(['Date', 'Meal', 'Food/Drink', 'Calories (est.)', 'Notes']), delimiter(5)];
  for (const m of records) {
    const notes = m.notes ?? '';
    const add: string[] = [];
    const satiety = satietyIn(notes);
    if ((m.satietyBefore !== null || m.satietyAfter !== null) && (satiety.before !== m.satietyBefore || satiety.after !== m.satietyAfter) && m.satietyBefore !== null && m.satietyAfter !== null) {
      add.push(`Satiety (Pre: ${m.satietyBefore}, Post: ${m.satietyAfter})`);
    }
    for (const [value, nutrient, word] of [
      [m.proteinG, 'protein', 'protein'],
      [m.carbsG, '(?:carbs|carbohydrates)', 'carbs'],
      [m.fatG, 'fat', 'fat'],
      [m.fiberG, 'fib(?:er|re)', 'fiber'],
    ] as const) {
      if (value !== null && gramsIn(notes, nutrient) !== value) add.push(`Approx ${formatNumber(value)}g ${word}`);
    }
    const allNotes = [notes, ...add].filter(Boolean).join(', ');
    lines.push(row([m.mealDate, m.mealLabel ?? MEAL_NAMES[m.mealType], cell(m.description), m.calories === null ? '' : formatNumber(m.calories), cell(allNotes)]));
  }
  return `${lines.join('\n')}\n`;
}

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Writes `check-in-log.md`, `exercise-log.md`, `Coaching_sessions.md` and `meal-log.md` for a
 * user into `outDir` (created when missing) and returns the paths written.
 *
 * @example await exportMarkdown(db, user.id, 'backup/') → ['backup/check-in-log.md', …]
 */
export async function exportMarkdown(db: Knex, userId: number, outDir: string): Promise<string[]> {
  const all = await loadLegacyRecords(db, userId);
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
    writeAtomically(file, text);
    written.push(file);
  }
  return written;
}

/**
 * `meal-log.md`: one table row per meal. `DAILY TOTAL` rows are summaries, skipped and
 * reported; numbers in the notes (`Approx 30g protein`, `Satiety (Pre: 2, Post: 8)`) are read.
 */
import { EXTRA_FIELDS } from '../domain/legacy-records.js';
import type { MealRecord, ParseIssue } from '../domain/legacy-records.js';
import type { MealType } from '../domain/meal.js';
import { cellsByColumn, mapColumns, readNumber, readRowDate, stripEmphasis, textOrNull } from './cell-values.js';
import { extraColumnsOf, readExtraCells } from './extra-columns.js';
import { clip } from './markdown-reader.js';
import { shortRowWarning, walkTableFile } from './table-file.js';

const ALIASES = {
  date: /^(date|day)$/,
  meal: /^(meal|meal type|type|when)$/,
  /** The meal's name when the Meal cell cannot say it (`export --format md` writes it for a name that does not read as its type). */
  label: /^(meal label|meal name)$/,
  food: /^(food\/drink|food ?& ?drink|food|description|item|items|what|food and drink)$/,
  calories: /^(calories|kcal|cal|cals|energy|calories \(est\.?\))$/,
  protein: /^(protein|protein \(g\))$/,
  carbs: /^(carbs|carbohydrates?)$/,
  fat: /^(fat|fats)$/,
  fiber: /^(fib(?:er|re))$/,
  satietyBefore: /^(satiety before)$/,
  satietyAfter: /^(satiety after)$/,
  notes: /^(notes?|comments?|remarks?)$/,
};

export const MEAL_HEADER = '| Date | Meal | Food/Drink | Calories (est.) | Notes |';

/** True when a table header is a meal log's: a date and a meal column. */
export function isMealHeader(header: string[], dateFromHeading = false): boolean {
  const map = mapColumns(header, ALIASES);
  return (map.index.date !== undefined || dateFromHeading) && map.index.meal !== undefined;
}

/**
 * The meal type of a legacy meal name, or null.
 *
 * @example mealTypeOf('Afternoon Snack') → 'snack'; mealTypeOf('Pre Workout') → 'pre_workout'
 */
export function mealTypeOf(text: string): MealType | null {
  const t = stripEmphasis(text).toLowerCase().replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (t === 'breakfast') return 'breakfast';
  if (t === 'lunch') return 'lunch';
  if (t === 'dinner' || t === 'supper') return 'dinner';
  if (/^((morning|afternoon|evening|late night|night|midnight|mid morning|midday|bedtime) )?snacks?$/.test(t)) return 'snack';
  if (/^pre ?workout( (meal|snack))?$/.test(t)) return 'pre_workout';
  if (/^post ?workout( (meal|snack|shake))?$/.test(t)) return 'post_workout';
  if (t === 'brunch') return 'breakfast';
  if (/^(dessert|desserts|drinks?|pre ?bed|before bed|late snack)$/.test(t)) return 'snack';
  return null;
}

/**
 * The meal's name as written when it says more than its type (`Brunch`, `Afternoon Snack`),
 * else null. @example mealLabelOf('Late-night snack', 'snack') → 'Late-night snack'
 */
export function mealLabelOf(text: string, type: MealType): string | null {
  const written = stripEmphasis(text).replace(/\s+/g, ' ').trim();
  const plain = written.toLowerCase().replace(/[-_]+/g, ' ');
  const own = type.replace('_', ' ');
  return plain === own || plain === `${own}s` || (type === 'dinner' && plain === 'supper') || (type.endsWith('workout') && plain === own.replace(' ', '')) ? null : written.slice(0, 100);
}

/** Grams of a nutrient written in notes. @example gramsIn('Approx 73g protein', 'protein') → 73 */
export function gramsIn(notes: string, nutrient: string): number | null {
  // Numbers start where a digit run starts and are at most 5 digits long, and separators are
  // one bounded class: each position is tried in constant time, so a long note costs its length.
  const m =
    new RegExp(String.raw`(?<![\d.])(\d{1,5}(?:\.\d{1,2})?)(?![\d.])\s{0,3}g(?:rams?)?\s{1,3}(?:of\s{1,3})?${nutrient}`, 'i').exec(notes) ??
    new RegExp(String.raw`${nutrient}[\s:=~]{0,8}(?<![\d.])(\d{1,5}(?:\.\d{1,2})?)(?![\d.])\s{0,3}g\b`, 'i').exec(notes);
  if (!m) return null;
  const n = Number(m[1]);
  return Number.isFinite(n) && n <= 2000 ? n : null;
}

/** Satiety before/after a meal from `Satiety (Pre: 3, Post: 9)`. */
export function satietyIn(notes: string): { before: number | null; after: number | null } {
  const m = /satiety[\s(]{0,4}pre[\s:]{0,4}(\d{1,2})[\s,;/]{1,4}post[\s:]{0,4}(\d{1,2})/i.exec(notes);
  const scale = (s: string | undefined) => {
    const n = Number(s);
    return Number.isInteger(n) && n >= 1 && n <= 10 ? n : null;
  };
  return m ? { before: scale(m[1]), after: scale(m[2]) } : { before: null, after: null };
}

/**
 * Parses a meal log.
 *
 * @example parseMealLog(text, 'meal-log.md').records[0].mealType → 'breakfast'
 */
export function parseMealLog(text: string, file: string): { records: MealRecord[]; issues: ParseIssue[]; rowCount: number } {
  const records: MealRecord[] = [];
  const rowIssues: ParseIssue[] = [];
  const totals: Array<{ line: number; date: string | null; text: string }> = [];
  /** The date of the row above, for a blank or ditto (`"`, `same`) date cell. */
  let dateAbove: string | null = null;
  const { issues, rowCount } = walkTableFile(text, file, { kindName: 'a meal', expectedHeader: MEAL_HEADER, accepts: isMealHeader }, (table, row, { headingDate }) => {
    const map = mapColumns(table.header, ALIASES);
    const cells = cellsByColumn(row.cells, row.cellCount, table.header.length, map.index.notes);
    const cell = (i: number | undefined) => (i === undefined ? '' : (cells[i] ?? ''));
    const line = row.line;
    const fail = (message: string, hint: string) => rowIssues.push({ file, line, severity: 'error', message, hint });

    const mealText = cell(map.index.meal);
    const foodText = cell(map.index.food);
    const isTotal = (c: string) => /^(?:daily\s+)?totals?:?$/i.test(stripEmphasis(c));
    if (/daily\s+total/i.test(`${mealText} ${foodText}`) || isTotal(mealText) || isTotal(foodText)) {
      totals.push({ line, date: map.index.date === undefined ? headingDate : readRowDate(cell(map.index.date), dateAbove), text: stripEmphasis(cell(map.index.calories)) });
      return;
    }
    if (row.cellCount < table.header.length) rowIssues.push(shortRowWarning(file, row, table.header));
    const dateText = map.index.date === undefined ? (headingDate ?? '') : cell(map.index.date);
    const date = readRowDate(dateText, dateAbove);
    dateAbove = date;
    if (!date) return void fail(`Date "${clip(dateText)}" is not a date`, 'write dates as YYYY-MM-DD, e.g. 2025-03-04');
    const mealType = mealTypeOf(mealText);
    if (!mealType) return void fail(`Meal "${clip(mealText)}" is not a known meal`, 'use Breakfast, Brunch, Lunch, Dinner, Snack, Dessert, Drinks, Pre-bed, Pre-workout or Post-workout');

    const label = textOrNull(stripEmphasis(cell(map.index.label))) ?? mealLabelOf(mealText, mealType);
    const cal = readNumber(cell(map.index.calories));
    if (cal.kind === 'bad' || (cal.kind === 'number' && cal.unit !== null && !/^(kcal|cal|cals|calories)$/i.test(cal.unit))) {
      return void fail(`Calories "${clip(cell(map.index.calories))}" is not a number`, 'write calories like 450, ~450 or 450 kcal, or leave it empty');
    }
    if (cal.kind === 'number' && (cal.value < 0 || cal.value > 10000)) return void fail(`Calories ${cal.value} is outside the plausible range 0–10000`, 'fix the typo in the file, or leave the cell empty');

    const extraColumns = extraColumnsOf(table.header, EXTRA_FIELDS.meal);
    const extra = readExtraCells(extraColumns, cells, file, line);
    if ('error' in extra) return void rowIssues.push(extra.error);

    const noteParts: string[] = [];
    const notes = textOrNull(cell(map.index.notes));
    if (notes) noteParts.push(notes);
    for (const u of map.unknown) {
      if (extraColumns.some((c) => c.index === u.index)) continue;
      const v = textOrNull(cells[u.index]);
      if (v) noteParts.push(`${u.name}: ${v}`);
    }
    for (const v of row.extraCells) if (textOrNull(v)) noteParts.push(v);
    if (cal.kind === 'number' && cal.remark) noteParts.push(cal.remark.startsWith('range ') ? `calories ${cal.remark}` : cal.remark);
    const allNotes = noteParts.join('; ');
    const column = (role: 'protein' | 'carbs' | 'fat' | 'fiber', nutrient: string) => {
      const n = readNumber(cell(map.index[role]));
      return n.kind === 'number' && n.value >= 0 && n.value <= 2000 ? n.value : gramsIn(allNotes, nutrient);
    };
    const satiety = satietyIn(allNotes);
    const scaleColumn = (role: 'satietyBefore' | 'satietyAfter', fromNotes: number | null) => {
      const n = readNumber(cell(map.index[role]));
      return n.kind === 'number' && Number.isInteger(n.value) && n.value >= 1 && n.value <= 10 ? n.value : fromNotes;
    };
    records.push({
      mealDate: date,
      mealType,
      ...(label === null ? {} : { mealLabel: label }),
      description: textOrNull(foodText),
      calories: cal.kind === 'number' ? cal.value : null,
      proteinG: column('protein', 'protein'),
      carbsG: column('carbs', '(?:carbs|carbohydrates)'),
      fatG: column('fat', 'fat'),
      fiberG: column('fiber', 'fib(?:er|re)'),
      satietyBefore: scaleColumn('satietyBefore', satiety.before),
      satietyAfter: scaleColumn('satietyAfter', satiety.after),
      notes: allNotes === '' ? null : allNotes,
      ...(extraColumns.length ? { extra: extra.extra } : {}),
      source: { file, line },
    });
  });
  for (const t of totals) {
    const sum = records.filter((r) => r.mealDate === t.date).reduce((s, r) => s + (r.calories ?? 0), 0);
    rowIssues.push({ file, line: t.line, severity: 'skipped', message: `DAILY TOTAL row is a summary, not a meal (it says ${t.text || 'nothing'}; the day's meals add up to ${sum} kcal)` });
  }
  return { records, issues: [...issues, ...rowIssues].sort((a, b) => a.line - b.line), rowCount };
}

/**
 * `fittrack log-meal` and `log-meal --list`.
 */
import { mealRepo } from '../../db/meal-repo.js';
import { parseDateInput, today } from '../../domain/dates.js';
import {
  ADHERENCE_LEVELS,
  caloriesFromMacros,
  macroPercentages,
  MEAL_TYPE_ALIASES,
  MEAL_TYPES,
  mealTotals,
  mealTypeForHour,
  type Adherence,
  type MealRecord,
  type MealType,
  type MealValues,
} from '../../domain/meal.js';
import { parsePlainNumber, parseVolumeInput } from '../../domain/quantity-input.js';
import { DECIMALS, round } from '../../domain/units.js';
import { checkQuantity, checkRange, checkText, parseChoice, parseNumberInRange, RULES, type RangeRule } from '../../domain/validation.js';
import { UsageError } from '../../errors.js';
import type { GlobalOptions } from '../context.js';
import { withSqlUser, withUser } from '../context.js';
import { askChoice, canPrompt, missingValue, requireValue } from '../prompt.js';
import { formatNumber } from '../render/format.js';
import { printJson, printLine, say } from '../render/output.js';

/** Options of `fittrack log-meal`, as commander hands them over (all text). */
export interface LogMealOptions {
  calories?: string;
  protein?: string;
  carbs?: string;
  fat?: string;
  fiber?: string;
  sugar?: string;
  sodium?: string;
  water?: string;
  adherence?: string;
  satisfaction?: string;
  hungerBefore?: string;
  hungerAfter?: string;
  satietyBefore?: string;
  satietyAfter?: string;
  note?: string;
  date?: string;
  json?: boolean;
  list?: boolean;
}

const parseMealType = (text: string): MealType => parseChoice('<meal-type>', text, MEAL_TYPES, MEAL_TYPE_ALIASES);

/** A number with an optional unit suffix that must be the expected one (`30g`, `450kcal`, `2300 mg`). */
function parseAmount(field: string, text: string, suffix: RegExp, rule: RangeRule): number {
  const bare = text.trim().replace(suffix, '').trim();
  return checkRange(field, parsePlainNumber(field, bare === '' ? text : bare), rule);
}

function parseMealOptions(opts: LogMealOptions, units: 'metric' | 'imperial'): MealValues {
  const grams = (field: string, text: string | undefined) => (text === undefined ? null : parseAmount(field, text, /\s*(g|grams?)$/i, RULES.macroG));
  const scale = (field: string, text: string | undefined) => (text === undefined ? null : parseNumberInRange(field, text, RULES.scale));
  return {
    description: null,
    calories: opts.calories === undefined ? null : parseAmount('--calories', opts.calories, /\s*(kcal|cal|calories)$/i, RULES.calories),
    protein_g: grams('--protein', opts.protein),
    carbs_g: grams('--carbs', opts.carbs),
    fat_g: grams('--fat', opts.fat),
    fiber_g: grams('--fiber', opts.fiber),
    sugar_g: grams('--sugar', opts.sugar),
    sodium_mg: opts.sodium === undefined ? null : parseAmount('--sodium', opts.sodium, /\s*(mg|milligrams?)$/i, RULES.sodiumMg),
    water_ml: opts.water === undefined ? null : checkQuantity('--water', parseVolumeInput(opts.water, { units, field: '--water' }), RULES.waterMl).value,
    adherence: opts.adherence === undefined ? null : parseChoice<Adherence>('--adherence', opts.adherence, ADHERENCE_LEVELS, { offplan: 'off_plan', off: 'off_plan' }),
    satisfaction: scale('--satisfaction', opts.satisfaction),
    hunger_before: scale('--hunger-before', opts.hungerBefore),
    hunger_after: scale('--hunger-after', opts.hungerAfter),
    satiety_before: scale('--satiety-before', opts.satietyBefore),
    satiety_after: scale('--satiety-after', opts.satietyAfter),
    notes: opts.note === undefined ? null : checkText('--note', opts.note, { maxLength: 'note' }),
  };
}

function macroText(m: Pick<MealValues, 'protein_g' | 'carbs_g' | 'fat_g'>): string {
  const parts: string[] = [];
  if (m.protein_g !== null) parts.push(`protein ${formatNumber(m.protein_g, Number.isInteger(m.protein_g) ? 0 : 1)} g`);
  if (m.carbs_g !== null) parts.push(`carbs ${formatNumber(m.carbs_g, Number.isInteger(m.carbs_g) ? 0 : 1)} g`);
  if (m.fat_g !== null) parts.push(`fat ${formatNumber(m.fat_g, Number.isInteger(m.fat_g) ? 0 : 1)} g`);
  return parts.join(', ');
}

const kcal = (n: number) => `${formatNumber(n, 0)} kcal`;

/** Runs `fittrack log-meal <meal-type> <description> [options]`. */
export async function runLogMeal(globals: GlobalOptions, typeArg: string | undefined, descArg: string | undefined, opts: LogMealOptions): Promise<void> {
  const date = opts.date === undefined ? today() : await parseDateInput(opts.date);
  // Check what was typed before asking anything or opening the database.
  let mealType: MealType | undefined = typeArg === undefined ? undefined : parseMealType(typeArg);
  if (descArg !== undefined) checkText('<description>', descArg, { maxLength: 'mealDescription' });

  await withSqlUser(globals, async ({ sql, user }) => {
    const values = parseMealOptions(opts, user.preferred_units);
    if (mealType === undefined) {
      if (!canPrompt(globals)) throw missingValue({ name: 'meal-type', example: 'fittrack log-meal lunch "chicken salad"' }, globals);
      mealType = await askChoice({ message: 'Meal', choices: MEAL_TYPES.map((t) => ({ value: t, name: t.replace('_', ' ') })), default: mealTypeForHour(new Date().getHours()) });
    }
    values.description = await requireValue(descArg, globals, {
      name: 'description',
      example: `fittrack log-meal ${mealType} "chicken salad"`,
      message: 'What did you eat?',
      parse: (t) => checkText('<description>', t, { maxLength: 'mealDescription' }),
      defaultFrom: async () => (await mealRepo(sql, user.id).lastOfType(mealType!))?.description ?? undefined,
    });
    let computed = false;
    if (values.calories === null) {
      const fromMacros = caloriesFromMacros(values);
      if (fromMacros !== null) {
        values.calories = checkRange('calories from macros', fromMacros, RULES.calories);
        computed = true;
      }
    }
    const meal = await mealRepo(sql, user.id).insert(date, mealType, values);
    if (opts.json) {
      printJson(meal);
      return;
    }
    const details: string[] = [];
    if (meal.calories !== null) details.push(computed ? `${kcal(meal.calories)} (computed from the macros: 4 kcal/g protein and carbs, 9 kcal/g fat)` : kcal(meal.calories));
    const macros = macroText(meal);
    if (macros) details.push(macros);
    say(`Logged ${mealType.replace('_', ' ')} for ${date}${details.length ? `: ${details.join(', ')}` : ''}`);
  });
}

/** Runs `fittrack log-meal --list [--date D] [--json]`. */
export async function runListMeals(globals: GlobalOptions, typeArg: string | undefined, opts: LogMealOptions): Promise<void> {
  if (typeArg !== undefined) throw new UsageError(`--list does not take a meal ("${typeArg}")`, 'run: fittrack log-meal --list --date 2025-03-04');
  const date = opts.date === undefined ? today() : await parseDateInput(opts.date);
  await withUser(
    globals,
    async ({ db, user }) => {
      const meals = await mealRepo(db, user.id).listByDate(date);
      const totals = mealTotals(meals);
      const pct = macroPercentages(totals);
      if (opts.json) {
        printJson({ date, meals, totals, macro_pct: pct && { protein: round(pct.protein, DECIMALS.pct), carbs: round(pct.carbs, DECIMALS.pct), fat: round(pct.fat, DECIMALS.pct) } });
        return;
      }
      if (meals.length === 0) {
        say(`No meals logged for ${date}.`);
        return;
      }
      const { renderTable } = await import('../render/table.js');
      const g = (n: number | null) => (n === null ? null : `${formatNumber(n, Number.isInteger(n) ? 0 : 1)} g`);
      const row = (label: string, desc: string | null, m: Pick<MealRecord, 'calories' | 'protein_g' | 'carbs_g' | 'fat_g' | 'fiber_g' | 'water_ml'>, adherence: string | null) => [
        label,
        desc,
        m.calories === null ? null : formatNumber(m.calories, 0),
        g(m.protein_g),
        g(m.carbs_g),
        g(m.fat_g),
        g(m.fiber_g),
        m.water_ml === null ? null : `${formatNumber(m.water_ml, 0)} ml`,
        adherence,
      ];
      const rows = meals.map((m) => row(m.meal_type.replace('_', ' '), m.description, m, m.adherence));
      rows.push(row('Total', `${meals.length} meal${meals.length === 1 ? '' : 's'}`, totals, null));
      printLine(`Meals on ${date}`);
      printLine(renderTable(['Meal', 'Description', 'kcal', 'Protein', 'Carbs', 'Fat', 'Fibre', 'Water', 'Adherence'], rows, { align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'], priority: [undefined, 8, undefined, 7, 6, 5, 3, 2, 4], wrap: [1] }));
      if (pct) printLine(`Energy from macros: protein ${formatNumber(pct.protein, 0)} % · carbs ${formatNumber(pct.carbs, 0)} % · fat ${formatNumber(pct.fat, 0)} %`);
    },
    { access: 'read' },
  );
}

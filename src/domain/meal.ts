/**
 * Meals: types, adherence, calories from macronutrients and a day's totals. Pure.
 */

export const MEAL_TYPES = ['breakfast', 'lunch', 'dinner', 'snack', 'pre_workout', 'post_workout'] as const;
export type MealType = (typeof MEAL_TYPES)[number];

/** Other ways people write meal types (after lower-casing and turning spaces and dashes into `_`). */
export const MEAL_TYPE_ALIASES: Record<string, MealType> = {
  preworkout: 'pre_workout',
  pre: 'pre_workout',
  postworkout: 'post_workout',
  post: 'post_workout',
  snacks: 'snack',
  supper: 'dinner',
  brunch: 'lunch',
};

export const ADHERENCE_LEVELS = ['perfect', 'good', 'fair', 'poor', 'off_plan'] as const;
export type Adherence = (typeof ADHERENCE_LEVELS)[number];

/** Energy per gram of each macronutrient (Atwater factors). */
export const KCAL_PER_G = { protein: 4, carbs: 4, fat: 9 } as const;

/** The values of one meal as stored (column names); null = not recorded. */
export interface MealValues {
  description: string | null;
  calories: number | null;
  protein_g: number | null;
  carbs_g: number | null;
  fat_g: number | null;
  fiber_g: number | null;
  sugar_g: number | null;
  sodium_mg: number | null;
  water_ml: number | null;
  adherence: Adherence | null;
  satisfaction: number | null;
  hunger_before: number | null;
  hunger_after: number | null;
  satiety_before: number | null;
  satiety_after: number | null;
  notes: string | null;
}

/** A stored meal, as the repository returns it. */
export interface MealRecord extends MealValues {
  id: number;
  meal_date: string;
  meal_type: MealType;
  source_file: string | null;
  source_line: number | null;
  created_at: string;
  updated_at: string;
}

/**
 * Calories from the macronutrients given (4 kcal/g protein and carbohydrate, 9 kcal/g fat);
 * a macro not given counts as none; null when no macro is given.
 *
 * @example caloriesFromMacros({ protein_g: 30, carbs_g: 40, fat_g: 15 }) → 415
 */
export function caloriesFromMacros(m: Pick<MealValues, 'protein_g' | 'carbs_g' | 'fat_g'>): number | null {
  if (m.protein_g === null && m.carbs_g === null && m.fat_g === null) return null;
  return (m.protein_g ?? 0) * KCAL_PER_G.protein + (m.carbs_g ?? 0) * KCAL_PER_G.carbs + (m.fat_g ?? 0) * KCAL_PER_G.fat;
}

/**
 * The share of energy from each macronutrient, in percent of the energy of the three (so they
 * add up to 100), or null unless all three are known (a missing one would count as 0 and skew the rest).
 *
 * @example macroPercentages({ protein_g: 30, carbs_g: 40, fat_g: 15 }) → { protein: 28.9…, carbs: 38.5…, fat: 32.5… }
 */
export function macroPercentages(m: Pick<MealValues, 'protein_g' | 'carbs_g' | 'fat_g'>): { protein: number; carbs: number; fat: number } | null {
  if (m.protein_g == null || m.carbs_g == null || m.fat_g == null) return null;
  const total = caloriesFromMacros(m);
  if (total === null || total === 0) return null;
  return {
    protein: (((m.protein_g ?? 0) * KCAL_PER_G.protein) / total) * 100,
    carbs: (((m.carbs_g ?? 0) * KCAL_PER_G.carbs) / total) * 100,
    fat: (((m.fat_g ?? 0) * KCAL_PER_G.fat) / total) * 100,
  };
}

export type MealTotals = Pick<MealValues, 'calories' | 'protein_g' | 'carbs_g' | 'fat_g' | 'fiber_g' | 'sugar_g' | 'sodium_mg' | 'water_ml'>;
const TOTAL_FIELDS = ['calories', 'protein_g', 'carbs_g', 'fat_g', 'fiber_g', 'sugar_g', 'sodium_mg', 'water_ml'] as const;

/**
 * Sums meals field by field; a field no meal recorded stays null.
 *
 * @example mealTotals([{ calories: 400, … }, { calories: 250, … }]).calories → 650
 */
export function mealTotals(meals: Array<Partial<MealTotals>>): MealTotals {
  const totals = Object.fromEntries(TOTAL_FIELDS.map((f) => [f, null])) as Record<(typeof TOTAL_FIELDS)[number], number | null>;
  for (const meal of meals) {
    for (const f of TOTAL_FIELDS) {
      const v = meal[f];
      if (v !== null && v !== undefined) totals[f] = (totals[f] ?? 0) + v;
    }
  }
  return totals;
}

/**
 * A likely meal type for the time of day, used as the default when asking.
 *
 * @example mealTypeForHour(8) → 'breakfast'
 */
export function mealTypeForHour(hour: number): MealType {
  if (hour >= 4 && hour < 11) return 'breakfast';
  if (hour >= 11 && hour < 15) return 'lunch';
  if (hour >= 15 && hour < 17) return 'snack';
  if (hour >= 17 && hour < 22) return 'dinner';
  return 'snack';
}

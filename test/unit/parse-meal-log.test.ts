import { describe, expect, it } from 'vitest';
import { mealTypeOf, parseMealLog } from '../../src/parse/meal-log-parser.js';
import type { MealRecord } from '../../src/domain/legacy-records.js';

const F = 'meal-log.md';
const HEAD = '| Date | Meal | Food/Drink | Calories (est.) | Notes |\n| :--- | :--- | :--------- | :-------------- | :---- |\n';

function meal(over: Partial<MealRecord> & Pick<MealRecord, 'mealDate' | 'mealType'> & { line: number }): MealRecord {
  const { line, ...rest } = over;
  return { description: null, calories: null, proteinG: null, carbsG: null, fatG: null, fiberG: null, satietyBefore: null, satietyAfter: null, notes: null, source: { file: F, line }, ...rest };
}

describe('parseMealLog', () => {
  it('reads meals, numbers in the notes, and skips DAILY TOTAL rows with a check of the total', () => {
    const text = `${HEAD}| 2025-03-04 | Breakfast | 3 eggs, toast | ~450 | Satiety (Pre: 2, Post: 8), Approx 30g protein |
| 2025-03-04 | Lunch | Chicken salad | 600 kcal | Energy/Mood: 7/10, Approx 55g protein |
| 2025-03-04 | Afternoon Snack | Greek yogurt | 150 | |
| **2025-03-04** | | **DAILY TOTAL** | **~1200** | **~85g protein** |
`;
    const { records, issues } = parseMealLog(text, F);
    expect(records).toEqual([
      meal({ mealDate: '2025-03-04', mealType: 'breakfast', line: 3, description: '3 eggs, toast', calories: 450, proteinG: 30, satietyBefore: 2, satietyAfter: 8, notes: 'Satiety (Pre: 2, Post: 8), Approx 30g protein' }),
      meal({ mealDate: '2025-03-04', mealType: 'lunch', line: 4, description: 'Chicken salad', calories: 600, proteinG: 55, notes: 'Energy/Mood: 7/10, Approx 55g protein' }),
      meal({ mealDate: '2025-03-04', mealType: 'snack', mealLabel: 'Afternoon Snack', line: 5, description: 'Greek yogurt', calories: 150 }),
    ]);
    expect(issues.map((i) => `${i.line} ${i.severity}: ${i.message}`)).toMatchInlineSnapshot(`
      [
        "6 skipped: DAILY TOTAL row is a summary, not a meal (it says ~1200; the day's meals add up to 1200 kcal)",
      ]
    `);
  });

  it('maps every meal name to its type', () => {
    const names = ['Breakfast', 'Lunch', 'Dinner', 'Snack', 'Morning Snack', 'Afternoon Snack', 'Evening Snack', 'Pre-workout', 'Post-workout', 'Pre Workout', 'Post Workout'];
    expect(names.map(mealTypeOf)).toEqual(['breakfast', 'lunch', 'dinner', 'snack', 'snack', 'snack', 'snack', 'pre_workout', 'post_workout', 'pre_workout', 'post_workout']);
    expect(['Brunch', 'Dessert', 'Drinks', 'Late-night snack', 'Pre-bed'].map(mealTypeOf)).toEqual(['breakfast', 'snack', 'snack', 'snack', 'snack']);
    expect(mealTypeOf('Elevenses')).toBeNull();
  });

  it('treats empty and None calories as unknown, and reports bad rows', () => {
    const text = `${HEAD}| 2025-03-05 | Dinner | Soup | | |\n| 2025-03-05 | Snack | Tea | None | |\n| 2025-03-05 | Elevenses | Waffles | 700 | |\n| 2025-03-05 | Dinner | Pizza | lots | |\n| 2025-03-05 | Dinner | Feast | 25000 | |\n`;
    const { records, issues } = parseMealLog(text, F);
    expect(records.map((r) => [r.description, r.calories])).toEqual([
      ['Soup', null],
      ['Tea', null],
    ]);
    expect(issues.map((i) => `${i.line} ${i.severity}: ${i.message}`)).toMatchInlineSnapshot(`
      [
        "5 error: Meal "Elevenses" is not a known meal",
        "6 error: Calories "lots" is not a number",
        "7 error: Calories 25000 is outside the plausible range 0–10000",
      ]
    `);
  });

  it('keeps a meal name beyond the types as its label: two snacks of a day are two meals', () => {
    const text = `${HEAD}| 2025-03-05 | Brunch | Waffles | 700 | |\n| 2025-03-05 | Afternoon Snack | apple | 80 | |\n| 2025-03-05 | Late-night snack | apple | 80 | |\n| 2025-03-05 | Snack | nuts | 200 | |\n| 2025-03-05 | Dessert | cake | 400 | |\n`;
    const { records, issues } = parseMealLog(text, F);
    expect(records.map((r) => [r.mealType, r.mealLabel ?? null, r.description])).toEqual([
      ['breakfast', 'Brunch', 'Waffles'],
      ['snack', 'Afternoon Snack', 'apple'],
      ['snack', 'Late-night snack', 'apple'],
      ['snack', null, 'nuts'],
      ['snack', 'Dessert', 'cake'],
    ]);
    expect(issues).toEqual([]);
  });
});

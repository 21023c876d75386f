/**
 * Meal labels through `export --format md` and back: a label that reads as its type rides in
 * the Meal column, any other one (a label restored from JSON, say) in a Meal Label column.
 */
import { describe, expect, it } from 'vitest';
import type { MealRecord } from '../../src/domain/legacy-records.js';
import type { MealType } from '../../src/domain/meal.js';
import { renderMealLog } from '../../src/export/md-exporter.js';
import { parseMealLog } from '../../src/parse/meal-log-parser.js';

const meal = (mealType: MealType, mealLabel: string | null, description: string): MealRecord => ({
  mealDate: '2024-03-13',
  mealType,
  mealLabel,
  description,
  calories: null,
  proteinG: null,
  carbsG: null,
  fatG: null,
  fiberG: null,
  satietyBefore: null,
  satietyAfter: null,
  notes: null,
  source: { file: 'meal-log.md', line: 0 },
});

const readBack = (records: MealRecord[]) => {
  const text = renderMealLog(records);
  const parsed = parseMealLog(text, 'meal-log.md');
  expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return { text, meals: parsed.records.map((m) => ({ type: m.mealType, label: m.mealLabel ?? null, description: m.description })) };
};

describe('meal labels in the markdown meal log', () => {
  it('writes a label that reads as its type in the Meal column, with no extra column', () => {
    const { text, meals } = readBack([meal('breakfast', 'Brunch', 'waffles'), meal('snack', 'Late-night snack', 'apple'), meal('lunch', null, 'soup')]);
    expect(text).not.toContain('Meal Label');
    expect(text).toContain('| 2024-03-13 | Brunch | waffles |');
    expect(meals).toEqual([
      { type: 'breakfast', label: 'Brunch', description: 'waffles' },
      { type: 'snack', label: 'Late-night snack', description: 'apple' },
      { type: 'lunch', label: null, description: 'soup' },
    ]);
  });

  it('keeps a label that does not read as its type in a Meal Label column, and the type in Meal', () => {
    const { text, meals } = readBack([meal('dinner', 'Post-game feast', 'pizza'), meal('lunch', 'Brunch', 'eggs'), meal('breakfast', 'Brunch', 'waffles'), meal('snack', null, 'nuts')]);
    expect(text).toContain('| Date | Meal | Meal Label | Food/Drink |');
    expect(text).toContain('| 2024-03-13 | Dinner | Post-game feast | pizza |');
    expect(meals).toEqual([
      { type: 'dinner', label: 'Post-game feast', description: 'pizza' },
      { type: 'lunch', label: 'Brunch', description: 'eggs' },
      { type: 'breakfast', label: 'Brunch', description: 'waffles' },
      { type: 'snack', label: null, description: 'nuts' },
    ]);
  });
});

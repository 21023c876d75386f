import { describe, expect, it } from 'vitest';
import { caloriesFromMacros, macroPercentages, mealTotals, mealTypeForHour } from '../../src/domain/meal.js';

describe('meal numbers', () => {
  it('calories from macros: 4 kcal/g protein and carbs, 9 kcal/g fat', () => {
    expect(caloriesFromMacros({ protein_g: 30, carbs_g: 40, fat_g: 15 })).toBe(415);
    expect(caloriesFromMacros({ protein_g: 25, carbs_g: null, fat_g: 10 })).toBe(190);
    expect(caloriesFromMacros({ protein_g: null, carbs_g: null, fat_g: null })).toBeNull();
  });
  it('macro percentages are shares of the macro energy and add up to 100', () => {
    const p = macroPercentages({ protein_g: 30, carbs_g: 40, fat_g: 15 })!;
    expect(p.protein).toBeCloseTo((120 / 415) * 100, 10);
    expect(p.carbs).toBeCloseTo((160 / 415) * 100, 10);
    expect(p.fat).toBeCloseTo((135 / 415) * 100, 10);
    expect(p.protein + p.carbs + p.fat).toBeCloseTo(100, 10);
    expect(macroPercentages({ protein_g: 0, carbs_g: 0, fat_g: 0 })).toBeNull();
  });
  it('totals add up what was recorded; nothing recorded stays null', () => {
    const t = mealTotals([
      { calories: 400, protein_g: 30, water_ml: null },
      { calories: 250, protein_g: null, water_ml: 500 },
    ]);
    expect(t).toEqual({ calories: 650, protein_g: 30, carbs_g: null, fat_g: null, fiber_g: null, sugar_g: null, sodium_mg: null, water_ml: 500 });
  });
  it('guesses the meal from the hour', () => {
    expect([7, 12, 16, 19, 23, 2].map(mealTypeForHour)).toEqual(['breakfast', 'lunch', 'snack', 'dinner', 'snack', 'snack']);
  });
});

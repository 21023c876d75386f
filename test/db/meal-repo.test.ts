/**
 * The meal repository on both engines: text round-trips exactly, a day lists in the order
 * logged, and each user sees only their own meals.
 */
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { mealRepo } from '../../src/db/meal-repo.js';
import type { MealValues } from '../../src/domain/meal.js';
import { sqlVariants, useSqlTestDb } from '../helpers/db.js';

async function addUser(db: Knex, username: string): Promise<number> {
  const [row] = await db('users').insert({ username }).returning('id');
  return (row as { id: number }).id;
}

const EMPTY: MealValues = {
  description: null, calories: null, protein_g: null, carbs_g: null, fat_g: null, fiber_g: null, sugar_g: null, sodium_mg: null,
  water_ml: null, adherence: null, satisfaction: null, hunger_before: null, hunger_after: null, satiety_before: null, satiety_after: null, notes: null,
};

for (const variant of sqlVariants) {
  describe(`meal repository (${variant.label})`, () => {
    const t = useSqlTestDb(variant);

    it('stores meals, lists a day in the order logged, scoped to the user', async () => {
      const me = await addUser(t.db, 'me');
      const other = await addUser(t.db, 'other');
      // Up to the longest meal description fittrack takes (2 000 characters).
      const text = `Robert'); DROP TABLE meal_logs;-- "🍕"\n${'x'.repeat(1_950)}`;
      const repo = mealRepo(t.on(), me);
      const dinner = await repo.insert('2025-03-04', 'dinner', { ...EMPTY, description: text, calories: 650, adherence: 'off_plan' });
      expect(dinner).toMatchObject({ meal_date: '2025-03-04', meal_type: 'dinner', description: text, calories: 650, adherence: 'off_plan' });
      await repo.insert('2025-03-04', 'breakfast', { ...EMPTY, description: 'eggs', protein_g: 18.5 });
      await repo.insert('2025-03-05', 'lunch', { ...EMPTY, description: 'soup' });
      await mealRepo(t.on(), other).insert('2025-03-04', 'snack', { ...EMPTY, description: 'theirs' });
      const day = await repo.listByDate('2025-03-04');
      expect(day.map((m) => [m.meal_type, m.description])).toEqual([['dinner', text], ['breakfast', 'eggs']]);
      expect(day[1]!.protein_g).toBe(18.5);
      expect((await mealRepo(t.on(), other).listByDate('2025-03-04')).map((m) => m.description)).toEqual(['theirs']);
      expect((await repo.lastOfType('dinner'))!.description).toBe(text);
      await repo.insert('2025-03-01', 'dinner', { ...EMPTY, description: 'older' });
      expect((await repo.lastOfType('dinner'))!.description).toBe(text);
      expect(await repo.lastOfType('snack')).toBeUndefined();
    });

    it('the database refuses an unknown meal type on its own', async () => {
      const me = await addUser(t.db, 'someone');
      await expect(mealRepo(t.on(), me).insert('2025-03-04', 'elevenses' as never, EMPTY)).rejects.toThrow();
    });
  });
}

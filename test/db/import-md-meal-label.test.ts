/**
 * Meal labels through the import: kept as written, part of a meal's identity, and meals
 * stored before labels existed still match their rows.
 */
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { dialects, useTestDb } from '../helpers/db.js';
import { loadStoredRecords } from '../../src/db/legacy-rows.js';
import { newBatchId } from '../../src/db/import-write.js';
import { writeImport } from '../helpers/write-import.js';
import { nowIso } from '../../src/clock.js';
import { planImport } from '../../src/domain/import-plan.js';
import type { ImportPlan } from '../../src/domain/import-plan.js';
import { parseLegacyFile } from '../../src/parse/legacy-file.js';

const MEALS = '| Date | Meal | Food/Drink | Calories (est.) | Notes |\n| --- | --- | --- | --- | --- |\n| 2024-03-13 | Brunch | waffles | 700 | |\n| 2024-03-13 | Afternoon Snack | apple | 80 | |\n| 2024-03-13 | Late-night snack | apple | 80 | |\n';

async function importMeals(db: Knex, userId: number): Promise<ImportPlan> {
  const r = parseLegacyFile('meals', MEALS, 'meal-log.md');
  const plan = planImport([{ file: 'meal-log.md', kind: 'meals', records: r.records, issues: r.issues, rowCount: r.rowCount }], await loadStoredRecords(db, userId), { update: false });
  await writeImport(db, userId, plan, { id: newBatchId(), files: ['meal-log.md'], startedAt: nowIso() });
  return plan;
}

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);

    it('stores each meal label, counts two snacks with different labels as two meals, and a second run creates nothing', async () => {
      const now = nowIso();
      await t.db('users').insert({ username: 'labels', created_at: now, updated_at: now });
      const user = (await t.db('users').where({ username: 'labels' }).first('id')).id as number;
      const first = await importMeals(t.db, user);
      expect(first.files[0]).toMatchObject({ created: 3, conflicts: 0 });
      const rows = await t.db('meal_logs').where({ user_id: user }).orderBy('id').select('meal_type', 'meal_label', 'description');
      expect(rows).toEqual([
        { meal_type: 'breakfast', meal_label: 'Brunch', description: 'waffles' },
        { meal_type: 'snack', meal_label: 'Afternoon Snack', description: 'apple' },
        { meal_type: 'snack', meal_label: 'Late-night snack', description: 'apple' },
      ]);
      expect((await importMeals(t.db, user)).files[0]).toMatchObject({ created: 0, unchanged: 3 });

      // A meal imported before labels were kept has none: its row still matches it.
      await t.db('meal_logs').where({ user_id: user, description: 'waffles' }).update({ meal_label: null });
      expect((await importMeals(t.db, user)).files[0]).toMatchObject({ created: 0, unchanged: 3 });
    });
  });
}

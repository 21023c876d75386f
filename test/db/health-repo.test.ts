/**
 * The health repository on both engines: one row per user and day, scoped to its user, and the
 * range rules of the validation layer are exactly the schema's CHECK constraints.
 */
import type { Knex } from 'knex';
import { beforeAll, describe, expect, it } from 'vitest';
import { healthRepo } from '../../src/db/health-repo.js';
import { RULES, type RangeRule } from '../../src/domain/validation.js';
import { sqlVariants, useSqlTestDb } from '../helpers/db.js';

async function addUser(db: Knex, username: string): Promise<number> {
  const [row] = await db('users').insert({ username }).returning('id');
  return (row as { id: number }).id;
}

/** Every value column of health_metrics and meal_logs with the rule the CLI checks it against. */
const RULED: Array<[string, string, RangeRule]> = [
  ['health_metrics', 'weight_kg', RULES.weightKg],
  ['health_metrics', 'body_fat_pct', RULES.bodyFatPct],
  ['health_metrics', 'muscle_mass_kg', RULES.muscleMassKg],
  ['health_metrics', 'bmi', RULES.bmi],
  ['health_metrics', 'waist_cm', RULES.circumferenceCm],
  ['health_metrics', 'left_thigh_cm', RULES.circumferenceCm],
  ['health_metrics', 'resting_heart_rate', RULES.restingHeartRate],
  ['health_metrics', 'blood_pressure_systolic', RULES.systolic],
  ['health_metrics', 'blood_pressure_diastolic', RULES.diastolic],
  ['health_metrics', 'mood', RULES.scale],
  ['health_metrics', 'sleep_hours', RULES.sleepHours],
  ['meal_logs', 'calories', RULES.calories],
  ['meal_logs', 'protein_g', RULES.macroG],
  ['meal_logs', 'sodium_mg', RULES.sodiumMg],
  ['meal_logs', 'water_ml', RULES.waterMl],
  ['meal_logs', 'satisfaction', RULES.scale],
  ['users', 'height_cm', RULES.heightCm],
];

for (const variant of sqlVariants) {
  describe(`health repository (${variant.label})`, () => {
    const t = useSqlTestDb(variant);
    const on = () => t.on();
    let me = 0;
    let other = 0;
    beforeAll(async () => {
      me = await addUser(t.db, 'me');
      other = await addUser(t.db, 'other');
    });

    it('inserts, finds and updates a day, returning the stored record', async () => {
      const repo = healthRepo(on(), me);
      const rec = await repo.insert('2025-03-04', { weight_kg: 80.0137, weight_unit: 'lb', notes: `"quoted" 💪` });
      expect(rec).toMatchObject({ recorded_date: '2025-03-04', weight_kg: 80.0137, weight_unit: 'lb', notes: `"quoted" 💪`, body_fat_pct: null });
      expect(rec).not.toHaveProperty('user_id');
      expect(await repo.findByDate('2025-03-04')).toEqual(rec);
      const updated = await repo.update(rec.id, { waist_cm: 86.36, length_unit: 'in' });
      expect(updated).toMatchObject({ weight_kg: 80.0137, waist_cm: 86.36, length_unit: 'in' });
    });

    it('refuses a second row for the same user and day, but not for another user', async () => {
      await expect(healthRepo(on(), me).insert('2025-03-04', { weight_kg: 81 })).rejects.toThrow();
      await expect(healthRepo(on(), other).insert('2025-03-04', { weight_kg: 70 })).resolves.toMatchObject({ weight_kg: 70 });
    });

    it('sees only its own user’s rows', async () => {
      const mine = healthRepo(on(), me);
      const theirs = healthRepo(on(), other);
      await mine.insert('2025-03-01', { weight_kg: 81 });
      await mine.insert('2025-02-20', { weight_kg: 82, body_fat_pct: 22 });
      expect((await mine.list()).map((r) => r.recorded_date)).toEqual(['2025-02-20', '2025-03-01', '2025-03-04']);
      expect((await theirs.list()).map((r) => r.weight_kg)).toEqual([70]);
      expect((await mine.list({ from: '2025-03-01', to: '2025-03-03' })).map((r) => r.recorded_date)).toEqual(['2025-03-01']);
      expect(await mine.weightsBefore('2025-03-04', 7)).toEqual([
        { date: '2025-03-01', weightKg: 81, unit: null },
        { date: '2025-02-20', weightKg: 82, unit: null },
      ]);
      expect(await theirs.weightsBefore('2025-03-05', 7)).toEqual([{ date: '2025-03-04', weightKg: 70, unit: null }]);
      expect(await mine.latest('weight_kg')).toEqual({ date: '2025-03-04', value: 80.0137, unit: 'lb' });
      expect(await mine.latest('body_fat_pct')).toEqual({ date: '2025-02-20', value: 22, unit: null });
      expect(await mine.series('waist_cm')).toEqual([{ date: '2025-03-04', value: 86.36 }]);
      // an update aimed at another user's row changes nothing
      const [theirRow] = await theirs.list();
      await expect(mine.update(theirRow!.id, { weight_kg: 99 })).resolves.toBeUndefined();
      expect((await theirs.list())[0]!.weight_kg).toBe(70);
    });

    // The schema's own rules: once per engine is enough.
    if (!variant.direct) {
      describe('every range rule is the schema’s CHECK', () => {
        for (const [table, column, rule] of RULED) {
          it(`${table}.${column}: ${rule.min}–${rule.max}`, async () => {
            const user = await addUser(t.db, `${table}-${column}`);
            const base = table === 'users' ? {} : table === 'health_metrics' ? { user_id: user } : { user_id: user, meal_type: 'lunch' };
            const dateCol = table === 'health_metrics' ? 'recorded_date' : 'meal_date';
            let day = 1;
            const insert = (value: number) =>
              table === 'users'
                ? t.db('users').where('id', user).update({ [column]: value })
                : t.db(table).insert({ ...base, [dateCol]: `2025-01-${String(day++).padStart(2, '0')}`, [column]: value });
            const step = rule.integer ? 1 : 0.01;
            await expect(insert(rule.min)).resolves.toBeDefined();
            await expect(insert(rule.max)).resolves.toBeDefined();
            await expect(insert(rule.min - step)).rejects.toThrow();
            await expect(insert(rule.max + step)).rejects.toThrow();
          });
        }
      });
    }
  });
}

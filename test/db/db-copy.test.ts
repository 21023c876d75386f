import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dialects, type TestDb } from '../helpers/db.js';
import { seedUser } from '../helpers/seed.js';
import { copyDatabase, listTables } from '../../src/db/copy-repo.js';

type Db = TestDb & { drop(): Promise<void> };

const LB = 0.45359237;
const NOW = '2025-06-01T09:30:00.000Z';

async function counts(db: TestDb['db']): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await listTables(db)) out[t] = Number(((await db(t).count({ n: '*' }).first()) as { n: unknown }).n);
  return out;
}

for (const from of dialects) {
  const to = from === 'sqlite' ? 'postgres' : 'sqlite';
  describe(`${from} → ${to}`, () => {
    let src: Db;
    let dst: Db;
    beforeAll(async () => {
      src = await createTestDb(from);
      dst = await createTestDb(to);
      await seedUser(src.db, 'dana', { days: 20 });
      await seedUser(src.db, 'lee', { days: 6 });
      await src.db('app_config').insert({ key: 'default_units', value: 'metric' });
      await src.db('exercise_definitions').insert({ name: 'Back Squat', category: 'compound', muscle_groups: JSON.stringify(['quads', 'glutes']) });
      await src.db('exercise_logs').update({ exercise_definition_id: (await src.db('exercise_definitions').first('id')).id }).where('exercise_name', 'Back Squat');
      await src.db('audit_log').insert({ user_id: 1, action: 'import', details: JSON.stringify({ files: 2 }) });
    });
    afterAll(async () => {
      await src?.drop();
      await dst?.drop();
    });

    it('copies every row of every table, with the same ids, and verifies the counts', async () => {
      const result = await copyDatabase(src.db, dst.db);
      const expected = await counts(src.db);
      expect(await counts(dst.db)).toEqual(expected);
      expect(result.find((r) => r.table === 'health_metrics')).toEqual({ table: 'health_metrics', source: 26, inserted: 26, matched: 0, updated: 0, conflicts: 0 });
      const order = result.map((r) => r.table);
      expect(order.indexOf('users')).toBeLessThan(order.indexOf('health_metrics'));
      expect(order.indexOf('workout_sessions')).toBeLessThan(order.indexOf('exercise_logs'));
      const lee = await dst.db('users').where('username', 'lee').first();
      const srcLee = await src.db('users').where('username', 'lee').first();
      expect(lee.id).toBe(srcLee.id);
      const done = await dst.db('coaching_action_items').orderBy('id');
      expect(done.map((d: { done: unknown }) => Boolean(d.done))).toEqual([false, true, false, true]);
      const ex = await dst.db('exercise_logs').whereNotNull('exercise_definition_id').count({ n: '*' }).first();
      expect(Number(ex!.n)).toBe(13);
    });

    it('leaves the target usable: new rows get fresh ids after the copied ones', async () => {
      const [r] = await dst.db('users').insert({ username: 'newbie', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' }).returning('id');
      const id = Number(typeof r === 'object' ? (r as { id: number }).id : r);
      expect(id).toBeGreaterThan(2);
      await dst.db('users').where('id', id).delete();
    });

    it('refuses a non-empty target unless --merge, and then remaps ids and merges users by username', async () => {
      await expect(copyDatabase(src.db, dst.db)).rejects.toThrow(/already holds data \(app_config: 1, audit_log: 1, /);
      const other = await createTestDb(from);
      try {
        await seedUser(other.db, 'kim', { days: 3 });
        await seedUser(other.db, 'lee', { days: 3, start: '2026-01-01' });
        const before = await counts(dst.db);
        const result = await copyDatabase(other.db, dst.db, { merge: true });
        expect(result.find((r) => r.table === 'users')).toMatchObject({ source: 2, inserted: 1, matched: 1 });
        const after = await counts(dst.db);
        expect(after.users).toBe(before.users! + 1);
        expect(after.health_metrics).toBe(before.health_metrics! + 6);
        const lee = await dst.db('users').where('username', 'lee').first();
        expect(Number((await dst.db('health_metrics').where('user_id', lee.id).count({ n: '*' }).first())!.n)).toBe(9);
        const kim = await dst.db('users').where('username', 'kim').first();
        const kimSessions = await dst.db('workout_sessions').where('user_id', kim.id).select('id');
        const logs = await dst.db('exercise_logs').whereIn('session_id', kimSessions.map((s: { id: number }) => s.id));
        expect(logs).toHaveLength(7);
      } finally {
        await other.drop();
      }
    });

    it('merging a day the target already holds: unchanged rows skipped, conflicts listed and kept, --update takes the source', async () => {
      const other = await createTestDb(from);
      try {
        // The first three days of dana's data again, one of them weighed differently, a dinner
        // with other calories, a squat with other reps, and a day the target does not have.
        const dana = await seedUser(other.db, 'dana', { days: 3 });
        await other.db('health_metrics').where({ user_id: dana, recorded_date: '2025-03-04' }).update({ weight_kg: 300 * LB });
        await other.db('health_metrics').insert({ user_id: dana, recorded_date: '2025-02-01', weight_kg: 250 * LB, weight_unit: 'lb', created_at: NOW, updated_at: NOW });
        await other.db('meal_logs').where({ user_id: dana, meal_date: '2025-03-03', meal_type: 'dinner' }).update({ calories: 999 });
        const lower = await other.db('workout_sessions').where({ user_id: dana, session_date: '2025-03-03', title: 'Lower Body A' }).first('id');
        await other.db('exercise_logs').where({ session_id: lower.id, exercise_name: 'Back Squat' }).update({ reps: 4, reps_per_set: JSON.stringify([4, 4, 4]) });
        const target = (await dst.db('users').where('username', 'dana').first('id')).id as number;
        await dst.db('health_metrics').where({ user_id: target, recorded_date: '2025-03-05' }).update({ notes: 'typed by hand' });

        const before = await counts(dst.db);
        const issues: string[] = [];
        const result = await copyDatabase(other.db, dst.db, { merge: true, onConflict: (i) => issues.push(`${i.file}: ${i.message}`) });
        const byTable = Object.fromEntries(result.map((r) => [r.table, r]));
        expect(byTable.health_metrics).toEqual({ table: 'health_metrics', source: 4, inserted: 1, matched: 2, updated: 0, conflicts: 1 });
        expect(byTable.meal_logs).toMatchObject({ source: 6, inserted: 0, matched: 5, conflicts: 1 });
        expect(byTable.workout_sessions).toMatchObject({ source: 3, inserted: 0, matched: 2, conflicts: 1 });
        expect(byTable.exercise_logs).toMatchObject({ source: 7, inserted: 0, matched: 4, conflicts: 3 });
        expect(byTable.coaching_action_items).toMatchObject({ source: 2, inserted: 0, matched: 2 });
        expect(byTable.user_goals).toMatchObject({ source: 2, inserted: 0, matched: 2 });
        expect(issues).toHaveLength(3);
        expect(issues[0]).toBe('health_metrics: check-in of 2025-03-04 is already stored with weight 240.7 lb, body fat —; this row has weight 300 lb, body fat —');
        expect(issues.join('\n')).toContain('dinner "chicken, rice and greens" of 2025-03-03 is already stored with calories 700');

        // Only the new day was written; the target's values and its hand-typed note stay.
        const after = await counts(dst.db);
        expect(after).toEqual({ ...before, health_metrics: before.health_metrics! + 1 });
        const day = async (date: string) => dst.db('health_metrics').where({ user_id: target, recorded_date: date }).first();
        expect(Number((await day('2025-03-04')).weight_kg) / LB).toBeCloseTo(240.7, 6);
        expect((await day('2025-03-05')).notes).toBe('typed by hand');
        expect(Number((await day('2025-02-01')).weight_kg) / LB).toBeCloseTo(250, 6);

        const update = await copyDatabase(other.db, dst.db, { merge: true, update: true });
        const updated = Object.fromEntries(update.map((r) => [r.table, r]));
        expect(updated.health_metrics).toMatchObject({ inserted: 0, matched: 3, updated: 1, conflicts: 0 });
        expect(updated.exercise_logs).toMatchObject({ inserted: 3, matched: 4, conflicts: 0 });
        expect(await counts(dst.db)).toEqual(after);
        expect(Number((await day('2025-03-04')).weight_kg) / LB).toBeCloseTo(300, 6);
        expect((await day('2025-03-05')).notes).toBe('typed by hand');
        const dinner = await dst.db('meal_logs').where({ user_id: target, meal_date: '2025-03-03', meal_type: 'dinner' }).first();
        expect(Number(dinner.calories)).toBe(999);
        const session = await dst.db('workout_sessions').where({ user_id: target, session_date: '2025-03-03', title: 'Lower Body A' }).first('id');
        const squat = await dst.db('exercise_logs').where({ session_id: session.id }).orderBy('order_index');
        expect(squat.map((e: { exercise_name: string; reps: unknown }) => [e.exercise_name, e.reps === null ? null : Number(e.reps)])).toEqual([['Back Squat', 4], ['Bench Press', null], ['Plank', null]]);
      } finally {
        await other.drop();
      }
    });

    it('rolls everything back when a row is refused', async () => {
      const other = await createTestDb(from);
      try {
        // A new user whose e-mail another target user already has: the target refuses it.
        await seedUser(other.db, 'zed', { days: 2 });
        await other.db('users').where({ username: 'zed' }).update({ email: 'lee@example.com' });
        const before = await counts(dst.db);
        await expect(copyDatabase(other.db, dst.db, { merge: true })).rejects.toThrow();
        expect(await counts(dst.db)).toEqual(before);
      } finally {
        await other.drop();
      }
    });
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dialects, type TestDb } from '../helpers/db.js';
import { seedUser } from '../helpers/seed.js';
import { copyDatabase, listTables } from '../../src/db/copy-repo.js';

type Db = TestDb & { drop(): Promise<void> };

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
      expect(result.find((r) => r.table === 'health_metrics')).toEqual({ table: 'health_metrics', source: 26, inserted: 26, matched: 0 });
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

    it('rolls everything back when a row is refused', async () => {
      const other = await createTestDb(from);
      try {
        // Same user, same day: the target's unique (user, date) refuses the weigh-in.
        await seedUser(other.db, 'dana', { days: 1 });
        const before = await counts(dst.db);
        await expect(copyDatabase(other.db, dst.db, { merge: true })).rejects.toThrow();
        expect(await counts(dst.db)).toEqual(before);
      } finally {
        await other.drop();
      }
    });
  });
}

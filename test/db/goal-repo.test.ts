/**
 * The goal repository on both engines: goals scoped to their user, current values read from
 * weigh-ins and from workouts (best Epley estimate per day), automatic completion.
 */
import type { Knex } from 'knex';
import { beforeAll, describe, expect, it } from 'vitest';
import { completeReachedGoals, goalRepo, type NewGoal } from '../../src/db/goal-repo.js';
import { healthRepo } from '../../src/db/health-repo.js';
import { dialects, useTestDb } from '../helpers/db.js';

async function addUser(db: Knex, username: string): Promise<number> {
  const [row] = await db('users').insert({ username }).returning('id');
  return (row as { id: number }).id;
}

const WEIGHT_GOAL: NewGoal = {
  title: 'Get to 75', goal_type: 'weight_loss', metric: 'weight_kg', start_value: 81, target_value: 75, current_value: 81,
  unit: 'kg', start_date: '2025-03-01', target_date: null, notes: null,
};

for (const dialect of dialects) {
  describe(`goal repository (${dialect})`, () => {
    const t = useTestDb(dialect);
    let me = 0;
    let other = 0;
    beforeAll(async () => {
      me = await addUser(t.db, 'me');
      other = await addUser(t.db, 'other');
      const [s] = await t.db('workout_sessions').insert({ user_id: me, session_date: '2025-03-02', title: 'Push' }).returning('id');
      const [s2] = await t.db('workout_sessions').insert({ user_id: me, session_date: '2025-03-05', title: 'Push' }).returning('id');
      const [s3] = await t.db('workout_sessions').insert({ user_id: other, session_date: '2025-03-05', title: 'Push' }).returning('id');
      const sid = (r: unknown) => (r as { id: number }).id;
      await t.db('exercise_logs').insert([
        { session_id: sid(s), exercise_name: 'Bench Press', order_index: 0, sets: 3, reps: 5, weight_kg: 100 }, // 116.67
        { session_id: sid(s), exercise_name: 'bench press', order_index: 1, sets: 1, reps: 1, weight_kg: 110 }, // 110
        { session_id: sid(s2), exercise_name: 'Bench Press', order_index: 0, sets: null, reps: null, reps_per_set: JSON.stringify([8, 6]), weight_kg: 100 }, // 126.67
        { session_id: sid(s3), exercise_name: 'Bench Press', order_index: 0, sets: 1, reps: 1, weight_kg: 200 },
      ]);
    });

    it('creates goals and sees only its own', async () => {
      const g = await goalRepo(t.db, me).create(WEIGHT_GOAL);
      expect(g).toMatchObject({ ...WEIGHT_GOAL, status: 'active', completed_at: null });
      expect(g).not.toHaveProperty('user_id');
      expect(await goalRepo(t.db, other).get(g.id)).toBeUndefined();
      expect(await goalRepo(t.db, other).list()).toEqual([]);
      expect((await goalRepo(t.db, me).list(['active'])).map((x) => x.id)).toEqual([g.id]);
      expect(await goalRepo(t.db, me).list(['paused'])).toEqual([]);
    });

    it('reads an exercise’s best Epley estimate per day, only from the user’s workouts', async () => {
      const goals = goalRepo(t.db, me);
      const series = await goals.series('e1rm:BENCH PRESS');
      expect(series.map((p) => p.date)).toEqual(['2025-03-02', '2025-03-05']);
      expect(series[0]!.value).toBeCloseTo(100 * (1 + 5 / 30), 10);
      expect(series[1]!.value).toBeCloseTo(100 * (1 + 8 / 30), 10);
      expect((await goals.current('e1rm:Bench Press'))!.value).toBeCloseTo(126.6667, 4);
      expect(await goals.current('e1rm:Deadlift')).toBeUndefined();
    });

    it('completes the goals a weigh-in reaches, not those of other users or days before the start', async () => {
      const theirs = await goalRepo(t.db, other).create(WEIGHT_GOAL);
      await healthRepo(t.db, me).insert('2025-03-10', { weight_kg: 74.9 });
      expect(await completeReachedGoals(t.db, me, '2025-02-01', { weight_kg: 74 })).toEqual([]);
      await healthRepo(t.db, me).insert('2025-03-08', { weight_kg: 75.5 });
      expect(await completeReachedGoals(t.db, me, '2025-03-08', { weight_kg: 75.5 })).toEqual([]);
      // 2025-03-10 is newer than 2025-03-08: the goal's current value stays what it was
      expect((await goalRepo(t.db, me).list())[0]!.current_value).toBe(81);
      await t.db('health_metrics').where({ user_id: me, recorded_date: '2025-03-10' }).delete();
      expect(await completeReachedGoals(t.db, me, '2025-03-08', { weight_kg: 75.5 })).toEqual([]);
      expect((await goalRepo(t.db, me).list())[0]!.current_value).toBe(75.5);
      await healthRepo(t.db, me).insert('2025-03-10', { weight_kg: 74.9 });
      const done = await completeReachedGoals(t.db, me, '2025-03-10', { weight_kg: 74.9 });
      expect(done).toHaveLength(1);
      expect(done[0]).toMatchObject({ status: 'completed', current_value: 74.9 });
      expect(done[0]!.completed_at).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect((await goalRepo(t.db, other).get(theirs.id))!.status).toBe('active');
      expect((await goalRepo(t.db, me).current('weight_kg'))!.value).toBe(74.9);
    });

    it('the database insists that completed goals have a completion time', async () => {
      const g = await goalRepo(t.db, me).create({ ...WEIGHT_GOAL, title: 'x' });
      await expect(goalRepo(t.db, me).update(g.id, { status: 'completed' })).rejects.toThrow();
    });
  });
}

/**
 * Which records are unique by their natural key, on both engines: one check-in per user and day
 * (the database refuses a second), while two identical workouts, meals or coaching notes on one
 * day are both kept (a second run with the same title, a second identical snack, two notes the
 * same day are things people log by hand).
 */
import { describe, expect, it } from 'vitest';
import { createWorkoutSession } from '../../src/db/workout-repo.js';
import { mealRepo } from '../../src/db/meal-repo.js';
import { createCoachingSession, listCoachingSessions } from '../../src/db/coaching-repo.js';
import type { MealValues } from '../../src/domain/meal.js';
import { dialects, useTestDb } from '../helpers/db.js';

const SNACK: MealValues = {
  description: 'apple', calories: 80, protein_g: null, carbs_g: null, fat_g: null, fiber_g: null, sugar_g: null, sodium_mg: null,
  water_ml: null, adherence: null, satisfaction: null, hunger_before: null, hunger_after: null, satiety_before: null, satiety_after: null, notes: null,
};

for (const dialect of dialects) {
  describe(`natural keys on ${dialect}`, () => {
    const t = useTestDb(dialect);
    const user = async (name: string) => {
      await t.db('users').insert({ username: name });
      return (await t.db('users').where({ username: name }).first('id')).id as number;
    };

    it('refuses a second check-in for the same user and day', async () => {
      const me = await user('ann');
      const row = { user_id: me, recorded_date: '2025-03-04', weight_kg: 80, weight_unit: 'kg' };
      await t.db('health_metrics').insert(row);
      await expect(t.db('health_metrics').insert({ ...row, weight_kg: 81 })).rejects.toThrow();
      expect((await t.db('health_metrics').where({ user_id: me }).select('weight_kg')).map((r) => Number(r.weight_kg))).toEqual([80]);
    });

    it('keeps two identical workouts, meals and coaching notes logged the same day', async () => {
      const me = await user('bob');
      const run = {
        sessionDate: '2025-03-04', title: 'Run', sessionType: null, programPhase: null, programWeek: null, programDay: null,
        durationMinutes: 30, intensity: null, fatigue: null, soreness: null, notes: null, exercises: [],
      };
      const a = await createWorkoutSession(t.db, me, run, () => 'cardio');
      const b = await createWorkoutSession(t.db, me, run, () => 'cardio');
      expect(b.id).not.toBe(a.id);

      const meals = mealRepo(t.db, me);
      await meals.insert('2025-03-04', 'snack', SNACK);
      await meals.insert('2025-03-04', 'snack', SNACK);
      expect((await meals.listByDate('2025-03-04')).map((m) => m.description)).toEqual(['apple', 'apple']);

      const note = { sessionDate: '2025-03-04', title: 'Check-in', coachName: 'Dana', subject: null, topics: [], notes: null, rating: null, nextSessionDate: null, actions: [] };
      await createCoachingSession(t.db, me, note);
      await createCoachingSession(t.db, me, note);
      expect((await listCoachingSessions(t.db, me)).map((s) => s.title)).toEqual(['Check-in', 'Check-in']);
    });
  });
}

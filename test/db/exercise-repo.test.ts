import { describe, expect, it } from 'vitest';
import { addDefinition, ensureDefinition, findDefinitionByName, listDefinitions, listExerciseHistory, updateDefinition } from '../../src/db/exercise-repo.js';
import { createWorkoutSession } from '../../src/db/workout-repo.js';
import { dialects, useTestDb } from '../helpers/db.js';

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);

    it('adds, finds case-insensitively, edits and lists library entries with their JSON lists', async () => {
      const d = await addDefinition(t.db, { name: 'Bench Press', category: 'compound', muscleGroups: ['chest', 'triceps'], equipment: ['barbell'], difficulty: 'intermediate' }, null);
      expect(await findDefinitionByName(t.db, '  bench PRESS ')).toEqual(d);
      const e = await updateDefinition(t.db, d.id, { name: 'Barbell Bench Press', tips: 'feet down', muscleGroups: ['chest'] });
      expect(e).toMatchObject({ name: 'Barbell Bench Press', tips: 'feet down', muscleGroups: ['chest'], equipment: ['barbell'], difficulty: 'intermediate' });
      await addDefinition(t.db, { name: 'Plank', category: 'core' }, null);
      expect((await listDefinitions(t.db, 1, { category: 'core' })).map((x) => x.name)).toEqual(['Plank']);
      expect((await listDefinitions(t.db, 1)).map((x) => x.name)).toEqual(['Barbell Bench Press', 'Plank']);
    });

    it('the database refuses a second entry differing only in case', async () => {
      await addDefinition(t.db, { name: 'Deadlift' }, null);
      await expect(addDefinition(t.db, { name: 'DEADLIFT' }, null)).rejects.toThrow();
    });

    it('creates an entry on first use with a guessed category, once', async () => {
      const a = await ensureDefinition(t.db, 'Hanging Leg Raise', null);
      const b = await ensureDefinition(t.db, 'hanging leg raise', null);
      expect(a.category).toBe('core');
      expect(b.id).toBe(a.id);
    });

    it("shows only the acting user's history of an exercise, newest first", async () => {
      await t.db('users').insert([{ username: 'h1' }, { username: 'h2' }]);
      const [me, other] = (await t.db('users').whereIn('username', ['h1', 'h2']).orderBy('username').select('id')).map((r: { id: number }) => r.id) as [number, number];
      const log = (who: number, date: string, kg: number) =>
        createWorkoutSession(
          t.db,
          who,
          {
            sessionDate: date,
            title: 'Lower',
            sessionType: 'strength',
            programPhase: null,
            programWeek: null,
            programDay: null,
            durationMinutes: null,
            intensity: null,
            fatigue: null,
            soreness: null,
            notes: null,
            exercises: [{ exerciseName: 'Front Squat', supersetLabel: null, sets: 3, reps: 5, repsPerSet: [5, 5, 5], weightKg: kg, weightUnit: 'kg', restSeconds: null, durationSeconds: null, distanceKm: null, rpe: null, formQuality: null, notes: null }],
          },
          () => 'strength',
        );
      await log(me, '2025-03-01', 80);
      await log(other, '2025-03-02', 200);
      await log(me, '2025-03-08', 85);
      const def = (await findDefinitionByName(t.db, 'front squat'))!;
      const history = await listExerciseHistory(t.db, me, def);
      expect(history.map((h) => [h.sessionDate, h.weightKg, h.repsPerSet])).toEqual([
        ['2025-03-08', 85, [5, 5, 5]],
        ['2025-03-01', 80, [5, 5, 5]],
      ]);
    });
  });
}

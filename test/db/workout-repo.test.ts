import { describe, expect, it } from 'vitest';
import { createWorkoutSession, eachWorkoutShown, findLastSessionByTitle, getWorkoutSession, listWorkoutSessions, listWorkoutsShown, countWorkoutSessions, type WorkoutDraft } from '../../src/db/workout-repo.js';
import { findDefinitionByName } from '../../src/db/exercise-repo.js';
import type { ExerciseEntry } from '../../src/domain/workout.js';
import { sqlVariants, useSqlTestDb } from '../helpers/db.js';

function entry(name: string, over: Partial<ExerciseEntry> = {}): ExerciseEntry {
  return {
    exerciseName: name,
    supersetLabel: null,
    sets: 3,
    reps: 8,
    repsPerSet: [8, 8, 8],
    weightKg: 80,
    weightUnit: 'kg',
    restSeconds: null,
    durationSeconds: null,
    distanceKm: null,
    rpe: 8,
    formQuality: null,
    notes: null,
    ...over,
  };
}

function draft(title: string, date: string, exercises: ExerciseEntry[], over: Partial<WorkoutDraft> = {}): WorkoutDraft {
  return {
    sessionDate: date,
    title,
    sessionType: null,
    programPhase: null,
    programWeek: null,
    programDay: null,
    durationMinutes: null,
    intensity: null,
    fatigue: null,
    soreness: null,
    notes: null,
    exercises,
    ...over,
  };
}

for (const variant of sqlVariants) {
  describe(variant.label, () => {
    const t = useSqlTestDb(variant);
    const user = async (name: string) => {
      await t.db('users').insert({ username: name });
      return (await t.db('users').where({ username: name }).first('id')).id as number;
    };

    it('stores a session with its exercises, links them to the library and reads them back the same', async () => {
      const me = await user('ann');
      // Up to the longest note fittrack takes (10 000 characters).
      const notes = `it's "fine"; DROP TABLE users; -- 💪 ${'x'.repeat(9_950)}`;
      const w = await createWorkoutSession(
        t.on(),
        me,
        draft('Upper A', '2025-03-04', [entry('Bench'), entry('Squat', { sets: 4, reps: null, repsPerSet: [5, 5, 5, 3], weightKg: 100, rpe: 8.5 }), entry('Run', { sets: null, reps: null, repsPerSet: null, weightKg: null, weightUnit: null, durationSeconds: 2700, distanceKm: 4.2, rpe: null, notes })], {
          programWeek: 2,
          durationMinutes: 75,
        }),
        () => 'mixed',
      );
      expect(w.sessionType).toBe('mixed');
      expect(w.programWeek).toBe(2);
      expect(w.durationMinutes).toBe(75);
      expect(w.exercises.map((e) => [e.orderIndex, e.exerciseName])).toEqual([
        [1, 'Bench'],
        [2, 'Squat'],
        [3, 'Run'],
      ]);
      expect(w.exercises[1]).toMatchObject({ sets: 4, reps: null, repsPerSet: [5, 5, 5, 3], weightKg: 100, rpe: 8.5 });
      expect(w.exercises[2]).toMatchObject({ durationSeconds: 2700, distanceKm: 4.2, notes });
      const bench = await findDefinitionByName(t.on(), 'BENCH');
      expect(bench?.category).toBe('compound');
      expect(w.exercises[0]!.exerciseDefinitionId).toBe(bench!.id);
      expect(await getWorkoutSession(t.on(), me, w.id)).toEqual(w);
    });

    it('reuses a library entry whatever the case, and passes the categories to the type decision', async () => {
      const me = await user('bob');
      let seen: unknown;
      await createWorkoutSession(t.on(), me, draft('Pull', '2025-03-05', [entry('bench'), entry('Run', { sets: null, distanceKm: 5 })]), (ex) => {
        seen = ex;
        return 'strength';
      });
      expect(seen).toEqual([
        { name: 'bench', category: 'compound', distanceKm: null, sets: 3 },
        { name: 'Run', category: 'cardio', distanceKm: 5, sets: null },
      ]);
      expect(Number((await t.db('exercise_definitions').whereRaw('lower(name) = ?', ['bench']).count({ n: '*' }))[0]!.n)).toBe(1);
    });

    it('writes nothing when one exercise is refused by the database', async () => {
      const me = await user('cat');
      const before = await t.db('exercise_definitions').count({ n: '*' });
      await expect(createWorkoutSession(t.on(), me, draft('Bad', '2025-03-06', [entry('Brand New Lift'), entry('Bench', { rpe: 7.3 })]), () => 'strength')).rejects.toThrow();
      expect(await countWorkoutSessions(t.on(), me)).toBe(0);
      expect(await t.db('exercise_definitions').count({ n: '*' })).toEqual(before);
    });

    it('lists only the acting user sessions, by date range, and finds the last one of a title', async () => {
      const me = await user('dan');
      const other = await user('eve');
      for (const [who, date] of [
        [me, '2025-03-01'],
        [me, '2025-03-08'],
        [other, '2025-03-05'],
        [me, '2025-03-15'],
      ] as const) {
        await createWorkoutSession(t.on(), who, draft('Upper A', date, [entry('Bench', { weightKg: Number(date.slice(-2)) * 10 })]), () => 'strength');
      }
      expect((await listWorkoutSessions(t.on(), me)).map((w) => w.sessionDate)).toEqual(['2025-03-01', '2025-03-08', '2025-03-15']);
      expect((await listWorkoutSessions(t.on(), me, { from: '2025-03-02', to: '2025-03-10' })).map((w) => w.sessionDate)).toEqual(['2025-03-08']);
      const last = await findLastSessionByTitle(t.on(), me, 'upper a');
      expect(last?.sessionDate).toBe('2025-03-15');
      expect(last?.exercises[0]?.weightKg).toBe(150);
      const theirs = (await listWorkoutSessions(t.on(), other))[0]!;
      expect(await getWorkoutSession(t.on(), me, theirs.id)).toBeNull();
    });

    it('hands the listed sessions over one by one, in order, those without exercises in their turn', async () => {
      const me = await user('fay');
      const other = await user('gus');
      for (const [who, title, date, exercises] of [
        [me, 'Rest', '2025-04-01', []],
        [me, 'Legs', '2025-04-02', [entry('Squat'), entry('Lunge', { weightKg: 20 })]],
        [other, 'Theirs', '2025-04-02', [entry('Bench')]],
        [me, 'Walk', '2025-04-02', []],
        [me, 'Push', '2025-04-02', [entry('Bench', { weightKg: 60 })]],
        [me, 'Rest', '2025-04-03', []],
        [me, 'Pull', '2025-04-04', [entry('Row')]],
        [me, 'Rest', '2025-04-05', []],
      ] as const) {
        await createWorkoutSession(t.on(), who, draft(title, date, [...exercises], { sessionType: exercises.length ? null : 'recovery' }), () => 'strength');
      }
      for (const range of [{}, { from: '2025-04-02', to: '2025-04-04' }]) {
        const seen: unknown[] = [];
        await eachWorkoutShown(t.on(), me, range, (w) => seen.push(w));
        const full = await listWorkoutSessions(t.on(), me, range);
        expect(seen).toEqual(await listWorkoutsShown(t.on(), me, range));
        expect(seen.map((w) => (w as { id: number }).id)).toEqual(full.map((w) => w.id));
        expect(seen.map((w) => (w as { exercises: Array<{ exerciseName: string }> }).exercises.map((e) => e.exerciseName))).toEqual(full.map((w) => w.exercises.map((e) => e.exerciseName)));
      }
      const titles: string[] = [];
      await eachWorkoutShown(t.on(), me, {}, (w) => titles.push(`${w.title} ${w.exercises.length}`));
      expect(titles).toEqual(['Rest 0', 'Legs 2', 'Walk 0', 'Push 1', 'Rest 0', 'Pull 1', 'Rest 0']);
    });
  });
}

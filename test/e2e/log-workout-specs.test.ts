/**
 * log-workout refuses set/rep-like text the grammar does not read instead of making it part of
 * an exercise name, announces names new to the library, and takes exercises as -e/--exercise.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

for (const dialect of dialects) {
  describe(`log-workout exercise lines (${dialect})`, () => {
    const t = useTestDb(dialect);
    const cli = (args: string[]) => runCli(args, { db: t.url, home: t.dir });
    const count = async (table: string) => Number((await t.db(table).count({ n: '*' }).first())!.n);

    it.each([
      ['Bench -3x8@80kg', 'exercise "Bench -3x8@80kg": cannot read "-3x8@80kg" at character 7 as sets, reps or load'],
      ['Curl x8', 'exercise "Curl x8": cannot read "x8" at character 6 as sets, reps or load'],
      ['Row 3x8@', 'exercise "Row 3x8@": cannot read "3x8@" at character 5 as sets, reps, load, time or distance'],
    ])('refuses %j with the position of the problem and writes nothing', async (line, message) => {
      const r = await cli(['log-workout', 'Push', line]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`fittrack: error: ${message}`);
      expect(await count('workout_sessions')).toBe(0);
      expect(await count('exercise_definitions')).toBe(0);
    });

    it('announces new exercise names, once, and not known ones', async () => {
      const first = await cli(['log-workout', 'Push', 'Bench 3x8@80kg', 'Benhc 1x5@90kg']);
      expect(first.code).toBe(0);
      expect(first.stderr).toContain('new exercise: Bench');
      expect(first.stderr).toContain('new exercise: Benhc');
      const again = await cli(['log-workout', 'Push', 'bench 3x8@82.5kg']);
      expect(again.code).toBe(0);
      expect(again.stderr).not.toContain('new exercise');
    });

    it('takes -e/--exercise lines, repeatable, as well as positional ones', async () => {
      const r = await cli(['log-workout', 'Pull', '--json', '-e', 'Row 3x10@60kg', '--exercise', 'A1: Pull-up 3xAMRAP', '--date', '2025-03-05']);
      expect(r.code).toBe(0);
      const stored = JSON.parse(r.stdout);
      expect(stored.exercises.map((e: { exercise_name?: string; exerciseName?: string }) => e.exercise_name ?? e.exerciseName)).toEqual(['Row', 'Pull-up']);
      const mixed = await cli(['log-workout', 'Legs', 'Squat 5x5@100kg', '-e', 'Lunge 3x10@20kg']);
      expect(mixed.code).toBe(0);
      expect(mixed.stderr).toContain('2 exercises');
    });
  });
}

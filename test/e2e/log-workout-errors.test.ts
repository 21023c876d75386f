/**
 * `fittrack log-workout` refusing bad input: exit 2, one error line and a hint, nothing written.
 */
import type { Knex } from 'knex';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

const TABLES = ['users', 'workout_sessions', 'exercise_logs', 'exercise_definitions'];

async function dump(db: Knex): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) out[table] = await db(table).orderBy('id').select();
  return out;
}

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const cli = (args: string[], input?: string) => runCli(args, { db: t.url, home: t.dir, input });

    beforeAll(async () => {
      const r = await cli(['log-workout', 'Upper A', 'Bench 3x8@80kg rpe 8', '--date', '2025-03-04']);
      expect(r.code, r.stderr).toBe(0);
    });

    const bad: Array<[string[], string]> = [
      [['Upper A', 'Bench 3x8@80kg rpe 11'], 'exercise "Bench 3x8@80kg rpe 11": rpe 11 is out of range'],
      [['Upper A', 'Bench 3x8@80kg', 'Squat 3x5 rpe 7.3'], 'exercise "Squat 3x5 rpe 7.3": rpe 7.3 is out of range'],
      [['Upper A', 'Bench 3x8 form 0'], 'exercise "Bench 3x8 form 0": form 0 is out of range'],
      [['Upper A', 'Bench 3xx8'], 'exercise "Bench 3xx8": cannot read "3xx8" at character 7 as sets, reps, load, time or distance'],
      [['Upper A', '3x8@80kg'], 'exercise "3x8@80kg": no exercise name'],
      [['Upper A', 'Bench 3x8@1500kg'], 'cannot read "3x8@1500kg"'],
      [['Upper A', 'Bench 3x8', '--type', 'yoga'], '--type: "yoga" is not one of strength, cardio, flexibility, martial_arts, sports, recovery, mixed'],
      [['Upper A', 'Bench 3x8', '--week', '0'], '--week: 0 is out of range (allowed 1–520)'],
      [['Upper A', 'Bench 3x8', '--intensity', '11'], '--intensity: 11 is out of range (allowed 1–10)'],
      [['Upper A', 'Bench 3x8', '--fatigue', 'abc'], '--fatigue: "abc" is not a number'],
      [['Upper A', 'Bench 3x8', '--soreness', '2.5'], '--soreness: 2.5 is not a whole number'],
      [['Upper A', 'Bench 3x8', '--duration', '25h'], '--duration (minutes): 1500 min is out of range (allowed 0–1440 min)'],
      [['Upper A', 'Bench 3x8', '--duration', 'soon'], '--duration: "soon" is not a duration'],
      [['Upper A', 'Bench 3x8', '--date', 'tomorrow'], 'is in the future'],
      [['Upper A', 'Bench 3x8', '--date', '2025-02-30'], '--date: "2025-02-30" is not a calendar date'],
      [['Upper A'], '"Upper A": no exercises given'],
      [[], 'missing <title>'],
      [['x'.repeat(201), 'Bench 3x8'], '<title>: 201 characters is too long (allowed up to 200)'],
      [['--show', 'abc'], '--show: "abc" is not an id'],
      [['--list', '--show', '1'], '--list and --show cannot be used together'],
      [['--list', '--from', '2025-03-10', '--to', '2025-03-01'], '--from 2025-03-10 is after --to 2025-03-01'],
    ];
    // Refused commands write nothing, so they can run side by side.
    for (const [args, message] of bad) {
      it.concurrent(`refuses ${JSON.stringify(args).slice(0, 70)} with exit 2 and writes nothing`, async ({ expect }) => {
        const before = await dump(t.db);
        const r = await cli(['log-workout', ...args]);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stdout).toBe('');
        const lines = r.stderr.trimEnd().split('\n');
        expect(lines[0]).toMatch(/^fittrack: error: /);
        expect(lines[0]).toContain(message);
        expect(lines.length).toBe(2);
        expect(await dump(t.db)).toEqual(before);
      });
    }
  });
}

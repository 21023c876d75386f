/**
 * An estimated one-rep maximum is one rule: the workout `log-workout --json` prints, `exercise
 * show`, `report lifts` and an e1rm goal give the same number for the same sets (a single is
 * its own maximum; sets over 12 reps do not count).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

for (const dialect of dialects) {
  describe(`e1RM on every path (${dialect})`, () => {
    const t = useTestDb(dialect);
    const run = async (args: string[]) => {
      const r = await runCli(args, { db: t.url, home: t.dir });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      return r;
    };
    let logged: Array<{ exercise_name: string; e1rm_kg: number | null }> = [];

    beforeAll(async () => {
      const w = JSON.parse((await run(['log-workout', 'Heavy', 'Bench Press 1x1@100kg', 'Row 2x15@60kg', '--date', '2025-03-10', '--json'])).stdout) as { exercises: typeof logged };
      logged = w.exercises;
    });

    it('a single at 100 kg is an e1RM of 100 kg everywhere', async () => {
      expect(logged.map((e) => [e.exercise_name, e.e1rm_kg])).toEqual([
        ['Bench Press', 100],
        ['Row', null],
      ]);
      const show = JSON.parse((await run(['exercise', 'show', 'Bench Press', '--json'])).stdout) as { best: { e1rm: { e1rm_kg: number; reps: number } } };
      expect(show.best.e1rm).toMatchObject({ e1rm_kg: 100, reps: 1 });
      const lifts = JSON.parse((await run(['report', 'lifts', '--json'])).stdout) as { records: Array<{ exercise: string; e1rm_epley: { e1rm_kg: number } | null; e1rm_brzycki: { e1rm_kg: number } | null }> };
      expect(lifts.records.map((r) => [r.exercise, r.e1rm_epley?.e1rm_kg ?? null, r.e1rm_brzycki?.e1rm_kg ?? null])).toEqual([
        ['Bench Press', 100, 100],
        ['Row', null, null],
      ]);
      await run(['goal', 'add', 'Bench 120', '--metric', 'e1rm:bench press', '--target', '120kg']);
      const [goal] = JSON.parse((await run(['goal', 'list', '--json'])).stdout) as Array<{ start_value: number; current_value: number }>;
      expect(goal).toMatchObject({ start_value: 100, current_value: 100 });
      expect((await run(['report', 'lifts'])).stdout).toMatch(/Bench Press\s+100\.0 kg × 1 \(2025-03-10\)\s+100\.0 kg \(100\.0 kg × 1\)\s+100\.0 kg \(100\.0 kg × 1\)/);
    });
  });
}

/**
 * Your own markdown export, imported back into the same account, is "already there": logged
 * workouts (uniform sets, a pyramid, cardio), weigh-ins and meals come back unchanged, not as
 * conflicts, on both engines.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const cli = (args: string[]) => runCli(args, { db: t.url, home: t.dir });

    it('imports its own markdown export as unchanged', async () => {
      for (const args of [
        ['log-workout', 'Push', 'Bench 3x8@80kg', 'Dips 3x12', '--date', '2025-03-01'],
        ['log-workout', 'Pyramid', 'Squat 100x5, 110x3, 120x1', '--date', '2025-03-02'],
        ['log-workout', 'Run', 'Run 5km 25min', '--date', '2025-03-03'],
        ['log-weight', '80.4kg', '--date', '2025-03-01', '--body-fat', '18.5'],
        ['log-meal', 'lunch', 'Chicken and rice', '--calories', '650', '--date', '2025-03-01'],
      ]) {
        const r = await cli(args);
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      }
      const out = mkdtempSync(path.join(os.tmpdir(), 'fittrack-md-again-'));
      const exported = await cli(['export', '--format', 'md', '--output', out]);
      expect(exported.code, exported.stderr).toBe(0);
      const again = await cli(['import-md', out, '--json']);
      expect(again.code, again.stderr).toBe(0);
      const report = JSON.parse(again.stdout) as { totals: Record<string, number> };
      expect(report.totals).toMatchObject({ created: 0, updated: 0, conflicts: 0, errors: 0 });
      expect(report.totals.unchanged).toBeGreaterThanOrEqual(5);
    });
  });
}

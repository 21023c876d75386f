/**
 * `fittrack import-md` on logs as people keep them, through the built binary, on both engines:
 * the wild fixtures, a Windows-1252 file, columns of their own (sleep, resting HR, sets, reps,
 * RPE …), and `--units` for weights written without a unit.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

const WILD = path.join(ROOT, 'fixtures', 'legacy', 'wild');

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);

    it('imports the wild fixtures, decoding the Windows-1252 file and naming every line it did not read', async () => {
      const files = ['windows-1252-check-in-log.md', 'exercise-log.md', 'Coaching_sessions.md', 'meal-log.md'].map((f) => path.join(WILD, f));
      const r = await runCli(['import-md', ...files, '--skip-errors', '--units', 'kg'], { db: t.url, home: t.dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('windows-1252-check-in-log.md:5: warning: the file is not UTF-8; it was read as Windows-1252');
      expect(r.stderr).toContain('windows-1252-check-in-log.md:6: error: the row holds a NUL byte (binary data); it was not read');
      const notes = await t.db('health_metrics').where('recorded_date', '2024-03-12').pluck('notes');
      expect(notes).toContain('café – 80 € budget');
      const types = await t.db('meal_logs').orderBy('id').pluck('meal_type');
      expect(types).toEqual(['breakfast', 'lunch', 'dinner', 'snack', 'dinner']);
      expect(Number((await t.db('coaching_sessions').count({ n: '*' }).first())?.n)).toBe(3);
    });

    it('imports Sleep, RHR, Mood, Energy and Stress columns and Sets, Reps, Weight and RPE columns into their fields', async () => {
      const files = ['columns-check-in-log.md', 'columns-exercise-log.md'].map((f) => path.join(WILD, f));
      const r = await runCli(['import-md', ...files, '--skip-errors', '--units', 'kg'], { db: t.url, home: t.dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('columns-check-in-log.md:9: error: Sleep Hours 30 is outside the range 0–24');
      const day = await t.db('health_metrics').where('recorded_date', '2024-04-02').first();
      expect([day.sleep_hours, day.resting_heart_rate, day.mood, day.energy_level, day.stress_level, day.notes].map((v) => (typeof v === 'string' && /^\d/.test(v) ? Number(v) : v))).toEqual([7.5, 57, 8, 7, 2, 'slept well']);
      const lifts = await t.db('exercise_logs').where('source_file', 'like', '%columns-exercise-log.md').whereIn('exercise_name', ['Squat', 'Romanian Deadlift', 'Bench Press']).orderBy('exercise_name').select('exercise_name', 'sets', 'reps', 'rpe', 'weight_unit');
      expect(lifts.map((e: { exercise_name: string; sets: number; reps: number | null; rpe: number | string | null; weight_unit: string }) => [e.exercise_name, e.sets, e.reps, e.rpe === null ? null : Number(e.rpe), e.weight_unit])).toEqual([
        ['Bench Press', 3, 5, 8, 'kg'],
        ['Romanian Deadlift', 3, null, null, 'lb'],
        ['Squat', 3, 5, 8, 'lb'],
      ]);
    });

    it('--units says what weights without a unit are, and the report says so once per file', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'fittrack-units-'));
      const file = path.join(dir, 'check-in-log.md');
      writeFileSync(file, '| Date | Weight |\n| --- | --- |\n| 2023-01-02 | 180 |\n| 2023-01-03 | 179 |\n');
      const r = await runCli(['import-md', file, '--units', 'lb'], { db: t.url, home: t.dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr.match(/weights without a unit read as lb; use --units kg if they were kilograms/g)).toHaveLength(1);
      const kg = await t.db('health_metrics').where('recorded_date', '<', '2024-01-01').orderBy('recorded_date').pluck('weight_kg');
      expect(kg.map((w: number) => Math.round(w * 10) / 10)).toEqual([81.6, 81.2]);
      const bad = await runCli(['import-md', file, '--units', 'stone'], { db: t.url, home: t.dir });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--units: "stone" is not a weight unit');
    });
  });
}

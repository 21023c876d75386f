/**
 * `fittrack import-md` on logs as people keep them, through the built binary, on both engines:
 * the wild fixtures, a Windows-1252 file, and `--units` for weights written without a unit.
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

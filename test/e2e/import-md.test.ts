/**
 * `fittrack import-md` through the built binary, on both engines.
 */
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

const LEGACY = path.join(ROOT, 'fixtures', 'legacy');
const BAD = path.join(ROOT, 'fixtures', 'legacy-bad');

async function count(db: Knex, table: string): Promise<number> {
  return Number(((await db(table).count({ n: '*' }).first()) as { n: number | string }).n);
}

async function dataRows(db: Knex): Promise<number> {
  let n = 0;
  for (const t of ['health_metrics', 'workout_sessions', 'exercise_logs', 'coaching_sessions', 'meal_logs', 'import_batches']) n += await count(db, t);
  return n;
}

function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fittrack-import-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const ONE_BAD_ROW = '| Date | Weight (lbs) | Body Fat % | Notes |\n| --- | --- | --- | --- |\n| 2025-03-03 | 241.0 | 29.5 | |\n| 2025-02-30 | 240.0 | | typo |\n| 2025-03-07 | 239.5 | | |\n';

for (const dialect of dialects) {
  describe(dialect, () => {
    describe('the fixtures', () => {
      const t = useTestDb(dialect);

      it('--dry-run reports per file and writes nothing', async () => {
        const r = await runCli(['import-md', 'fixtures/legacy', '--dry-run'], { db: t.url, home: t.dir });
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toBe('');
        expect(r.stderr).toContain('fixtures/legacy/check-in-log.md');
        expect(r.stderr).toMatch(/dry run: nothing written\. 323 rows would be created, 0 updated, 0 unchanged, 1 conflict, 0 errors\./);
        expect(await dataRows(t.db)).toBe(0);
      });

      it('imports everything, then a second run creates nothing', async () => {
        const first = await runCli(['import-md', 'fixtures/legacy', '--json'], { db: t.url, home: t.dir });
        expect(first.code, first.stderr).toBe(0);
        const report = JSON.parse(first.stdout);
        expect(report.totals).toMatchObject({ created: 323, errors: 0, conflicts: 1 });
        expect(report.batch).toMatch(/^imp-\d{8}-\d{6}-[0-9a-f]{4}$/);
        expect(await count(t.db, 'health_metrics')).toBe(48);

        const second = await runCli(['import-md', 'fixtures/legacy'], { db: t.url, home: t.dir });
        expect(second.code, second.stderr).toBe(0);
        expect(second.stderr).toContain('nothing new to import: 323 rows unchanged, 1 conflict.');
        expect(await count(t.db, 'import_batches')).toBe(1);
      });

      it('--list shows the batch and --revert deletes what it created', async () => {
        const list = await runCli(['import-md', '--list', '--json'], { db: t.url, home: t.dir });
        expect(list.code, list.stderr).toBe(0);
        const [batch] = JSON.parse(list.stdout) as Array<{ batch_id: string; rows_created: number; reverted: boolean }>;
        expect(batch).toMatchObject({ rows_created: 323, reverted: false });

        const revert = await runCli(['import-md', '--revert', batch!.batch_id], { db: t.url, home: t.dir });
        expect(revert.code, revert.stderr).toBe(0);
        expect(revert.stderr).toContain(`reverted ${batch!.batch_id}: deleted 48 health metrics`);
        expect(await count(t.db, 'health_metrics')).toBe(0);
        expect(await count(t.db, 'exercise_logs')).toBe(0);
        const again = await runCli(['import-md', '--revert', batch!.batch_id], { db: t.url, home: t.dir });
        expect(again.code).toBe(2);
        expect(again.stderr).toContain('already reverted');
      });
    });

    describe('errors', () => {
      const t = useTestDb(dialect);

      it('a file with one bad row: exit 1, FILE:LINE on stderr, nothing written', async () => {
        const dir = scratch({ 'check-in-log.md': ONE_BAD_ROW });
        const r = await runCli(['import-md', path.join(dir, 'check-in-log.md')], { db: t.url, home: t.dir });
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(`${path.join(dir, 'check-in-log.md')}:4: error: Date "2025-02-30" is not a date`);
        expect(r.stderr).toContain('fittrack: error: nothing imported: 1 row with errors in 1 file');
        expect(r.stderr).toContain('--skip-errors');
        expect(await dataRows(t.db)).toBe(0);
      });

      it('--skip-errors imports the rest and still lists every error', async () => {
        const dir = scratch({ 'check-in-log.md': ONE_BAD_ROW });
        const r = await runCli(['import-md', path.join(dir, 'check-in-log.md'), '--skip-errors'], { db: t.url, home: t.dir });
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toContain(':4: error: Date "2025-02-30" is not a date');
        expect(await count(t.db, 'health_metrics')).toBe(2);
      });

      it('a conflicting value is reported with both values and kept until --update', async () => {
        const dir = scratch({ 'check-in-log.md': ONE_BAD_ROW.replace('241.0', '250.0') });
        const file = path.join(dir, 'check-in-log.md');
        const r = await runCli(['import-md', file, '--skip-errors'], { db: t.url, home: t.dir });
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toContain(`${file}:3: conflict: check-in of 2025-03-03 is already stored with weight 241 lb, body fat 29.5 %; this row has weight 250 lb, body fat 29.5 %`);
        const u = await runCli(['import-md', file, '--skip-errors', '--update', '--json'], { db: t.url, home: t.dir });
        expect(JSON.parse(u.stdout).totals).toMatchObject({ updated: 1, unchanged: 1, created: 0 });
        const row = await t.db('health_metrics').where({ recorded_date: '2025-03-03' }).first();
        expect(Number(row.weight_kg)).toBeCloseTo(250 * 0.45359237, 9);
      });

      it('the bad fixtures: every problem named, exit 1, nothing more written', async () => {
        const before = await dataRows(t.db);
        const r = await runCli(['import-md', 'fixtures/legacy-bad', '--dry-run'], { db: t.url, home: t.dir });
        expect(r.code).toBe(1);
        expect(r.stderr).toContain('fixtures/legacy-bad/garbage-exercise-log.md:1: error: the file is not text');
        expect(r.stderr).toContain('fixtures/legacy-bad/wrong-header-check-in-log.md:1: error: no check-in table found');
        expect(r.stderr).toContain('fixtures/legacy-bad/impossible-dates-check-in-log.md:5: error: Date "2025-13-01" is not a date');
        expect(r.stderr).toContain('fixtures/legacy-bad/header-only-check-in-log.md:1: warning: the table has a header but no rows');
        expect(await dataRows(t.db)).toBe(before);
      });

      it('a folder: recognised files are imported, the others named as ignored', async () => {
        const dir = scratch({ 'notes.txt': 'hello', 'ideas.md': 'Just some ideas.\n' });
        copyFileSync(path.join(LEGACY, 'meal-log.md'), path.join(dir, 'meal-log.md'));
        const r = await runCli(['import-md', dir, '--dry-run'], { db: t.url, home: t.dir });
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toContain(`ignored ${path.join(dir, 'ideas.md')}: not a legacy log`);
        expect(r.stderr).toContain(`ignored ${path.join(dir, 'notes.txt')}: not a .md file`);
        expect(r.stderr).toContain('80 rows would be created');
      });

      it('usage errors exit 2 with a hint', async () => {
        const cases: Array<[string[], RegExp]> = [
          [['import-md'], /no file or folder to import/],
          [['import-md', 'fixtures/legacy', '--kind', 'diary'], /--kind: "diary" is not a kind of legacy log/],
          [['import-md', 'no/such/place'], /no\/such\/place: no such file or folder/],
          [['import-md', '--list', '--revert', 'x'], /--list and --revert cannot be used together/],
          [['import-md', path.join(BAD, 'header-only-check-in-log.md'), '--revert', 'x'], /take no files/],
        ];
        for (const [args, message] of cases) {
          const r = await runCli(args, { db: t.url, home: t.dir });
          expect(r.code, args.join(' ')).toBe(2);
          expect(r.stderr).toMatch(message);
          expect(r.stderr.split('\n').length, r.stderr).toBeLessThanOrEqual(3);
        }
      });
    });
  });
}

/**
 * Every text field has a documented size limit: the CLI refuses longer text with exit 2, a
 * message naming the field and the limit, and nothing written — quickly, even for a 100 MB
 * coaching body read from stdin or a file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

const HUNDRED_MB = 100 * 1024 * 1024;

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const cli = (args: string[], input?: string | Buffer) => runCli(args, { db: t.url, home: t.dir, input });
    const count = async (table: string) => Number((await t.db(table).count({ n: '*' }).first())!.n);

    it('refuses a 100 MB coaching body from stdin quickly, writing nothing', async () => {
      const started = Date.now();
      const r = await cli(['coach-note', 'add', '--title', 'Huge', '-'], Buffer.alloc(HUNDRED_MB, 'x'));
      const seconds = (Date.now() - started) / 1000;
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/^fittrack: error: <body>: the notes are over \d+ kB, too long \(allowed up to 100000 characters\)\n/);
      expect(seconds).toBeLessThan(10);
      expect(await count('coaching_sessions')).toBe(0);
    });

    it('refuses a 100 MB coaching body file without reading it', async () => {
      const file = path.join(t.dir, 'huge.md');
      fs.writeFileSync(file, '');
      fs.truncateSync(file, HUNDRED_MB);
      const started = Date.now();
      const r = await cli(['coach-note', 'add', '--title', 'Huge', '--file', file]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('--file: the notes are over 100 MB, too long (allowed up to 100000 characters)');
      expect(Date.now() - started).toBeLessThan(10_000);
      fs.rmSync(file);
      expect(await count('coaching_sessions')).toBe(0);
    });

    it('takes a body at the limit, counting characters, and refuses one more', async () => {
      // 100 000 characters, 400 000 bytes of UTF-8.
      const atLimit = '💪'.repeat(100_000);
      const ok = await cli(['coach-note', 'add', '--title', 'Long but fine', '-'], atLimit);
      expect(ok.code, ok.stderr).toBe(0);
      const over = await cli(['coach-note', 'add', '--title', 'One too many', '-'], 'x'.repeat(100_001));
      expect(over.code).toBe(2);
      expect(over.stderr).toBe('fittrack: error: <body>: 100001 characters is too long (allowed up to 100000)\nshorten <body> to at most 100000 characters\n');
      expect(await count('coaching_sessions')).toBe(1);
    });

    it('lists an imported row with text over its limit as an error at its line, writing nothing', async () => {
      const dir = fs.mkdtempSync(path.join(t.dir, 'import-'));
      const file = path.join(dir, 'check-in-log.md');
      fs.writeFileSync(file, `| Date | Weight (kg) | Notes |\n| --- | --- | --- |\n| 2025-03-03 | 80.0 | fine |\n| 2025-03-04 | 80.2 | ${'n'.repeat(10_001)} |\n`);
      const before = await count('health_metrics');
      const r = await cli(['import-md', file]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(`${file}:4: error: notes: 10001 characters is too long (allowed up to 10000)`);
      expect(await count('health_metrics')).toBe(before);
    });

    it('refuses a restored document with text over a limit, through the database, writing nothing', async () => {
      const ok = await cli(['log-weight', '80kg', '--note', 'fine', '--date', '2025-02-01']);
      expect(ok.code, ok.stderr).toBe(0);
      const doc = (await cli(['export', '--format', 'json', '--what', 'health'])).stdout;
      const file = path.join(t.dir, 'long-note.json');
      fs.writeFileSync(file, doc.replace('"fine"', JSON.stringify('n'.repeat(10_001))));
      const other = path.join(t.dir, 'other.db');
      const r = await runCli(['--db', other, 'import-json', file], { home: t.dir });
      expect(r.code, r.stderr).toBe(2);
      // (A new database in a home fittrack ran from before is announced first, on its own line.)
      const errors = r.stderr.split('\n').filter((l) => !l.startsWith('fittrack: note: creating a new database'));
      expect(errors.join('\n')).toBe('fittrack: error: the database refused text longer than 10000 characters in health_metrics.notes: nothing was written\nshorten it to at most 10000 characters\n');
    });

    it.each([
      [['log-weight', '80kg', '--note', 'n'.repeat(10_001)], '--note: 10001 characters is too long (allowed up to 10000)', 'health_metrics'],
      [['log-meal', 'lunch', 'd'.repeat(2_001), '--calories', '500'], '<description>: 2001 characters is too long (allowed up to 2000)', 'meal_logs'],
      [['log-meal', 'lunch', 'soup', '--note', 'n'.repeat(10_001)], '--note: 10001 characters is too long (allowed up to 10000)', 'meal_logs'],
      [['log-workout', 'Upper', 'Bench 3x8@80kg', '--note', 'n'.repeat(10_001)], '--note: 10001 characters is too long (allowed up to 10000)', 'workout_sessions'],
      [['log-workout', 'Upper', `Bench 3x8@80kg "${'n'.repeat(10_001)}"`], '<exercise>: 10018 characters is too long (allowed up to 10000)', 'workout_sessions'],
      [['exercise', 'add', 'Evil Row', '--description', 'd'.repeat(10_001)], '--description: 10001 characters is too long (allowed up to 10000)', 'exercise_definitions'],
      [['exercise', 'add', 'Evil Row', '--tips', 't'.repeat(10_001)], '--tips: 10001 characters is too long (allowed up to 10000)', 'exercise_definitions'],
      [['exercise', 'add', 'Evil Row', '--video-url', `https://example.com/${'v'.repeat(2_000)}`], '--video-url: 2020 characters is too long (allowed up to 2000)', 'exercise_definitions'],
      [['goal', 'add', 'Read', '--metric', 'custom', '--target', '12', '--note', 'n'.repeat(10_001)], '--note: 10001 characters is too long (allowed up to 10000)', 'user_goals'],
      [['coach-note', 'add', '--title', 'T', '--action', 'a'.repeat(1_001)], '--action: 1001 characters is too long (allowed up to 1000)', 'coaching_sessions'],
      [['coach-note', 'add', '--title', 'T', '--subject', 's'.repeat(1_001)], '--subject: 1001 characters is too long (allowed up to 1000)', 'coaching_sessions'],
    ])('%#: refuses text over its limit with exit 2, naming the field and the limit', async (args, message, table) => {
      const before = await count(table);
      const r = await cli(args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(`fittrack: error: ${message}`);
      expect(await count(table)).toBe(before);
    });
  });
}

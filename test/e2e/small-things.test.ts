/**
 * Rough edges a new user meets: `--output -` is stdout, a value outside an option's choices lists
 * the choices as the fix, macro percentages only when all three macros are known, a photo
 * already recorded is refused without --force, counts in the singular for one.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

for (const dialect of dialects) {
  describe(`small things (${dialect})`, () => {
    const t = useTestDb(dialect);
    const cli = (args: string[]) => runCli(args, { db: t.url, home: t.dir, cwd: t.dir });

    it('--output - writes to stdout, not to a file named "-"', async () => {
      expect((await cli(['log-weight', '80kg', '--date', '2025-03-01'])).code).toBe(0);
      const r = await cli(['export', '--format', 'csv', '--what', 'health', '--output', '-']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^recorded_date,weight_kg/);
      expect(r.stdout).toContain('2025-03-01,80');
      expect(existsSync(path.join(t.dir, '-'))).toBe(false);
    });

    it('--format xml lists the formats as the fix', async () => {
      const r = await cli(['export', '--format', 'xml']);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('fittrack: error: --format: "xml" is not one of csv, json, ndjson, md\ngive one of: csv, json, ndjson, md\n');
    });

    it('shows macro percentages only when protein, carbs and fat are all known', async () => {
      expect((await cli(['log-meal', 'lunch', 'chicken', '--protein', '40', '--carbs', '5', '--date', '2025-03-02'])).code).toBe(0);
      const partial = await cli(['log-meal', '--list', '--date', '2025-03-02']);
      expect(partial.code).toBe(0);
      expect(partial.stdout).not.toContain('Energy from macros');
      const partialJson = JSON.parse((await cli(['log-meal', '--list', '--date', '2025-03-02', '--json'])).stdout);
      expect(partialJson.macro_pct).toBeNull();
      expect((await cli(['log-meal', 'dinner', 'rice', '--protein', '5', '--carbs', '60', '--fat', '10', '--date', '2025-03-03'])).code).toBe(0);
      const full = await cli(['log-meal', '--list', '--date', '2025-03-03']);
      expect(full.stdout).toMatch(/Energy from macros: protein \d+ % · carbs \d+ % · fat \d+ %/);
    });

    it('refuses a photo already recorded unless --force', async () => {
      const image = path.join(t.dir, 'front.jpg');
      writeFileSync(image, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
      expect((await cli(['photo', 'add', image])).code).toBe(0);
      const again = await cli(['photo', 'add', image]);
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/fittrack: error: .*front\.jpg: the same image is already recorded as photo #1/);
      expect(again.stderr).toContain('add --force to record it again');
      expect(Number((await t.db('progress_photos').count({ n: '*' }).first())!.n)).toBe(1);
      const forced = await cli(['photo', 'add', image, '--force']);
      expect(forced.code).toBe(0);
      expect(Number((await t.db('progress_photos').count({ n: '*' }).first())!.n)).toBe(2);
    });

    it('says "1 exercise", not "1 exercises"', async () => {
      const r = await cli(['log-workout', 'Run', 'Run 30min 5km', '--date', '2025-03-04']);
      expect(r.stderr).toContain('1 exercise');
      const show = await cli(['log-workout', '--show', '1']);
      expect(show.stdout).toContain('Summary: 1 exercise, 0 sets');
    });
  });
}

for (const dialect of dialects) {
  describe(`derived numbers in JSON (${dialect})`, () => {
    const t = useTestDb(dialect);

    it('are rounded to a stated precision, not float noise', async () => {
      const opts = { db: t.url, home: t.dir };
      expect((await runCli(['config', 'set', 'height', '183cm'], opts)).code).toBe(0);
      expect((await runCli(['log-weight', '80.4kg', '--body-fat', '21.5', '--date', '2025-03-01'], opts)).code).toBe(0);
      const r = await runCli(['log-weight', '--list', '--json'], opts);
      const [row] = JSON.parse(r.stdout) as Array<{ lean_mass_kg: number; fat_mass_kg: number; bmi: number }>;
      expect(row).toMatchObject({ lean_mass_kg: 63.11, fat_mass_kg: 17.29, bmi: 24.01 });
      expect(r.stdout).not.toMatch(/\d\.\d{5,}/);
    });
  });
}

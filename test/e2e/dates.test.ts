/**
 * Dates typed with slashes: an ambiguous one is refused until `config set date-order` says how
 * the user writes dates; an unambiguous one is read either way; a date without a year is the
 * most recent past one.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

for (const dialect of dialects) {
  describe(`dates typed with slashes (${dialect})`, () => {
    const t = useTestDb(dialect);
    const cli = (args: string[]) => runCli(args, { db: t.url, home: t.dir });
    const weightOn = async (date: string) => (await t.db('health_metrics').where('recorded_date', date).first())?.weight_kg;

    it('refuses 02/03/2025 until the date order is set, then reads it that way', async () => {
      const refused = await cli(['log-weight', '80kg', '--date', '02/03/2025']);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('fittrack: error: --date: "02/03/2025" could be 2 March or 3 February');
      expect(refused.stderr).toContain('fittrack config set date-order dmy');
      expect(await t.db('health_metrics').count({ n: '*' }).first()).toMatchObject({ n: 0 });

      const set = await cli(['config', 'set', 'date-order', 'dmy']);
      expect(set.code).toBe(0);
      expect((await cli(['config', 'get', 'date-order'])).stdout.trim()).toBe('dmy');
      const logged = await cli(['log-weight', '80kg', '--date', '02/03/2025']);
      expect(logged.code).toBe(0);
      expect(logged.stderr).toContain('for 2025-03-02');
      expect(Number(await weightOn('2025-03-02'))).toBe(80);

      expect((await cli(['config', 'set', 'date-order', 'ymd'])).code).toBe(2);
    });

    it('reads 13/02/2025 without a setting, and a date without a year as the last one', async () => {
      const home = `${t.dir}/fresh`;
      const r = await runCli(['log-weight', '81kg', '--date', '13/02/2025'], { db: t.url, home });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('for 2025-02-13');
      const noYear = await runCli(['log-meal', 'lunch', 'soup', '--calories', '300', '--date', '1 Jan', '--json'], { db: t.url, home });
      expect(noYear.code).toBe(0);
      expect(noYear.stdout).toContain(`${new Date().getFullYear()}-01-01`);
    });

    it('config alone is a usage error (exit 2)', async () => {
      const r = await cli(['config']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('Usage: fittrack config');
    });
  });
}

/**
 * `fittrack config` as a user runs it: units and height stored on the acting user, bare
 * numbers read in the chosen units afterwards, refusals that write nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

async function snapshot(db: Knex): Promise<string> {
  return JSON.stringify(await db('users').select('id', 'preferred_units', 'height_cm', 'updated_at').orderBy('id'));
}

for (const dialect of dialects) {
  describe(`config (${dialect})`, () => {
    const t = useTestDb(dialect);
    const run = (args: string[]) => runCli(args, { db: t.url, home: t.dir });
    const me = () => t.db('users').where('username', 'tester').first();

    it('starts metric with no height', async () => {
      const r = await run(['config', 'list']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/units\s+metric/);
      expect(r.stdout).toMatch(/height\s+\(not set\)/);
      const h = await run(['config', 'get', 'height']);
      expect(h.stdout).toBe('');
      expect(h.stderr).toBe('height is not set — set it with: fittrack config set height 183cm\n');
    });

    it('sets the height in feet and inches, stored in cm', async () => {
      const r = await run(['config', 'set', 'height', '6ft1in']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('Height set to 6′1″ (185.4 cm)\n');
      expect(Number((await me()).height_cm)).toBeCloseTo(185.42, 10);
    });

    it.each([
      ['183cm', 183],
      ['72in', 182.88],
      ['1.83m', 183],
    ])('sets the height %s', async (text, cm) => {
      const r = await run(['config', 'set', 'height', text]);
      expect(r.code, r.stderr).toBe(0);
      expect(Number((await me()).height_cm)).toBeCloseTo(cm, 10);
    });

    it('switches to imperial: bare numbers are then pounds and inches', async () => {
      let r = await run(['config', 'set', 'units', 'Imperial']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('Units set to imperial\n');
      expect((await me()).preferred_units).toBe('imperial');
      r = await run(['config', 'get', 'units']);
      expect(r.stdout).toBe('imperial\n');
      r = await run(['config', 'get', 'height']);
      expect(r.stdout).toBe('6′0″ (183 cm)\n');
      r = await run(['log-weight', '176.4', '--waist', '34', '--date', '2025-03-04', '--json']);
      expect(r.code, r.stderr).toBe(0);
      const rec = JSON.parse(r.stdout) as { weight_kg: number; weight_unit: string; waist_cm: number; length_unit: string };
      expect(rec.weight_unit).toBe('lb');
      expect(rec.weight_kg).toBeCloseTo(80.0137, 4);
      expect(rec.length_unit).toBe('in');
      expect(rec.waist_cm).toBeCloseTo(86.36, 10);
    });

    it('prints the settings as JSON', async () => {
      const r = await run(['config', 'list', '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ units: 'imperial', height_cm: 183, date_order: null });
    });

    it("reads a bare height in the user's units the same way in config set and user edit", async () => {
      const height = async (args: string[]) => {
        const r = await run(args);
        expect(r.code, r.stderr).toBe(0);
        return Number((await me()).height_cm);
      };
      // Imperial: 72 is inches on both paths.
      const byConfig = await height(['config', 'set', 'height', '72']);
      const byUser = await height(['user', 'edit', '--height', '72']);
      expect(byConfig).toBeCloseTo(182.88, 10);
      expect(byUser).toBe(byConfig);
      expect(await height(['user', 'edit', '--height', '6ft1in'])).toBe(await height(['config', 'set', 'height', '6ft1in']));
      // Units given in the same edit decide how a bare number is read.
      expect(await height(['user', 'edit', '--units', 'metric', '--height', '180'])).toBe(180);
      expect(await height(['config', 'set', 'height', '180'])).toBe(180);
      const bad = await run(['user', 'edit', '--height', '300']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toBe('fittrack: error: --height: 300 cm is out of range (allowed 50–272 cm)\ngive a value between 50 and 272 cm for --height\n');
      await height(['user', 'edit', '--units', 'imperial', '--height', '183cm']);
    });

    const bad: Array<[string, string[], string]> = [
      ['an unknown key', ['config', 'set', 'weight', '80'], 'fittrack: error: <key>: "weight" is not one of units, height, date-order'],
      ['unknown units', ['config', 'set', 'units', 'furlongs'], 'fittrack: error: units: "furlongs" is not one of metric, imperial'],
      ['a height too tall', ['config', 'set', 'height', '300cm'], 'fittrack: error: height: 300 cm is out of range (allowed 50–272 cm)'],
      ['a height too short in inches', ['config', 'set', 'height', '10in'], 'fittrack: error: height: 10 in is out of range (allowed 19.7–107.1 in)'],
      ['a height that is not a length', ['config', 'set', 'height', 'tall'], 'fittrack: error: height: "tall" is not a length'],
      ['a height in kilograms', ['config', 'set', 'height', '80kg'], 'fittrack: error: height: "kg" in "80kg" is not a length unit'],
      ['getting an unknown key', ['config', 'get', 'colour'], 'fittrack: error: <key>: "colour" is not one of units, height, date-order'],
      ['set without a value', ['config', 'set', 'units'], "fittrack: error: missing required argument 'value'"],
      ['an unknown subcommand', ['config', 'unset', 'height'], "fittrack: error: unknown command 'unset'"],
      ['a negative height', ['config', 'set', 'height', '--', '-180cm'], 'fittrack: error: height: -180 cm is out of range (allowed 50–272 cm)'],
    ];
    describe.concurrent('refuses', () => {
      for (const [name, args, message] of bad) {
        it(name, async () => {
          const before = await snapshot(t.db);
          const r = await run(args);
          expect(r.code, r.stderr).toBe(2);
          expect(r.stderr.split('\n')[0]).toBe(message);
          expect(r.stdout).toBe('');
          expect(await snapshot(t.db)).toBe(before);
        });
      }
    });
  });
}

/**
 * `fittrack log-weight` as a user runs it: the built binary, both engines, the confirmation
 * line, the stored row, and one-line errors (exit 2) that leave the database unchanged.
 * Every test starts from no weigh-ins and no height and logs what it needs, so each one runs
 * on its own (vitest -t) and in any order.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb, type TestDb } from '../helpers/db.js';

async function snapshot(db: Knex): Promise<string> {
  const tables = ['health_metrics', 'user_goals', 'users'];
  const out: Record<string, unknown> = {};
  for (const t of tables) out[t] = await db(t).select('*').orderBy('id');
  return JSON.stringify(out);
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

async function row(t: TestDb, date: string): Promise<Record<string, unknown>> {
  return (await t.db('health_metrics').where('recorded_date', date).first()) as Record<string, unknown>;
}

const NOTE = `it's "fine"; DROP TABLE users; -- 💪 naïve`;

for (const dialect of dialects) {
  describe(`log-weight (${dialect})`, () => {
    const t = useTestDb(dialect);
    const run = (args: string[]) => runCli(args, { db: t.url, home: t.dir });
    /** Starts from an empty log (the local user kept, without a height). */
    const reset = async () => {
      await t.db('health_metrics').del();
      await t.db('users').update({ height_cm: null });
    };
    /** Logs what a test needs before it starts. */
    const given = async (...commands: string[][]) => {
      for (const args of commands) {
        const r = await run(args);
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      }
    };
    const TWO_DAYS = [['log-weight', '177.2lb', '--date', '2025-03-02'], ['log-weight', '176.4lb', '--date', '2025-03-04']];
    const MEASURED = [...TWO_DAYS, ['log-weight', '--body-fat', '21.5', '--waist', '34in', '--date', '2025-03-04']];

    describe('logs', () => {
    beforeEach(reset);

    it('logs a weight in lb and shows it back as typed, with change and 7-day average', async () => {
      let r = await run(['log-weight', '177.2lb', '--date', '2025-03-02']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('Logged 177.2 lb for 2025-03-02\n');
      expect(r.stdout).toBe('');
      r = await run(['log-weight', '176.4 lbs', '--date', '2025-03-04']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('Logged 176.4 lb for 2025-03-04 (\u22120.8 lb since 2025-03-02 · 7-day average 176.8 lb)\n');
      const stored = await row(t, '2025-03-04');
      expect(Number(stored.weight_kg).toFixed(4)).toBe('80.0137');
      expect(stored.weight_unit).toBe('lb');
    });

    it('adds measurements to a day that has a weight, and says so', async () => {
      await given(...TWO_DAYS);
      const r = await run(['log-weight', '--body-fat', '21.5', '--waist', '34in', '--date', '2025-03-04']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('Added body fat 21.5 %, waist 34 in to 2025-03-04\n');
      const stored = await row(t, '2025-03-04');
      expect(Number(stored.waist_cm)).toBeCloseTo(86.36, 10);
      expect(stored.length_unit).toBe('in');
      expect(Number(stored.body_fat_pct)).toBe(21.5);
      expect(stored.weight_unit).toBe('lb');
    });

    it('logging the same value again changes nothing', async () => {
      await given(...TWO_DAYS);
      const before = await snapshot(t.db);
      const r = await run(['log-weight', '176.4lb', '--date', '2025-03-04']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('Nothing new for 2025-03-04: 176.4 lb already logged\n');
      expect(await snapshot(t.db)).toBe(before);
    });

    it('--replace overwrites a different value', async () => {
      await given(...MEASURED);
      const r = await run(['log-weight', '80kg', '--date', '2025-03-04', '--replace']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/^Replaced 80 kg for 2025-03-04 \(\u22120\.4 kg since 2025-03-02/);
      const stored = await row(t, '2025-03-04');
      expect(Number(stored.weight_kg)).toBe(80);
      expect(stored.weight_unit).toBe('kg');
      expect(Number(stored.waist_cm)).toBeCloseTo(86.36, 10);
    });

    it('says which of the values given were already logged', async () => {
      await given(['log-weight', '80kg', '--date', '2025-03-04']);
      const r = await run(['log-weight', '80kg', '--neck', '40cm', '--date', '2025-03-04']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('Added neck 40 cm to 2025-03-04 (80 kg already logged)\n');
      expect(Number((await row(t, '2025-03-04')).neck_cm)).toBe(40);
    });

    it('--json prints the stored record with every field, text exactly as typed', async () => {
      const r = await run([
        'log-weight', '82.5kg', '--date', '2025-04-01', '--body-fat', '20', '--chest', '100cm', '--hips', '95', '--neck', '38',
        '--left-arm', '35', '--right-arm', '35.5', '--left-thigh', '55', '--right-thigh', '55.5', '--muscle-mass', '35kg',
        '--rhr', '58', '--bp', '120/80', '--energy', '7', '--mood', '8', '--sleep-quality', '6', '--stress', '3',
        '--sleep-hours', '7.5', '--note', NOTE, '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      const rec = JSON.parse(r.stdout) as Record<string, unknown>;
      expect(rec).toMatchObject({
        recorded_date: '2025-04-01', weight_kg: 82.5, weight_unit: 'kg', body_fat_pct: 20, chest_cm: 100, hips_cm: 95, neck_cm: 38,
        left_arm_cm: 35, right_arm_cm: 35.5, left_thigh_cm: 55, right_thigh_cm: 55.5, length_unit: 'cm', muscle_mass_kg: 35,
        resting_heart_rate: 58, blood_pressure_systolic: 120, blood_pressure_diastolic: 80, energy_level: 7, mood: 8,
        sleep_quality: 6, stress_level: 3, sleep_hours: 7.5, notes: NOTE,
      });
      expect((await row(t, '2025-04-01')).notes).toBe(NOTE);
    });

    it('a 10 kB note round-trips', async () => {
      const note = 'x'.repeat(5000) + '\n' + 'ü'.repeat(2500);
      const r = await run(['log-weight', '80kg', '--date', '2025-04-02', '--note', note]);
      expect(r.code, r.stderr).toBe(0);
      expect((await row(t, '2025-04-02')).notes).toBe(note);
    });

    it('logs today by default', async () => {
      const r = await run(['log-weight', '81kg']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(new RegExp(`^Logged 81 kg for ${todayUtc()}`));
      expect(Number((await row(t, todayUtc())).weight_kg)).toBe(81);
    });

    it('computes BMI once the height is known', async () => {
      expect((await run(['config', 'set', 'height', '180cm'])).code).toBe(0);
      const r = await run(['log-weight', '81kg', '--date', '2025-05-01']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('BMI 25.0');
      expect(Number((await row(t, '2025-05-01')).bmi)).toBeCloseTo(25, 10);
    });

    it('--list --json shows history with lean mass, fat mass and BMI', async () => {
      await given(...MEASURED, ['log-weight', '80kg', '--date', '2025-03-04', '--replace'], ['config', 'set', 'height', '180cm']);
      const r = await run(['log-weight', '--list', '--from', '2025-03-01', '--to', '2025-03-31', '--json']);
      expect(r.code, r.stderr).toBe(0);
      const list = JSON.parse(r.stdout) as Array<Record<string, number | string | null>>;
      expect(list.map((x) => x.recorded_date)).toEqual(['2025-03-02', '2025-03-04']);
      // 80 kg at 21.5 % fat: fat 17.2 kg, lean 62.8 kg; BMI 80 / 1.8² = 24.69
      expect(list[1]!.fat_mass_kg).toBeCloseTo(17.2, 10);
      expect(list[1]!.lean_mass_kg).toBeCloseTo(62.8, 10);
      expect(list[1]!.bmi).toBe(24.69);
    });

    it('--list prints a table on stdout', async () => {
      await given(...MEASURED, ['log-weight', '80kg', '--date', '2025-03-04', '--replace'], ['config', 'set', 'height', '180cm']);
      const r = await run(['log-weight', '--list', '--from', '2025-03-01', '--to', '2025-03-31']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('2025-03-04');
      expect(r.stdout).toMatch(/\s*80\.0 kg\s+\s*\u22120\.4 kg\s+\s*21\.5 %\s+\s*62\.8 kg\s+\s*17\.2 kg\s+\s*24\.7\s+\s*86\.4 cm/);
    });

    });

    const bad: Array<[string, string[], string]> = [
      ['not a weight', ['log-weight', 'abc'], 'fittrack: error: <weight>: "abc" is not a weight'],
      ['weight too high', ['log-weight', '800kg'], 'fittrack: error: <weight>: 800 kg is out of range (allowed 20–500 kg)'],
      ['weight too low in lb', ['log-weight', '10lb'], 'fittrack: error: <weight>: 10 lb is out of range (allowed 44.1–1102.3 lb)'],
      ['unknown unit', ['log-weight', '80stone'], 'fittrack: error: <weight>: "stone" in "80stone" is not a weight unit'],
      ['body fat out of range', ['log-weight', '80kg', '--body-fat', '80'], 'fittrack: error: --body-fat: 80 is out of range (allowed 2–75 %)'],
      ['waist out of range', ['log-weight', '--waist', '500cm'], 'fittrack: error: --waist: 500 cm is out of range (allowed 5–400 cm)'],
      ['heart rate out of range', ['log-weight', '80kg', '--rhr', '300'], 'fittrack: error: --rhr: 300 bpm is out of range (allowed 25–250 bpm)'],
      ['blood pressure upside down', ['log-weight', '80kg', '--bp', '80/120'], 'fittrack: error: --bp: 80/120 has systolic 80 not above diastolic 120'],
      ['mood out of scale', ['log-weight', '80kg', '--mood', '11'], 'fittrack: error: --mood: 11 is out of range (allowed 1–10)'],
      ['energy not a number', ['log-weight', '80kg', '--energy', 'high'], 'fittrack: error: --energy: "high" is not a number'],
      ['sleep hours out of range', ['log-weight', '80kg', '--sleep-hours', '30'], 'fittrack: error: --sleep-hours: 30 h is out of range (allowed 0–24 h)'],
      ['muscle mass out of range', ['log-weight', '80kg', '--muscle-mass', '2kg'], 'fittrack: error: --muscle-mass: 2 kg is out of range (allowed 5–300 kg)'],
      ['date in the future', ['log-weight', '80kg', '--date', '2999-01-01'], 'fittrack: error: --date: 2999-01-01 is in the future'],
      ['not a calendar date', ['log-weight', '80kg', '--date', '2025-02-30'], 'fittrack: error: --date: "2025-02-30" is not a calendar date'],
      ['nothing given, no terminal', ['log-weight'], 'fittrack: error: missing <weight> — give it as an argument (e.g. fittrack log-weight 80kg) or run in a terminal to be asked'],
      ['different value on a logged day', ['log-weight', '81kg', '--date', '2025-03-04'], 'fittrack: error: 2025-03-04 already has weight 80.0 kg (you gave 81.0 kg)'],
      ['--list with a weight', ['log-weight', '--list', '80kg'], 'fittrack: error: --list does not take a weight ("80kg")'],
    ];
    // Refusals write nothing, so they may run side by side, on one logged day.
    describe.concurrent('refuses', () => {
      beforeAll(async () => {
        await reset();
        await given(['log-weight', '80kg', '--date', '2025-03-04']);
      });
      for (const [name, args, message] of bad) {
      it(name, async () => {
        const before = await snapshot(t.db);
        const r = await run(args);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr.split('\n')[0]).toBe(message);
        expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(2);
        expect(r.stdout).toBe('');
        expect(await snapshot(t.db)).toBe(before);
      });
      }
    });
  });
}

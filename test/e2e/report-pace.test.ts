/**
 * `report weight` reads the weekly rate as a percentage of body weight against the band coaches
 * recommend (0.5–1.0 % a week) and, with an active weight goal, the rate the goal needs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects, useTestDb } from '../helpers/db.js';
import { runCli } from '../helpers/cli.js';
import { addDaysIso, seedUser } from '../helpers/seed.js';

const today = new Date().toISOString().slice(0, 10);
const KG_PER_LB = 0.45359237;

interface WeightJson {
  latest_trend_kg: number;
  weekly_rate_kg: number;
  weekly_rate_pct: number;
  recommended_weekly_rate_pct: { min: number; max: number };
  rate_direction: string;
  rate_band: string;
  goal: { title: string; target_kg: number; target_date: string; required_weekly_rate_kg: number; required_weekly_rate_pct: number } | null;
}

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const start = addDaysIso(today, -21);
    beforeAll(async () => {
      // 21 daily weigh-ins from 241 lb down 0.3 lb a day; goal "Reach 220 lb" by start + 182 days.
      await seedUser(t.db, 'dana', { days: 21, start });
    });
    const run = (args: string[]) => runCli(args, { db: t.url, home: t.dir });

    it('--json: the rate as % of body weight, the band, and the rate the goal needs, rounded', async () => {
      const r = await run(['report', 'weight', '--json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as WeightJson;
      const pct = (out.weekly_rate_kg / out.latest_trend_kg) * 100;
      expect(out.weekly_rate_pct).toBe(Math.round(pct * 100) / 100);
      expect(out.weekly_rate_pct).toBeLessThan(-0.5);
      expect(out.recommended_weekly_rate_pct).toEqual({ min: 0.5, max: 1.0 });
      expect(out.rate_direction).toBe('cut');
      expect(out.rate_band).toBe(-out.weekly_rate_pct < 0.5 ? 'below' : -out.weekly_rate_pct > 1 ? 'above' : 'within');
      expect(out.rate_band).toBe('within');
      const targetDate = addDaysIso(start, 182);
      expect(out.goal).toMatchObject({ title: 'Reach 220 lb', target_kg: Math.round(220 * KG_PER_LB * 1000) / 1000, target_date: targetDate });
      // The goal measures weight on the trend: what is left, over the days left, per week.
      const days = (Date.parse(targetDate) - Date.parse(today)) / 86_400_000;
      const need = ((220 * KG_PER_LB - out.latest_trend_kg) / days) * 7;
      expect(out.goal!.required_weekly_rate_kg).toBeCloseTo(need, 3);
      expect(out.goal!.required_weekly_rate_pct).toBeCloseTo((need / out.latest_trend_kg) * 100, 2);
      expect(String(out.goal!.required_weekly_rate_pct)).toMatch(/^-?\d+(\.\d{1,2})?$/);
    });

    it('the table view says where the rate stands and what the goal needs, in the user’s units', async () => {
      const json = JSON.parse((await run(['report', 'weight', '--json'])).stdout) as WeightJson;
      const r = await run(['report', 'weight']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Weekly rate −${(-json.weekly_rate_pct).toFixed(2)} % of body weight: within the 0.5–1.0 % a week recommended for a cut`);
      const needLb = (json.goal!.required_weekly_rate_kg / KG_PER_LB).toFixed(2);
      expect(r.stdout).toContain(`Goal "Reach 220 lb": needs −${needLb.replace('-', '')} lb (−${(-json.goal!.required_weekly_rate_pct).toFixed(2)} %) a week to reach 220.0 lb by ${json.goal!.target_date}`);
    });

    it('without an active weight goal: the band in the direction of the rate, and no goal', async () => {
      await t.db('user_goals').where({ metric: 'weight_kg' }).update({ status: 'paused' });
      const out = JSON.parse((await run(['report', 'weight', '--json'])).stdout) as WeightJson;
      expect(out.goal).toBeNull();
      expect(out.rate_direction).toBe('cut');
      const r = await run(['report', 'weight']);
      expect(r.stdout).toContain('recommended for a cut');
      expect(r.stdout).not.toContain('Goal "');
      await t.db('user_goals').where({ metric: 'weight_kg' }).update({ status: 'active' });
    });
  });
}

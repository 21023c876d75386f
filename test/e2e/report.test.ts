import { beforeAll, describe, expect, it } from 'vitest';
import { dialects, useTestDb } from '../helpers/db.js';
import { runCli } from '../helpers/cli.js';
import { addDaysIso, seedUser } from '../helpers/seed.js';

const today = new Date().toISOString().slice(0, 10);

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    beforeAll(async () => {
      // 21 daily weigh-ins ending yesterday, from 241 lb down by 0.3 lb a day.
      await seedUser(t.db, 'dana', { days: 21, start: addDaysIso(today, -21) });
      await seedUser(t.db, 'lee', { days: 21, start: addDaysIso(today, -21), startLb: 150 });
    });
    const run = (args: string[], columns?: number) => runCli(args, { db: t.url, home: t.dir, env: columns ? { COLUMNS: String(columns) } : {} });

    it('report weight: trend numbers as JSON match the Hacker’s Diet smoothing', async () => {
      const r = await run(['report', 'weight', '--json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as { points: Array<{ weight_kg: number; trend_kg: number; weekly_rate_kg: number | null }>; weekly_rate_kg: number };
      expect(out.points).toHaveLength(21);
      let trend = out.points[0]!.weight_kg;
      for (const p of out.points) {
        trend = p === out.points[0] ? trend : trend + 0.1 * (p.weight_kg - trend);
        // Derived kilograms are printed to 0.001 kg (the stated precision), no more.
        expect(Math.abs(p.trend_kg - trend)).toBeLessThanOrEqual(0.0005 + 1e-9);
        expect(String(p.trend_kg)).toMatch(/^\d+(\.\d{1,3})?$/);
      }
      expect(out.points[6]!.weekly_rate_kg).toBeNull();
      expect(out.weekly_rate_kg).toBeLessThan(0);
      // Only dana's weights (lee weighs 150 lb or less).
      expect(Math.min(...out.points.map((p) => p.weight_kg))).toBeGreaterThan(100);
    });

    it('report weight: a table and a chart in the user’s units', async () => {
      const r = await run(['report', 'weight']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Trend 23\d\.\d lb on /);
      expect(r.stdout).toContain('weight · trend (lb)');
      expect(r.stdout).toMatch(/┤/);
      expect(r.stdout).toContain('/wk');
    });

    it('report lifts: records and weekly volume', async () => {
      const r = await run(['report', 'lifts', '--json']);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as { records: Array<{ exercise: string; heaviest: { weight_kg: number; reps: number }; e1rm_epley: { e1rm_kg: number } }>; weekly_volume: Array<{ volume_kg: number }> };
      expect(out.records.map((x) => x.exercise)).toEqual(['Back Squat', 'Bench Press']);
      // Squat goes up 10 lb a session: the last session (day 20) is 200 lb × 5.
      expect(out.records[0]!.heaviest.weight_kg).toBeCloseTo(200 * 0.45359237, 9);
      expect(Math.abs(out.records[0]!.e1rm_epley.e1rm_kg - 200 * 0.45359237 * (1 + 5 / 30))).toBeLessThanOrEqual(0.0005 + 1e-9);
      expect(out.records[1]!.heaviest).toMatchObject({ weight_kg: 60, reps: 8 });
      expect(out.weekly_volume.length).toBeGreaterThanOrEqual(3);
      const text = await run(['report', 'lifts', 'squat']);
      expect(text.stderr).toBe('');
      expect(text.code).toBe(0);
      expect(text.stdout).toContain('Back Squat');
      expect(text.stdout).not.toContain('Bench Press');
      expect(text.stdout).toContain('Best reps at each load');
      expect(text.stdout).toContain('Weekly volume');
    });

    it('report goals and summary', async () => {
      const g = await run(['report', 'goals', '--json']);
      expect(g.code).toBe(0);
      const goals = (JSON.parse(g.stdout) as { goals: Array<{ title: string; progress_pct: number; projected_date: string | null }> }).goals;
      expect(goals[0]!.title).toBe('Reach 220 lb');
      expect(goals[0]!.progress_pct).toBeGreaterThan(0);
      expect(goals[0]!.projected_date! > today).toBe(true);
      const text = await run(['report', 'goals']);
      expect(text.stdout).toContain('█');

      const s = await run(['report', 'summary', '--json']);
      expect(s.code).toBe(0);
      const sum = JSON.parse(s.stdout) as Record<string, unknown>;
      expect(sum).toMatchObject({ to: today, meal_days: 6, calories_per_day: 1150, protein_g_per_day: 85.5 });
      // Open actions are listed whatever their date.
      expect(sum.open_actions).toEqual([{ date: addDaysIso(today, -12), text: 'Protein first: 180 g a day before anything else.' }]);
      const month = JSON.parse((await run(['report', 'summary', '--month', '--json'])).stdout) as { open_actions: unknown[]; sessions: number };
      expect(month.sessions).toBe(12);
    });

    it('asks for a report kind', async () => {
      const r = await run(['report']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('choose a report');
    });
  });
}

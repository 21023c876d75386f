/**
 * A goal's progress and projected date are one computation: `goal list`, `goal show`,
 * `report goals` and the JSON export show the same numbers for the same data, measured on the
 * smoothed weight trend `report weight` shows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

/** The UTC calendar day `n` days from today (the CLI runs with TZ=UTC). */
function day(n: number): string {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}

interface Shown {
  title: string;
  current: number | null;
  progress: number | null;
  projected: string | null;
}

for (const dialect of dialects) {
  describe(`goal progress on every path (${dialect})`, () => {
    const t = useTestDb(dialect);
    const run = async (args: string[]) => {
      const r = await runCli(args, { db: t.url, home: t.dir });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      return r;
    };

    beforeAll(async () => {
      // 82 kg three weeks ago, down 0.1 kg every other day, with a water swing in the middle.
      for (let k = 0; k <= 10; k++) await run(['log-weight', `${(82 - 0.1 * k + (k === 5 ? 1.5 : 0)).toFixed(1)}kg`, '--date', day(-20 + 2 * k)]);
      await run(['goal', 'add', 'Get to 75 kg', '--metric', 'weight', '--target', '75kg']);
      await run(['goal', 'add', 'Hold 80 kg', '--metric', 'weight', '--start', '80kg', '--target', '80kg', '--type', 'weight_loss']);
      await run(['goal', 'add', 'Read 12 books', '--metric', 'custom', '--target', '12 books']);
      await run(['goal', 'update', '3', '6']);
    });

    it('goal list, report goals and the export agree, on the trend report weight shows', async () => {
      const list = (JSON.parse((await run(['goal', 'list', '--json'])).stdout) as Array<{ title: string; current_value: number | null; progress_pct: number | null; projected_date: string | null }>).map(
        (g): Shown => ({ title: g.title, current: g.current_value, progress: g.progress_pct, projected: g.projected_date }),
      );
      const report = (JSON.parse((await run(['report', 'goals', '--json'])).stdout) as { goals: Array<{ title: string; measured_value: number | null; progress_pct: number | null; projected_date: string | null }> }).goals.map(
        (g): Shown => ({ title: g.title, current: g.measured_value, progress: g.progress_pct, projected: g.projected_date }),
      );
      const exported = (JSON.parse((await run(['export', '--what', 'goals'])).stdout) as { goals: Array<{ title: string; progress_pct: number | null; projected_date: string | null }> }).goals;

      expect(report).toEqual(list);
      expect(exported.map((g) => ({ title: g.title, progress: g.progress_pct, projected: g.projected_date }))).toEqual(list.map(({ title, progress, projected }) => ({ title, progress, projected })));

      const weight = JSON.parse((await run(['report', 'weight', '--json'])).stdout) as { latest_trend_kg: number; weekly_rate_kg: number };
      const [lose, hold, books] = list;
      expect(lose!.current).toBeCloseTo(weight.latest_trend_kg, 9);
      // Projected from the trend's weekly rate, counted from the latest weigh-in (today).
      expect(lose!.projected).toBe(day(Math.ceil((75 - weight.latest_trend_kg) / (weight.weekly_rate_kg / 7) - 1e-6)));
      // Start = target: no distance to cover, so no percentage, on every path.
      expect(hold).toMatchObject({ title: 'Hold 80 kg', progress: null });
      expect(books).toEqual({ title: 'Read 12 books', current: 6, progress: 50, projected: null });
    });

    it('goal show prints the same projection', async () => {
      const r = await run(['goal', 'show', '1']);
      const [g] = JSON.parse((await run(['goal', 'list', '--json'])).stdout) as Array<{ projected_date: string }>;
      expect(r.stdout).toMatch(new RegExp(`Projected\\s+${g!.projected_date}`));
      const report = await run(['report', 'goals']);
      expect(report.stdout).toContain(`on the current trend: ${g!.projected_date}`);
    });

    it('report goals shows goal values in the user\'s units, as goal list does', async () => {
      await run(['config', 'set', 'units', 'imperial']);
      try {
        const list = (await run(['goal', 'list'])).stdout;
        const report = (await run(['report', 'goals'])).stdout;
        // Start 80 kg = 176.4 lb, target 80 kg: the same text in both.
        expect(list).toMatch(/Hold 80 kg\s+active\s+176\.4 lb\s+[\d.]+ lb\s+176\.4 lb/);
        expect(report).toMatch(/176\.4 lb → [\d.]+ lb of 176\.4 lb/);
        expect(report).toContain('0 books → 6 books of 12 books');
      } finally {
        await run(['config', 'set', 'units', 'metric']);
      }
    });
  });
}

/**
 * `fittrack log-meal` as a user runs it: the built binary, both engines, the stored row, the
 * day view with totals and macro percentages, and refusals (exit 2) that write nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

async function snapshot(db: Knex): Promise<string> {
  return JSON.stringify(await db('meal_logs').select('*').orderBy('id'));
}

const TEXT = `Mum's "special" stew'); DROP TABLE meal_logs; -- 🍲`;

for (const dialect of dialects) {
  describe(`log-meal (${dialect})`, () => {
    const t = useTestDb(dialect);
    const run = (args: string[]) => runCli(args, { db: t.url, home: t.dir });
    const meals = () => t.db('meal_logs').select('*').orderBy('id') as Promise<Array<Record<string, unknown>>>;

    it('computes calories from the macros when not given, and says so', async () => {
      const r = await run(['log-meal', 'breakfast', '3 eggs, 2 slices toast', '--protein', '30', '--carbs', '40g', '--fat', '15', '--date', '2025-03-04']);
      expect(r.code, r.stderr).toBe(0);
      // 30×4 + 40×4 + 15×9 = 415
      expect(r.stderr).toBe('Logged breakfast for 2025-03-04: 415 kcal (computed from the macros: 4 kcal/g protein and carbs, 9 kcal/g fat), protein 30 g, carbs 40 g, fat 15 g\n');
      const [m] = await meals();
      expect(m).toMatchObject({ meal_type: 'breakfast', description: '3 eggs, 2 slices toast', meal_date: '2025-03-04' });
      expect(Number(m!.calories)).toBe(415);
    });

    it('reads "Pre Workout" and pre-workout as pre_workout, water with units', async () => {
      let r = await run(['log-meal', 'Pre Workout', 'banana', '--calories', '105', '--water', '0.5l', '--date', '2025-03-04']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('Logged pre workout for 2025-03-04: 105 kcal\n');
      r = await run(['log-meal', 'pre-workout', 'coffee', '--water', '250ml', '--date', '2025-03-05']);
      expect(r.code, r.stderr).toBe(0);
      const rows = await meals();
      expect(rows.slice(1).map((m) => [m.meal_type, Number(m.water_ml)])).toEqual([['pre_workout', 500], ['pre_workout', 250]]);
    });

    it('--json prints the stored meal with every field; text exactly as typed', async () => {
      const r = await run([
        'log-meal', 'dinner', TEXT, '--calories', '650', '--protein', '45', '--carbs', '60', '--fat', '20', '--fiber', '8', '--sugar', '12',
        '--sodium', '1200mg', '--water', '500ml', '--adherence', 'off-plan', '--satisfaction', '9', '--hunger-before', '7',
        '--hunger-after', '2', '--satiety-before', '3', '--satiety-after', '8', '--note', TEXT, '--date', '2025-03-04', '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toMatchObject({
        meal_date: '2025-03-04', meal_type: 'dinner', description: TEXT, calories: 650, protein_g: 45, carbs_g: 60, fat_g: 20,
        fiber_g: 8, sugar_g: 12, sodium_mg: 1200, water_ml: 500, adherence: 'off_plan', satisfaction: 9, hunger_before: 7,
        hunger_after: 2, satiety_before: 3, satiety_after: 8, notes: TEXT,
      });
      expect((await meals()).at(-1)!.description).toBe(TEXT);
    });

    it('--list --json gives the day with totals and macro percentages', async () => {
      const r = await run(['log-meal', '--list', '--date', '2025-03-04', '--json']);
      expect(r.code, r.stderr).toBe(0);
      const day = JSON.parse(r.stdout) as { date: string; meals: unknown[]; totals: Record<string, number>; macro_pct: Record<string, number> };
      expect(day.date).toBe('2025-03-04');
      expect(day.meals).toHaveLength(3);
      expect(day.totals).toMatchObject({ calories: 415 + 105 + 650, protein_g: 75, carbs_g: 100, fat_g: 35, water_ml: 1000 });
      // energy from macros: 75×4 = 300, 100×4 = 400, 35×9 = 315 → of 1015, as percentages to 0.01
      expect(day.macro_pct).toEqual({ protein: 29.56, carbs: 39.41, fat: 31.03 });
    });

    it('--list prints the day as a table with a total row and percentages', async () => {
      const r = await run(['log-meal', '--list', '--date', '2025-03-04']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('Meals on 2025-03-04');
      expect(r.stdout).toMatch(/Total\s+3 meals\s+\s*1170 \s*75 g \s*100 g \s*35 g/);
      expect(r.stdout).toContain('Energy from macros: protein 30 % · carbs 39 % · fat 31 %');
    });

    const bad: Array<[string, string[], string]> = [
      ['unknown meal type', ['log-meal', 'elevenses', 'cake'], 'fittrack: error: <meal-type>: "elevenses" is not one of breakfast, lunch, dinner, snack, pre_workout, post_workout'],
      ['calories too high', ['log-meal', 'lunch', 'x', '--calories', '20000'], 'fittrack: error: --calories: 20000 kcal is out of range (allowed 0–10000 kcal)'],
      ['negative protein', ['log-meal', 'lunch', 'x', '--protein', '-5'], 'fittrack: error: --protein: -5 g is out of range (allowed 0–2000 g)'],
      ['carbs not a number', ['log-meal', 'lunch', 'x', '--carbs', 'lots'], 'fittrack: error: --carbs: "lots" is not a number'],
      ['fat with a wrong unit', ['log-meal', 'lunch', 'x', '--fat', '10oz'], 'fittrack: error: --fat: "10oz" is not a number'],
      ['sodium too high', ['log-meal', 'lunch', 'x', '--sodium', '200000'], 'fittrack: error: --sodium: 200000 mg is out of range (allowed 0–100000 mg)'],
      ['water not a volume', ['log-meal', 'lunch', 'x', '--water', '2kg'], 'fittrack: error: --water: "kg" in "2kg" is not a volume unit'],
      ['water too much', ['log-meal', 'lunch', 'x', '--water', '25l'], 'fittrack: error: --water: 25 l is out of range (allowed 0–20000 ml)'],
      ['unknown adherence', ['log-meal', 'lunch', 'x', '--adherence', 'great'], 'fittrack: error: --adherence: "great" is not one of perfect, good, fair, poor, off_plan'],
      ['satisfaction out of scale', ['log-meal', 'lunch', 'x', '--satisfaction', '0'], 'fittrack: error: --satisfaction: 0 is out of range (allowed 1–10)'],
      ['hunger not whole', ['log-meal', 'lunch', 'x', '--hunger-before', '5.5'], 'fittrack: error: --hunger-before: 5.5 is not a whole number (allowed 1–10)'],
      ['macros over the calorie limit', ['log-meal', 'lunch', 'x', '--fat', '1500'], 'fittrack: error: calories from macros: 13500 kcal is out of range (allowed 0–10000 kcal)'],
      ['empty description', ['log-meal', 'lunch', '  '], 'fittrack: error: <description>: is empty'],
      ['date in the future', ['log-meal', 'lunch', 'x', '--date', '2999-01-01'], 'fittrack: error: --date: 2999-01-01 is in the future'],
      ['no description, no terminal', ['log-meal', 'lunch'], 'fittrack: error: missing <description> — give it as an argument (e.g. fittrack log-meal lunch "chicken salad") or run in a terminal to be asked'],
      ['nothing given, no terminal', ['log-meal'], 'fittrack: error: missing <meal-type> — give it as an argument (e.g. fittrack log-meal lunch "chicken salad") or run in a terminal to be asked'],
    ];
    // Refusals write nothing, so they may run side by side.
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

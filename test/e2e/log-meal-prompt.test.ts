/**
 * `fittrack log-meal` at a terminal: it asks for the meal type (a list, the likely meal for the
 * time of day first) and the description (the last one of that type as the default) when they
 * are missing.
 */
import { describe, expect, it } from 'vitest';
import { mealTypeForHour, MEAL_TYPES } from '../../src/domain/meal.js';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';
import { plain, spawnCliPty } from '../helpers/pty.js';

for (const dialect of dialects) {
  describe(`log-meal asks at a terminal (${dialect})`, () => {
    const t = useTestDb(dialect);
    const meals = () => t.db('meal_logs').select('meal_type', 'description', 'meal_date').orderBy('id');

    it('asks for the type and the description', async () => {
      const expected = MEAL_TYPES[(MEAL_TYPES.indexOf(mealTypeForHour(new Date().getUTCHours())) + 1) % MEAL_TYPES.length];
      const p = spawnCliPty(['log-meal', '--date', '2025-03-04', '--calories', '300'], { db: t.url, home: t.dir });
      await p.waitFor(/Meal/);
      p.write('\x1b[B');
      await p.waitFor(/./);
      p.write('\r');
      await p.waitFor(/What did you eat\?/);
      p.write(`Greek yoghurt & "honey" 🍯\r`);
      expect(await p.exit).toBe(0);
      expect(plain(p.output())).toContain(`Logged ${expected!.replace('_', ' ')} for 2025-03-04: 300 kcal`);
      expect(await meals()).toEqual([{ meal_type: expected, description: 'Greek yoghurt & "honey" 🍯', meal_date: '2025-03-04' }]);
    });

    it('asks only for the description when the type is given', async () => {
      const p = spawnCliPty(['log-meal', 'Post Workout', '--date', '2025-03-05'], { db: t.url, home: t.dir });
      await p.waitFor(/What did you eat\?/);
      p.write('shake\r');
      expect(await p.exit).toBe(0);
      expect((await meals()).at(-1)).toEqual({ meal_type: 'post_workout', description: 'shake', meal_date: '2025-03-05' });
    });

    it('offers the last description of that meal type as the default', async () => {
      const p = spawnCliPty(['log-meal', 'post-workout', '--date', '2025-03-06'], { db: t.url, home: t.dir });
      await p.waitFor(/What did you eat\?.*shake/);
      p.write('\r');
      expect(await p.exit).toBe(0);
      expect((await meals()).at(-1)).toEqual({ meal_type: 'post_workout', description: 'shake', meal_date: '2025-03-06' });
    });

    it('without a terminal it refuses at once', async () => {
      const r = await runCli(['log-meal', '--date', '2025-03-06'], { db: t.url, home: t.dir, input: 'lunch\nsoup\n', timeoutMs: 20_000 });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('fittrack: error: missing <meal-type>');
      expect(await meals()).toHaveLength(3);
    });
  });
}

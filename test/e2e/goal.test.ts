/**
 * `fittrack goal` as a user runs it: metric goals that read their value from weigh-ins and
 * workouts, custom goals, progress and projection, status changes, automatic completion by a
 * weigh-in, and refusals that write nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

/** The UTC calendar day `n` days from today (the CLI runs with TZ=UTC). */
function day(n: number): string {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}

async function snapshot(db: Knex): Promise<string> {
  return JSON.stringify({ goals: await db('user_goals').select('*').orderBy('id'), health: await db('health_metrics').select('*').orderBy('id') });
}

interface GoalJson {
  id: number;
  title: string;
  goal_type: string;
  metric: string | null;
  start_value: number | null;
  target_value: number | null;
  current_value: number | null;
  unit: string | null;
  status: string;
  completed_at: string | null;
  progress_pct: number | null;
  projected_date: string | null;
}

for (const dialect of dialects) {
  describe(`goal (${dialect})`, () => {
    const t = useTestDb(dialect);
    const run = (args: string[]) => runCli(args, { db: t.url, home: t.dir });
    const list = async () => {
      const r = await run(['goal', 'list', '--json']);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as GoalJson[];
    };
    const target = day(200);

    it('adds a weight goal starting from the weight trend, inferred as weight loss', async () => {
      expect((await run(['log-weight', '82kg', '--date', day(-20)])).code).toBe(0);
      expect((await run(['log-weight', '81kg', '--date', day(-10)])).code).toBe(0);
      const r = await run(['goal', 'add', 'Get to 75 kg', '--metric', 'weight', '--target', '75kg', '--by', target]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe(`Added goal #1 "Get to 75 kg" (weight loss): 75.0 kg from 81.9 kg by ${target}\n`);
      const g = await t.db('user_goals').where('id', 1).first();
      expect(g).toMatchObject({ goal_type: 'weight_loss', metric: 'weight_kg', unit: 'kg', status: 'active', target_date: target, start_date: day(0) });
      // The trend (as report weight shows it): 82, then 82 + 0.1 × (81 − 82).
      expect(Number(g.start_value)).toBeCloseTo(81.9, 9);
      expect(Number(g.target_value)).toBe(75);
    });

    it('lists progress and the date projected from the recent trend', async () => {
      const [g] = await list();
      // Trend 82 → 81.9 kg over 10 days: −0.07 kg a week, −0.01 kg a day; 6.9 kg to go from 10 days ago → 690 days.
      expect(g).toMatchObject({ id: 1, progress_pct: 0, projected_date: day(680) });
      expect(g!.current_value).toBeCloseTo(81.9, 9);
      const r = await run(['goal', 'list']);
      expect(r.stdout).toMatch(/#1\s+Get to 75 kg\s+active \s*81\.9 kg \s*81\.9 kg \s*75\.0 kg \s*0 %/);
    });

    it('a custom goal is updated by hand and completes when it reaches its target', async () => {
      let r = await run(['goal', 'add', 'Read 12 books', '--metric', 'custom', '--target', '12 books']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('Added goal #2 "Read 12 books" (habit): 12 books from 0 books\n');
      r = await run(['goal', 'update', '2', '6']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('Goal #2 "Read 12 books": now 6 books (50 %)\n');
      expect((await list())[1]).toMatchObject({ current_value: 6, progress_pct: 50, status: 'active' });
      r = await run(['goal', 'update', '#2', '12', '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ id: 2, status: 'completed', current_value: 12 });
    });

    it('an e1rm goal reads the best Epley estimate from the workouts', async () => {
      const user = await t.db('users').where('username', 'tester').first();
      const [s] = await t.db('workout_sessions').insert({ user_id: user.id, session_date: day(-5), title: 'Push' }).returning('id');
      await t.db('exercise_logs').insert({ session_id: (s as { id: number }).id, exercise_name: 'Bench Press', order_index: 0, sets: 3, reps: 5, weight_kg: 100, weight_unit: 'kg' });
      const r = await run(['goal', 'add', 'Bench 120', '--metric', 'e1rm:bench press', '--target', '120kg']);
      expect(r.code, r.stderr).toBe(0);
      // 100 × (1 + 5/30) = 116.67
      expect(r.stderr).toBe('Added goal #3 "Bench 120" (strength): 120.0 kg from 116.7 kg\n');
      const g = (await list())[2]!;
      expect(g.start_value).toBeCloseTo(116.6667, 3);
      expect(g.goal_type).toBe('strength');
    });

    it('body fat goals keep percent, --type overrides the guess', async () => {
      let r = await run(['goal', 'add', 'Leaner', '--metric', 'body_fat', '--target', '15%', '--start', '22', '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ id: 4, metric: 'body_fat_pct', unit: '%', start_value: 22, target_value: 15, goal_type: 'weight_loss' });
      r = await run(['goal', 'add', 'Bulk', '--metric', 'weight', '--target', '90kg', '--type', 'muscle gain', '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ id: 5, goal_type: 'muscle_gain' });
      expect(JSON.parse(r.stdout).start_value).toBeCloseTo(81.9, 9);
    });

    it('pause, resume, abandon and complete change the status', async () => {
      const steps: Array<[string, string, string]> = [
        ['pause', 'Goal #4 "Leaner" paused', 'paused'],
        ['resume', 'Goal #4 "Leaner" active again', 'active'],
        ['abandon', 'Goal #4 "Leaner" abandoned', 'abandoned'],
        ['resume', 'Goal #4 "Leaner" active again', 'active'],
        ['complete', 'Goal #4 "Leaner" marked complete', 'completed'],
      ];
      for (const [verb, message, status] of steps) {
        const r = await run(['goal', verb, '4']);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toBe(`${message}\n`);
        const g = await t.db('user_goals').where('id', 4).first();
        expect(g.status).toBe(status);
        expect(g.completed_at === null).toBe(status !== 'completed');
      }
    });

    it('a weigh-in that reaches the target completes the goal and says so', async () => {
      const r = await run(['log-weight', '74.9kg']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr.split('\n')[1]).toBe('Goal #1 "Get to 75 kg" reached — marked complete');
      const g = await t.db('user_goals').where('id', 1).first();
      expect(g.status).toBe('completed');
      expect(g.completed_at).not.toBeNull();
      expect(Number(g.current_value)).toBe(74.9);
      const show = await run(['goal', 'show', '1']);
      expect(show.stdout).toMatch(/Goal #1\s+Get to 75 kg/);
      expect(show.stdout).toMatch(/Status\s+completed/);
      expect(show.stdout).toMatch(/Progress\s+100\.0 %/);
    });

    const bad: Array<[string, string[], string, number?]> = [
      ['unknown metric', ['goal', 'add', 'x', '--metric', 'height', '--target', '3'], 'fittrack: error: --metric: "height" is not a goal metric'],
      ['no target', ['goal', 'add', 'x', '--metric', 'weight'], "fittrack: error: required option '--target <value>' not specified"],
      ['weight target out of range', ['goal', 'add', 'x', '--metric', 'weight', '--target', '5kg'], 'fittrack: error: --target: 5 kg is out of range (allowed 20–500 kg)'],
      ['body fat target out of range', ['goal', 'add', 'x', '--metric', 'body_fat', '--target', '90'], 'fittrack: error: --target: 90 is out of range (allowed 2–75 %)'],
      ['target date in the past', ['goal', 'add', 'x', '--metric', 'weight', '--target', '70kg', '--by', '2020-01-01'], 'fittrack: error: --by: 2020-01-01 is in the past'],
      ['unknown type', ['goal', 'add', 'x', '--metric', 'weight', '--target', '70kg', '--type', 'cutting'], 'fittrack: error: --type: "cutting" is not one of weight_loss, muscle_gain, strength, endurance, flexibility, skill, habit, nutrition'],
      ['title too long', ['goal', 'add', 'x'.repeat(201), '--metric', 'custom', '--target', '3'], 'fittrack: error: <title>: 201 characters is too long (allowed up to 200)'],
      ['custom target not a number', ['goal', 'add', 'x', '--metric', 'custom', '--target', 'many'], 'fittrack: error: --target: "many" is not a number'],
      ['update of a metric goal', ['goal', 'update', '5', '80'], 'fittrack: error: goal #5 follows your logged data (weight_kg); its value cannot be set by hand'],
      ['update of a completed goal', ['goal', 'update', '2', '13'], 'fittrack: error: goal #2 is completed; only an active goal can be updated'],
      ['pause of a completed goal', ['goal', 'pause', '1'], 'fittrack: error: goal #1 is completed; only active goals can be paused'],
      ['resume of an active goal', ['goal', 'resume', '5'], 'fittrack: error: goal #5 is active; only paused or abandoned goals can be resumed'],
      ['not a goal number', ['goal', 'show', 'abc'], 'fittrack: error: <id>: "abc" is not a goal number'],
      ['unknown status filter', ['goal', 'list', '--status', 'done'], 'fittrack: error: --status: "done" is not one of active, completed, paused, abandoned'],
      ['a goal that does not exist', ['goal', 'complete', '999'], 'fittrack: error: goal #999 not found', 1],
    ];
    describe.concurrent('refuses', () => {
      for (const [name, args, message, code] of bad) {
        it(name, async () => {
          const before = await snapshot(t.db);
          const r = await run(args);
          expect(r.code, r.stderr).toBe(code ?? 2);
          expect(r.stderr.split('\n')[0]).toBe(message);
          expect(r.stdout).toBe('');
          expect(await snapshot(t.db)).toBe(before);
        });
      }
    });
  });
}

/**
 * `fittrack exercise list|show|add|edit`: the shared library, the acting user's history and
 * best sets, and bad input refused with exit 2 and nothing written.
 */
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

async function dump(db: Knex): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of ['users', 'exercise_definitions', 'workout_sessions', 'exercise_logs']) out[table] = await db(table).orderBy('id').select();
  return out;
}

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const cli = (args: string[]) => runCli(args, { db: t.url, home: t.dir });

    it('adds an exercise with every field and prints the stored entry with --json', async () => {
      const r = await cli([
        'exercise', 'add', 'Bench Press', '--category', 'compound', '--muscles', 'chest, triceps', '--equipment', 'barbell,bench',
        '--difficulty', 'Intermediate', '--description', 'Press from the chest', '--instructions', 'Lower to the chest; press up',
        '--tips', 'Feet down, "leg drive" 💪', '--video-url', 'https://example.com/bench', '--image-url', 'http://example.com/bench.png', '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('Added "Bench Press" to the exercise library (#1, compound)\n');
      expect(JSON.parse(r.stdout)).toMatchObject({
        id: 1,
        name: 'Bench Press',
        category: 'compound',
        muscle_groups: ['chest', 'triceps'],
        equipment: ['barbell', 'bench'],
        difficulty: 'intermediate',
        tips: 'Feet down, "leg drive" 💪',
        video_url: 'https://example.com/bench',
        image_url: 'http://example.com/bench.png',
      });
    });

    it('guesses the category from the name when none is given', async () => {
      const r = await cli(['exercise', 'add', 'Hanging Leg Raise']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('Added "Hanging Leg Raise" to the exercise library (#2, core, guessed from the name)\n');
    });

    it('lists the library, by category, as a table or JSON', async () => {
      const all = await cli(['exercise', 'list']);
      expect(all.code, all.stderr).toBe(0);
      expect(all.stdout).toMatch(/\s*1\s+Bench Press\s+compound\s+chest, triceps\s+barbell, bench\s+intermediate/);
      expect(all.stdout).toMatch(/\s*2\s+Hanging Leg Raise\s+core/);
      const core = JSON.parse((await cli(['exercise', 'list', '--category', 'core', '--json'])).stdout);
      expect(core.map((d: { name: string }) => d.name)).toEqual(['Hanging Leg Raise']);
    });

    it('shows the definition with the history and best sets of the acting user only', async () => {
      for (const args of [
        ['Upper A', 'bench press 3x8@80kg rpe 8', '--date', '2025-03-04'],
        ['Upper A', 'BENCH PRESS 5,5,5,3@90kg', '--date', '2025-03-07'],
        ['Upper B', 'Bench Press 1x1@100kg', '--date', '2025-03-10'],
      ]) {
        const r = await cli(['log-workout', ...args]);
        expect(r.code, r.stderr).toBe(0);
      }
      // Another user's heavier set is not shown.
      await t.db('users').insert({ username: 'someone-else', password_hash: null });
      const other = (await t.db('users').where({ username: 'someone-else' }).first('id')).id as number;
      const [ins] = await t.db('workout_sessions').insert({ user_id: other, session_date: '2025-03-08', title: 'Theirs', session_type: 'strength' }).returning('id');
      const sessionId = typeof ins === 'object' ? (ins as { id: number }).id : (ins as number);
      await t.db('exercise_logs').insert({ session_id: sessionId, exercise_definition_id: 1, exercise_name: 'Bench Press', order_index: 1, sets: 1, reps: 1, weight_kg: 200 });
      expect(Number((await t.db('exercise_definitions').count({ n: '*' }))[0]!.n)).toBe(2);

      const show = await cli(['exercise', 'show', 'bench PRESS']);
      expect(show.code, show.stderr).toBe(0);
      expect(show.stdout).toContain('Bench Press\nCategory: compound\nMuscles: chest, triceps\nEquipment: barbell, bench\nDifficulty: intermediate');
      expect(show.stdout).toContain('Your history: 3 times, last on 2025-03-10');
      expect(show.stdout).toContain('Heaviest: 100 kg × 1 on 2025-03-10');
      expect(show.stdout).toContain('Best e1RM: 105 kg (90 kg × 5, Epley) on 2025-03-07');
      expect(show.stdout).not.toContain('200 kg');
      const json = JSON.parse((await cli(['exercise', 'show', 'Bench Press', '--json'])).stdout);
      expect(json.history.map((h: { session_date: string }) => h.session_date)).toEqual(['2025-03-10', '2025-03-07', '2025-03-04']);
      expect(json.best).toEqual({ heaviest: { session_date: '2025-03-10', weight_kg: 100, reps: 1 }, e1rm: { session_date: '2025-03-07', e1rm_kg: 105, weight_kg: 90, reps: 5 } });
    });

    it('edits and renames an exercise; the history follows it', async () => {
      // Logged by another user too: only an admin may change it now.
      const shared = await cli(['exercise', 'edit', 'bench press', '--rename', 'Barbell Bench Press']);
      expect(shared.code).toBe(3);
      expect(shared.stderr.split('\n')[0]).toBe('fittrack: error: exercise "Bench Press" is logged by other users too: only an admin can change it now');
      const other = (await t.db('users').where({ username: 'someone-else' }).first('id')).id as number;
      await t.db('exercise_logs').whereIn('session_id', t.db('workout_sessions').where('user_id', other).select('id')).delete();
      const r = await cli(['exercise', 'edit', 'bench press', '--rename', 'Barbell Bench Press', '--difficulty', 'advanced', '--muscles', 'chest']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('Updated "Barbell Bench Press" (was "Bench Press"): muscles, difficulty, name\n');
      const json = JSON.parse((await cli(['exercise', 'show', 'barbell bench press', '--json'])).stdout);
      expect(json).toMatchObject({ name: 'Barbell Bench Press', difficulty: 'advanced', muscle_groups: ['chest'], equipment: ['barbell', 'bench'] });
      expect(json.history).toHaveLength(3);
      const missing = await cli(['exercise', 'show', 'Bench Press']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toBe('fittrack: error: no exercise "Bench Press" in the library\nsee the names with: fittrack exercise list\n');
    });

    const bad: Array<[string[], string]> = [
      [['add', 'Cable Fly', '--category', 'wobble'], '--category: "wobble" is not one of compound, isolation, cardio, flexibility, core, plyometric, martial_arts'],
      [['add', 'Cable Fly', '--difficulty', 'godlike'], '--difficulty: "godlike" is not one of beginner, intermediate, advanced, expert'],
      [['add', 'Cable Fly', '--video-url', 'ftp://example.com/x'], '--video-url: "ftp://example.com/x" is not an http or https address'],
      [['add', 'Cable Fly', '--image-url', 'not a url'], '--image-url: "not a url" is not an http or https address'],
      [['add', '   '], '<name>: is empty'],
      [['add', 'x'.repeat(201)], '<name>: 201 characters is too long (allowed up to 200)'],
      [['add', 'HANGING LEG RAISE'], 'exercise "HANGING LEG RAISE" is already in the library (as "Hanging Leg Raise")'],
      [['edit', 'Hanging Leg Raise'], 'exercise edit "Hanging Leg Raise": nothing to change'],
      [['edit', 'Hanging Leg Raise', '--rename', 'barbell bench press'], '--rename: "barbell bench press" is already in the library (as "Barbell Bench Press")'],
      [['edit', 'Hanging Leg Raise', '--category', 'legs'], '--category: "legs" is not one of'],
      [['edit', 'Hanging Leg Raise', '--rename', ''], '--rename: is empty'],
      [['list', '--category', 'nope'], '--category: "nope" is not one of'],
    ];
    for (const [args, message] of bad) {
      it.concurrent(`refuses exercise ${JSON.stringify(args).slice(0, 60)} with exit 2 and writes nothing`, async ({ expect }) => {
        const before = await dump(t.db);
        const r = await cli(['exercise', ...args]);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stdout).toBe('');
        const lines = r.stderr.trimEnd().split('\n');
        expect(lines[0]).toMatch(/^fittrack: error: /);
        expect(lines[0]).toContain(message);
        expect(lines.length).toBe(2);
        expect(await dump(t.db)).toEqual(before);
      });
    }
  });
}

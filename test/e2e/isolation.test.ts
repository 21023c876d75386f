/**
 * Users A (alice, the admin) and B (bob) share one database. Every command that reads or
 * writes user data is run by A, aimed at B's data where it takes an id; none may show,
 * change, export or delete B's rows. Commands covered: log-weight, log-workout, log-meal,
 * goal (add list show update pause resume abandon complete), coach-note (add list show actions
 * done undone), photo (add list compare), exercise show, config list, import-md (import, --list,
 * --revert), export (json ndjson csv md), import-json, report (weight lifts goals summary html),
 * sessions list, share list — and --user without a share on read and write commands.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, type CliResult } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';
import { addUser, asUser, loginAs } from '../helpers/auth-cli.js';

/** A tiny valid JPEG. */
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);

/** Every row B owns, directly or through a parent, as one comparable value. */
async function snapshotOf(db: Knex, userId: number): Promise<Record<string, unknown[]>> {
  const own = ['health_metrics', 'workout_sessions', 'meal_logs', 'user_goals', 'coaching_sessions', 'progress_photos', 'import_batches'];
  const snap: Record<string, unknown[]> = {};
  for (const table of own) snap[table] = await db(table).where({ user_id: userId }).orderBy('id');
  snap.exercise_logs = await db('exercise_logs').whereIn('session_id', db('workout_sessions').select('id').where({ user_id: userId })).orderBy('id');
  snap.coaching_action_items = await db('coaching_action_items').whereIn('session_id', db('coaching_sessions').select('id').where({ user_id: userId })).orderBy('id');
  snap.data_shares = await db('data_shares').where({ owner_id: userId }).orderBy('id');
  snap.user = await db('users').where({ id: userId }).select('username', 'email', 'role', 'preferred_units', 'height_cm', 'display_name', 'bio', 'password_hash', 'is_active');
  return snap;
}

/** A written file's text, or every file's text under a written folder. */
function readOutput(where: string): string {
  if (!existsSync(where)) return '';
  if (!statSync(where).isDirectory()) return readFileSync(where, 'utf8');
  return readdirSync(where, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

/** Runs tasks with at most `n` at a time. */
async function pool<T>(n: number, tasks: Array<() => Promise<T>>): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]!();
      }
    }),
  );
  return results;
}

interface Case {
  args: string[];
  /** 'ok': exit 0; 'refused': non-zero (B's id is not A's); 'auth': exit 3. */
  expect: 'ok' | 'refused' | 'auth';
  /** A file the command writes, checked for B's markers too. */
  output?: string;
}

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const tok: Record<string, string> = {};
    const ids: Record<string, string> = {};
    const run = (who: 'alice' | 'bob', args: string[], input?: string) => runCli(args, asUser(t, tok[who]!, { input }));
    const json = async (who: 'alice' | 'bob', args: string[]) => {
      const r = await run(who, args);
      expect(r.stderr.startsWith('fittrack: error') ? r.stderr : '').toBe('');
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout);
    };
    let bobId = 0;
    let before: Record<string, unknown[]> = {};
    const markers = ['92.2', 'BobWorkout', 'bob-eggs', 'bob-goal', 'bob-note', 'bob-action', 'bob-front.jpg', 'start of the plan', 'after a long run'];

    beforeAll(async () => {
      await addUser(t, 'alice');
      tok.alice = await loginAs(t, 'alice');
      await addUser(t, 'bob', { adminToken: tok.alice });
      tok.bob = await loginAs(t, 'bob');
      bobId = (await t.db('users').where({ username: 'bob' }).first('id')).id;
      writeFileSync(path.join(t.dir, 'bob-front.jpg'), JPEG);
      writeFileSync(path.join(t.dir, 'alice-front.jpg'), Buffer.concat([JPEG, Buffer.from('a')]));

      ids.bobWorkout = String((await json('bob', ['log-workout', 'BobWorkout', 'Squat 5x5@120kg', '--date', '2026-01-10', '--json'])).id);
      await json('bob', ['log-weight', '92.2kg', '--date', '2026-01-10', '--json']);
      await json('bob', ['log-meal', 'dinner', 'bob-eggs', '--calories', '650', '--date', '2026-01-10', '--json']);
      ids.bobGoal = String((await json('bob', ['goal', 'add', 'bob-goal', '--metric', 'custom', '--target', '7 books', '--json'])).id);
      const note = await json('bob', ['coach-note', 'add', 'bob notes', '--title', 'bob-note', '--action', 'bob-action', '--date', '2026-01-10', '--json']);
      ids.bobNote = String(note.id);
      ids.bobAction = String(note.action_items[0].id);
      ids.bobPhoto = String((await json('bob', ['photo', 'add', path.join(t.dir, 'bob-front.jpg'), '--json'])).id);
      ids.bobBatch = (await json('bob', ['import-md', path.join(ROOT, 'fixtures/legacy/check-in-log.md'), '--skip-errors', '--json'])).batch;
      expect((await run('bob', ['config', 'set', 'units', 'imperial'])).code).toBe(0);

      await json('alice', ['log-weight', '71.1kg', '--date', '2026-01-10', '--json']);
      ids.alicePhoto = String((await json('alice', ['photo', 'add', path.join(t.dir, 'alice-front.jpg'), '--json'])).id);
      const exported = await run('alice', ['export', '--format', 'json']);
      writeFileSync(path.join(t.dir, 'alice-export.json'), exported.stdout);
      before = await snapshotOf(t.db, bobId);
      expect(before.health_metrics!.length).toBeGreaterThan(5);
    });

    it("A's commands never show, change, export or delete B's rows", async () => {
      const html = path.join(t.dir, 'alice-report.html');
      const mdDir = path.join(t.dir, 'alice-md');
      const cases: Case[] = [
        { args: ['log-weight', '--list', '--json'], expect: 'ok' },
        { args: ['log-weight', '--list', '--from', '2024-01-01'], expect: 'ok' },
        { args: ['log-weight', '71.5kg', '--date', '2026-01-10', '--replace'], expect: 'ok' },
        { args: ['log-workout', '--list', '--json'], expect: 'ok' },
        { args: ['log-workout', 'AliceWorkout', 'Row 3x10@60kg', '--date', '2026-01-11'], expect: 'ok' },
        { args: ['log-workout', '--show', ids.bobWorkout!], expect: 'refused' },
        { args: ['log-meal', '--list', '--date', '2026-01-10', '--json'], expect: 'ok' },
        { args: ['log-meal', 'lunch', 'alice-rice', '--calories', '500', '--date', '2026-01-10'], expect: 'ok' },
        { args: ['goal', 'list', '--json'], expect: 'ok' },
        { args: ['goal', 'show', ids.bobGoal!], expect: 'refused' },
        { args: ['goal', 'update', ids.bobGoal!, '3'], expect: 'refused' },
        { args: ['goal', 'pause', ids.bobGoal!], expect: 'refused' },
        { args: ['goal', 'abandon', ids.bobGoal!], expect: 'refused' },
        { args: ['goal', 'complete', ids.bobGoal!], expect: 'refused' },
        { args: ['goal', 'resume', ids.bobGoal!], expect: 'refused' },
        { args: ['goal', 'add', 'alice-goal', '--metric', 'custom', '--target', '3 books'], expect: 'ok' },
        { args: ['coach-note', 'list', '--json'], expect: 'ok' },
        { args: ['coach-note', 'add', 'alice notes', '--title', 'alice-note', '--date', '2026-01-10'], expect: 'ok' },
        { args: ['coach-note', 'show', ids.bobNote!], expect: 'refused' },
        { args: ['coach-note', 'actions', '--json'], expect: 'ok' },
        { args: ['coach-note', 'done', ids.bobAction!], expect: 'refused' },
        { args: ['coach-note', 'undone', ids.bobAction!], expect: 'refused' },
        { args: ['photo', 'list', '--json'], expect: 'ok' },
        { args: ['photo', 'compare', ids.alicePhoto!, ids.bobPhoto!], expect: 'refused' },
        { args: ['exercise', 'show', 'Squat', '--json'], expect: 'refused' }, // bob's entry: alice neither created nor logged it
        { args: ['config', 'list', '--json'], expect: 'ok' },
        { args: ['import-md', '--list', '--json'], expect: 'ok' },
        { args: ['import-md', path.join(ROOT, 'fixtures/legacy/meal-log.md'), '--skip-errors'], expect: 'ok' },
        { args: ['import-md', '--revert', ids.bobBatch!], expect: 'refused' },
        { args: ['export', '--format', 'json'], expect: 'ok' },
        { args: ['export', '--format', 'ndjson'], expect: 'ok' },
        { args: ['export', '--format', 'csv', '--what', 'health'], expect: 'ok' },
        { args: ['export', '--format', 'md', '--output', mdDir], expect: 'ok', output: mdDir },
        { args: ['import-json', path.join(t.dir, 'alice-export.json')], expect: 'ok' },
        { args: ['report', 'weight'], expect: 'ok' },
        { args: ['report', 'lifts'], expect: 'ok' },
        { args: ['report', 'goals'], expect: 'ok' },
        { args: ['report', 'summary'], expect: 'ok' },
        { args: ['report', 'html', html], expect: 'ok', output: html },
        { args: ['sessions', 'list', '--json'], expect: 'ok' },
        { args: ['share', 'list', '--json'], expect: 'ok' },
        // Without a share, --user reaches nothing of B's, read or write.
        { args: ['log-weight', '--list', '--user', 'bob'], expect: 'auth' },
        { args: ['export', '--format', 'json', '--user', 'bob'], expect: 'auth' },
        { args: ['report', 'weight', '--user', 'bob'], expect: 'auth' },
        { args: ['coach-note', 'list', '--user', 'bob'], expect: 'auth' },
        { args: ['goal', 'list', '--user', 'bob'], expect: 'auth' },
        { args: ['log-weight', '70kg', '--user', 'bob'], expect: 'auth' },
      ];
      const results: CliResult[] = await pool(3, cases.map((c) => () => run('alice', c.args)));
      const failures: string[] = [];
      cases.forEach((c, i) => {
        const r = results[i]!;
        const name = `fittrack ${c.args.join(' ')}`;
        const text = r.stdout + r.stderr + (c.output ? readOutput(c.output) : '');
        for (const m of markers) if (text.includes(m)) failures.push(`${name}: shows B's "${m}"`);
        if (text.includes(ids.bobBatch!) && !c.args.includes(ids.bobBatch!)) failures.push(`${name}: shows B's import batch`);
        if (r.stderr.includes('unexpected error')) failures.push(`${name}: ${r.stderr.trim()}`);
        if (c.expect === 'ok' && r.code !== 0) failures.push(`${name}: exit ${r.code}: ${r.stderr.trim()}`);
        if (c.expect === 'refused' && (r.code === 0 || r.code === null)) failures.push(`${name}: exit 0 on B's data`);
        if (c.expect === 'auth' && r.code !== 3) failures.push(`${name}: exit ${r.code}, expected 3`);
      });
      expect(failures.join('\n')).toBe('');
      // The files were written (so the marker check above read something).
      expect(readOutput(html)).toContain('alice');
      expect(readOutput(mdDir).length).toBeGreaterThan(0);
      expect(await snapshotOf(t.db, bobId)).toEqual(before);
    });

    it("A's export holds only A's data, and B's own view still shows B's rows", async () => {
      const a = JSON.parse((await run('alice', ['export', '--format', 'json'])).stdout);
      expect(a.user.username).toBe('alice');
      expect(a.health_metrics.map((r: { weight_kg: number }) => r.weight_kg)).toEqual([71.5]);
      const b = await json('bob', ['log-weight', '--list', '--json']);
      expect(b.map((r: { weight_kg: number }) => r.weight_kg)).toContain(92.2);
    });
  });
}

/**
 * A JSON column changed outside fittrack into something that does not parse must stop a backup
 * with a message naming the table and column, not come out as null (a backup that silently
 * drops a value is worse than none). SQLite stores JSON as text, so only it can hold such a
 * value; PostgreSQL's jsonb refuses it on its own.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useTestDb } from '../helpers/db.js';

describe('sqlite', () => {
  const t = useTestDb('sqlite');
  const cli = (args: string[]) => runCli(args, { db: t.url, home: t.dir });

  it.each([
    ['exercise_logs', 'reps_per_set', '[8,6', ['export', '--format', 'json', '--output', '-']],
    ['exercise_logs', 'reps_per_set', '["eight"]', ['export', '--format', 'json', '--output', '-']],
    ['exercise_logs', 'reps_per_set', '[8,6', ['log-workout', '--list']],
    ['exercise_logs', 'reps_per_set', '[8,6', ['report', 'lifts']],
  ])('%s.%s = %s fails %s with exit 1 and says where', async (table, column, value, args) => {
    const logged = await cli(['log-workout', 'Push', 'Bench 12/10/8 @ 60kg', '--date', '2025-03-01']);
    expect(logged.code, logged.stderr).toBe(0);
    await t.db(table).update({ [column]: value });
    const r = await cli(args);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`${table}.${column}: the stored value`);
    expect(r.stderr).not.toContain('this is a bug');
    await t.db('workout_sessions').del();
  });
});

describe('postgres', () => {
  const t = useTestDb('postgres');
  it('refuses text that is not JSON in a JSON column itself', async () => {
    await expect(t.db.raw("SELECT '[8,6'::jsonb")).rejects.toThrow(/invalid input syntax for type json/);
  });
});

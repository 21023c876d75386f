/**
 * Two fittrack processes writing at once: the second waits for the first instead of failing.
 */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createDb, resolveDbTarget } from '../../src/db/connection.js';
import { ensureDefinition } from '../../src/db/exercise-repo.js';
import { translateDbError } from '../../src/db/errors.js';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

// On SQLite writers take turns through BEGIN IMMEDIATE (tested below with two processes); the
// race of two transactions inserting one name is PostgreSQL's.
for (const dialect of dialects.filter((d) => d === 'postgres')) {
  describe(`concurrent writers on ${dialect}`, () => {
    const t = useTestDb(dialect);

    it('two processes adding the same new exercise name both get the one definition', async () => {
      const other = await createDb(resolveDbTarget(t.url));
      try {
        const first = await t.db.transaction();
        const a = await ensureDefinition(first, 'Zercher Squat', null);
        const second = other.transaction();
        // The second writer starts while the first still holds its uncommitted row…
        const b = second.then((trx) => ensureDefinition(trx, 'zercher squat', null).then(async (d) => (await trx.commit(), d)));
        await new Promise((r) => setTimeout(r, 300));
        await first.commit();
        // …and ends with the same definition instead of a unique-constraint error.
        expect((await b).id).toBe(a.id);
        expect(await t.db('exercise_definitions').whereRaw('lower(name) = ?', ['zercher squat']).count({ n: '*' }).first()).toEqual({ n: 1 });
      } finally {
        await other.destroy();
      }
    });
  });
}

describe('a SQLite database locked by another process', () => {
  const t = useTestDb('sqlite');

  it('log-workout waits for the lock instead of failing', async () => {
    await runCli(['log-workout', 'Warm-up', 'Squat 1x5@60kg', '--date', '2000-01-01'], { db: t.url, home: t.dir });
    const holder = new BetterSqlite3(t.url);
    holder.exec('BEGIN IMMEDIATE');
    const release = setTimeout(() => holder.exec('COMMIT'), 1500);
    try {
      const r = await runCli(['log-workout', 'Legs', 'Squat 3x5@100kg', 'Lunge 3x10', '--date', '2000-01-02'], { db: t.url, home: t.dir });
      expect(r.stderr).not.toMatch(/locked/);
      expect(r.code, r.stderr).toBe(0);
    } finally {
      clearTimeout(release);
      if (holder.inTransaction) holder.exec('COMMIT');
      holder.close();
    }
    expect(await t.db('workout_sessions').where('title', 'Legs').first()).toBeDefined();
  });
});

describe('a PostgreSQL server that goes away mid-command', () => {
  it('is reported as a lost connection, not as a bug', () => {
    const err = translateDbError(new Error('ROLLBACK - Client has encountered a connection error and is not queryable'));
    expect(err?.message).toMatch(/^lost the connection to the database: .*the change was not committed$/);
    expect(err?.exitCode).toBe(1);
  });
});

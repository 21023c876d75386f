/**
 * Four users logging weights and workouts at the same moment in one database while
 * `sessions cleanup` deletes expired sessions: every command succeeds, every write is stored,
 * and no lock error ever reaches a user.
 *
 * On SQLite the writers log weights only: `log-workout` reads before it writes in its
 * transaction, and such a transaction cannot wait for SQLite's write lock, so concurrent
 * workouts get "database is locked" there; workouts join the SQLite case once that transaction
 * takes the lock when it begins. The exercise is in the library before the writers start, so
 * the race to add a new exercise name is not what is tested here.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/domain/password.js';
import { insertUser } from '../../src/db/users-repo.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';
import { integrityProblems } from '../helpers/fault-cli.js';
import { dayAfter } from '../helpers/fault-files.js';

const USERS = ['ann', 'ben', 'cat', 'dan'];
const PASSWORD = 'correct horse battery';
const ROUNDS = 2;
const EXPIRED = 4000;
const LOCK_TROUBLE = /SQLITE_BUSY|database is locked|deadlock|could not serialize|Knex: Timeout/i;

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);

    it('four writers and a sessions cleanup at once: no error, no lost write', async () => {
      const withWorkouts = dialect === 'postgres';
      const opts = { db: t.url, home: t.dir };
      const hash = await hashPassword(PASSWORD, 4);
      const ids: number[] = [];
      for (const username of USERS) ids.push((await insertUser(t.db, { username, role: 'user', passwordHash: hash })).id);
      const day = 86_400_000;
      const now = Date.now();
      const expired = Array.from({ length: EXPIRED }, (_, i) => ({
        user_id: ids[i % ids.length],
        token_hash: createHash('sha256').update(`expired-${i}`).digest('hex'),
        created_at: new Date(now - 40 * day).toISOString(),
        expires_at: new Date(now - 30 * day).toISOString(),
        remember_me: false,
      }));
      await t.db.batchInsert('user_sessions', expired, 500);

      const tokens: string[] = [];
      for (const username of USERS) {
        const r = await runCli(['login', username, '--password-stdin', '--print-token'], { ...opts, input: `${PASSWORD}\n` });
        expect(r.stderr).not.toMatch(LOCK_TROUBLE);
        expect(r.code).toBe(0);
        tokens.push(r.stdout.trim());
      }

      const first = await runCli(['log-workout', 'Warm-up', 'Squat 1x5@60kg', '--date', '2023-12-31'], { ...opts, env: { FITTRACK_TOKEN: tokens[0] } });
      expect(first.code, first.stderr).toBe(0);

      const results: Array<{ what: string; r: CliResult }> = [];
      let writing = true;
      const writer = async (k: number) => {
        const env = { FITTRACK_TOKEN: tokens[k] };
        for (let i = 0; i < ROUNDS; i++) {
          const date = dayAfter('2024-01-01', i);
          results.push({ what: `${USERS[k]} log-weight ${date}`, r: await runCli(['log-weight', `${70 + k + i / 10}kg`, '--date', date, '--note', `${USERS[k]} ${i}`], { ...opts, env }) });
          if (withWorkouts) results.push({ what: `${USERS[k]} log-workout ${date}`, r: await runCli(['log-workout', `Session ${i}`, 'Squat 3x5@100kg', '--date', date], { ...opts, env }) });
        }
      };
      const cleaner = async () => {
        let removed = 0;
        // Small batches, again and again, so the cleanup overlaps the writers the whole time.
        do {
          const r = await runCli(['sessions', 'cleanup', '--grace', '1d', '--batch-size', '100', '--json'], opts);
          results.push({ what: 'sessions cleanup', r });
          if (r.code === 0) removed += (JSON.parse(r.stdout) as { removed: number }).removed;
        } while (writing);
        return removed;
      };
      const cleaning = cleaner();
      await Promise.all(USERS.map((_, k) => writer(k)));
      writing = false;
      const removed = await cleaning;

      for (const { what, r } of results) {
        expect(r.stderr, what).not.toMatch(LOCK_TROUBLE);
        expect(r.code, `${what}: ${r.stderr}`).toBe(0);
      }
      for (const [k, id] of ids.entries()) {
        const weights = (await t.db('health_metrics').where('user_id', id).orderBy('recorded_date').select('recorded_date', 'notes')) as Array<{ recorded_date: string; notes: string }>;
        expect(weights.map((w) => w.notes)).toEqual(Array.from({ length: ROUNDS }, (_, i) => `${USERS[k]} ${i}`));
        const warmUp = k === 0 ? 1 : 0;
        const workouts = await t.db('workout_sessions').where('user_id', id).count({ n: '*' }).first();
        expect(Number(workouts?.n)).toBe((withWorkouts ? ROUNDS : 0) + warmUp);
        const exercises = await t.db('exercise_logs as e').join('workout_sessions as s', 's.id', 'e.session_id').where('s.user_id', id).count({ n: '*' }).first();
        expect(Number(exercises?.n)).toBe((withWorkouts ? ROUNDS : 0) + warmUp);
      }
      expect(removed).toBe(EXPIRED);
      const left = (await t.db('user_sessions').select('user_id')) as Array<{ user_id: number }>;
      expect(left.map((s) => s.user_id).sort()).toEqual([...ids].sort());
      expect(await integrityProblems(t.db)).toEqual([]);
    }, 120_000);
  });
}

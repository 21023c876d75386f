/**
 * Guessing passwords: the lockout holds when many wrong passwords arrive at once (separate
 * processes), and a login answers alike, after the same work, for an unknown user, a wrong
 * password, a locked and a deactivated account.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { logIn } from '../../src/db/login-repo.js';
import { hashPassword } from '../../src/domain/password.js';
import { insertUser } from '../../src/db/users-repo.js';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';
import { addUser, asUser, loginAs, passwordOf } from '../helpers/auth-cli.js';

const ANSWER = 'fittrack: error: login failed: wrong username or password\n';

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const login = (username: string, password: string) => runCli(['login', username, '--password-stdin'], asUser(t, null, { input: `${password}\n` }));
    let admin = '';

    beforeAll(async () => {
      await addUser(t, 'alice');
      admin = await loginAs(t, 'alice');
      await addUser(t, 'bob', { adminToken: admin });
      await addUser(t, 'dora', { adminToken: admin });
    });

    it('15 wrong passwords at once lock the account: the right one is then refused', async () => {
      const attempts = await Promise.all(Array.from({ length: 15 }, () => login('bob', 'wrong password 123')));
      for (const r of attempts) expect({ code: r.code, stderr: r.stderr.split('\n')[0] }).toEqual({ code: 3, stderr: ANSWER.trim() });
      const right = await login('bob', passwordOf('bob'));
      expect(right.code).toBe(3);
      const row = await t.db('users').where({ username: 'bob' }).first('locked_until');
      expect(row.locked_until).not.toBeNull();
      const lockouts = await t.db('audit_log').where({ action: 'lockout' }).count<{ n: number | string }[]>({ n: '*' }).first();
      expect(Number(lockouts?.n)).toBeGreaterThanOrEqual(1);
      expect((await runCli(['user', 'unlock', 'bob'], asUser(t, admin))).code).toBe(0);
      expect((await login('bob', passwordOf('bob'))).code).toBe(0);
    });

    it('unknown user, wrong password, locked and deactivated accounts get the same answer', async () => {
      const unknown = await login('nobody-at-all', 'wrong password 123');
      const wrong = await login('dora', 'wrong password 123');
      expect((await runCli(['user', 'lock', 'dora'], asUser(t, admin))).code).toBe(0);
      const deactivated = await login('dora', passwordOf('dora'));
      expect((await runCli(['user', 'unlock', 'dora'], asUser(t, admin))).code).toBe(0);
      for (let i = 0; i < 5; i++) await login('dora', 'wrong password 123');
      const locked = await login('dora', passwordOf('dora'));
      for (const r of [unknown, wrong, deactivated, locked]) {
        expect(r.code).toBe(3);
        expect(r.stderr).toBe(unknown.stderr);
      }
      expect(unknown.stderr.startsWith(ANSWER)).toBe(true);
    });

    it('an unknown user costs what a real (cost 12) hash costs, whatever FITTRACK_BCRYPT_COST says', async () => {
      const saved = { cost: process.env.FITTRACK_BCRYPT_COST, mode: process.env.FITTRACK_TEST_MODE };
      await insertUser(t.db, { username: 'real', role: 'user', passwordHash: await hashPassword('a real password 1', 12) });
      process.env.FITTRACK_BCRYPT_COST = '4';
      try {
        const time = async (username: string) => {
          const runs: number[] = [];
          for (let i = 0; i < 3; i++) {
            const t0 = performance.now();
            await logIn(t.db, username, 'wrong password 123').catch(() => {});
            runs.push(performance.now() - t0);
          }
          return Math.min(...runs);
        };
        const known = await time('real');
        const unknown = await time('nobody-at-all');
        expect(unknown).toBeGreaterThan(known * 0.5);
        expect(unknown).toBeLessThan(known * 2);
      } finally {
        if (saved.cost === undefined) delete process.env.FITTRACK_BCRYPT_COST;
        else process.env.FITTRACK_BCRYPT_COST = saved.cost;
      }
    });
  });
}

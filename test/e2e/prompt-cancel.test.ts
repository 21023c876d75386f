/**
 * Ctrl+C at any question — a password, a confirmation, a missing value, a choice — ends the
 * command the same way: "cancelled: nothing was written" on the terminal, exit 130, and the
 * database as it was.
 */
import { describe, expect, it } from 'vitest';
import { addUser, loginAs, passwordOf } from '../helpers/auth-cli.js';
import { dialects, useTestDb } from '../helpers/db.js';
import { plain, spawnCliPty, type PtyRun } from '../helpers/pty.js';

async function cancelAt(p: PtyRun, question: RegExp, typeFirst = ''): Promise<string> {
  await p.waitFor(question);
  if (typeFirst) p.write(typeFirst);
  p.write('\x03');
  expect(await p.exit).toBe(130);
  const screen = plain(p.output());
  expect(screen).toContain('fittrack: error: cancelled: nothing was written');
  expect(screen).not.toMatch(/unexpected error|this is a bug|SIGINT/);
  return screen;
}

for (const dialect of dialects) {
  describe(`Ctrl+C at a question (${dialect})`, () => {
    const t = useTestDb(dialect);
    const pty = (args: string[], env: Record<string, string> = {}) => spawnCliPty(args, { db: t.url, home: t.dir, env: { FITTRACK_BCRYPT_COST: '4', ...env } });
    const users = async () => (await t.db('users').orderBy('id').select('username', 'password_hash')).map((u) => u.username as string);

    it('at a missing value (log-weight) and a choice (log-meal)', async () => {
      await cancelAt(pty(['log-weight', '--date', '2025-03-04']), /Weight/, '80');
      await cancelAt(pty(['log-meal', '--calories', '300']), /Meal/);
      expect(Number((await t.db('health_metrics').count({ n: '*' }).first())!.n)).toBe(0);
      expect(Number((await t.db('meal_logs').count({ n: '*' }).first())!.n)).toBe(0);
    });

    it('at user add: the first password and its repetition', async () => {
      await cancelAt(pty(['user', 'add', 'alice']), /New password/, 'half-typed');
      const second = pty(['user', 'add', 'alice']);
      await second.waitFor(/New password/);
      second.write(`${passwordOf('alice')}\r`);
      await cancelAt(second, /Repeat it/);
      expect(await users()).not.toContain('alice');
    });

    it('--no-input at a terminal says that --no-input is why it does not ask', async () => {
      const p = pty(['--no-input', 'user', 'add', 'zed']);
      expect(await p.exit).toBe(2);
      expect(plain(p.output())).toContain('fittrack: error: a password is needed and --no-input forbids asking for it');
    });

    it('a new password that is too short is refused before it is asked again', async () => {
      const p = pty(['user', 'add', 'carol']);
      await p.waitFor(/New password/);
      p.write('short\r');
      expect(await p.exit).toBe(2);
      const screen = plain(p.output());
      expect(screen).not.toContain('Repeat it');
      expect(screen).toMatch(/at least 10 characters/);
    });
    it('at login, user passwd and the user remove confirmation', async () => {
      await addUser(t, 'alice');
      await addUser(t, 'bob', { adminToken: await loginAs(t, 'alice') });
      await cancelAt(pty(['login', 'alice']), /Password/);
      const token = await loginAs(t, 'alice');
      const hashBefore = (await t.db('users').where({ username: 'alice' }).first('password_hash')).password_hash;
      await cancelAt(pty(['user', 'passwd'], { FITTRACK_TOKEN: token }), /Current password/);
      const passwd = pty(['user', 'passwd'], { FITTRACK_TOKEN: token });
      await passwd.waitFor(/Current password/);
      passwd.write(`${passwordOf('alice')}\r`);
      await cancelAt(passwd, /New password/);
      expect((await t.db('users').where({ username: 'alice' }).first('password_hash')).password_hash).toBe(hashBefore);
      await cancelAt(pty(['user', 'remove', 'bob'], { FITTRACK_TOKEN: token }), /Remove bob/);
      expect(await users()).toContain('bob');
    });

  });
}

import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';
import { addUser, asUser, loginAs, passwordOf } from '../helpers/auth-cli.js';

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const run = (args: string[], token: string | null, input?: string) => runCli(args, asUser(t, token, { input }));
    let admin = '';
    let bob = '';

    beforeAll(async () => {
      await addUser(t, 'alice');
      admin = await loginAs(t, 'alice');
      await addUser(t, 'bob', { role: 'coach', adminToken: admin });
      bob = await loginAs(t, 'bob');
    });

    it('5 failed logins lock the account for 15 minutes; an admin can unlock it', async () => {
      for (let i = 0; i < 5; i++) {
        const r = await run(['login', 'bob', '--password-stdin'], null, 'wrong password\n');
        expect(r.code).toBe(3);
      }
      const locked = await run(['login', 'bob', '--password-stdin'], null, `${passwordOf('bob')}\n`);
      expect(locked.code).toBe(3);
      // The same answer as for a wrong password: a locked account is not told apart.
      expect(locked.stderr).toContain('fittrack: error: login failed: wrong username or password\n');
      const audit = JSON.parse((await run(['audit', '--user', 'bob', '--action', 'lockout', '--json'], admin)).stdout);
      expect(audit.entries).toHaveLength(1);
      expect((await run(['user', 'unlock', 'bob'], admin)).code).toBe(0);
      bob = await loginAs(t, 'bob');
    });

    it('a locked user is logged out and cannot log in; passwd changes the password', async () => {
      const lock = await run(['user', 'lock', 'bob'], admin);
      expect(lock).toMatchObject({ code: 0 });
      expect((await run(['whoami'], bob)).code).toBe(3);
      const login = await run(['login', 'bob', '--password-stdin'], null, `${passwordOf('bob')}\n`);
      expect(login.code).toBe(3);
      expect(login.stderr).toContain('fittrack: error: login failed: wrong username or password\n');
      expect((await run(['user', 'lock', 'alice'], admin)).code).toBe(2);
      expect((await run(['user', 'unlock', 'bob'], admin)).code).toBe(0);

      // An admin resets bob's password; the old one stops working.
      expect((await run(['user', 'passwd', 'bob', '--password-stdin'], admin, 'brand-new-password\n')).code).toBe(0);
      expect((await run(['login', 'bob', '--password-stdin'], null, `${passwordOf('bob')}\n`)).code).toBe(3);
      expect((await run(['login', 'bob', '--password-stdin', '--print-token'], null, 'brand-new-password\n')).code).toBe(0);
    });

  });
}

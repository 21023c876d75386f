/**
 * Once a database has logins, the commands that read or change the whole database (db migrate,
 * db rollback, db copy) are for admins; the cron job `sessions cleanup` needs no login. Both engines.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addUser, asUser, loginAs } from '../helpers/auth-cli.js';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

for (const dialect of dialects) {
  describe(`whole-database commands on ${dialect} with logins`, () => {
    const t = useTestDb(dialect);
    let admin = '';
    let user = '';

    it('are refused without a login and for a non-admin (exit 3), and run for an admin', async () => {
      await addUser(t, 'root-admin');
      admin = await loginAs(t, 'root-admin');
      await addUser(t, 'plain-user', { adminToken: admin });
      user = await loginAs(t, 'plain-user');
      const copyTo = path.join(t.dir, 'copy.db');
      const cases = [
        ['db', 'migrate'],
        ['db', 'rollback', '--dry-run'],
        ['db', 'rollback', '--all', '--yes'],
        ['db', 'copy', '--to', copyTo],
      ];
      for (const args of cases) {
        const anonymous = await runCli(args, asUser(t, null));
        expect(anonymous.code, `${args.join(' ')}: ${anonymous.stderr}`).toBe(3);
        expect(anonymous.stderr).toContain('not logged in');
        const plain = await runCli(args, asUser(t, user));
        expect(plain.code, `${args.join(' ')}: ${plain.stderr}`).toBe(3);
        expect(plain.stderr).toContain('only admins can');
      }
      expect(await t.db.schema.hasTable('users')).toBe(true);

      const migrate = await runCli(['db', 'migrate'], asUser(t, admin));
      expect(migrate.code, migrate.stderr).toBe(0);
      const dry = await runCli(['db', 'rollback', '--dry-run'], asUser(t, admin));
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toMatch(/^users\t2$/m);
      const copy = await runCli(['db', 'copy', '--to', copyTo], asUser(t, admin));
      expect(copy.code, copy.stderr).toBe(0);
    });

    it('leave sessions cleanup login-free', async () => {
      const r = await runCli(['sessions', 'cleanup'], asUser(t, null));
      expect(r.code, r.stderr).toBe(0);
    });
  });
}

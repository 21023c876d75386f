import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';
import { addUser, asUser, loginAs, passwordOf } from '../helpers/auth-cli.js';

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const run = (args: string[], token: string | null, input?: string) => runCli(args, asUser(t, token, { input }));
    let admin = '';
    let bob = '';

    it('only admins add, lock or remove users; users edit and see their own profile', async () => {
      await addUser(t, 'alice');
      admin = await loginAs(t, 'alice');
      await addUser(t, 'bob', { role: 'coach', adminToken: admin });
      bob = await loginAs(t, 'bob');

      const add = await run(['user', 'add', 'carol', '--password-stdin'], bob, 'carol-password-1\n');
      expect(add.code).toBe(3);
      expect(add.stderr).toContain('fittrack: error: only admins can add users');
      expect((await run(['user', 'lock', 'alice'], bob)).code).toBe(3);
      expect((await run(['user', 'show', 'alice'], bob)).code).toBe(3);

      const short = await run(['user', 'add', 'carol', '--password-stdin'], admin, 'short\n');
      expect(short.code).toBe(2);
      expect(short.stderr).toContain('password is too short (5 characters)');
      expect(short.stderr).not.toContain('short\n');

      const edit = await run(['user', 'edit', '--display-name', 'Bob B', '--height', '72in', '--units', 'imperial'], bob);
      expect(edit.code).toBe(0);
      const show = await run(['user', 'show', '--json'], bob);
      expect(JSON.parse(show.stdout)).toMatchObject({ username: 'bob', role: 'coach', displayName: 'Bob B', heightCm: 182.88, preferredUnits: 'imperial', active: true });
      const list = await run(['user', 'list', '--json'], bob);
      expect(JSON.parse(list.stdout).users.map((u: { username: string }) => u.username)).toEqual(['alice', 'bob']);
    });

    it('remove asks for --yes without a terminal, then removes the user and their data', async () => {
      const noYes = await run(['user', 'remove', 'bob'], admin);
      expect(noYes.code).toBe(2);
      expect(noYes.stderr).toContain('add --yes to confirm');
      expect((await run(['user', 'remove', 'alice', '--yes'], admin)).stderr).toContain('you are the only admin');
      const r = await run(['user', 'remove', 'bob', '--yes'], admin);
      expect(r).toMatchObject({ code: 0 });
      expect(await t.db('users').pluck('username')).toEqual(['alice']);
      expect(Number((await t.db('user_sessions').whereNotIn('user_id', t.db('users').select('id')).count({ n: '*' }).first())!.n)).toBe(0);
      const audit = JSON.parse((await run(['audit', '--action', 'user_remove', '--json'], admin)).stdout);
      expect(audit.entries[0].details).toMatchObject({ username: 'bob', by: 'alice' });
    });
  });
}

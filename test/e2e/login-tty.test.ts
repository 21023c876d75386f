import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialects, useTestDb } from '../helpers/db.js';
import { plain, spawnCliPty } from '../helpers/pty.js';
import { addUser } from '../helpers/auth-cli.js';
import { runCli } from '../helpers/cli.js';

const SECRET = 'typed-Secret-123';

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const pty = (args: string[], env: Record<string, string> = {}) => spawnCliPty(args, { db: t.url, home: t.dir, env: { FITTRACK_BCRYPT_COST: '4', FITTRACK_TEST_MODE: '1', ...env } });

    it('passwords are asked for on the terminal, twice for a new one, and never echoed', async () => {
      const add = pty(['user', 'add', 'alice']);
      await add.waitFor(/New password/);
      add.write(`${SECRET}\r`);
      await add.waitFor(/Repeat it/);
      add.write(`${SECRET}\r`);
      expect(await add.exit).toBe(0);
      expect(plain(add.output())).toContain('added alice (admin)');
      expect(add.output()).not.toContain(SECRET);

      const login = pty(['login']);
      await login.waitFor(/Username/);
      login.write('alice\r');
      await login.waitFor(/Password/);
      login.write(`${SECRET}\r`);
      expect(await login.exit).toBe(0);
      expect(plain(login.output())).toContain('logged in as alice');
      expect(login.output()).not.toContain(SECRET);
      expect(existsSync(path.join(t.dir, 'session'))).toBe(true);
    });

    it('user remove asks for confirmation on a terminal', async () => {
      await addUser(t, 'bob');
      const no = pty(['user', 'remove', 'bob']);
      await no.waitFor(/Remove bob and ALL their data/);
      no.write('n\r');
      expect(await no.exit).toBe(0);
      expect(plain(no.output())).toContain('nothing removed');
      expect(await t.db('users').where({ username: 'bob' }).first('id')).toBeDefined();

      const yes = pty(['user', 'remove', 'bob']);
      await yes.waitFor(/Remove bob/);
      yes.write('y\r');
      expect(await yes.exit).toBe(0);
      expect(await t.db('users').where({ username: 'bob' }).first('id')).toBeUndefined();
      // The admin's session (saved by the terminal login) still works afterwards.
      expect((await runCli(['whoami'], { db: t.url, home: t.dir })).stdout).toMatch(/^alice \(admin\)/);
    });
  });
}

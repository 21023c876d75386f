import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';
import { addUser, asUser, loginAs, passwordOf } from '../helpers/auth-cli.js';

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const outputs: CliResult[] = [];
    const run = async (args: string[], token: string | null, input?: string) => {
      const r = await runCli(args, asUser(t, token, { input }));
      outputs.push(r);
      return r;
    };
    const sessionFile = () => path.join(t.dir, 'session');
    const tokens: string[] = [];

    it('local mode: commands act as the local profile without a login', async () => {
      const r = await run(['whoami'], null);
      expect(r).toMatchObject({ code: 0, stdout: 'tester (local profile, no password)\n' });
      const login = await run(['login', 'tester', '--password-stdin'], null, 'whatever12345\n');
      expect(login.code).toBe(2);
      expect(login.stderr).toContain('is in local mode');
    });

    it('the first user with a password becomes admin, adopts the local profile, and logins become required', async () => {
      const r = await addUser(t, 'alice', { role: 'coach' });
      expect(r.stderr).toContain('the local profile "tester" and all its data now belong to alice');
      expect(r.stderr).toContain('--role coach ignored');
      const users = await t.db('users').select('username', 'role');
      expect(users).toEqual([{ username: 'alice', role: 'admin' }]);
      const who = await run(['whoami'], null);
      expect(who.code).toBe(3);
      expect(who.stderr).toBe('fittrack: error: not logged in — run: fittrack login\nthis database has password-protected users: every command needs a login session\n');
      expect(who.stdout).toBe('');
    });

    it('passwords never come from argv', async () => {
      const r = await run(['login', 'alice', '--password', passwordOf('alice')], null);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("unknown option '--password'");
    });

    it('login saves the session in $FITTRACK_HOME/session (0600); whoami, then logout deletes it', async () => {
      const bad = await run(['login', 'alice', '--password-stdin'], null, 'not the password\n');
      expect(bad.code).toBe(3);
      expect(bad.stderr).toContain('fittrack: error: login failed: wrong username or password');
      const unknown = await run(['login', 'nobody', '--password-stdin'], null, 'not the password\n');
      expect(unknown.stderr).toBe(bad.stderr);
      expect(unknown.code).toBe(3);

      const r = await run(['login', 'alice', '--password-stdin'], null, `${passwordOf('alice')}\n`);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^logged in as alice \(session saved in .*session, valid until (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}( \d{4})? \d\d:\d\d\)$/m);
      expect(statSync(sessionFile()).mode & 0o777).toBe(0o600);
      const token = readFileSync(sessionFile(), 'utf8').trim();
      tokens.push(token);
      expect(readdirSync(t.dir).filter((f) => f.includes('.tmp'))).toEqual([]);

      // Logging in again ends the session the file held.
      expect((await run(['login', 'alice', '--password-stdin'], null, `${passwordOf('alice')}\n`)).code).toBe(0);
      const replaced = await run(['whoami'], token);
      expect(replaced.code).toBe(3);
      expect(replaced.stderr).toContain('was ended (replaced)');

      const who = await run(['whoami', '--json'], null);
      expect(who.code).toBe(0);
      expect(JSON.parse(who.stdout)).toMatchObject({ username: 'alice', role: 'admin', mode: 'multi-user' });

      const current = readFileSync(sessionFile(), 'utf8').trim();
      const out = await run(['logout'], null);
      expect(out).toMatchObject({ code: 0 });
      expect(existsSync(sessionFile())).toBe(false);
      expect((await run(['whoami'], null)).code).toBe(3);
      // The old token is dead in the database, not just forgotten by the file.
      const again = await run(['whoami'], current);
      expect(again.code).toBe(3);
      expect(again.stderr).toContain('was ended (logout)');
      const row = await t.db('user_sessions').orderBy('id', 'desc').first();
      expect(row).toMatchObject({ revoke_reason: 'logout', device_type: 'cli' });
    });

    it('--print-token prints a token for FITTRACK_TOKEN and writes no file', async () => {
      const token = await loginAs(t, 'alice', { remember: true });
      tokens.push(token);
      expect(existsSync(sessionFile())).toBe(false);
      const who = await run(['whoami'], token);
      expect(who.stdout).toMatch(/^alice \(admin\) — session \d+ until /);
      const out = await run(['logout'], token);
      expect(out.stderr).toContain('FITTRACK_TOKEN no longer works');
      expect((await run(['whoami'], token)).code).toBe(3);
    });
  });
}

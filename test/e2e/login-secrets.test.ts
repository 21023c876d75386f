import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { dialects, useTestDb, type TestDb } from '../helpers/db.js';
import { PASSWORDS, addUser, asUser, loginAs } from '../helpers/auth-cli.js';

/** Every row of every table as text, plus (SQLite) the raw bytes of the database files. */
async function dumpDatabase(t: TestDb): Promise<string> {
  const tables: string[] =
    t.dialect === 'sqlite'
      ? (await t.db.raw("select name from sqlite_master where type = 'table'")).map((r: { name: string }) => r.name)
      : (await t.db.raw("select tablename as name from pg_tables where schemaname = current_schema()")).rows.map((r: { name: string }) => r.name);
  let dump = '';
  for (const table of tables) dump += JSON.stringify(await t.db(table).select());
  if (t.dialect === 'sqlite') {
    for (const f of readdirSync(t.dir).filter((f) => f.startsWith('fittrack.db'))) dump += readFileSync(path.join(t.dir, f)).toString('latin1');
  }
  return dump;
}

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const outputs: CliResult[] = [];
    const tokens: string[] = [];
    const run = async (args: string[], token: string | null, input?: string) => {
      const r = await runCli(args, asUser(t, token, { input }));
      outputs.push(r);
      return r;
    };

    it('no password or token appears in output, the audit log or the database', async () => {
      await run(['log-weight', '80.5kg'], null);
      await addUser(t, 'alice');
      outputs.push(await run(['login', 'alice', '--password-stdin'], null, 'not the password\n'));
      const token = await loginAs(t, 'alice');
      await addUser(t, 'bob', { adminToken: token });
      const bobToken = await loginAs(t, 'bob');
      tokens.push(token, bobToken);
      outputs.push(await run(['audit', '--json'], token));
      outputs.push(await run(['sessions', 'list', '--json'], token));
      outputs.push(await run(['user', 'list', '--json'], token));
      outputs.push(await run(['user', 'show', 'bob', '--json'], token));
      const exported = await run(['export', '--format', 'json'], token);
      expect(exported.code).toBe(0);
      expect(exported.stdout).toContain('80.5');
      outputs.push(await run(['user', 'passwd', '--password-stdin'], bobToken, `${PASSWORDS.bob}\nnew-pw-for-bob-123\n`));
      PASSWORDS.bobNew = 'new-pw-for-bob-123';
      const dump = await dumpDatabase(t);
      const secrets = [...Object.values(PASSWORDS), 'not the password', ...tokens];
      expect(secrets.length).toBeGreaterThan(5);
      for (const secret of secrets) expect(dump).not.toContain(secret);
      for (const r of outputs) {
        for (const secret of Object.values(PASSWORDS)) {
          expect(r.stdout).not.toContain(secret);
          expect(r.stderr).not.toContain(secret);
        }
        for (const tok of tokens) expect(r.stderr).not.toContain(tok);
        expect(r.stdout).not.toContain('password_hash');
        expect(r.stdout).not.toContain('token_hash');
        expect(r.stdout).not.toMatch(/\$2[aby]\$/);
      }
    });
  });
}

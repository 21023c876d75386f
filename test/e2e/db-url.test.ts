/**
 * What `--db` (and DATABASE_URL, `db copy --to`) accepts, and secrets never printed back:
 * URLs of other kinds and SQLite URI names are refused before anything is created; passwords in
 * a URL's userinfo or query, and `--password=VALUE`, are masked in every message.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createTestDb } from '../helpers/db.js';

function tmp(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'fittrack-dburl-'));
}

describe('database names fittrack refuses (exit 2, nothing created)', () => {
  const cases: Array<{ name: string; args: string[]; env?: NodeJS.ProcessEnv; stderr: RegExp; secret?: string }> = [
    { name: 'a mysql:// URL', args: ['--db', 'mysql://x', 'log-weight', '80kg'], stderr: /--db: "mysql:\/\/x" is a mysql:\/\/ URL, which fittrack cannot open\ngive a SQLite file path .* or a postgres:\/\/ or postgresql:\/\/ URL/ },
    { name: 'a postgres:// typo, its password masked', args: ['--db', 'postgress://me:hunter2@db.example.com/ft', 'report', 'weight'], stderr: /"postgress:\/\/me:\*\*\*\*@db\.example\.com\/ft" is a postgress:\/\/ URL/, secret: 'hunter2' },
    { name: 'a URL in DATABASE_URL', args: ['report', 'weight'], env: { DATABASE_URL: 'mongodb://h/db' }, stderr: /DATABASE_URL: "mongodb:\/\/h\/db" is a mongodb:\/\/ URL/ },
    { name: 'a SQLite URI name', args: ['--db', 'file:ro.db?mode=ro', 'report', 'weight'], stderr: /--db: "file:ro\.db\?mode=ro" is a SQLite URI name, which fittrack does not take\ngive the plain path/ },
    { name: 'a SQLite URI name with an absolute path', args: ['--db', 'file:///tmp/fittrack-uri.db?mode=ro', 'db', 'status'], stderr: /is a file:\/\/ URL, which fittrack cannot open/ },
    { name: 'a db copy target of another kind', args: ['db', 'copy', '--to', 'mysql://root:topsecret@h/db'], stderr: /--to: "mysql:\/\/root:\*\*\*\*@h\/db" is a mysql:\/\/ URL/, secret: 'topsecret' },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const cwd = tmp();
      const home = tmp();
      const r = await runCli(c.args, { home, cwd, env: c.env });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(c.stderr);
      if (c.secret) expect(r.stderr).not.toContain(c.secret);
      expect(readdirSync(cwd)).toEqual([]);
      if (!c.args.includes('copy')) expect(readdirSync(home).filter((f) => !f.startsWith('.'))).toEqual([]);
    });
  }
});

describe('secrets in messages', () => {
  it('masks a password given in the URL query', async () => {
    const r = await runCli(['--db', 'postgres://me@127.0.0.1:1/ft?sslmode=disable&password=s3cr3t-q', 'report', 'weight'], { home: tmp() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('postgres://me@127.0.0.1:1/ft?sslmode=disable&password=****: connection refused');
    expect(r.stderr).not.toContain('s3cr3t-q');
  });

  it('masks a query password in what a working PostgreSQL command prints', async () => {
    const t = await createTestDb('postgres');
    try {
      const u = new URL(t.url);
      const password = decodeURIComponent(u.password);
      u.password = '';
      u.searchParams.set('password', password);
      const r = await runCli(['--db', u.toString(), 'db', 'status'], { home: t.dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^database: postgres:\/\/.*\?password=\*\*\*\* \(postgres\)$/m);
      expect(r.stdout + r.stderr).not.toContain(`password=${password}`);
    } finally {
      await t.drop();
    }
  });

  it('never echoes --password=VALUE in commander’s errors', async () => {
    for (const args of [['login', 'alice', '--password=hunter2-cli'], ['--password=hunter2-cli', 'whoami'], ['user', 'add', 'bob', '--db-password=hunter2-cli'], ['login', 'alice', '--pasword=hunter2-cli'], ['login', 'alice', '--password-stdin=hunter2-cli']]) {
      const r = await runCli(args, { home: tmp() });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain("unknown option '--");
      expect(r.stderr).not.toContain('hunter2-cli');
    }
  });
});


/**
 * The CLI as a user first meets it: help, version, choosing a database, migrations, and the
 * one-line errors when the database cannot be opened.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createDb, resolveDbTarget } from '../../src/db/connection.js';
import { runCli, ROOT } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

const SUBCOMMANDS = ['log-weight', 'log-workout', 'goal', 'coach-note', 'log-meal', 'import-md', 'export', 'import-json', 'report', 'user', 'login', 'logout', 'whoami', 'sessions', 'db'];
const TABLES = ['users', 'health_metrics', 'workout_sessions', 'exercise_logs', 'exercise_definitions', 'coaching_sessions', 'coaching_action_items', 'user_goals', 'progress_photos', 'meal_logs', 'user_sessions', 'app_config', 'audit_log', 'import_batches'];

function tmp(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'fittrack-e2e-'));
}

describe('fittrack --help and --version', () => {
  it('lists every subcommand with a description', async () => {
    const r = await runCli(['--help'], { home: tmp() });
    expect(r.code).toBe(0);
    for (const name of SUBCOMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${name}\\b.*\\S`, 'm'));
  });

  it('gives --help for every subcommand', async () => {
    for (const name of SUBCOMMANDS) {
      const r = await runCli([name, '--help'], { home: tmp() });
      expect(r.code, name).toBe(0);
      expect(r.stdout, name).toContain(`Usage: fittrack ${name}`);
    }
  });

  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await runCli(['--version'], { home: tmp() });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });

  it('refuses an unknown command or option with exit 2 and one line', async () => {
    const r = await runCli(['log-wieght', '80kg'], { home: tmp() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^fittrack: error: unknown command 'log-wieght'/);
    const o = await runCli(['db', 'status', '--frobnicate'], { home: tmp() });
    expect(o.code).toBe(2);
    expect(o.stderr).toMatch(/unknown option '--frobnicate'/);
  });
});

describe('choosing the database', () => {
  it('creates the default SQLite file under XDG_DATA_HOME with user-only permissions', async () => {
    const xdg = tmp();
    const r = await runCli(['db', 'migrate'], { env: { XDG_DATA_HOME: xdg, HOME: tmp() } });
    expect(r.code, r.stderr).toBe(0);
    const file = path.join(xdg, 'fittrack', 'fittrack.db');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
  });

  it('falls back to ~/.local/share/fittrack when neither FITTRACK_HOME nor XDG_DATA_HOME is set', async () => {
    const home = tmp();
    const r = await runCli(['db', 'status'], { env: { HOME: home } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(path.join(home, '.local', 'share', 'fittrack', 'fittrack.db'));
  });

  it('prefers --db over DATABASE_URL', async () => {
    const dir = tmp();
    const chosen = path.join(dir, 'chosen.db');
    const r = await runCli(['--db', chosen, 'db', 'status'], { home: dir, env: { DATABASE_URL: path.join(dir, 'other.db') } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(chosen);
  });

  it('says which SQLite path failed, in one line, exit 1, when the folder cannot be made', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'a-file'), 'not a folder');
    const r = await runCli(['--db', path.join(dir, 'a-file', 'sub', 'x.db'), 'db', 'migrate'], { home: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^fittrack: error: cannot open SQLite database .*a-file\/sub\/x\.db: a part of the path is not a folder\n/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('says which PostgreSQL server was refused, with the password masked, exit 1', async () => {
    const r = await runCli(['--db', 'postgres://alice:s3cret-pw@127.0.0.1:1/fittrack', 'db', 'status'], { home: tmp() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot connect to PostgreSQL at postgres://alice:****@127.0.0.1:1/fittrack: connection refused');
    expect(r.stderr).not.toContain('s3cret-pw');
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
  });

  it('shows a stack trace only with --debug', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'a-file'), '');
    const r = await runCli(['--debug', '--db', path.join(dir, 'a-file', 'x.db'), 'db', 'migrate'], { home: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});

for (const dialect of dialects) {
  describe(`db migrate and status on ${dialect}`, () => {
    const t = useTestDb(dialect, { migrate: false });

    it('creates every table and lists the applied migrations', async () => {
      const before = await runCli(['--db', t.url, 'db', 'status'], { home: t.dir });
      expect(before.code, before.stderr).toBe(0);
      expect(before.stdout).toMatch(/^pending\s+20261125000000_initial_schema\.ts/m);

      const r = await runCli(['--db', t.url, 'db', 'migrate'], { home: t.dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/applied \d+ migration/);
      for (const table of TABLES) expect(await t.db.schema.hasTable(table), table).toBe(true);

      const status = await runCli(['--db', t.url, 'db', 'status', '--json'], { home: t.dir });
      const doc = JSON.parse(status.stdout) as { engine: string; migrations: Array<{ name: string; status: string }> };
      expect(doc.engine).toBe(dialect);
      expect(doc.migrations.length).toBeGreaterThan(0);
      expect(doc.migrations.every((m) => m.status === 'applied')).toBe(true);

      const again = await runCli(['--db', t.url, 'db', 'migrate'], { home: t.dir });
      expect(again.stderr).toContain('schema is up to date');
    });

    it('rolls everything back only with --all --yes', async () => {
      const refused = await runCli(['--db', t.url, 'db', 'rollback', '--all'], { home: t.dir });
      expect(refused.code).toBe(2);
      expect(await t.db.schema.hasTable('users')).toBe(true);
      const r = await runCli(['--db', t.url, 'db', 'rollback', '--all', '--yes'], { home: t.dir });
      expect(r.code, r.stderr).toBe(0);
      expect(await t.db.schema.hasTable('users')).toBe(false);
    });
  });
}

describe('the same migrations through Knex’s own CLI', () => {
  it('npm run knex -- migrate:latest creates the schema fittrack recognises', async () => {
    const dir = tmp();
    const file = path.join(dir, 'k.db');
    await promisify(execFile)('npm', ['run', '-s', 'knex', '--', 'migrate:latest'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: file } });
    const db = await createDb(resolveDbTarget(file));
    try {
      for (const table of TABLES) expect(await db.schema.hasTable(table), table).toBe(true);
    } finally {
      await db.destroy();
    }
    const status = await runCli(['--db', file, 'db', 'status'], { home: dir });
    expect(status.stdout).toContain('schema is up to date');
  });
});

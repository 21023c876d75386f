/**
 * The logging commands start from their own lighter entries and, on an existing SQLite file in
 * local mode, run without Knex. Everything else must still behave exactly as the full CLI: a
 * schema to upgrade, login sessions, `--user`, a new database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/db/migrate.js';
import { addUser, asUser, loginAs } from '../helpers/auth-cli.js';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

const LAST_MIGRATION = MIGRATIONS.at(-1)![0];

for (const dialect of dialects) {
  describe(`logging commands outside the usual case (${dialect})`, () => {
    const t = useTestDb(dialect);
    const weighIns = async () => (await t.db('health_metrics').orderBy('recorded_date').select('recorded_date', 'weight_kg', 'user_id')) as Array<{ recorded_date: string; weight_kg: number; user_id: number }>;

    it('a schema with a pending migration: SQLite is upgraded first, PostgreSQL is refused', async () => {
      expect((await runCli(['log-weight', '80kg', '--date', '2025-01-01'], { db: t.url, home: t.dir })).code).toBe(0);
      // As if the database were made by an older fittrack: the last migration undone.
      await t.db.migrate.down({ name: LAST_MIGRATION, migrationSource: { getMigrations: async () => [...MIGRATIONS], getMigrationName: (m: (typeof MIGRATIONS)[number]) => m[0], getMigration: async (m: (typeof MIGRATIONS)[number]) => m[1] } });
      expect(await t.db('knex_migrations').where('name', LAST_MIGRATION).first()).toBeUndefined();

      const r = await runCli(['log-weight', '79.5kg', '--date', '2025-01-02'], { db: t.url, home: t.dir });
      if (dialect === 'sqlite') {
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toBe('Logged 79.5 kg for 2025-01-02 (−0.5 kg since 2025-01-01 · 7-day average 79.8 kg)\n');
        expect(await t.db('knex_migrations').where('name', LAST_MIGRATION).first()).toBeDefined();
        expect((await weighIns()).map((w) => w.weight_kg)).toEqual([80, 79.5]);
      } else {
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/^fittrack: error: the database schema at .* is out of date \(1 migration pending\)\nrun: fittrack db migrate\n$/);
        expect((await weighIns()).map((w) => w.weight_kg)).toEqual([80]);
        expect((await runCli(['db', 'migrate'], { db: t.url, home: t.dir })).code).toBe(0);
      }
    });

    // Each logging command, with what it stores for a date.
    const commands = [
      { name: 'log-weight', args: (date: string) => ['log-weight', '70kg', '--date', date], table: 'health_metrics', dateColumn: 'recorded_date' },
      { name: 'log-meal', args: (date: string) => ['log-meal', 'lunch', 'soup', '--date', date], table: 'meal_logs', dateColumn: 'meal_date' },
      { name: 'log-workout', args: (date: string) => ['log-workout', 'Legs', 'Squat 3x5@100kg', '--date', date], table: 'workout_sessions', dateColumn: 'session_date' },
    ];
    const rowsOn = async (table: string, dateColumn: string, date: string) => (await t.db(table).where(dateColumn, date).select('user_id')) as Array<{ user_id: number }>;

    for (const c of commands) {
      it(`--user: ${c.name} writes only the caller’s own data`, async () => {
        for (const args of [['--user', 'someone', ...c.args('2025-01-03')], [...c.args('2025-01-03'), '--user', 'someone']]) {
          const r = await runCli(args, { db: t.url, home: t.dir });
          expect(r.code).toBe(3);
          expect(r.stderr).toContain('fittrack: error: --user someone: this command only changes your own data');
        }
        expect(await rowsOn(c.table, c.dateColumn, '2025-01-03')).toEqual([]);
      });
    }

    it('with password users: a login is needed, and each logging command writes for the logged-in user', async () => {
      await addUser(t, 'alice');
      await addUser(t, 'bob', { adminToken: await loginAs(t, 'alice') });
      const bob = await loginAs(t, 'bob');
      const bobId = (await t.db('users').where('username', 'bob').first('id')).id as number;
      for (const c of commands) {
        const anonymous = await runCli(c.args('2025-01-04'), asUser(t, null));
        expect(anonymous.code, c.name).toBe(3);
        expect(anonymous.stderr).toMatch(/^fittrack: error: not logged in — run: fittrack login\n/);
        expect(await rowsOn(c.table, c.dateColumn, '2025-01-04')).toEqual([]);

        const r = await runCli(c.args('2025-01-04'), asUser(t, bob));
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toMatch(/^Logged /);
        expect(await rowsOn(c.table, c.dateColumn, '2025-01-04')).toEqual([{ user_id: bobId }]);
      }
    });
  });
}

describe('log-weight on a database that does not exist yet', () => {
  it('creates it, with the local profile, and logs', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fittrack-new-'));
    try {
      const r = await runCli(['log-weight', '80kg', '--date', '2025-01-01'], { home });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('Logged 80 kg for 2025-01-01\n');
      const again = await runCli(['log-weight', '79kg', '--date', '2025-01-02'], { home });
      expect(again.stderr).toBe('Logged 79 kg for 2025-01-02 (−1.0 kg since 2025-01-01 · 7-day average 79.5 kg)\n');
      const list = await runCli(['log-weight', '--list', '--json'], { home });
      expect((JSON.parse(list.stdout) as Array<{ weight_kg: number }>).map((w) => w.weight_kg)).toEqual([80, 79]);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});

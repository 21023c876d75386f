/**
 * `npm run knex -- migrate:latest` (knexfile.ts) finds the database, the migrations and the
 * SQLite pragmas the way the CLI does: afterwards the CLI has nothing pending.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, pendingMigrations } from '../../src/db/migrate.js';
import { dialects, useTestDb } from '../helpers/db.js';

const ROOT = path.resolve(__dirname, '../..');

for (const dialect of dialects) {
  describe(`knexfile on ${dialect}`, () => {
    const t = useTestDb(dialect, { migrate: false });

    it('runs the migrations the CLI runs, by the same names', async () => {
      expect(await pendingMigrations(t.db)).toEqual(MIGRATIONS.map(([name]) => name));
      const { FITTRACK_HOME: _home, ...env } = process.env;
      await promisify(execFile)(process.execPath, ['--import', 'tsx', 'node_modules/knex/bin/cli.js', '--knexfile', 'knexfile.ts', 'migrate:latest'], {
        cwd: ROOT,
        env: { ...env, DATABASE_URL: t.url },
        timeout: 120_000,
      });
      expect(await pendingMigrations(t.db)).toEqual([]);
      const names = ((await t.db('knex_migrations').orderBy('id').select('name')) as Array<{ name: string }>).map((r) => r.name);
      expect(names).toEqual(MIGRATIONS.map(([name]) => name));
      if (dialect === 'sqlite') expect(((await t.db.raw('pragma journal_mode')) as Array<{ journal_mode: string }>)[0]!.journal_mode).toBe('wal');
    }, 150_000);
  });
}

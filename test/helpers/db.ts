/**
 * Database fixtures for tests. Every database test runs once per dialect:
 *
 *   for (const dialect of dialects) describe(dialect, () => { const t = useTestDb(dialect); … t.db … })
 *
 * SQLite gets a fresh file in a temp folder; PostgreSQL a fresh database on the server the
 * global setup started (or TEST_DATABASE_URL), so test files can run in parallel.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDb, resolveDbTarget } from '../../src/db/connection.js';
import { migrateLatest } from '../../src/db/migrate.js';
import type { Sql } from '../../src/db/sql.js';
import { openPgDirect, type DirectPg } from '../../src/db/pg-direct.js';
import { openSqliteDirect, type DirectSqlite } from '../../src/db/sqlite-direct.js';

export const dialects = ['sqlite', 'postgres'] as const;
export type Dialect = (typeof dialects)[number];

export interface TestDb {
  dialect: Dialect;
  /** What `--db` takes for this database: a file path or a postgres:// URL. */
  url: string;
  db: Knex;
  /** A scratch folder for this database's test (FITTRACK_HOME for CLI runs, files). */
  dir: string;
}

/** The URL of a database named `name` on the test PostgreSQL server. */
function pgUrlFor(name: string): string {
  const u = new URL(inject('pgUrl'));
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Creates an empty database of the given dialect (not migrated unless `migrate`), returning
 * its handle and a function that drops it.
 */
export async function createTestDb(dialect: Dialect, opts: { migrate?: boolean } = {}): Promise<TestDb & { drop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `fittrack-test-${dialect}-`));
  let url: string;
  let dropDatabase = async () => {};
  if (dialect === 'sqlite') {
    url = path.join(dir, 'fittrack.db');
  } else {
    const name = `ft_${randomBytes(6).toString('hex')}`;
    const admin = await createDb(resolveDbTarget(inject('pgUrl')), { poolMax: 1 });
    await admin.raw(`CREATE DATABASE ${name}`);
    await admin.destroy();
    url = pgUrlFor(name);
    dropDatabase = async () => {
      const a = await createDb(resolveDbTarget(inject('pgUrl')), { poolMax: 1 });
      await a.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.destroy();
    };
  }
  const db = await createDb(resolveDbTarget(url));
  if (opts.migrate !== false) await migrateLatest(db);
  return {
    dialect,
    url,
    db,
    dir,
    async drop() {
      await db.destroy();
      await dropDatabase();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A migrated database for the enclosing `describe`, created before its tests and dropped after.
 * The returned object's fields are filled in `beforeAll`.
 */
export function useTestDb(dialect: Dialect, opts: { migrate?: boolean } = {}): TestDb {
  const holder = { dialect } as TestDb & { drop?: () => Promise<void> };
  beforeAll(async () => {
    const t = await createTestDb(dialect, opts);
    Object.assign(holder, t);
  });
  afterAll(async () => {
    await holder.drop?.();
  });
  return holder;
}

/**
 * The ways a repository written in portable SQL (src/db/sql.ts) runs: through Knex on each
 * engine, and straight through the driver without Knex (what the logging commands use on
 * SQLite, and the lists and reports on both engines).
 */
export const sqlVariants = [
  ...dialects.map((dialect) => ({ dialect, direct: false, label: dialect })),
  { dialect: 'sqlite' as const, direct: true, label: 'sqlite, direct' },
  { dialect: 'postgres' as const, direct: true, label: 'postgres, direct' },
];

/**
 * `useTestDb` for a variant of `sqlVariants`, plus `on()`: what the repository under test runs
 * on, `t.db` or a direct connection to the same database (opened after the database).
 *
 * @example for (const v of sqlVariants) describe(v.label, () => { const t = useSqlTestDb(v); … mealRepo(t.on(), me) … })
 */
export function useSqlTestDb(variant: (typeof sqlVariants)[number]): TestDb & { on(): Knex | Sql } {
  const t = useTestDb(variant.dialect);
  let direct: DirectSqlite | DirectPg | undefined;
  beforeAll(async () => {
    if (!variant.direct) return;
    const target = resolveDbTarget(t.url);
    direct = variant.dialect === 'sqlite' ? openSqliteDirect(target) : await openPgDirect(target);
    if (!direct) throw new Error(`no direct connection to ${t.url}`);
  });
  afterAll(async () => {
    await direct?.close();
  });
  return Object.assign(t, { on: () => direct ?? t.db });
}

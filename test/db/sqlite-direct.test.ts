/**
 * The direct SQLite connection log-weight runs on: it opens only an existing file, keeps
 * transactions all-or-nothing, and reads the schema state and the local profile as Knex does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveDbTarget } from '../../src/db/connection.js';
import { migrateLatest, MIGRATIONS, pendingMigrations } from '../../src/db/migrate.js';
import { type Sql } from '../../src/db/sql.js';
import { openSqliteDirect, type DirectSqlite } from '../../src/db/sqlite-direct.js';
import { loadModeAndLocal } from '../../src/db/users-repo.js';
import { createTestDb, useTestDb } from '../helpers/db.js';
import { expectRowsOneByOne } from '../helpers/rows-one-by-one.js';

describe('direct SQLite connection', () => {
  const t = useTestDb('sqlite');
  let open: DirectSqlite | undefined;
  afterEach(() => {
    open?.close();
    open = undefined;
  });
  const direct = (): DirectSqlite => {
    open = openSqliteDirect(resolveDbTarget(t.url));
    if (!open) throw new Error('no direct connection');
    return open;
  };

  it('opens only an existing SQLite file', () => {
    const missing = path.join(t.dir, 'nothing-here.db');
    expect(openSqliteDirect(resolveDbTarget(missing))).toBeUndefined();
    expect(fs.existsSync(missing)).toBe(false);
    expect(openSqliteDirect(resolveDbTarget('postgres://nobody@127.0.0.1:1/none'))).toBeUndefined();
  });

  it('refuses a file that is not a SQLite database, with the same message as Knex', () => {
    const junk = path.join(t.dir, 'junk.db');
    fs.writeFileSync(junk, 'this is not a database, just some text long enough to have a header'.repeat(20));
    expect(() => openSqliteDirect(resolveDbTarget(junk))).toThrow(/^cannot connect to SQLite database .*junk\.db: the file is not a SQLite database$/);
  });

  it('hands the rows of a select one by one, the same rows in the same order as all of them at once', async () => {
    const sql = direct();
    await expectRowsOneByOne(sql, 'rows');
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    const sql = direct();
    const user = (await sql.first<{ id: number }>("insert into users (username, created_at, updated_at) values ('tx', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z') returning id"))!.id;
    const insert = (s: Sql, date: string) => s.all("insert into health_metrics (user_id, recorded_date, weight_kg, created_at, updated_at) values (?, ?, 80, 'x', 'x')", [user, date]);
    await sql.transaction((trx) => insert(trx, '2025-01-01'));
    await expect(
      sql.transaction(async (trx) => {
        await insert(trx, '2025-01-02');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    // A statement the database refuses also rolls back what came before it.
    await expect(
      sql.transaction(async (trx) => {
        await insert(trx, '2025-01-03');
        await insert(trx, '2025-01-01');
      }),
    ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    await expect(sql.transaction(() => sql.transaction(async () => 1))).rejects.toThrow(/nested transactions/);
    const days = await sql.all<{ recorded_date: string }>('select recorded_date from health_metrics where user_id = ? order by recorded_date', [user]);
    expect(days.map((d) => d.recorded_date)).toEqual(['2025-01-01']);
    // The connection is usable again after each rollback.
    await sql.transaction((trx) => insert(trx, '2025-01-04'));
    expect(await t.db('health_metrics').where('user_id', user).count({ n: '*' }).first()).toEqual({ n: 2 });
  });

  it('tells pending migrations and the local profile as the Knex connection does', async () => {
    const fresh = await createTestDb('sqlite', { migrate: false });
    const target = resolveDbTarget(fresh.url);
    try {
      let sql = openSqliteDirect(target)!;
      expect(await pendingMigrations(sql)).toEqual(MIGRATIONS.map(([name]) => name));
      expect(await pendingMigrations(fresh.db)).toEqual(MIGRATIONS.map(([name]) => name));
      sql.close();

      await migrateLatest(fresh.db);
      await fresh.db('knex_migrations').where('name', MIGRATIONS.at(-1)![0]).delete();
      sql = openSqliteDirect(target)!;
      expect(await pendingMigrations(sql)).toEqual([MIGRATIONS.at(-1)![0]]);
      expect(await loadModeAndLocal(sql)).toEqual({ multiUser: false, local: null });

      await fresh.db('users').insert({ username: 'me', created_at: 'x', updated_at: 'x' });
      expect(await loadModeAndLocal(sql)).toEqual(await loadModeAndLocal(fresh.db));
      expect((await loadModeAndLocal(sql)).local?.username).toBe('me');
      await fresh.db('users').insert({ username: 'coach', password_hash: '$2b$04$x', created_at: 'x', updated_at: 'x' });
      expect(await loadModeAndLocal(sql)).toEqual({ multiUser: true, local: null });
      sql.close();
    } finally {
      await fresh.drop();
    }
  });
});

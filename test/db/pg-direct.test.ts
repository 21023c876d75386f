/**
 * The direct PostgreSQL connection lists and reports run on: the same rows as through Knex, the
 * same failure as Knex when the server cannot be reached, and transactions all-or-nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, resolveDbTarget } from '../../src/db/connection.js';
import { pendingMigrations } from '../../src/db/migrate.js';
import { numberedPlaceholders, openPgDirect, type DirectPg } from '../../src/db/pg-direct.js';
import { guardedRole } from '../../src/db/rls-repo.js';
import { asSql, eachRow } from '../../src/db/sql.js';
import { loadModeAndLocal } from '../../src/db/users-repo.js';
import { useTestDb } from '../helpers/db.js';
import { expectRowsOneByOne } from '../helpers/rows-one-by-one.js';

describe('numberedPlaceholders', () => {
  it('numbers the placeholders in order, as Knex does, and keeps an escaped one', () => {
    expect(numberedPlaceholders('select 1 where a = ? and b in (?, ?)')).toBe('select 1 where a = $1 and b in ($2, $3)');
    expect(numberedPlaceholders('select ? as x, \\? as y')).toBe('select $1 as x, ? as y');
    expect(numberedPlaceholders('select 1')).toBe('select 1');
  });
});

describe('direct PostgreSQL connection', () => {
  const t = useTestDb('postgres');
  let open: DirectPg | undefined;
  afterEach(async () => {
    await open?.close();
    open = undefined;
  });
  const direct = async (): Promise<DirectPg> => (open = (await openPgDirect(resolveDbTarget(t.url)))!);

  it('opens only a PostgreSQL target', async () => {
    expect(await openPgDirect(resolveDbTarget(`${t.dir}/x.db`))).toBeUndefined();
  });

  it('fails as Knex does when the server cannot be reached', async () => {
    const target = resolveDbTarget('postgres://nobody:secret@127.0.0.1:1/none');
    const viaKnex = await createDb(target).then(
      () => 'connected',
      (err: Error) => err.message,
    );
    await expect(openPgDirect(target)).rejects.toThrow(viaKnex);
    expect(viaKnex).toBe('cannot connect to PostgreSQL at postgres://nobody:****@127.0.0.1:1/none: connection refused');
  });

  it('reads the schema state, the mode and the rows as Knex does', async () => {
    const sql = await direct();
    expect(await guardedRole(sql)).toBe(false);
    expect(await pendingMigrations(sql)).toEqual(await pendingMigrations(t.db));
    expect(await loadModeAndLocal(sql)).toEqual(await loadModeAndLocal(t.db));
    const user = (await sql.first<{ id: number }>("insert into users (username, created_at, updated_at) values ('rows', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z') returning id"))!.id;
    await sql.all("insert into health_metrics (user_id, recorded_date, weight_kg, created_at, updated_at) values (?, ?, ?, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')", [user, '2025-01-02', 80.5]);
    const text = 'select recorded_date, weight_kg, created_at, (select count(*) from health_metrics) as n from health_metrics where user_id = ?';
    const rows = await sql.all(text, [user]);
    expect(rows).toEqual([{ recorded_date: '2025-01-02', weight_kg: 80.5, created_at: '2025-01-01T00:00:00.000Z', n: 1 }]);
    expect(rows).toEqual(await asSql(t.db).all(text, [user]));
  });

  it('hands the rows of a select one by one, the same rows in the same order as all of them at once', async () => {
    const sql = await direct();
    const { text, params } = await expectRowsOneByOne(sql, 'each');
    // A statement the server refuses fails the reading, and the connection goes on.
    await expect(eachRow(sql, 'select * from no_such_table where id = ?', [1], () => {})).rejects.toThrow(/no_such_table/);
    expect(await sql.all(text, params)).toHaveLength(3);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    const sql = await direct();
    const count = async () => (await sql.first<{ n: number }>("select count(*) as n from users where username like 'trx-%'"))!.n;
    const add = (name: string) => sql.all("insert into users (username, created_at, updated_at) values (?, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')", [name]);
    await sql.transaction(async (trx) => {
      await add('trx-kept');
      expect(trx).toBe(sql);
    });
    await expect(
      sql.transaction(async () => {
        await add('trx-lost');
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await count()).toBe(1);
  });
});

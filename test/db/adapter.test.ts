/**
 * What src/db/adapter relies on below Knex's public API, pinned: a Knex upgrade that moves the
 * client's connection methods or the transaction's begin/commit fails here first.
 */
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { acquireDriverConnection, beforeEveryConnection, driverOf, instanceKeyOf, releaseDriverConnection, withDriverConnection } from '../../src/db/adapter/knex-client.js';
import { loadPg } from '../../src/db/adapter/pg-adapter.js';
import { onEveryTransaction } from '../../src/db/adapter/sqlite-adapter.js';
import { createDb, resolveDbTarget } from '../../src/db/connection.js';
import { dialects, useTestDb } from '../helpers/db.js';

type AnyConn = {
  prepare?(sql: string): { run(params: unknown[]): unknown; all(params: unknown[]): Array<Record<string, unknown>> };
  query?(text: string, values?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
};

/** Runs a statement straight on a driver connection, whichever the engine. */
async function driverRun(conn: AnyConn, sql: string, values: unknown[]): Promise<Array<Record<string, unknown>>> {
  if (conn.prepare) {
    const stmt = conn.prepare(sql.replace(/\$\d+/g, '?'));
    return /^\s*select/i.test(sql) ? stmt.all(values) : (stmt.run(values), []);
  }
  return (await conn.query!(sql, values)).rows;
}

for (const dialect of dialects) {
  describe(`Knex client on ${dialect}`, () => {
    const t = useTestDb(dialect);

    it('names its driver, and a transaction shares its instance key', async () => {
      expect(driverOf(t.db)).toBe(dialect === 'sqlite' ? 'better-sqlite3' : 'pg');
      await t.db.transaction(async (trx) => {
        expect(driverOf(trx)).toBe(driverOf(t.db));
        expect(instanceKeyOf(trx)).toBe(instanceKeyOf(t.db));
      });
      const other = await createDb(resolveDbTarget(t.url), { poolMax: 1 });
      try {
        expect(instanceKeyOf(other)).not.toBe(instanceKeyOf(t.db));
      } finally {
        await other.destroy();
      }
    });

    it("lends the transaction's own connection inside a transaction: what is written on it is rolled back with it", async () => {
      const trx = await t.db.transaction();
      const conn = await acquireDriverConnection<AnyConn>(trx);
      await driverRun(conn, 'insert into app_config (key, value, updated_at) values ($1, $2, $3)', ['adapter-test', 'x', '2026-01-01T00:00:00.000Z']);
      await releaseDriverConnection(trx, conn);
      expect(await trx('app_config').where({ key: 'adapter-test' }).first('value')).toEqual({ value: 'x' });
      await trx.rollback();
      expect(await t.db('app_config').where({ key: 'adapter-test' })).toEqual([]);
    });

    it('lends a pool connection the driver answers on, and takes it back', async () => {
      const db = await createDb(resolveDbTarget(t.url), { poolMax: 1 });
      try {
        for (let i = 0; i < 3; i++) {
          const rows = await withDriverConnection<AnyConn, Array<Record<string, unknown>>>(db, (c) => driverRun(c, 'select 1 + 1 as n', []));
          expect(Number(rows[0]!.n)).toBe(2);
        }
        // Had a connection not been given back, the pool of one would have nothing left to lend.
        expect(await db.raw('select 1 as one')).toBeTruthy();
      } finally {
        await db.destroy();
      }
    });

    it('sets up every connection it lends before the caller gets it, with the newest setup', async () => {
      const db = await createDb(resolveDbTarget(t.url), { poolMax: 2 });
      try {
        const seen: string[] = [];
        beforeEveryConnection<{ mark?: string }>(db, async (c) => {
          seen.push('first');
          c.mark = 'first';
        });
        beforeEveryConnection<{ mark?: string }>(db, async (c) => {
          seen.push('second');
          c.mark = 'second';
        });
        const conn = await acquireDriverConnection<{ mark?: string }>(db);
        expect(conn.mark).toBe('second');
        await releaseDriverConnection(db, conn);
        await db('app_config').select('key');
        expect(seen).toEqual(['second', 'second']);
      } finally {
        await db.destroy();
      }
    });
  });
}

describe('Knex client on postgres, setting up a session', () => {
  const t = useTestDb('postgres');

  it('a setting made in the setup is seen by the queries of every connection', async () => {
    const db = await createDb(resolveDbTarget(t.url), { poolMax: 2 });
    try {
      beforeEveryConnection<{ query(text: string, values: unknown[]): Promise<unknown> }>(db, async (c) => {
        await c.query("select set_config('fittrack.adapter_test', $1, false)", ['on']);
      });
      const [a, b] = await Promise.all([
        db.transaction((trx) => trx.raw("select current_setting('fittrack.adapter_test', true) as v, pg_sleep(0.1)")),
        db.raw("select current_setting('fittrack.adapter_test', true) as v"),
      ]);
      expect(a.rows[0].v).toBe('on');
      expect(b.rows[0].v).toBe('on');
    } finally {
      await db.destroy();
    }
  });

  it('pg loads and leaves no navigator behind', async () => {
    const before = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    const pg = await loadPg();
    expect(typeof pg.Client).toBe('function');
    expect(typeof pg.types.setTypeParser).toBe('function');
    expect(Object.getOwnPropertyDescriptor(globalThis, 'navigator')).toEqual(before);
  });
});

describe('SQLite transactions through the adapter', () => {
  const t = useTestDb('sqlite');

  function rawKnex(file: string): Knex {
    return knexFactory({ client: 'better-sqlite3', connection: { filename: file }, useNullAsDefault: true });
  }

  it('begin with the statement given: a transaction that has only read already holds the write lock', async () => {
    const file = path.join(t.dir, 'begin.db');
    const db = rawKnex(file);
    try {
      await db.raw('create table t (x integer)');
      onEveryTransaction(db, 'BEGIN IMMEDIATE;', () => {});
      const trx = await db.transaction();
      await trx('t').select('x');
      const other = new BetterSqlite3(file, { timeout: 0 });
      try {
        expect(() => other.exec('BEGIN IMMEDIATE')).toThrow(/locked|busy/i);
      } finally {
        other.close();
      }
      await trx.commit();
    } finally {
      await db.destroy();
    }
  });

  it('run the check before each commit, and roll back with its error when it throws', async () => {
    const file = path.join(t.dir, 'commit.db');
    const db = rawKnex(file);
    try {
      await db.raw('create table t (x integer)');
      let refuse = true;
      onEveryTransaction(db, 'BEGIN IMMEDIATE;', () => {
        if (refuse) throw new Error('file replaced');
      });
      await expect(db.transaction((trx) => trx('t').insert({ x: 1 }))).rejects.toThrow('file replaced');
      expect(await db('t').select('x')).toEqual([]);
      refuse = false;
      await db.transaction((trx) => trx('t').insert({ x: 2 }));
      expect(await db('t').select('x')).toEqual([{ x: 2 }]);
    } finally {
      await db.destroy();
    }
  });
});

/**
 * What fittrack does below Knex's public API on SQLite: the start and the commit of every Knex
 * transaction (the driver connections themselves are lent by `knex-client.ts`).
 */
import type { Knex } from 'knex';

/**
 * Makes every Knex transaction on the instance start with `begin` instead of Knex's `BEGIN;`,
 * and run `beforeCommit` before it commits: when that throws, the transaction is rolled back
 * with its error instead.
 *
 * @example onEveryTransaction(db, 'BEGIN IMMEDIATE;', () => assertSameFile())
 */
export function onEveryTransaction(db: Knex, begin: string, beforeCommit: () => void): void {
  type Trx = { begin(conn: unknown): unknown; commit(conn: unknown, value: unknown): unknown; rollback(conn: unknown, err: unknown): unknown; query(conn: unknown, sql: string): unknown };
  const client = db.client as { transaction(...args: unknown[]): Trx };
  const make = client.transaction.bind(client);
  client.transaction = (...args: unknown[]) => {
    const trx = make(...args);
    trx.begin = (conn: unknown) => trx.query(conn, begin);
    const commit = trx.commit.bind(trx);
    trx.commit = (conn: unknown, value: unknown) => {
      try {
        beforeCommit();
      } catch (err) {
        return trx.rollback(conn, err);
      }
      return commit(conn, value);
    };
    return trx;
  };
}

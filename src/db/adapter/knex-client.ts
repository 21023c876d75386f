/**
 * The parts of Knex below its public API that fittrack relies on, for both engines: the client
 * object behind a Knex instance (its config, and the driver connections its pool lends). Every
 * use of them goes through this folder (test/db/adapter.test.ts pins what it expects of Knex).
 */
import type { Knex } from 'knex';

/** What fittrack uses of `knex.client` (the same object for a transaction's own client, minus the pool). */
interface KnexClient {
  config: { client: string };
  acquireConnection(): Promise<unknown>;
  releaseConnection(conn: unknown): Promise<unknown>;
}

const clientOf = (db: Knex | Knex.Transaction): KnexClient => (db as unknown as { client: KnexClient }).client;

/** The driver name an instance was created with. @example driverOf(db) → 'better-sqlite3' */
export function driverOf(db: Knex | Knex.Transaction): string {
  return clientOf(db).config.client;
}

/**
 * An object shared by a Knex instance and every transaction started on it (its config), to key
 * per-instance state on.
 */
export function instanceKeyOf(db: Knex | Knex.Transaction): object {
  return clientOf(db).config;
}

/**
 * Borrows a driver connection from the pool (inside a transaction: the transaction's own
 * connection); give it back with `releaseDriverConnection`.
 */
export async function acquireDriverConnection<C>(db: Knex | Knex.Transaction): Promise<C> {
  return (await clientOf(db).acquireConnection()) as C;
}

/** Gives back a connection from `acquireDriverConnection` (inside a transaction: nothing happens). */
export async function releaseDriverConnection(db: Knex | Knex.Transaction, conn: unknown): Promise<void> {
  await clientOf(db).releaseConnection(conn);
}

/**
 * Runs `fn` on a driver connection of its own and gives the connection back.
 *
 * @example await withDriverConnection<PgDriverConnection>(db, (c) => c.query('select 1'))
 */
export async function withDriverConnection<C, T>(db: Knex | Knex.Transaction, fn: (conn: C) => Promise<T>): Promise<T> {
  const conn = await acquireDriverConnection<C>(db);
  try {
    return await fn(conn);
  } finally {
    await releaseDriverConnection(db, conn);
  }
}

/**
 * Makes every connection the instance lends pass through `setup` (awaited) before it reaches
 * the caller; set again, the newest setup replaces the previous one.
 */
export function beforeEveryConnection<C>(db: Knex, setup: (conn: C) => Promise<void>): void {
  const client = clientOf(db) as KnexClient & { __fittrackSetup?: (conn: C) => Promise<void> };
  const wrapped = client.__fittrackSetup !== undefined;
  client.__fittrackSetup = setup;
  if (wrapped) return;
  const acquire = client.acquireConnection.bind(client);
  client.acquireConnection = async () => {
    const conn = (await acquire()) as C;
    await client.__fittrackSetup!(conn);
    return conn;
  };
}

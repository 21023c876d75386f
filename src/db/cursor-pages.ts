/**
 * Reading the rows of one query through a cursor, a page at a time, in one read transaction (a
 * consistent snapshot): better-sqlite3's `iterate()` on SQLite, `DECLARE … CURSOR` and `FETCH` on
 * PostgreSQL. Used by the export reader for the sections without child rows.
 */
import type { Knex } from 'knex';
import { engineOf } from './connection.js';
import { acquireDriverConnection, releaseDriverConnection } from './adapter/knex-client.js';

type Row = Record<string, unknown>;

interface SqliteConnection {
  inTransaction: boolean;
  exec(sql: string): unknown;
  prepare(sql: string): { raw(on: true): { columns(): Array<{ name: string }>; iterate(params: readonly unknown[]): IterableIterator<unknown[]> } };
}
interface PgConnection {
  query(q: string | { text: string; values?: readonly unknown[]; rowMode?: 'array' }): Promise<{ rows: unknown[][]; fields: Array<{ name: string }> }>;
}

/**
 * A function turning a row read as an array into an object with the given keys. Both drivers
 * build row objects key by key, which costs more than reading the row; one object literal of a
 * fixed shape, compiled once per query, costs far less. The keys are the query's column names,
 * quoted with JSON.stringify.
 */
function rowBuilder(names: readonly string[]): (values: readonly unknown[]) => Row {
  const body = `return {${names.map((n, i) => `${JSON.stringify(n)}: v[${i}]`).join(', ')}};`;
  return new Function('v', body) as (values: readonly unknown[]) => Row;
}

/** better-sqlite3: a deferred read transaction (the snapshot starts at the first read), rows as the statement steps. */
function* sqliteCursorPages(conn: SqliteConnection, sql: string, bindings: readonly unknown[], pageSize: number): Generator<Row[]> {
  conn.exec('BEGIN');
  try {
    const statement = conn.prepare(sql).raw(true);
    const build = rowBuilder(statement.columns().map((c) => c.name));
    let page: Row[] = [];
    // Leaving this loop early (the consumer stopped or failed) closes the statement.
    for (const values of statement.iterate(bindings)) {
      page.push(build(values));
      if (page.length === pageSize) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  } finally {
    if (conn.inTransaction) conn.exec('COMMIT');
  }
}

/** PostgreSQL: a server-side cursor in a read-only snapshot, fetched a page at a time. */
async function* pgCursorPages(conn: PgConnection, sql: string, bindings: readonly unknown[], pageSize: number): AsyncGenerator<Row[]> {
  const count = Math.max(1, Math.trunc(pageSize));
  await conn.query('BEGIN READ ONLY ISOLATION LEVEL REPEATABLE READ');
  let finished = false;
  let next: Promise<unknown> | null = null;
  try {
    await conn.query({ text: `DECLARE fittrack_export NO SCROLL CURSOR FOR ${sql}`, values: bindings });
    const fetch = () => conn.query({ text: `FETCH FORWARD ${count} FROM fittrack_export`, rowMode: 'array' });
    let build: ((values: readonly unknown[]) => Row) | null = null;
    let pending = fetch();
    for (;;) {
      next = pending;
      const { rows, fields } = await pending;
      next = null;
      const more = rows.length === count;
      // The server reads the next page while this one is formatted and written.
      if (more) next = pending = fetch();
      build ??= rowBuilder(fields.map((f) => f.name));
      if (rows.length > 0) yield rows.map(build);
      if (!more) break;
    }
    await conn.query('COMMIT');
    finished = true;
  } finally {
    // Stopped early or failed: end the transaction so the connection goes back to the pool clean.
    if (!finished) {
      await next?.catch(() => {});
      await conn.query('ROLLBACK').catch(() => {});
    }
  }
}

/**
 * The rows of a compiled query (`toSQL().toNative()`), page by page, read through a cursor on a
 * driver connection of its own inside one read transaction.
 *
 * @example for await (const rows of cursorPages(db, q.toSQL().toNative(), 1000)) …
 */
export async function* cursorPages(db: Knex, query: { sql: string; bindings: readonly unknown[] }, pageSize: number): AsyncGenerator<Row[]> {
  const conn = await acquireDriverConnection<unknown>(db);
  try {
    if (engineOf(db) === 'postgres') yield* pgCursorPages(conn as PgConnection, query.sql, query.bindings, pageSize);
    else yield* sqliteCursorPages(conn as SqliteConnection, query.sql, query.bindings, pageSize);
  } finally {
    await releaseDriverConnection(db, conn);
  }
}

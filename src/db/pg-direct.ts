/**
 * A PostgreSQL database reached straight through one pg client, without Knex: what lists and
 * reports run on in the usual case, so that reading a long history on PostgreSQL does not first
 * load Knex and its pool (about as much CPU as starting Node). The portable SQL of the
 * repositories (sql.ts) runs unchanged: its `?` placeholders become `$1, $2, …` as Knex turns
 * them, and pg returns the same values as through Knex (`configurePgTypes`).
 */
import { configurePgTypes, connectFailure, type DbTarget } from './connection.js';
import { loadPg } from './adapter/pg-adapter.js';
import type { Sql, SqlValue } from './sql.js';

export interface DirectPg extends Sql {
  close(): Promise<void>;
}

/**
 * `?` placeholders as PostgreSQL's `$1, $2, …`, as Knex numbers them (`\?` stays a `?`).
 *
 * @example numberedPlaceholders('select 1 where a = ? and b = ?') → 'select 1 where a = $1 and b = $2'
 */
export function numberedPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/\\?\?/g, (m) => (m === '?' ? `$${++n}` : '?'));
}

/** What fittrack uses of a pg client. */
interface PgClient {
  connect(): Promise<void>;
  query(text: string, values?: readonly SqlValue[]): Promise<{ rows: unknown[] }>;
  /** A query handed over as an object (pg's `Query`): its rows come as events, none kept. */
  query(query: PgRowQuery): PgRowQuery;
  end(): Promise<void>;
  on(event: 'error', fn: (err: Error) => void): void;
}

/** pg's `Query`, as far as reading rows one by one needs it. */
interface PgRowQuery {
  on(event: 'row', fn: (row: unknown) => void): this;
  on(event: 'error', fn: (err: Error) => void): this;
  on(event: 'end', fn: () => void): this;
}

/**
 * Connects to a PostgreSQL target; undefined for a SQLite one. Fails as `createDb` does when the
 * server cannot be reached.
 *
 * @example const sql = await openPgDirect(target); try { … } finally { await sql?.close() }
 */
export async function openPgDirect(target: DbTarget): Promise<DirectPg | undefined> {
  if (target.engine !== 'postgres') return undefined;
  await configurePgTypes();
  const pg = await loadPg();
  const client = new pg.Client({ connectionString: target.location, connectionTimeoutMillis: 10_000 }) as unknown as PgClient;
  // An error of the idle connection (the server going away) fails the next query instead of the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    throw connectFailure(target, err);
  }
  const texts = new Map<string, string>();
  const numbered = (text: string) => {
    let t = texts.get(text);
    if (t === undefined) texts.set(text, (t = numberedPlaceholders(text)));
    return t;
  };
  let inTransaction = false;
  const sql: DirectPg = {
    engine: 'postgres',
    guarded: false,
    async all<T>(text: string, params: readonly SqlValue[] = []) {
      return (await client.query(numbered(text), params)).rows as T[];
    },
    async first<T>(text: string, params: readonly SqlValue[] = []) {
      return (await sql.all<T>(text, params))[0];
    },
    each<T>(text: string, params: readonly SqlValue[], fn: (row: T) => void) {
      // Each row is handed over as pg parses it: none is kept in a result. A row `fn` refuses
      // ends the reading for the caller (the rest are read and dropped, so the connection goes on).
      return new Promise<void>((resolve, reject) => {
        let failed: { err: unknown } | undefined;
        const query = new pg.Query(numbered(text), [...params]) as unknown as PgRowQuery;
        query.on('row', (row) => {
          if (failed) return;
          try {
            fn(row as T);
          } catch (err) {
            failed = { err };
          }
        });
        query.on('error', reject);
        query.on('end', () => (failed ? reject(failed.err) : resolve()));
        client.query(query);
      });
    },
    async transaction(fn) {
      if (inTransaction) throw new Error('nested transactions are not supported on a direct PostgreSQL connection');
      await client.query('BEGIN');
      inTransaction = true;
      try {
        const result = await fn(sql);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        inTransaction = false;
      }
    },
    async close() {
      await client.end().catch(() => {});
    },
  };
  return sql;
}

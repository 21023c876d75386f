/**
 * A minimal way to run SQL that both engines understand, for the repositories on the paths that
 * must start fast (`log-weight`): written once in portable SQL (`?` placeholders, `RETURNING`,
 * `ON CONFLICT`), run either through Knex (`knexSql`) or, on SQLite, straight through
 * better-sqlite3 without loading Knex at all (`sqlite-direct.ts`).
 */
import type { Knex } from 'knex';
import type { Engine } from './connection.js';

/** A value bound to a `?` placeholder. */
export type SqlValue = string | number | null;

export interface Sql {
  readonly engine: Engine;
  /** Every row a statement returns (a SELECT, or a write with RETURNING). */
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The first row a statement returns, if any. */
  first<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
}

/** True for a Knex instance or transaction (both are functions), false for an `Sql`. */
function isKnex(db: Knex | Sql): db is Knex {
  return typeof db === 'function';
}

/**
 * The `Sql` of a Knex instance or transaction; an `Sql` is returned as it is.
 *
 * @example await asSql(db).all('select id from users where username = ?', ['ana'])
 */
export function asSql(db: Knex | Sql): Sql {
  return isKnex(db) ? knexSql(db) : db;
}

function knexSql(db: Knex): Sql {
  const engine: Engine = (db.client as { config: { client: string } }).config.client === 'pg' ? 'postgres' : 'sqlite';
  const all = async <T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> => {
    const result = (await db.raw(sql, params as SqlValue[])) as T[] | { rows: T[] } | { changes: number };
    if (Array.isArray(result)) return result;
    return 'rows' in result ? result.rows : [];
  };
  return {
    engine,
    all,
    first: async <T>(sql: string, params?: readonly SqlValue[]) => (await all<T>(sql, params))[0],
    transaction: (fn) => db.transaction((trx) => fn(knexSql(trx))),
  };
}

/**
 * `(?, ?, ?)` for a list of values, for `IN` lists.
 *
 * @example `metric in ${placeholders(3)}` → 'metric in (?, ?, ?)'
 */
export function placeholders(count: number): string {
  return `(${Array.from({ length: count }, () => '?').join(', ')})`;
}

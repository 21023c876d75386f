/**
 * A minimal way to run SQL that both engines understand, for the repositories on the paths that
 * must start fast (the logging commands): written once in portable SQL (`?` placeholders,
 * `RETURNING`, `ON CONFLICT`), run either through Knex (`asSql`) or, on SQLite, straight through
 * better-sqlite3 without loading Knex at all (`sqlite-direct.ts`).
 */
import type { Knex } from 'knex';
import type { Engine } from './connection.js';
import { isGuarded } from './rls-repo.js';
import { driverOf } from './adapter/knex-client.js';

/** A value bound to a `?` placeholder. */
export type SqlValue = string | number | null;

export interface Sql {
  readonly engine: Engine;
  /** True for a PostgreSQL role under `db enable-rls` (see rls-repo.ts `isGuarded`); absent on SQLite. */
  readonly guarded?: boolean;
  /** Every row a statement returns (a SELECT, or a write with RETURNING). */
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The first row a statement returns, if any. */
  first<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Hands each row of a SELECT to `fn` as it is read, without a list of them all (see `eachRow`); `fn` runs no statement. */
  each?<T>(sql: string, params: readonly SqlValue[], fn: (row: T) => void): Promise<void>;
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
  const engine: Engine = driverOf(db) === 'pg' ? 'postgres' : 'sqlite';
  const all = async <T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> => {
    const result = (await db.raw(sql, params as SqlValue[])) as T[] | { rows: T[] } | { changes: number };
    if (Array.isArray(result)) return result;
    return 'rows' in result ? result.rows : [];
  };
  return {
    engine,
    guarded: isGuarded(db),
    all,
    first: async <T>(sql: string, params?: readonly SqlValue[]) => (await all<T>(sql, params))[0],
    transaction: (fn) => db.transaction((trx) => fn(knexSql(trx))),
  };
}

/**
 * Hands each row of a SELECT to `fn`, in order: as it is read where the connection can (a long
 * list's rows are then garbage as soon as `fn` has turned them into records), else from the
 * list of them all. `fn` must not run a statement.
 *
 * @example await eachRow(sql, 'select id from users', [], (r) => ids.push(r.id))
 */
export async function eachRow<T>(sql: Sql, text: string, params: readonly SqlValue[], fn: (row: T) => void): Promise<void> {
  if (sql.each) return sql.each(text, params, fn);
  for (const row of await sql.all<T>(text, params)) fn(row);
}

/**
 * `(?, ?, ?)` for a list of values, for `IN` lists.
 *
 * @example `metric in ${placeholders(3)}` → 'metric in (?, ?, ?)'
 */
export function placeholders(count: number): string {
  return `(${Array.from({ length: count }, () => '?').join(', ')})`;
}

/**
 * `insert into <table> (<columns>) values (?, …)` for the columns of `row` that are not
 * undefined, with their values in the same order. Only names in `allowed` reach the SQL text;
 * any other throws (a bug, never user input).
 *
 * @example insertSql('meal_logs', { user_id: 1, calories: 500 }, MEAL_COLUMNS) → { text: 'insert into meal_logs (user_id, calories) values (?, ?)', params: [1, 500] }
 */
export function insertSql(table: string, row: Readonly<Record<string, unknown>>, allowed: ReadonlySet<string>): { text: string; params: SqlValue[] } {
  const columns: string[] = [];
  const params: SqlValue[] = [];
  for (const [column, value] of Object.entries(row)) {
    if (value === undefined) continue;
    if (!allowed.has(column)) throw new Error(`${table} has no column ${JSON.stringify(column)} that may be written here`);
    columns.push(column);
    params.push(value as SqlValue);
  }
  return { text: `insert into ${table} (${columns.join(', ')}) values ${placeholders(columns.length)}`, params };
}

/**
 * `<a> = ?, <b> = ?` for the columns of `patch` that are not undefined, checked as `insertSql` does.
 *
 * @example setSql({ status: 'completed' }, GOAL_COLUMNS) → { text: 'status = ?', params: ['completed'] }
 */
export function setSql(patch: Readonly<Record<string, unknown>>, allowed: ReadonlySet<string>): { text: string; params: SqlValue[] } {
  const sets: string[] = [];
  const params: SqlValue[] = [];
  for (const [column, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (!allowed.has(column)) throw new Error(`column ${JSON.stringify(column)} may not be changed here`);
    sets.push(`${column} = ?`);
    params.push(value as SqlValue);
  }
  return { text: sets.join(', '), params };
}

/**
 * ` and <column> >= ? and <column> <= ?` for the ends of a date range that are given, their
 * values pushed onto `params`. `column` is the caller's own constant, never user input.
 *
 * @example rangeClause('meal_date', { from: '2025-03-01' }, params) → ' and meal_date >= ?'
 */
export function rangeClause(column: string, range: { from?: string; to?: string }, params: SqlValue[]): string {
  let clause = '';
  if (range.from) {
    clause += ` and ${column} >= ?`;
    params.push(range.from);
  }
  if (range.to) {
    clause += ` and ${column} <= ?`;
    params.push(range.to);
  }
  return clause;
}

/**
 * Writing many rows at once: multi-row INSERT statements on SQLite, COPY on PostgreSQL (or
 * unnest() INSERTs where row-level security binds the role), on the transaction's own driver
 * connection.
 */
import type { Knex } from 'knex';
import { engineOf } from './connection.js';
import { acquireDriverConnection } from './adapter/knex-client.js';
import { copyIn, copyTextRow } from './adapter/pg-adapter.js';
import type { Row } from './legacy-rows.js';
/** Parameters per SQLite statement (PostgreSQL's 65535 is never near: it gets one per column). */
const BIND_LIMIT = { sqlite: 32766 } as const;
/** Rows per SQLite statement: past a few hundred rows a bigger statement only costs preparing. */
const SQLITE_ROWS_PER_STATEMENT = 500;
/** Rows per PostgreSQL statement (one parameter per column, so only memory bounds it). */
const PG_ROWS_PER_STATEMENT = 2000;

const pgTypeCache = new WeakMap<object, Map<string, Map<string, string>>>();

/** The element types of a table's columns (`int4`, `float8`, `jsonb` …), for unnest() casts. */
async function pgColumnTypes(conn: PgConnection, table: string): Promise<Map<string, string>> {
  let byTable = pgTypeCache.get(conn);
  if (!byTable) pgTypeCache.set(conn, (byTable = new Map()));
  let types = byTable.get(table);
  if (!types) {
    const { rows } = await conn.query({ text: 'select column_name, udt_name from information_schema.columns where table_schema = current_schema() and table_name = $1', values: [table] });
    types = new Map(rows.map((r) => [String(r.column_name), String(r.udt_name)]));
    byTable.set(table, types);
  }
  return types;
}

interface SqliteConnection {
  prepare(sql: string): { run(...params: unknown[]): unknown; all(...params: unknown[]): Row[] };
}
interface PgConnection {
  query(q: { text: string; values: unknown[] }): Promise<{ rows: Row[] }>;
}

/**
 * Inserts rows in as few multi-row statements as the engine allows and returns the new ids in
 * row order. Runs on the transaction's own driver connection: Knex's multi-row insert on
 * SQLite is a UNION ALL capped at 500 rows, and its binding formatter costs more than the
 * insert itself at 100 000 rows. On PostgreSQL the rows are streamed in with COPY, unless
 * row-level security binds the connection's role (COPY FROM refuses such tables).
 */
export async function insertMany<T>(trx: Knex.Transaction, table: string, items: T[], toRow: (item: T, index: number) => Row, wantIds: boolean): Promise<number[]> {
  if (items.length === 0) return [];
  const engine = engineOf(trx as unknown as Knex);
  const columns = Object.keys(toRow(items[0]!, 0));
  const conn = await acquireDriverConnection<SqliteConnection & PgConnection>(trx);
  if (engine === 'postgres' && !(await rowSecurityActive(conn, table))) return copyMany(conn, table, columns, items, toRow, wantIds);
  const per = engine === 'sqlite' ? Math.max(1, Math.min(SQLITE_ROWS_PER_STATEMENT, Math.floor(BIND_LIMIT.sqlite / columns.length))) : PG_ROWS_PER_STATEMENT;
  const head = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values `;
  const tail = wantIds ? ' returning "id"' : '';
  const ids: number[] = [];
  for (let i = 0; i < items.length; i += per) {
    // Rows are built a chunk at a time, so a large import never holds them all at once.
    const chunk = items.slice(i, i + per);
    const values: unknown[] = new Array(chunk.length * columns.length);
    let k = 0;
    chunk.forEach((item, j) => {
      const row = toRow(item, i + j);
      for (const c of columns) values[k++] = row[c] ?? null;
    });
    let returned: Row[] = [];
    if (engine === 'sqlite') {
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      const stmt = preparedOn(conn, head + new Array<string>(chunk.length).fill(tuple).join(', ') + tail);
      if (wantIds) returned = stmt.all(values);
      else stmt.run(values);
    } else {
      // One array per column through unnest(): a short statement PostgreSQL parses once,
      // instead of a VALUES list with a parameter per cell.
      const types = await pgColumnTypes(conn, table);
      const arrays = columns.map((_, c) => {
        const col: unknown[] = new Array(chunk.length);
        for (let r = 0; r < chunk.length; r++) col[r] = values[r * columns.length + c];
        return col;
      });
      const text = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) select * from unnest(${columns.map((c, k) => `$${k + 1}::${types.get(c) ?? 'text'}[]`).join(', ')})${tail}`;
      returned = (await conn.query({ text, values: arrays })).rows;
    }
    // Ids are handed out in VALUES order on both engines; sorting guards against any return order.
    if (wantIds) for (const id of returned.map((r) => Number(r.id)).sort((a, b) => a - b)) ids.push(id);
  }
  return ids;
}

const statements = new WeakMap<object, Map<string, ReturnType<SqliteConnection['prepare']>>>();

/** A statement prepared once per SQLite connection (an import's chunks reuse the same few). */
function preparedOn(conn: SqliteConnection, sql: string): ReturnType<SqliteConnection['prepare']> {
  let byText = statements.get(conn);
  if (!byText) statements.set(conn, (byText = new Map()));
  let stmt = byText.get(sql);
  if (!stmt) {
    // A handful of shapes per table; a bound keeps an odd run from holding many.
    if (byText.size >= 64) byText.clear();
    byText.set(sql, (stmt = conn.prepare(sql)));
  }
  return stmt;
}

/** Asked once per connection and table: an import writes a table chunk after chunk. */
const rowSecurity = new WeakMap<object, Map<string, boolean>>();

/** True when row-level security applies to this connection's role on the table (PostgreSQL). */
async function rowSecurityActive(conn: PgConnection, table: string): Promise<boolean> {
  let byTable = rowSecurity.get(conn);
  if (!byTable) rowSecurity.set(conn, (byTable = new Map()));
  let active = byTable.get(table);
  if (active === undefined) {
    const { rows } = await conn.query({ text: 'select row_security_active($1::regclass) as active', values: [table] });
    byTable.set(table, (active = rows[0]!.active === true));
  }
  return active;
}

/** Rows per chunk of COPY data handed to the stream (a few hundred kilobytes). */
const COPY_ROWS_PER_CHUNK = 2000;

/**
 * `insertMany` on PostgreSQL with COPY. COPY cannot return ids, so when they are needed they
 * are taken from the table's sequence first (`nextval` over `generate_series`) and written
 * with the rows: nextval never hands the same value to two sessions, so concurrent writers
 * cannot collide, and the reserved ids are given to the rows in ascending order, as INSERT
 * would number them.
 */
async function copyMany<T>(conn: PgConnection, table: string, columns: string[], items: T[], toRow: (item: T, index: number) => Row, wantIds: boolean): Promise<number[]> {
  let ids: number[] = [];
  if (wantIds) {
    const { rows } = await conn.query({ text: "select nextval(pg_get_serial_sequence($1, 'id')) as id from generate_series(1, $2)", values: [table, items.length] });
    ids = rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  }
  const copied = wantIds ? ['id', ...columns] : columns;
  // Rows are encoded a chunk at a time as the stream asks for them, so memory stays flat.
  function* chunks(): Generator<string> {
    for (let i = 0; i < items.length; i += COPY_ROWS_PER_CHUNK) {
      let text = '';
      const end = Math.min(items.length, i + COPY_ROWS_PER_CHUNK);
      for (let j = i; j < end; j++) {
        text += copyTextRow(toRow(items[j]!, j), columns, wantIds ? ids[j] : undefined);
      }
      yield text;
    }
  }
  await copyIn(conn, table, copied, chunks());
  return ids;
}

function quote(name: string): string {
  return `"${name}"`;
}

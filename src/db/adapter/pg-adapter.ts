/**
 * What fittrack does below the public APIs on PostgreSQL: loading pg with a `navigator` lent for
 * a moment, and streaming rows in with COPY (the driver connections Knex's pool lends are
 * reached through `knex-client.ts`).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The file name of the CommonJS pg bundle under dist/vendor/, set by scripts/build.mjs. */
declare const __FITTRACK_PG_BUNDLE__: string | undefined;

type Pg = typeof import('pg').default;

/**
 * Loads pg: the built CLI from its code-cached bundle (dist/vendor/pg-<hash>.cjs, which loads in
 * less than half the time of pg's two dozen files from node_modules), tests from the package.
 * On start pg asks whether it runs in a Cloudflare Worker: Node 20 has no `navigator`, so pg
 * builds a fetch `Response` to find out, which loads Node's whole fetch implementation (about
 * 14 ms of every PostgreSQL command). A `navigator` naming Node.js (as Node 21 and later define
 * it) answers first; it is removed again once pg is loaded.
 *
 * @example const pg = await loadPg(); new pg.Client(url)
 */
export async function loadPg(): Promise<Pg> {
  const vendored = typeof __FITTRACK_PG_BUNDLE__ === 'string' ? (await import('../../code-cache.js')).loadVendored : undefined;
  const g = globalThis as { navigator?: unknown };
  const lent = g.navigator === undefined;
  if (lent) Object.defineProperty(globalThis, 'navigator', { value: { userAgent: `Node.js/${process.versions.node}` }, configurable: true, writable: true });
  try {
    return vendored ? (vendored(__FITTRACK_PG_BUNDLE__!) as Pg) : (await import('pg')).default;
  } finally {
    if (lent) delete g.navigator;
  }
}

/**
 * What a vendored bundle that requires pg (Knex) is given instead: the same pg as `loadPg`
 * loads, or nothing outside the built CLI (the package is then the one both find).
 *
 * @example loadVendored(knexBundle, pgForVendored(loadVendored))
 */
export function pgForVendored(loadVendored: (name: string) => unknown): Record<string, () => unknown> | undefined {
  if (typeof __FITTRACK_PG_BUNDLE__ !== 'string') return undefined;
  const name = __FITTRACK_PG_BUNDLE__;
  return { pg: () => loadVendored(name) };
}

/** A pg connection, as far as COPY needs it. */
interface PgCopyConnection {
  query<T>(stream: T): T;
}

/**
 * Streams text-format COPY data (see `copyTextLine`) into a table's columns on this driver
 * connection (inside its transaction, if one is open); resolves with the rows the server took.
 * A row the server refuses rejects with the server's error, and the transaction is then failed.
 *
 * @example await copyIn(conn, 'meal_logs', ['user_id', 'notes'], ['7\tpasta\n'])
 */
export async function copyIn(conn: unknown, table: string, columns: readonly string[], chunks: Iterable<string> | AsyncIterable<string>): Promise<number> {
  // Loaded on first use: most commands never copy. A CommonJS package: its exports are the
  // module's default both bundled and under Node's own loader.
  const { from: copyFrom } = (await import('pg-copy-streams')).default;
  const stream = (conn as PgCopyConnection).query(copyFrom(`COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks, { objectMode: false }), stream);
  return stream.rowCount;
}

/**
 * One row in COPY's text format: its `columns`, after `first` when given (an id), tab-separated,
 * `\N` for NULL (and a missing value), backslash, tab, newline and carriage return escaped;
 * booleans `t`/`f`, numbers as JavaScript writes them (the shortest text that reads back as the
 * same double), objects as JSON.
 *
 * @example copyTextRow({ a: 1, b: null, c: 'x\ty' }, ['a', 'b', 'c'], 7) → '7\t1\t\\N\tx\\ty\n'
 */
export function copyTextRow(row: Readonly<Record<string, unknown>>, columns: readonly string[], first?: unknown): string {
  let line = first === undefined ? '' : `${copyTextValue(first)}\t`;
  for (let i = 0; i < columns.length; i++) {
    if (i > 0) line += '\t';
    line += copyTextValue(row[columns[i]!]);
  }
  return `${line}\n`;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function copyTextValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  const text = v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : JSON.stringify(v);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : text;
}

/**
 * Opening a database: SQLite (better-sqlite3) for a path, PostgreSQL (pg) for a
 * `postgres://` URL. The choice is `--db` > `DATABASE_URL` > `$FITTRACK_HOME/fittrack.db`.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { maskUrl } from '../domain/secret-text.js';
import { DbError, UsageError } from '../errors.js';
import { fittrackHome } from '../paths.js';
import { driverOf } from './adapter/knex-client.js';
import { loadPg, pgForVendored } from './adapter/pg-adapter.js';
import { onEveryTransaction } from './adapter/sqlite-adapter.js';

export type Engine = 'sqlite' | 'postgres';

export interface DbTarget {
  engine: Engine;
  /** What to connect to: an absolute file path for SQLite, the URL for PostgreSQL. */
  location: string;
  /** The location as it may be shown to the user: the password masked. */
  display: string;
  /** True when this is the default file under FITTRACK_HOME (no --db, no DATABASE_URL). */
  isDefault: boolean;
}

export { maskUrl };

/**
 * Decides which database to open.
 *
 * @example resolveDbTarget(undefined, { DATABASE_URL: 'postgres://h/db' }).engine → 'postgres'
 */
export function resolveDbTarget(dbOption: string | undefined, env: NodeJS.ProcessEnv = process.env, option = '--db'): DbTarget {
  const given = dbOption ?? (env.DATABASE_URL || undefined);
  if (given === undefined) {
    const file = path.join(fittrackHome(env), 'fittrack.db');
    return { engine: 'sqlite', location: file, display: file, isDefault: true };
  }
  if (/^postgres(ql)?:\/\//i.test(given)) {
    return { engine: 'postgres', location: given, display: maskUrl(given), isDefault: false };
  }
  const source = dbOption === undefined ? 'DATABASE_URL' : option;
  // A URL of another kind (mysql://, a typo like postgress://) is not a file name: a SQLite file named after it helps no one.
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(given)?.[1];
  if (scheme && scheme.toLowerCase() !== 'sqlite') {
    throw new UsageError(`${source}: "${maskUrl(given)}" is a ${scheme}:// URL, which fittrack cannot open`, 'give a SQLite file path (e.g. ~/fittrack.db) or a postgres:// or postgresql:// URL');
  }
  // SQLite's URI names (file:…?mode=ro) are not supported: taken as a path they would create a folder named "file:…".
  if (/^(sqlite:(\/\/)?)?file:/i.test(given)) {
    throw new UsageError(`${source}: "${given}" is a SQLite URI name, which fittrack does not take`, 'give the plain path of the database file (e.g. --db ./fittrack.db)');
  }
  const file = path.resolve(given.replace(/^sqlite:(\/\/)?/i, ''));
  return { engine: 'sqlite', location: file, display: file, isDefault: false };
}

/** The file name of the CommonJS Knex bundle under dist/vendor/, set by scripts/build.mjs. */
declare const __FITTRACK_KNEX_BUNDLE__: string | undefined;

type KnexFactory = typeof import('knex').knex;

/** Loads Knex: the built CLI from its code-cached bundle (see src/code-cache.ts), tests from the package. */
async function loadKnex(): Promise<KnexFactory> {
  if (typeof __FITTRACK_KNEX_BUNDLE__ !== 'string') return (await import('knex')).default as unknown as KnexFactory;
  const { loadVendored } = await import('../code-cache.js');
  // Knex requires pg itself (on PostgreSQL only): the same bundled pg as loadPg's, whose types configurePgTypes sets.
  return loadVendored(__FITTRACK_KNEX_BUNDLE__, pgForVendored(loadVendored)) as KnexFactory;
}

let pgTypesSet = false;

/**
 * Makes pg return what better-sqlite3 returns: dates as `YYYY-MM-DD`, timestamps as ISO strings,
 * bigints as numbers (for every pg client of the process: Knex's and a direct one).
 *
 * @example await configurePgTypes()
 */
export async function configurePgTypes(): Promise<void> {
  if (pgTypesSet) return;
  const pg = await loadPg();
  const t = pg.types;
  t.setTypeParser(1082, (v: string) => v); // date
  t.setTypeParser(1114, (v: string) => new Date(`${v.replace(' ', 'T')}Z`).toISOString()); // timestamp
  t.setTypeParser(1184, (v: string) => new Date(v).toISOString()); // timestamptz
  t.setTypeParser(20, (v: string) => Number(v)); // int8 (count(*))
  t.setTypeParser(1700, (v: string) => Number(v)); // numeric
  pgTypesSet = true;
}

function ensureSqliteFile(file: string, display: string): void {
  const dir = path.dirname(file);
  try {
    if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const reason = e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : e.code === 'ENOTDIR' ? 'a part of the path is not a folder' : e.code === 'EROFS' ? 'read-only file system' : e.message;
    throw new DbError(`cannot open SQLite database ${display}: ${reason}`, 'choose a path you can write to with --db, or set FITTRACK_HOME');
  }
}

/**
 * A file's identity: its device and inode, or null when there is no file. A SQLite file deleted
 * or replaced while a connection is open keeps taking writes that no one will ever read again.
 *
 * @example sqliteFileIdentity('/h/fittrack.db') → '2049:1835011'
 */
export function sqliteFileIdentity(file: string): string | null {
  try {
    const s = fs.statSync(file);
    return `${s.dev}:${s.ino}`;
  } catch {
    return null;
  }
}

/**
 * Throws DbError when `file` is no longer the file that had `identity` when it was opened.
 *
 * @example assertSameSqliteFile(target, identityAtOpen, 'nothing was saved')
 */
export function assertSameSqliteFile(target: DbTarget, identity: string | null, consequence: string): void {
  if (identity === null || sqliteFileIdentity(target.location) === identity) return;
  throw new DbError(
    `the database file ${target.display} was deleted or replaced while this command ran: ${consequence}`,
    'find what moved or removed it (a sync tool, a backup restore, another program), put the database back, and run the command again',
  );
}

const openedFiles = new WeakMap<Knex, { target: DbTarget; identity: string | null }>();

/**
 * Throws DbError when the SQLite file `db` was opened on has since been deleted or replaced
 * (nothing for PostgreSQL).
 *
 * @example assertDatabaseFileUnchanged(db, 'what this command wrote is lost')
 */
export function assertDatabaseFileUnchanged(db: Knex, consequence: string): void {
  const opened = openedFiles.get(db);
  if (opened) assertSameSqliteFile(opened.target, opened.identity, consequence);
}

/**
 * True when there is no fittrack database at the target yet: no SQLite file (or an empty one),
 * or a PostgreSQL database without fittrack's schema. What dry runs ask, to create nothing.
 */
export async function databaseIsAbsent(target: DbTarget): Promise<boolean> {
  if (target.engine === 'sqlite') {
    try {
      return fs.statSync(target.location).size === 0;
    } catch {
      return true;
    }
  }
  const db = await createDb(target, { poolMax: 1 });
  try {
    return !(await db.schema.hasTable('knex_migrations'));
  } finally {
    await db.destroy();
  }
}

/** How every SQLite connection is set up: wait for a lock, write-ahead log, foreign keys on. */
export const SQLITE_PRAGMAS: readonly string[] = ['busy_timeout = 10000', 'journal_mode = WAL', 'synchronous = NORMAL', 'foreign_keys = ON'];

/** The pool's `afterCreate` of every SQLite connection through Knex (the CLI's and knexfile.ts's): sets SQLITE_PRAGMAS. */
export function applySqlitePragmas(conn: { pragma(s: string): unknown }, done: (err: Error | null, conn: unknown) => void): void {
  try {
    for (const p of SQLITE_PRAGMAS) conn.pragma(p);
    done(null, conn);
  } catch (err) {
    done(err as Error, conn);
  }
}

let nativeBinding: string | null | undefined;

/**
 * better-sqlite3's compiled addon, named directly: otherwise the driver finds it with the
 * `bindings` package, which searches a dozen folders on every start. Null when it is not where
 * `npm install` builds it (the driver then searches as usual).
 */
export function sqliteNativeBinding(): string | null {
  if (nativeBinding !== undefined) return nativeBinding;
  // Where `npm install` puts it beside fittrack's own files (src/db/, dist/chunks/ and dist/hot/
  // all sit two levels down): a path tried before a module lookup, which costs a millisecond.
  const beside = fileURLToPath(new URL('../../node_modules/better-sqlite3/build/Release/better_sqlite3.node', import.meta.url));
  if (fs.existsSync(beside)) return (nativeBinding = beside);
  try {
    const main = createRequire(import.meta.url).resolve('better-sqlite3');
    const file = path.join(path.dirname(main), '..', 'build', 'Release', 'better_sqlite3.node');
    nativeBinding = fs.existsSync(file) ? file : null;
  } catch {
    nativeBinding = null;
  }
  return nativeBinding;
}

/**
 * Makes every Knex transaction on SQLite start with `BEGIN IMMEDIATE`: a transaction that reads
 * before it writes would otherwise fail at once with SQLITE_BUSY when another process holds the
 * write lock (SQLite cannot wait to upgrade a read), instead of waiting for the busy timeout.
 * And makes every commit first check that the file is still the one opened: a commit into a file
 * that was deleted or replaced meanwhile would be lost, so it is rolled back and said.
 */
function beginImmediately(db: Knex, target: DbTarget, identity: string | null): void {
  onEveryTransaction(db, 'BEGIN IMMEDIATE;', () => assertSameSqliteFile(target, identity, 'nothing was saved'));
}

/**
 * Opens a Knex instance on the target and checks that it answers.
 *
 * @example const db = await createDb(resolveDbTarget('/tmp/x.db'))
 */
export async function createDb(target: DbTarget, opts: { poolMax?: number } = {}): Promise<Knex> {
  const knex = await loadKnex();
  let db: Knex;
  // Knex logs pool errors itself; fittrack reports them once, as one line, in main.ts.
  const quiet = process.env.FITTRACK_DEBUG === '1' || process.argv.includes('--debug') ? undefined : { warn() {}, error() {}, debug() {}, deprecate() {} };
  if (target.engine === 'sqlite') {
    ensureSqliteFile(target.location, target.display);
    db = knex({
      client: 'better-sqlite3',
      connection: { filename: target.location, options: { nativeBinding: sqliteNativeBinding() ?? undefined } },
      useNullAsDefault: true,
      log: quiet,
      pool: { afterCreate: applySqlitePragmas },
    });
    const identity = sqliteFileIdentity(target.location);
    openedFiles.set(db, { target, identity });
    beginImmediately(db, target, identity);
  } else {
    await configurePgTypes();
    db = knex({
      client: 'pg',
      connection: { connectionString: target.location, connectionTimeoutMillis: 10_000 },
      pool: { min: 0, max: opts.poolMax ?? 4 },
      acquireConnectionTimeout: 15_000,
      log: quiet,
    });
  }
  try {
    await db.raw('select 1');
  } catch (err) {
    await db.destroy().catch(() => {});
    throw connectFailure(target, err);
  }
  return db;
}

/** The error for a database that cannot be opened or does not answer. */
export function connectFailure(target: DbTarget, err: unknown): DbError {
  return new DbError(`cannot connect to ${target.engine === 'sqlite' ? 'SQLite database' : 'PostgreSQL at'} ${target.display}: ${describeConnectError(err)}`, target.engine === 'postgres' ? 'check that the server is running and the URL (--db or DATABASE_URL) is right' : 'check the path given with --db, and that the file and its folder can be written');
}

/** Turns a driver error into a short human reason. */
export function describeConnectError(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { errors?: Error[] };
  const code = e.code ?? (e.errors?.[0] as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ETIMEDOUT') return 'timed out';
  if (code === '28P01' || code === '28000') return 'authentication failed';
  if (code === '3D000') return 'database does not exist';
  if (code === 'SQLITE_CANTOPEN') return 'unable to open the file (is it on a read-only disk, or is its folder not writable?)';
  if (code === 'SQLITE_NOTADB') return 'the file is not a SQLite database';
  const msg = (e.message || String(err)).split('\n')[0] ?? '';
  return maskUrl(msg) || 'unknown error';
}

/** The engine of an open Knex instance. @example engineOf(db) → 'postgres' */
export function engineOf(db: Knex): Engine {
  return driverOf(db) === 'pg' ? 'postgres' : 'sqlite';
}

/**
 * `db.transaction(fn)`, except that when `fn` fails and the rollback fails too, the error is
 * `fn`'s: SQLite rolls a transaction back by itself when a write fails for want of disk or
 * memory (as when it spills a large transaction's pages to the log), and Knex's ROLLBACK then
 * failed with "cannot rollback - no transaction is active", which hid the cause.
 *
 * @example await transactionKeepingCause(db, (trx) => writeAll(trx))
 */
export async function transactionKeepingCause<T>(db: Knex, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  let cause: { error: unknown } | null = null;
  try {
    return await db.transaction(async (trx) => {
      try {
        return await fn(trx);
      } catch (error) {
        cause = { error };
        throw error;
      }
    });
  } catch (err) {
    const failed = cause as { error: unknown } | null;
    throw failed && failed.error !== err ? failed.error : err;
  }
}

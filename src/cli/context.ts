/**
 * What every command that touches data gets: an open database, migrated, and the acting user.
 * Commands never open a database themselves.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { skipCacheWrite } from '../code-cache.js';
import { assertDatabaseFileUnchanged, createDb, databaseIsAbsent, engineOf, resolveDbTarget, type DbTarget } from '../db/connection.js';
import { fittrackHome } from '../paths.js';
import { migrateLatest, neverMigrated, pendingMigrations } from '../db/migrate.js';
import { asSql, type Sql } from '../db/sql.js';
import type { DirectSqlite } from '../db/sqlite-direct.js';
import { ensureLocalProfile, loadModeAndLocal, type UserRow } from '../db/users-repo.js';
import { AuthError, DbError } from '../errors.js';
import { sessionFilePath } from './session-file.js';
import { plural } from '../domain/plural.js';

/** Options every command inherits from the program. */
export interface GlobalOptions {
  db?: string;
  debug?: boolean;
  input?: boolean;
  color?: boolean;
  /** `--user <name>`: act on another user's data (a coach reading a client who shared it). */
  user?: string;
}

export interface DbContext {
  db: Knex;
  target: DbTarget;
  /** A dry run on a database that does not exist yet runs on a throwaway one in this folder. */
  scratchDir?: string;
}

/** How a command opens its database. */
export interface OpenOptions {
  /** False: leave the schema as it is (db migrate, rollback, status). */
  migrate?: boolean;
  /** A dry run creates nothing: where there is no database yet, it runs on an empty throwaway one. */
  dryRun?: boolean;
}

/**
 * What a command does with user data: `read` commands may act on another user's data where that
 * user has shared it (a coach's `--user <client>`); `write` commands act on the caller's own;
 * `coach` commands (coach-note add) write into a client's data who shared it with the caller.
 */
export type Access = 'read' | 'write' | 'coach';

export interface UserContext extends DbContext {
  /** The user every read and write is scoped to. */
  user: UserRow;
  /** The person running the command: the same as `user`, or the coach acting with `--user`. */
  actor: UserRow;
  /** The login session in use (multi-user mode), else null. */
  sessionId: number | null;
}

/** Who is running a command: the local profile, or the user of a valid login session. */
export interface Caller {
  actor: UserRow;
  sessionId: number | null;
  /** When the session expires (after this command's activity), else null. */
  sessionExpiresAt: string | null;
  multiUser: boolean;
}

const NOT_LOGGED_IN = 'not logged in — run: fittrack login';

/**
 * Opens the database and brings its schema up to date: a brand-new database (any engine) and
 * a SQLite file with pending migrations are migrated without asking; a PostgreSQL database
 * with pending migrations is left to `fittrack db migrate`, since others may share it.
 */
export async function openDatabase(globals: GlobalOptions, opts: OpenOptions = {}): Promise<DbContext> {
  const target = resolveDbTarget(globals.db);
  if (opts.dryRun && (await databaseIsAbsent(target))) {
    const { say } = await import('./render/output.js');
    say(`fittrack: note: there is no fittrack database at ${target.display} yet: this dry run compares against an empty one and creates nothing`);
    return openScratch(target);
  }
  if (opts.dryRun && opts.migrate !== false && target.engine === 'sqlite') {
    // A SQLite file that would be upgraded, or given its local profile, first: the dry run works on a copy.
    const copy = await copyIfOpeningWrites(target);
    if (copy) return copy;
  }
  if (target.engine === 'sqlite' && !fs.existsSync(target.location) && hasRunHereBefore()) {
    // The database fittrack used here vanished (deleted, moved, another --db…): never start afresh silently.
    const { say } = await import('./render/output.js');
    say(`fittrack: note: creating a new database at ${target.display} (none was there)`);
  }
  const db = await createDb(target);
  if (opts.migrate !== false) {
    try {
      const pending = await pendingMigrations(db);
      if (pending.length > 0) {
        const brandNew = await neverMigrated(db);
        if (brandNew || engineOf(db) === 'sqlite') {
          await migrateLatest(db);
          skipCacheWrite();
        } else throw new DbError(`the database schema at ${target.display} is out of date (${plural(pending.length, 'migration')} pending)`, 'run: fittrack db migrate');
      }
    } catch (err) {
      await db.destroy();
      throw err;
    }
  }
  if (target.engine === 'postgres') {
    try {
      await (await import('../db/rls-repo.js')).detectGuard(db);
    } catch (err) {
      await db.destroy();
      throw err;
    }
  }
  return { db, target };
}

/** Whether fittrack has run in FITTRACK_HOME before: a login session file or a code cache is there. */
function hasRunHereBefore(): boolean {
  return fs.existsSync(sessionFilePath()) || fs.existsSync(path.join(fittrackHome(), '.cache'));
}

/**
 * Opens an empty, migrated SQLite database in a new temporary folder for a dry run, or a
 * migrated copy of `from` (a SQLite database opened directly).
 */
async function openScratch(real: DbTarget, from?: DirectSqlite): Promise<DbContext> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fittrack-dry-run-'));
  const target: DbTarget = { engine: 'sqlite', location: path.join(dir, from ? 'copy.db' : 'empty.db'), display: real.display, isDefault: false };
  try {
    if (from) await from.all('VACUUM INTO ?', [target.location]);
    const db = await createDb(target);
    await migrateLatest(db);
    skipCacheWrite();
    return { db, target, scratchDir: dir };
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * For a dry run on an existing SQLite file that opening would write to (pending migrations, or
 * no user yet, so a local profile would be created): a migrated copy of it; else undefined.
 */
async function copyIfOpeningWrites(target: DbTarget): Promise<DbContext | undefined> {
  const { openSqliteDirect } = await import('../db/sqlite-direct.js');
  const direct = openSqliteDirect(target);
  if (!direct) return undefined;
  try {
    const writes = (await pendingMigrations(direct)).length > 0 || !(await direct.first('select 1 as found from users limit 1'));
    return writes ? await openScratch(target, direct) : undefined;
  } finally {
    direct.close();
  }
}

/** Closes what `openDatabase` opened, and removes a dry run's throwaway database. */
async function closeDatabase(ctx: DbContext): Promise<void> {
  try {
    await ctx.db.destroy();
  } finally {
    if (ctx.scratchDir) fs.rmSync(ctx.scratchDir, { recursive: true, force: true });
  }
}

/**
 * Finds who is running the command, with one cheap query in local mode. In multi-user mode
 * the token (FITTRACK_TOKEN, else $FITTRACK_HOME/session) must name a live session of an
 * active user; using it slides the session's expiry.
 */
export async function resolveCaller(ctx: DbContext, globals?: GlobalOptions): Promise<Caller> {
  const caller = await findCaller(ctx);
  // Account commands (user, sessions, share…) act on the caller's own account only.
  const wanted = globals?.user?.trim();
  if (wanted && wanted !== caller.actor.username) {
    throw new AuthError(`--user ${wanted}: this command acts on your own account only`, 'run it without --user');
  }
  return caller;
}

async function findCaller(ctx: DbContext): Promise<Caller> {
  const mode = await loadModeAndLocal(ctx.db);
  if (!mode.multiUser) {
    const local = mode.local ?? (await ensureLocalProfile(ctx.db));
    if (!local) throw new AuthError(NOT_LOGGED_IN);
    return { actor: local, sessionId: null, sessionExpiresAt: null, multiUser: false };
  }
  const { authenticateSession } = await import('./auth-session.js');
  const { user, sessionId, session } = await authenticateSession(ctx.db);
  return { actor: user, sessionId, sessionExpiresAt: session.expires_at, multiUser: true };
}

/**
 * Finds the user a command acts on: the caller, or with `--user <name>` a user who shared
 * their data with the caller (only for `read` and `coach` access).
 */
export async function resolveActingUser(ctx: DbContext, globals: GlobalOptions, access: Access = 'write'): Promise<UserRow> {
  return (await resolveUserContext(ctx, globals, access)).user;
}

async function resolveUserContext(ctx: DbContext, globals: GlobalOptions, access: Access): Promise<{ user: UserRow; actor: UserRow; sessionId: number | null }> {
  const caller = await findCaller(ctx);
  const wanted = globals.user?.trim();
  if (!wanted || wanted === caller.actor.username) return { user: caller.actor, actor: caller.actor, sessionId: caller.sessionId };
  if (access === 'write') {
    throw new AuthError(`--user ${wanted}: this command only changes your own data`, 'run it without --user (another user can log in and run it themselves)');
  }
  const { findUserByName } = await import('../db/users-repo.js');
  const { hasShare } = await import('../db/share-repo.js');
  const target = await findUserByName(ctx.db, wanted);
  // The same answer whether the user does not exist or has not shared: no probing for names.
  if (!target || !(await hasShare(ctx.db, target.id, caller.actor.id))) {
    throw new AuthError(`--user ${wanted}: that user has not shared their data with you`, `ask them to run: fittrack share grant ${caller.actor.username}`);
  }
  return { user: target, actor: caller.actor, sessionId: caller.sessionId };
}

/**
 * Runs `fn` with an open database and the acting user, and always closes the database.
 *
 * @example await withUser(globals, async ({ db, user }) => …, { access: 'read' })
 */
export async function withUser<T>(globals: GlobalOptions, fn: (ctx: UserContext) => Promise<T>, opts: { access?: Access; dryRun?: boolean } = {}): Promise<T> {
  const ctx = await openDatabase(globals, { dryRun: opts.dryRun });
  try {
    const who = await resolveUserContext(ctx, globals, opts.access ?? 'write');
    const result = await fn({ ...ctx, ...who });
    assertDatabaseFileUnchanged(ctx.db, 'what this command wrote is lost');
    return result;
  } finally {
    await closeDatabase(ctx);
  }
}

/** What `withSqlUser` hands over: the acting user and portable SQL (see db/sql.ts) instead of Knex. */
export interface SqlUserContext {
  sql: Sql;
  target: DbTarget;
  user: UserRow;
  actor: UserRow;
  sessionId: number | null;
}

/**
 * Like `withUser`, for commands whose repositories speak portable SQL (the logging commands,
 * their lists and the reports). The usual case, an existing SQLite file with its schema up to
 * date in single-user mode and no `--user`, runs on a direct better-sqlite3 connection and never
 * loads Knex; so does a command that only reads (`access: 'read'`) on PostgreSQL, on one pg
 * client, when the role is not guarded by row-level security. Every other case (a new file,
 * pending migrations, login sessions, `--user`, a guarded role, a write on PostgreSQL) goes
 * through `withUser`, with everything it checks.
 *
 * @example await withSqlUser(globals, async ({ sql, user }) => healthRepo(sql, user.id).list())
 */
export async function withSqlUser<T>(globals: GlobalOptions, fn: (ctx: SqlUserContext) => Promise<T>, opts: { access?: Access } = {}): Promise<T> {
  const target = resolveDbTarget(globals.db);
  if (target.engine === 'sqlite' && !globals.user) {
    const direct = (await import('../db/sqlite-direct.js')).openSqliteDirect(target);
    if (direct) {
      try {
        const local = await usualLocalProfile(direct);
        if (local) {
          const result = await fn({ sql: direct, target, user: local, actor: local, sessionId: null });
          direct.assertFileUnchanged('what this command wrote is lost');
          return result;
        }
      } finally {
        direct.close();
      }
    }
  }
  if (target.engine === 'postgres' && !globals.user && opts.access === 'read') {
    // Writes keep Knex's pool and transactions on PostgreSQL, which the concurrency tests cover.
    const direct = (await (await import('../db/pg-direct.js')).openPgDirect(target))!;
    try {
      const local = (await (await import('../db/rls-repo.js')).guardedRole(direct)) ? undefined : await usualLocalProfile(direct);
      if (local) return await fn({ sql: direct, target, user: local, actor: local, sessionId: null });
    } finally {
      await direct.close();
    }
  }
  return withUser(globals, (ctx) => fn({ sql: asSql(ctx.db), target: ctx.target, user: ctx.user, actor: ctx.actor, sessionId: ctx.sessionId }), opts);
}

/** The local profile when a database is in the usual state: schema up to date, single-user mode; else undefined. */
async function usualLocalProfile(sql: Sql): Promise<UserRow | undefined> {
  const mode = (await pendingMigrations(sql)).length === 0 ? await loadModeAndLocal(sql) : undefined;
  return mode && !mode.multiUser && mode.local ? mode.local : undefined;
}

/** Runs `fn` with an open, migrated database and no user (admin and maintenance commands). */
export async function withDatabase<T>(globals: GlobalOptions, fn: (ctx: DbContext) => Promise<T>, opts: OpenOptions = {}): Promise<T> {
  const ctx = await openDatabase(globals, opts);
  try {
    const result = await fn(ctx);
    assertDatabaseFileUnchanged(ctx.db, 'what this command wrote is lost');
    return result;
  } finally {
    await closeDatabase(ctx);
  }
}

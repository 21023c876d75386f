/**
 * What every command that touches data gets: an open database, migrated, and the acting user.
 * Commands never open a database themselves.
 */
import type { Knex } from 'knex';
import { createDb, engineOf, resolveDbTarget, type DbTarget } from '../db/connection.js';
import { migrateLatest, pendingMigrations } from '../db/migrate.js';
import { ensureLocalProfile, type UserRow } from '../db/users-repo.js';
import { AuthError, DbError } from '../errors.js';

/** Options every command inherits from the program. */
export interface GlobalOptions {
  db?: string;
  debug?: boolean;
  input?: boolean;
  color?: boolean;
}

export interface DbContext {
  db: Knex;
  target: DbTarget;
}

/**
 * What a command does with user data: `read` commands may act on another user's data where that
 * user has shared it (a coach's `--user <client>`); `write` commands act on the caller's own.
 */
export type Access = 'read' | 'write';

export interface UserContext extends DbContext {
  /** The user every read and write is scoped to. */
  user: UserRow;
}

/**
 * Opens the database and brings its schema up to date: a brand-new database (any engine) and
 * a SQLite file with pending migrations are migrated without asking; a PostgreSQL database
 * with pending migrations is left to `fittrack db migrate`, since others may share it.
 */
export async function openDatabase(globals: GlobalOptions, opts: { migrate?: boolean } = {}): Promise<DbContext> {
  const target = resolveDbTarget(globals.db);
  const db = await createDb(target);
  if (opts.migrate !== false) {
    try {
      const pending = await pendingMigrations(db);
      if (pending.length > 0) {
        const brandNew = !(await db.schema.hasTable('knex_migrations'));
        if (brandNew || engineOf(db) === 'sqlite') await migrateLatest(db);
        else throw new DbError(`the database schema at ${target.display} is out of date (${pending.length} migration(s) pending)`, 'run: fittrack db migrate');
      }
    } catch (err) {
      await db.destroy();
      throw err;
    }
  }
  return { db, target };
}

/**
 * Finds the acting user. In local mode that is the local profile, created on first use.
 * (Multi-user mode — login sessions — is resolved by the auth layer.)
 */
export async function resolveActingUser(ctx: DbContext, _globals: GlobalOptions, _access: Access = 'write'): Promise<UserRow> {
  const local = await ensureLocalProfile(ctx.db);
  if (!local) throw new AuthError('not logged in — run: fittrack login');
  return local;
}

/**
 * Runs `fn` with an open database and the acting user, and always closes the database.
 *
 * @example await withUser(globals, async ({ db, user }) => …, { access: 'read' })
 */
export async function withUser<T>(globals: GlobalOptions, fn: (ctx: UserContext) => Promise<T>, opts: { access?: Access } = {}): Promise<T> {
  const ctx = await openDatabase(globals);
  try {
    const user = await resolveActingUser(ctx, globals, opts.access ?? 'write');
    return await fn({ ...ctx, user });
  } finally {
    await ctx.db.destroy();
  }
}

/** Runs `fn` with an open, migrated database and no user (admin and maintenance commands). */
export async function withDatabase<T>(globals: GlobalOptions, fn: (ctx: DbContext) => Promise<T>, opts: { migrate?: boolean } = {}): Promise<T> {
  const ctx = await openDatabase(globals, opts);
  try {
    return await fn(ctx);
  } finally {
    await ctx.db.destroy();
  }
}

import os from 'node:os';
import type { Knex } from 'knex';
import { nowIso } from './clock.js';
import { foldName } from '../domain/names.js';
import { asSql, type Sql } from './sql.js';

/** A `users` row as the database returns it (booleans as 0/1 on SQLite). */
export interface UserRow {
  id: number;
  username: string;
  email: string | null;
  password_hash: string | null;
  role: 'user' | 'coach' | 'admin';
  is_active: boolean | number;
  failed_login_attempts: number;
  locked_until: string | null;
  last_login_at: string | null;
  display_name: string | null;
  bio: string | null;
  photo_url: string | null;
  preferred_units: 'metric' | 'imperial';
  height_cm: number | null;
  created_at: string;
  updated_at: string;
}

/** The name the local profile gets: `$USER`, else the OS account name, else `me`. */
export function localProfileName(env: NodeJS.ProcessEnv = process.env): string {
  let name = env.USER || env.LOGNAME || '';
  if (!name) {
    try {
      name = os.userInfo().username;
    } catch {
      name = '';
    }
  }
  return name.trim().slice(0, 64) || 'me';
}

/**
 * Returns the local profile (the user without a password), creating it in an empty database.
 * Returns null when the database has users but none of them is passwordless.
 */
export async function ensureLocalProfile(db: Knex): Promise<UserRow | null> {
  const existing = await db<UserRow>('users').whereNull('password_hash').orderBy('id').first();
  if (existing) return existing;
  const any = await db('users').first('id');
  if (any) return null;
  const now = nowIso();
  const username = localProfileName();
  await db('users').insert({ username, username_folded: foldName(username), role: 'user', created_at: now, updated_at: now }).onConflict('username').ignore();
  return (await db<UserRow>('users').whereNull('password_hash').orderBy('id').first()) ?? null;
}

/** True when some user has a password: the database is then in multi-user mode. */
export async function isMultiUser(db: Knex): Promise<boolean> {
  return (await db('users').whereNotNull('password_hash').first('id')) !== undefined;
}

/** True when a user row may act: `is_active` is stored as 0/1 on SQLite. */
export function isActiveUser(user: Pick<UserRow, 'is_active'>): boolean {
  return user.is_active === true || user.is_active === 1;
}

/**
 * Tells the mode with one query: the first row ordered "has a password" first. A row with a
 * password means multi-user mode; otherwise the row is the local profile (or there is no user).
 *
 * @example const { multiUser, local } = await loadModeAndLocal(db)
 */
export async function loadModeAndLocal(db: Knex | Sql): Promise<{ multiUser: boolean; local: UserRow | null }> {
  const first = await asSql(db).first<UserRow>('select * from users order by (password_hash is null), id limit 1');
  if (!first) return { multiUser: false, local: null };
  if (first.password_hash !== null) return { multiUser: true, local: null };
  return { multiUser: false, local: first };
}

/** The user with this username, compared under `foldName` (`ANA` finds `ana`), or undefined. */
export async function findUserByName(db: Knex | Knex.Transaction, username: string): Promise<UserRow | undefined> {
  // A row written without its folded name (by hand) is found by its exact name.
  return db<UserRow>('users')
    .where((w) => w.where('username_folded', foldName(username)).orWhere((x) => x.whereNull('username_folded').where('username', username)))
    .first();
}

/** The user with this id, or undefined. */
export async function findUserById(db: Knex | Knex.Transaction, id: number): Promise<UserRow | undefined> {
  return db<UserRow>('users').where({ id }).first();
}

/** Every user, by username. */
export async function listUsers(db: Knex): Promise<UserRow[]> {
  return db<UserRow>('users').orderBy('username');
}

export interface NewUser {
  username: string;
  email?: string | null;
  role: UserRow['role'];
  passwordHash: string;
  preferredUnits?: UserRow['preferred_units'];
  heightCm?: number | null;
}

/** Inserts a user and returns the row. */
export async function insertUser(db: Knex | Knex.Transaction, u: NewUser): Promise<UserRow> {
  const now = nowIso();
  await db('users').insert({
    username: u.username,
    username_folded: foldName(u.username),
    email: u.email ?? null,
    role: u.role,
    password_hash: u.passwordHash,
    preferred_units: u.preferredUnits ?? 'metric',
    height_cm: u.heightCm ?? null,
    created_at: now,
    updated_at: now,
  });
  return (await findUserByName(db, u.username))!;
}

/** The profile fields a user may change on their own row. */
export interface ProfilePatch {
  username?: string;
  email?: string | null;
  role?: UserRow['role'];
  display_name?: string | null;
  bio?: string | null;
  photo_url?: string | null;
  preferred_units?: UserRow['preferred_units'];
  height_cm?: number | null;
  password_hash?: string;
}

/** Updates one user's row; returns the row as it now is. */
export async function updateUser(db: Knex | Knex.Transaction, userId: number, patch: ProfilePatch): Promise<UserRow> {
  const folded = patch.username === undefined ? {} : { username_folded: foldName(patch.username) };
  await db('users').where({ id: userId }).update({ ...patch, ...folded, updated_at: nowIso() });
  return (await findUserById(db, userId))!;
}

/**
 * Counts a failed login; the `maxFailures`-th in a row locks the account until `lockUntil`.
 * Returns true when this failure locked it.
 */
export async function recordFailedLogin(db: Knex, userId: number, maxFailures: number, lockUntil: string): Promise<boolean> {
  return db.transaction(async (trx) => {
    await trx('users').where({ id: userId }).increment('failed_login_attempts', 1);
    const row = await trx<UserRow>('users').where({ id: userId }).first('failed_login_attempts');
    if (row && Number(row.failed_login_attempts) >= maxFailures) {
      await trx('users').where({ id: userId }).update({ locked_until: lockUntil, failed_login_attempts: 0, updated_at: nowIso() });
      return true;
    }
    return false;
  });
}

/** Resets the failure counter after a good password and stamps `last_login_at`. */
export async function recordSuccessfulLogin(db: Knex, userId: number, at: string): Promise<void> {
  await db('users').where({ id: userId }).update({ failed_login_attempts: 0, locked_until: null, last_login_at: at });
}

/** Locks (deactivates) or unlocks a user; unlocking also clears a lockout and the counter. */
export async function setUserActive(db: Knex | Knex.Transaction, userId: number, active: boolean): Promise<void> {
  const patch: Record<string, unknown> = { is_active: active, updated_at: nowIso() };
  if (active) Object.assign(patch, { locked_until: null, failed_login_attempts: 0 });
  await db('users').where({ id: userId }).update(patch);
}

/** Deletes a user; every row they own goes with them (ON DELETE CASCADE). */
export async function deleteUser(db: Knex | Knex.Transaction, userId: number): Promise<void> {
  await db('users').where({ id: userId }).delete();
}

/** How many active admins there are. */
export async function countActiveAdmins(db: Knex | Knex.Transaction): Promise<number> {
  const row = await db('users').where({ role: 'admin', is_active: true }).whereNotNull('password_hash').count<{ n: number | string }[]>({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

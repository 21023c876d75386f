import os from 'node:os';
import type { Knex } from 'knex';
import { nowIso } from '../clock.js';
import { recordAudit } from './audit-repo.js';
import { isGuarded } from './rls-repo.js';
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

/**
 * Where users are read from: the table, or for a guarded PostgreSQL role (see rls-repo.ts) the
 * schema owner's view of it, which shows no password hash (only whether there is one, as
 * `(hidden)`) and others' e-mail and login state only to admins.
 *
 * @example db(usersSource(db)).where({ id }).first()
 */
export function usersSource(db: Knex | Sql): string {
  return isGuarded(db) ? 'fittrack_user_directory' : 'users';
}

/** Runs a SECURITY DEFINER function of the schema owner and returns its first row. */
async function callFn<T>(db: Knex | Knex.Transaction, sql: string, params: unknown[]): Promise<T> {
  const r = await db.raw(sql, params as Knex.RawBinding[]);
  return (r.rows as T[])[0] as T;
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
  const users = usersSource(db);
  const existing = await db<UserRow>(users).whereNull('password_hash').orderBy('id').first();
  if (existing) return existing;
  const any = await db(users).first('id');
  if (any) return null;
  if (isGuarded(db)) await db.raw('select fittrack_ensure_local_profile(?, ?)', [localProfileName(), foldName(localProfileName())]);
  else {
    const now = nowIso();
    const username = localProfileName();
    await db('users').insert({ username, username_folded: foldName(username), role: 'user', created_at: now, updated_at: now }).onConflict('username').ignore();
  }
  return (await db<UserRow>(users).whereNull('password_hash').orderBy('id').first()) ?? null;
}

/** True when some user has a password: the database is then in multi-user mode. */
export async function isMultiUser(db: Knex): Promise<boolean> {
  return (await db(usersSource(db)).whereNotNull('password_hash').first('id')) !== undefined;
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
  const first = await asSql(db).first<UserRow>(`select * from ${usersSource(db)} order by (password_hash is null), id limit 1`);
  if (!first) return { multiUser: false, local: null };
  if (first.password_hash !== null) return { multiUser: true, local: null };
  return { multiUser: false, local: first };
}

/** The user with this username, compared under `foldName` (`ANA` finds `ana`), or undefined. */
export async function findUserByName(db: Knex | Knex.Transaction, username: string): Promise<UserRow | undefined> {
  // A row written without its folded name (by hand) is found by its exact name.
  return db<UserRow>(usersSource(db))
    .where((w) => w.where('username_folded', foldName(username)).orWhere((x) => x.whereNull('username_folded').where('username', username)))
    .first();
}

/** The user with this id, or undefined. */
export async function findUserById(db: Knex | Knex.Transaction, id: number): Promise<UserRow | undefined> {
  return db<UserRow>(usersSource(db)).where({ id }).first();
}

/** Every user, by username. */
export async function listUsers(db: Knex): Promise<UserRow[]> {
  return db<UserRow>(usersSource(db)).orderBy('username');
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
  if (isGuarded(db)) {
    await db.raw('select fittrack_user_add(?, ?, ?, ?, ?, ?, ?)', [u.username, u.email ?? null, u.role, u.passwordHash, u.preferredUnits ?? null, u.heightCm ?? null, foldName(u.username)]);
    return (await findUserByName(db, u.username))!;
  }
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

/**
 * Gives the local profile (or, in an empty database, a new user) a password and the admin role:
 * how a database leaves local mode. Returns the row as it now is.
 *
 * @example await claimLocalProfile(db, mode.local, { username: 'ana', passwordHash })
 */
export async function claimLocalProfile(
  db: Knex,
  local: UserRow | null,
  u: { username: string; passwordHash: string; email?: string | null; preferredUnits?: UserRow['preferred_units']; heightCm?: number | null },
  audit: { action: string; details: Record<string, unknown> },
): Promise<UserRow> {
  if (isGuarded(db)) {
    // The database refuses once anyone has a password, and writes the audit row itself.
    const { id } = await callFn<{ id: number }>(db, 'select fittrack_user_claim_local(?, ?, ?, ?, ?, ?, ?::jsonb, ?) as id', [
      u.username,
      u.email ?? null,
      u.passwordHash,
      u.preferredUnits ?? null,
      u.heightCm ?? null,
      audit.action,
      JSON.stringify(audit.details),
      foldName(u.username),
    ]);
    return (await findUserById(db, id))!;
  }
  let user: UserRow;
  if (!local) user = await insertUser(db, { username: u.username, email: u.email, role: 'admin', passwordHash: u.passwordHash, preferredUnits: u.preferredUnits, heightCm: u.heightCm });
  else {
    const patch: ProfilePatch = { username: u.username, role: 'admin', password_hash: u.passwordHash };
    if (u.email !== undefined) patch.email = u.email;
    if (u.preferredUnits !== undefined) patch.preferred_units = u.preferredUnits;
    if (u.heightCm !== undefined) patch.height_cm = u.heightCm;
    user = await updateUser(db, local.id, patch);
  }
  await recordAudit(db, { userId: user.id, action: audit.action, entity: 'user', entityId: user.id, details: audit.details });
  return user;
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
  if (isGuarded(db)) {
    // The database checks who may change what (own profile; others' and roles: admins only).
    if (patch.password_hash !== undefined) throw new Error('updateUser: a password is changed with setUserPassword');
    const folded = patch.username === undefined ? {} : { username_folded: foldName(patch.username) };
    await db.raw('select fittrack_user_update(?, ?::jsonb)', [userId, JSON.stringify({ ...patch, ...folded })]);
    return (await findUserById(db, userId))!;
  }
  const folded = patch.username === undefined ? {} : { username_folded: foldName(patch.username) };
  await db('users').where({ id: userId }).update({ ...patch, ...folded, updated_at: nowIso() });
  return (await findUserById(db, userId))!;
}

/**
 * Counts a failed login; the `maxFailures`-th in a row locks the account until `lockUntil`.
 * Returns true when this failure locked it.
 */
export async function recordFailedLogin(db: Knex, userId: number, maxFailures: number, lockUntil: string, now: string = nowIso()): Promise<boolean> {
  // One statement: concurrent failures each count (a read then a write would lose some).
  // While the account is locked nothing is counted, so the lock is not pushed further out.
  const rows = await asSql(db).all<{ failed_login_attempts: number; locked_until: string | null }>(
    `update users set failed_login_attempts = case when failed_login_attempts + 1 >= ? then 0 else failed_login_attempts + 1 end,
            locked_until = case when failed_login_attempts + 1 >= ? then ? else locked_until end,
            updated_at = ?
      where id = ? and (locked_until is null or locked_until <= ?)
      returning failed_login_attempts, locked_until`,
    [maxFailures, maxFailures, lockUntil, now, userId, now],
  );
  return rows.length > 0 && Number(rows[0]!.failed_login_attempts) === 0;
}

/**
 * After a good password: resets the failure counter and stamps `last_login_at`, in one statement
 * that holds only while the account is active and not locked. Returns false (nothing changed)
 * when it is locked or deactivated, whatever an earlier read said.
 */
export async function recordSuccessfulLogin(db: Knex, userId: number, at: string): Promise<boolean> {
  const n = await db('users')
    .where({ id: userId, is_active: true })
    .where((w) => w.whereNull('locked_until').orWhere('locked_until', '<=', at))
    .update({ failed_login_attempts: 0, locked_until: null, last_login_at: at });
  return Number(n) > 0;
}

/**
 * Sets a user's password hash and ends their sessions (but `keepSessionId`). Returns how many
 * sessions were ended. For a guarded role the database checks the right to do it: the user's own
 * `currentPassword`, or the caller being an admin; null when the current password is wrong.
 */
export async function setUserPassword(db: Knex, userId: number, passwordHash: string, opts: { currentPassword?: string; keepSessionId?: number | null } = {}): Promise<number | null> {
  if (isGuarded(db)) {
    const { n } = await callFn<{ n: number }>(db, 'select fittrack_user_set_password(?, ?, ?) as n', [userId, opts.currentPassword ?? null, passwordHash]);
    return n < 0 ? null : n;
  }
  return db.transaction(async (trx) => {
    await trx('users').where({ id: userId }).update({ password_hash: passwordHash, updated_at: nowIso() });
    const q = trx('user_sessions').where({ user_id: userId }).whereNull('revoked_at');
    if (opts.keepSessionId !== undefined && opts.keepSessionId !== null) q.whereNot({ id: opts.keepSessionId });
    return Number(await q.update({ revoked_at: nowIso(), revoke_reason: 'password_change' }));
  });
}

/**
 * Locks (deactivates) or unlocks a user; unlocking also clears a lockout and the counter. With
 * `endSessions`, locking also ends their sessions (a guarded role always does). Returns how many
 * sessions were ended.
 */
export async function setUserActive(db: Knex, userId: number, active: boolean, opts: { endSessions?: boolean } = {}): Promise<number> {
  if (isGuarded(db)) return (await callFn<{ n: number }>(db, 'select fittrack_user_set_active(?, ?) as n', [userId, active])).n;
  return db.transaction(async (trx) => {
    const patch: Record<string, unknown> = { is_active: active, updated_at: nowIso() };
    if (active) Object.assign(patch, { locked_until: null, failed_login_attempts: 0 });
    await trx('users').where({ id: userId }).update(patch);
    if (active || !opts.endSessions) return 0;
    return Number(await trx('user_sessions').where({ user_id: userId }).whereNull('revoked_at').update({ revoked_at: nowIso(), revoke_reason: 'locked' }));
  });
}

/** Deletes a user; every row they own goes with them (ON DELETE CASCADE). */
export async function deleteUser(db: Knex | Knex.Transaction, userId: number): Promise<void> {
  if (isGuarded(db)) await db.raw('select fittrack_user_remove(?)', [userId]);
  else await db('users').where({ id: userId }).delete();
}

/** How many active admins there are. */
export async function countActiveAdmins(db: Knex | Knex.Transaction): Promise<number> {
  const row = await db(usersSource(db)).where({ role: 'admin', is_active: true }).whereNotNull('password_hash').count<{ n: number | string }[]>({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/**
 * Logging in: checking a username and password against the stored account, and opening a
 * session for it (what `fittrack login` runs).
 */
import os from 'node:os';
import type { Knex } from 'knex';
import { LOCKOUT_MS, MAX_FAILED_LOGINS, generateToken, hashToken, slideExpiry, userAgent } from '../domain/auth.js';
import { verifyPassword } from '../domain/password.js';
import { AuthError } from '../errors.js';
import { VERSION } from '../version.js';
import { recordAudit } from './audit-repo.js';
import { isGuarded } from './rls-repo.js';
import { insertSession } from './session-repo.js';
import { findUserByName, isActiveUser, recordFailedLogin, recordSuccessfulLogin } from './users-repo.js';

const LOGIN_FAILED = 'login failed: wrong username or password';
const LOGIN_HINT = `after ${MAX_FAILED_LOGINS} failed attempts in a row an account is locked for ${LOCKOUT_MS / 60_000} minutes; an admin can lift a lock with: fittrack user unlock <username>`;

/**
 * Checks a username and password and opens a session. An unknown user, a wrong password, a
 * locked and a deactivated account all get the same answer after the same work (one bcrypt
 * comparison of real cost); the 5th failure in a row locks the account for 15 min, counted
 * atomically so that concurrent attempts cannot slip past it. For a guarded PostgreSQL role the
 * database does all of it (`fittrack_login`). Returns the new token and session id.
 */
export async function logIn(db: Knex, username: string, password: string, opts: { remember?: boolean; now?: Date } = {}): Promise<{ token: string; sessionId: number; expiresAt: string }> {
  const token = generateToken();
  if (isGuarded(db)) {
    // The database compares names exactly: the name typed is first matched under foldName (`ANA` is `ana`).
    const known = await findUserByName(db, username);
    const r = await db.raw('select * from fittrack_login(?, ?, ?, ?, ?, ?)', [known?.username ?? username, password, hashToken(token), Boolean(opts.remember), userAgent(VERSION), os.hostname()]);
    const row = r.rows[0] as { ok: boolean; session_id: number; expires_at: string };
    if (!row.ok) throw new AuthError(LOGIN_FAILED, LOGIN_HINT);
    return { token, sessionId: row.session_id, expiresAt: row.expires_at };
  }
  const now = opts.now ?? new Date();
  const user = await findUserByName(db, username);
  const ok = (await verifyPassword(password, user?.password_hash ?? null)) && Boolean(user?.password_hash);
  const fail = async (reason: string): Promise<never> => {
    await recordAudit(db, user ? { userId: user.id, action: 'login_failure', entity: 'user', entityId: user.id, details: { reason } } : { userId: null, action: 'login_failure', details: { reason } });
    throw new AuthError(LOGIN_FAILED, LOGIN_HINT);
  };
  // The name typed is not recorded for an unknown user: it may be a password typed into the wrong field.
  if (!user) return fail('bad credentials');
  if (!ok) {
    const lockUntil = new Date(now.getTime() + LOCKOUT_MS).toISOString();
    const locked = await recordFailedLogin(db, user.id, MAX_FAILED_LOGINS, lockUntil, now.toISOString());
    if (locked) await recordAudit(db, { userId: user.id, action: 'lockout', entity: 'user', entityId: user.id, details: { lockedUntil: lockUntil, failures: MAX_FAILED_LOGINS } });
    return fail('bad credentials');
  }
  const createdAt = now.toISOString();
  // The lock and the active flag are checked in the same statement that records the success.
  if (!(await recordSuccessfulLogin(db, user.id, createdAt))) return fail(isActiveUser(user) ? 'locked' : 'inactive');
  const expiresAt = slideExpiry(now, now, Boolean(opts.remember)).toISOString();
  const sessionId = await insertSession(db, {
    userId: user.id,
    tokenHash: hashToken(token),
    createdAt,
    expiresAt,
    rememberMe: Boolean(opts.remember),
    userAgent: userAgent(VERSION),
    hostname: os.hostname(),
  });
  await recordAudit(db, { userId: user.id, action: 'login_success', entity: 'user_session', entityId: sessionId, details: { remember: Boolean(opts.remember), hostname: os.hostname() } });
  return { token, sessionId, expiresAt };
}

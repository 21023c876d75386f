/**
 * Checks the login session a command runs under (multi-user mode) and slides its expiry.
 */
import type { Knex } from 'knex';
import { slideExpiry, hashToken, tokenHashesEqual } from '../domain/auth.js';
import { engineOf } from '../db/connection.js';
import { bindSessionToken, isGuarded } from '../db/rls-repo.js';
import { findSessionForToken, touchCurrentSession, touchSession, type SessionRow } from '../db/session-repo.js';
import { findUserById, isActiveUser, type UserRow } from '../db/users-repo.js';
import { AuthError } from '../errors.js';
import { readSessionToken } from './session-file.js';

export const NOT_LOGGED_IN = 'not logged in — run: fittrack login';

/**
 * Finds the live session named by FITTRACK_TOKEN or the session file and its user; throws
 * AuthError (exit 3) otherwise. Records the activity unless `touch` is false.
 *
 * @example const { user, sessionId } = await authenticateSession(db)
 */
export async function authenticateSession(db: Knex, opts: { now?: Date; touch?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<{ user: UserRow; sessionId: number; session: SessionRow }> {
  const now = opts.now ?? new Date();
  const found = readSessionToken(opts.env);
  if (!found) throw new AuthError(NOT_LOGGED_IN, 'this database has password-protected users: every command needs a login session');
  const where = found.source === 'env' ? 'the session in FITTRACK_TOKEN' : 'the saved session';
  const hash = hashToken(found.token);
  // On PostgreSQL every connection carries the token: row-level security derives the user from it.
  if (engineOf(db) === 'postgres') bindSessionToken(db, found.token);
  const session = await findSessionForToken(db, found.token);
  if (!session || !tokenHashesEqual(session.token_hash, hash)) throw new AuthError(NOT_LOGGED_IN, `${where} is not known to this database`);
  if (session.revoked_at !== null) throw new AuthError(NOT_LOGGED_IN, `${where} was ended (${session.revoke_reason ?? 'revoked'})`);
  if (new Date(session.expires_at).getTime() <= now.getTime()) throw new AuthError(NOT_LOGGED_IN, `${where} expired at ${session.expires_at}`);
  const user = await findUserById(db, session.user_id);
  if (!user) throw new AuthError(NOT_LOGGED_IN, `${where} belongs to a removed user`);
  if (!isActiveUser(user)) throw new AuthError(`the account "${user.username}" is locked`, `ask an admin to run: fittrack user unlock ${user.username}`);
  if (opts.touch !== false) {
    const remember = session.remember_me === true || session.remember_me === 1;
    if (isGuarded(db)) {
      session.expires_at = (await touchCurrentSession(db)) ?? session.expires_at;
    } else {
      const expires = slideExpiry(new Date(session.created_at), now, remember).toISOString();
      await touchSession(db, session.id, now.toISOString(), expires);
      session.expires_at = expires;
    }
    session.last_activity_at = now.toISOString();
  }
  return { user, sessionId: session.id, session };
}

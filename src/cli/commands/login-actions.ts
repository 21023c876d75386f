import os from 'node:os';
import type { Knex } from 'knex';
import { LOCKOUT_MS, MAX_FAILED_LOGINS, generateToken, hashToken, slideExpiry, userAgent } from '../../domain/auth.js';
import { verifyPassword } from '../../domain/password.js';
import { recordAudit } from '../../db/audit-repo.js';
import { findSessionByTokenHash, insertSession, revokeUserSession } from '../../db/session-repo.js';
import { findUserByName, isActiveUser, loadModeAndLocal, recordFailedLogin, recordSuccessfulLogin } from '../../db/users-repo.js';
import { AuthError, UsageError } from '../../errors.js';
import { VERSION } from '../../version.js';
import { resolveCaller, withDatabase, type GlobalOptions } from '../context.js';
import { printJson, printLine, say } from '../render/output.js';
import { askText, canPrompt, readPassword } from '../secret-input.js';
import { readSessionToken, removeSessionFile, writeSessionFile } from '../session-file.js';

export interface LoginOptions {
  remember?: boolean;
  passwordStdin?: boolean;
  printToken?: boolean;
}

const LOGIN_FAILED = 'login failed: wrong username or password';

/**
 * Checks a username and password and opens a session. Unknown users and wrong passwords get
 * the same answer and take the same time; the 5th failure in a row locks the account for 15 min.
 * Returns the new token and session id.
 */
export async function logIn(db: Knex, username: string, password: string, opts: { remember?: boolean; now?: Date } = {}): Promise<{ token: string; sessionId: number; expiresAt: string }> {
  const now = opts.now ?? new Date();
  const user = await findUserByName(db, username);
  if (user?.locked_until && new Date(user.locked_until).getTime() > now.getTime()) {
    await verifyPassword(password, null);
    await recordAudit(db, { userId: user.id, action: 'login_failure', entity: 'user', entityId: user.id, details: { reason: 'locked' } });
    throw new AuthError(`login failed: too many failed attempts; try again after ${user.locked_until}`, 'an admin can lift the lock with: fittrack user unlock <username>');
  }
  const ok = await verifyPassword(password, user?.password_hash ?? null);
  if (!user || !ok) {
    if (user) {
      const lockUntil = new Date(now.getTime() + LOCKOUT_MS).toISOString();
      const locked = await recordFailedLogin(db, user.id, MAX_FAILED_LOGINS, lockUntil);
      await recordAudit(db, { userId: user.id, action: 'login_failure', entity: 'user', entityId: user.id, details: { reason: 'bad credentials' } });
      if (locked) await recordAudit(db, { userId: user.id, action: 'lockout', entity: 'user', entityId: user.id, details: { lockedUntil: lockUntil, failures: MAX_FAILED_LOGINS } });
    } else {
      // The name typed is not recorded: it may be a password typed into the wrong field.
      await recordAudit(db, { userId: null, action: 'login_failure', details: { reason: 'bad credentials' } });
    }
    throw new AuthError(LOGIN_FAILED, `after ${MAX_FAILED_LOGINS} failed attempts in a row the account is locked for ${LOCKOUT_MS / 60_000} minutes`);
  }
  if (!isActiveUser(user)) {
    await recordAudit(db, { userId: user.id, action: 'login_failure', entity: 'user', entityId: user.id, details: { reason: 'inactive' } });
    throw new AuthError(`login failed: the account "${user.username}" is locked`, `ask an admin to run: fittrack user unlock ${user.username}`);
  }
  const token = generateToken();
  const createdAt = now.toISOString();
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
  await recordSuccessfulLogin(db, user.id, createdAt);
  await recordAudit(db, { userId: user.id, action: 'login_success', entity: 'user_session', entityId: sessionId, details: { remember: Boolean(opts.remember), hostname: os.hostname() } });
  return { token, sessionId, expiresAt };
}

export async function runLogin(globals: GlobalOptions, usernameArg: string | undefined, opts: LoginOptions): Promise<void> {
  await withDatabase(globals, async ({ db, target }) => {
    const mode = await loadModeAndLocal(db);
    if (!mode.multiUser) {
      throw new UsageError(`${target.display} is in local mode: no user has a password, there is nothing to log in to`, 'to protect it with a password: fittrack user passwd (or fittrack user add <name>)');
    }
    let username = usernameArg?.trim();
    if (!username) {
      if (!canPrompt(globals) || opts.passwordStdin) throw new UsageError('login: no username given', 'run: fittrack login <username>');
      username = (await askText('Username')).trim();
    }
    const password = await readPassword(globals, { fromStdin: opts.passwordStdin, message: 'Password' });
    const { token, expiresAt } = await logIn(db, username, password, { remember: opts.remember });
    if (opts.printToken) {
      printLine(token);
      say(`logged in as ${username} until ${expiresAt}; use the token above as FITTRACK_TOKEN`);
    } else {
      // The session this login replaces in the file is ended rather than left alive, unseen.
      const previous = readSessionToken({ ...process.env, FITTRACK_TOKEN: '' });
      if (previous) {
        const old = await findSessionByTokenHash(db, hashToken(previous.token));
        if (old && old.revoked_at === null) await revokeUserSession(db, old.user_id, old.id, 'replaced');
      }
      const file = writeSessionFile(token);
      say(`logged in as ${username} (session saved in ${file}, valid until ${expiresAt}${opts.remember ? ', extended with use up to 30 days' : ''})`);
    }
  });
}

export async function runLogout(globals: GlobalOptions): Promise<void> {
  const found = readSessionToken();
  if (!found) {
    say('not logged in: nothing to do');
    return;
  }
  await withDatabase(globals, async ({ db }) => {
    const session = await findSessionByTokenHash(db, hashToken(found.token));
    if (session && session.revoked_at === null) {
      await revokeUserSession(db, session.user_id, session.id, 'logout');
      await recordAudit(db, { userId: session.user_id, action: 'logout', entity: 'user_session', entityId: session.id });
    }
  });
  if (found.source === 'file') {
    removeSessionFile();
    say('logged out');
  } else {
    say('logged out; the token in FITTRACK_TOKEN no longer works (unset it)');
  }
}

export async function runWhoami(globals: GlobalOptions, opts: { json?: boolean }): Promise<void> {
  await withDatabase(globals, async (ctx) => {
    const caller = await resolveCaller(ctx, globals);
    const expiresAt = caller.sessionExpiresAt;
    const u = caller.actor;
    const info = {
      username: u.username,
      displayName: u.display_name,
      role: u.role,
      mode: caller.multiUser ? 'multi-user' : 'local',
      sessionId: caller.sessionId,
      sessionExpiresAt: expiresAt,
      database: ctx.target.display,
    };
    if (opts.json) printJson(info);
    else printLine(caller.multiUser ? `${u.username} (${u.role}) — session ${caller.sessionId} until ${expiresAt}` : `${u.username} (local profile, no password)`);
  });
}

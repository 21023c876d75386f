/**
 * Login sessions (`user_sessions`). The database keeps only the SHA-256 of each token.
 * Every query but the token lookup and the cleanup is scoped to one user.
 */
import os from 'node:os';
import type { Knex } from 'knex';
import { hashToken } from '../domain/auth.js';
import { recordAudit } from './audit-repo.js';
import { engineOf } from './connection.js';
import { acquireDriverConnection, releaseDriverConnection } from './adapter/knex-client.js';
import { nowIso } from '../clock.js';
import { isGuarded } from './rls-repo.js';

export interface SessionRow {
  id: number;
  user_id: number;
  token_hash: string;
  created_at: string;
  expires_at: string;
  last_activity_at: string | null;
  revoked_at: string | null;
  revoke_reason: string | null;
  remember_me: boolean | number;
  ip_address: string | null;
  user_agent: string | null;
  device_type: string | null;
  hostname: string | null;
}

/** A session as the rest of fittrack sees it (booleans mapped, no token hash). */
export interface SessionRecord {
  id: number;
  userId: number;
  createdAt: string;
  expiresAt: string;
  lastActivityAt: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
  rememberMe: boolean;
  userAgent: string | null;
  deviceType: string | null;
  hostname: string | null;
}

export function toSessionRecord(r: SessionRow): SessionRecord {
  return {
    id: r.id,
    userId: r.user_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastActivityAt: r.last_activity_at,
    revokedAt: r.revoked_at,
    revokeReason: r.revoke_reason,
    rememberMe: r.remember_me === true || r.remember_me === 1,
    userAgent: r.user_agent,
    deviceType: r.device_type,
    hostname: r.hostname,
  };
}

export interface NewSession {
  userId: number;
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
  rememberMe: boolean;
  userAgent: string;
  hostname: string;
  deviceType?: string;
}

/** Stores a new session; returns its id. */
export async function insertSession(db: Knex, s: NewSession): Promise<number> {
  const [row] = await db('user_sessions')
    .insert({
      user_id: s.userId,
      token_hash: s.tokenHash,
      created_at: s.createdAt,
      expires_at: s.expiresAt,
      last_activity_at: s.createdAt,
      remember_me: s.rememberMe,
      user_agent: s.userAgent.slice(0, 300),
      hostname: s.hostname.slice(0, 255),
      device_type: s.deviceType ?? 'cli',
    })
    .returning('id');
  return Number(typeof row === 'object' ? (row as { id: number }).id : row);
}

/** The session whose token has this hash (any state), or undefined. */
export async function findSessionByTokenHash(db: Knex, tokenHash: string): Promise<SessionRow | undefined> {
  return db<SessionRow>('user_sessions').where({ token_hash: tokenHash }).first();
}

/**
 * The session of `token` (any state), or undefined. A guarded role (see rls-repo.ts) asks the
 * database, which looks up the token the connection carries (bound with `bindSessionToken`).
 */
export async function findSessionForToken(db: Knex, token: string): Promise<SessionRow | undefined> {
  if (!isGuarded(db)) return findSessionByTokenHash(db, hashToken(token));
  const r = await db.raw('select * from fittrack_session_current()');
  const row = (r.rows as Omit<SessionRow, 'token_hash'>[])[0];
  return row ? { ...row, token_hash: hashToken(token), ip_address: null } : undefined;
}

/**
 * Slides the expiry of the guarded connection's own session (the database computes it, within
 * the session's cap); returns the new expiry, or null when the session is no longer live.
 */
export async function touchCurrentSession(db: Knex): Promise<string | null> {
  const r = await db.raw('select fittrack_session_touch() as expires_at');
  return (r.rows[0] as { expires_at: string | null }).expires_at;
}

/**
 * Ends the session of `token` (logout, or replaced by a new login); a logout is audited.
 * Returns the session's id, or null when there was no live session.
 *
 * @example await endSessionByToken(db, token, 'logout')
 */
export async function endSessionByToken(db: Knex, token: string, reason: string): Promise<number | null> {
  if (isGuarded(db)) return (await db.raw('select fittrack_session_end(?, ?) as id', [token, reason])).rows[0].id as number | null;
  const session = await findSessionByTokenHash(db, hashToken(token));
  if (!session || session.revoked_at !== null) return null;
  if (!(await revokeUserSession(db, session.user_id, session.id, reason))) return null;
  if (reason === 'logout') await recordAudit(db, { userId: session.user_id, action: 'logout', entity: 'user_session', entityId: session.id });
  return session.id;
}

/** Records activity on a session: `last_activity_at` = now and the slid expiry. */
export async function touchSession(db: Knex, sessionId: number, at: string, expiresAt: string): Promise<void> {
  await db('user_sessions').where({ id: sessionId }).whereNull('revoked_at').update({ last_activity_at: at, expires_at: expiresAt });
}

/** One user's sessions, newest first; `activeOnly` leaves out revoked and expired ones. */
export async function listUserSessions(db: Knex, userId: number, opts: { activeOnly?: boolean; now?: string } = {}): Promise<SessionRecord[]> {
  const q = db<SessionRow>(isGuarded(db) ? 'fittrack_my_sessions' : 'user_sessions').where({ user_id: userId }).orderBy('created_at', 'desc').orderBy('id', 'desc');
  if (opts.activeOnly) q.whereNull('revoked_at').where('expires_at', '>', opts.now ?? nowIso());
  return (await q).map(toSessionRecord);
}

/** Revokes one of the user's sessions; returns false when the user has no such live session. */
export async function revokeUserSession(db: Knex | Knex.Transaction, userId: number, sessionId: number, reason: string, at: string = nowIso()): Promise<boolean> {
  if (isGuarded(db)) return Number((await db.raw('select fittrack_sessions_revoke(?, ?) as n', [sessionId, reason])).rows[0].n) > 0;
  const n = await db('user_sessions').where({ id: sessionId, user_id: userId }).whereNull('revoked_at').update({ revoked_at: at, revoke_reason: reason });
  return Number(n) > 0;
}

/**
 * Revokes every live session of a user (except `keepId`); returns how many. A guarded role may
 * only end its own user's sessions, and always keeps the one it runs under.
 */
export async function revokeAllUserSessions(db: Knex | Knex.Transaction, userId: number, reason: string, opts: { keepId?: number; at?: string } = {}): Promise<number> {
  if (isGuarded(db)) return Number((await db.raw('select fittrack_sessions_revoke(null, ?) as n', [reason])).rows[0].n);
  const q = db('user_sessions').where({ user_id: userId }).whereNull('revoked_at');
  if (opts.keepId !== undefined) q.whereNot({ id: opts.keepId });
  return Number(await q.update({ revoked_at: opts.at ?? nowIso(), revoke_reason: reason }));
}

// ---- cleanup (all users: maintenance, no acting user) ----

function cleanable(q: Knex.QueryBuilder, cutoff: string): Knex.QueryBuilder {
  return q.where((w) => w.where('expires_at', '<', cutoff).orWhere('revoked_at', '<', cutoff));
}

/** How many sessions expired or were revoked before `cutoff`. */
export async function countCleanableSessions(db: Knex, cutoff: string): Promise<number> {
  if (isGuarded(db)) return Number((await db.raw('select fittrack_sessions_cleanable(?) as n', [cutoff])).rows[0].n);
  const row = await cleanable(db('user_sessions'), cutoff).count<{ n: number | string }[]>({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/**
 * Deletes up to `limit` sessions expired or revoked before `cutoff`, in one short statement
 * (its own transaction). Returns how many went.
 */
export async function deleteCleanableBatch(db: Knex, cutoff: string, limit: number): Promise<number> {
  if (isGuarded(db)) return Number((await db.raw('select fittrack_sessions_cleanup(?, ?) as n', [cutoff, limit])).rows[0].n);
  const key = engineOf(db) === 'postgres' ? 'id' : 'rowid';
  const sub = cleanable(db('user_sessions').select(key), cutoff).limit(limit);
  return Number(await db('user_sessions').whereIn(key, sub).delete());
}

const PG_CLEANUP_LOCK_KEY = 7_346_021_101;
const SQLITE_LEASE_KEY = 'lock:sessions-cleanup';
/** A SQLite lease not renewed for this long is taken to belong to a crashed run. */
export const SQLITE_LEASE_STALE_MS = 10 * 60_000;

/** Holds the cleanup lock until `release()`; `renew()` keeps a SQLite lease fresh. */
export interface CleanupLock {
  renew(): Promise<void>;
  release(): Promise<void>;
}

/**
 * Whether the process that wrote `holder` (`host:pid:nonce`) is known to be gone: it ran on
 * this host and no process has its id any more. A holder on another host, or one whose process
 * exists (or cannot be asked), counts as alive.
 *
 * @example holderIsDead(`${os.hostname()}:999999:ab12`) → true
 */
export function holderIsDead(holder: string): boolean {
  const m = /^(.*):(\d+):[^:]*$/.exec(holder);
  if (!m || m[1] !== os.hostname()) return false;
  const pid = Number(m[2]);
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Takes over a SQLite lease whose holder died without releasing it (killed, the machine lost
 * power…), in one statement that only succeeds while the dead holder's value is still there.
 */
async function takeOverFromDeadHolder(db: Knex, holder: string): Promise<boolean> {
  const row = await db('app_config').where({ key: SQLITE_LEASE_KEY }).first('value');
  const current = row?.value as string | undefined;
  if (current === undefined || !holderIsDead(current)) return false;
  await db('app_config').where({ key: SQLITE_LEASE_KEY, value: current }).update({ value: holder, updated_at: new Date().toISOString() });
  const now = await db('app_config').where({ key: SQLITE_LEASE_KEY }).first('value');
  return now?.value === holder;
}

/**
 * Takes the cleanup lock, or returns null when another cleanup holds it. PostgreSQL: a
 * session advisory lock held on one dedicated pooled connection. SQLite: a lease row in
 * `app_config`, taken with one atomic upsert that only succeeds when the row is absent or stale,
 * or taken over at once from a holder that died on this host (`holderIsDead`).
 */
export async function tryCleanupLock(db: Knex, holder: string): Promise<CleanupLock | null> {
  if (engineOf(db) === 'postgres') {
    const conn = await acquireDriverConnection<unknown>(db);
    try {
      const r = await db.raw('select pg_try_advisory_lock(?::bigint) as ok', [PG_CLEANUP_LOCK_KEY]).connection(conn);
      if (!(r.rows[0] as { ok: boolean }).ok) {
        await releaseDriverConnection(db, conn);
        return null;
      }
    } catch (err) {
      await releaseDriverConnection(db, conn);
      throw err;
    }
    return {
      async renew() {},
      async release() {
        try {
          await db.raw('select pg_advisory_unlock(?::bigint)', [PG_CLEANUP_LOCK_KEY]).connection(conn);
        } finally {
          await releaseDriverConnection(db, conn);
        }
      },
    };
  }
  const take = async (): Promise<boolean> => {
    const now = new Date();
    const staleBefore = new Date(now.getTime() - SQLITE_LEASE_STALE_MS).toISOString();
    await db.raw(
      `INSERT INTO app_config (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
       WHERE app_config.value = excluded.value OR app_config.updated_at < ?`,
      [SQLITE_LEASE_KEY, holder, now.toISOString(), staleBefore],
    );
    const row = await db('app_config').where({ key: SQLITE_LEASE_KEY }).first('value');
    return row?.value === holder;
  };
  if (!(await take()) && !(await takeOverFromDeadHolder(db, holder))) return null;
  return {
    async renew() {
      await take();
    },
    async release() {
      await db('app_config').where({ key: SQLITE_LEASE_KEY, value: holder }).delete();
    },
  };
}

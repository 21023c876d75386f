import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { formatCount, parseAgeMs } from '../../domain/auth.js';
import { parseIdInput } from '../../domain/validation.js';
import { recordAudit } from '../../db/audit-repo.js';
import { countCleanableSessions, deleteCleanableBatch, listUserSessions, revokeAllUserSessions, revokeUserSession, tryCleanupLock } from '../../db/session-repo.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { resolveCaller, withDatabase, type GlobalOptions } from '../context.js';
import { printJson, printLine, say } from '../render/output.js';
import { plural } from '../../domain/plural.js';

export async function runSessionsList(globals: GlobalOptions, opts: { json?: boolean; all?: boolean }): Promise<void> {
  await withDatabase(globals, async (ctx) => {
    const caller = await resolveCaller(ctx, globals);
    const sessions = (await listUserSessions(ctx.db, caller.actor.id, { activeOnly: !opts.all })).map((s) => ({ ...s, current: s.id === caller.sessionId }));
    if (opts.json) {
      printJson({ username: caller.actor.username, sessions });
      return;
    }
    if (sessions.length === 0) {
      say(caller.multiUser ? 'no active sessions' : 'no sessions: this database is in local mode (no logins)');
      return;
    }
    const now = Date.now();
    const status = (s: (typeof sessions)[number]) => (s.revokedAt ? `revoked (${s.revokeReason ?? '?'})` : new Date(s.expiresAt).getTime() <= now ? 'expired' : 'active');
    const { renderTable } = await import('../render/table.js');
    const { formatLocalTime } = await import('../render/format.js');
    printLine(
      renderTable(
        ['', 'ID', 'Created', 'Last activity', 'Expires', 'Host', 'Client', 'Status'],
        sessions.map((s) => [s.current ? '*' : '', s.id, formatLocalTime(s.createdAt), formatLocalTime(s.lastActivityAt), formatLocalTime(s.expiresAt), s.hostname, s.userAgent, status(s) + (s.rememberMe ? ', remembered' : '')]),
        { align: ['left', 'right', 'left', 'left', 'left', 'left', 'left', 'left'] },
      ),
    );
    if (sessions.some((s) => s.current)) say('* = this session');
  });
}

export async function runSessionsRevoke(globals: GlobalOptions, id: string | undefined, opts: { all?: boolean }): Promise<void> {
  if (!opts.all && id === undefined) throw new UsageError('sessions revoke: give a session ID or --all', 'see your sessions with: fittrack sessions list');
  if (opts.all && id !== undefined) throw new UsageError('sessions revoke: give a session ID or --all, not both', 'see your sessions with: fittrack sessions list');
  const sessionId = id === undefined ? undefined : parseIdInput('sessions revoke', id, { what: 'a session ID', fix: 'session IDs are the numbers in: fittrack sessions list' });
  await withDatabase(globals, async (ctx) => {
    const caller = await resolveCaller(ctx, globals);
    if (sessionId === undefined) {
      const n = await revokeAllUserSessions(ctx.db, caller.actor.id, 'revoked', caller.sessionId !== null ? { keepId: caller.sessionId } : {});
      if (n > 0) await recordAudit(ctx.db, { userId: caller.actor.id, action: 'session_revoke', entity: 'user_session', details: { count: n, all: true } });
      say(n === 0 ? 'no other sessions to end' : `ended ${plural(n, 'other session')}; this one stays (end it with: fittrack logout)`);
      return;
    }
    if (!(await revokeUserSession(ctx.db, caller.actor.id, sessionId, 'revoked'))) {
      throw new NotFoundError(`you have no active session ${sessionId}`, 'see your sessions with: fittrack sessions list');
    }
    await recordAudit(ctx.db, { userId: caller.actor.id, action: 'session_revoke', entity: 'user_session', entityId: sessionId });
    say(sessionId === caller.sessionId ? `ended session ${sessionId} (this one): log in again to go on` : `ended session ${sessionId}`);
  });
}

export interface CleanupResult {
  /** False when another cleanup held the lock and nothing was done. */
  ran: boolean;
  dryRun: boolean;
  cutoff: string;
  graceSeconds: number;
  removed: number;
  batches: number;
  seconds: number;
  longestBatchSeconds: number;
}

/**
 * Deletes sessions that expired or were revoked before now − grace, `batchSize` at a time,
 * each batch its own short statement, under a lock that keeps overlapping runs apart.
 *
 * @example await cleanupSessions(db, { graceMs: 7 * 86400e3, batchSize: 5000 })
 */
export async function cleanupSessions(db: Knex, opts: { graceMs: number; batchSize: number; dryRun?: boolean; now?: Date }): Promise<CleanupResult> {
  const started = performance.now();
  const cutoff = new Date((opts.now ?? new Date()).getTime() - opts.graceMs).toISOString();
  const base = { dryRun: Boolean(opts.dryRun), cutoff, graceSeconds: Math.round(opts.graceMs / 1000) };
  const lock = await tryCleanupLock(db, `${os.hostname()}:${process.pid}:${randomBytes(6).toString('hex')}`);
  if (!lock) return { ran: false, ...base, removed: 0, batches: 0, seconds: 0, longestBatchSeconds: 0 };
  try {
    if (opts.dryRun) {
      const n = await countCleanableSessions(db, cutoff);
      return { ran: true, ...base, removed: n, batches: Math.ceil(n / opts.batchSize), seconds: (performance.now() - started) / 1000, longestBatchSeconds: 0 };
    }
    let removed = 0;
    let batches = 0;
    let longest = 0;
    for (;;) {
      const t0 = performance.now();
      const n = await deleteCleanableBatch(db, cutoff, opts.batchSize);
      longest = Math.max(longest, (performance.now() - t0) / 1000);
      if (n > 0) batches += 1;
      removed += n;
      if (n < opts.batchSize) break;
      await lock.renew();
    }
    const seconds = (performance.now() - started) / 1000;
    if (removed > 0) {
      await recordAudit(db, { userId: null, action: 'sessions_cleanup', entity: 'user_session', details: { removed, batches, graceSeconds: base.graceSeconds, cutoff, seconds: Number(seconds.toFixed(3)) } });
    }
    return { ran: true, ...base, removed, batches, seconds, longestBatchSeconds: longest };
  } finally {
    await lock.release();
  }
}

export async function runSessionsCleanup(globals: GlobalOptions, opts: { grace?: string; batchSize?: string; dryRun?: boolean; json?: boolean }): Promise<void> {
  const graceText = opts.grace ?? '7d';
  const graceMs = parseAgeMs(graceText);
  if (graceMs === null) throw new UsageError(`--grace: "${graceText}" is not a duration`, 'write it like 7d, 12h or 30m');
  const batchSize = Number(opts.batchSize ?? 5000);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1_000_000) throw new UsageError(`--batch-size: "${opts.batchSize}" is not a whole number from 1 to 1000000`, 'e.g. --batch-size 5000');
  await withDatabase(globals, async ({ db }) => {
    const r = await cleanupSessions(db, { graceMs, batchSize, dryRun: opts.dryRun });
    if (opts.json) {
      printJson(r);
      return;
    }
    const secs = `${r.seconds.toFixed(2)} s`;
    if (!r.ran) say('another sessions cleanup is running on this database: nothing done');
    else if (r.removed === 0) say(`nothing to clean up: no session expired or was revoked more than ${graceText} ago`);
    else if (r.dryRun) say(`would remove ${formatCount(r.removed)} expired ${r.removed === 1 ? 'session' : 'sessions'} in ${plural(r.batches, 'batch', 'batches')} (dry run, nothing deleted)`);
    else say(`removed ${formatCount(r.removed)} expired ${r.removed === 1 ? 'session' : 'sessions'} in ${plural(r.batches, 'batch', 'batches')} (${secs})`);
  }, { dryRun: opts.dryRun });
}

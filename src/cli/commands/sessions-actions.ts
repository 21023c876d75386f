import { parseAgeMs } from '../../domain/auth.js';
import { formatCount } from '../render/format.js';
import { parseIdInput } from '../../domain/validation.js';
import { cleanupSessions } from '../../db/session-cleanup.js';
import { listUserSessions, revokeAllUserSessions, revokeUserSession } from '../../db/session-repo.js';
import { recordAudit } from '../../db/audit-repo.js';
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

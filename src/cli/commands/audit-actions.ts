import { parseDateInput } from '../../domain/dates.js';
import { listAudit, type AuditFilter } from '../../db/audit-repo.js';
import { findUserByName } from '../../db/users-repo.js';
import { AuthError, NotFoundError } from '../../errors.js';
import { resolveCaller, withDatabase, type GlobalOptions } from '../context.js';
import { printJson, printLine, say } from '../render/output.js';

export async function runAudit(globals: GlobalOptions, opts: { user?: string; since?: string; action?: string; json?: boolean }): Promise<void> {
  const filter: AuditFilter = {};
  if (opts.since !== undefined) {
    const day = await parseDateInput(opts.since, { field: '--since' });
    filter.since = new Date(`${day}T00:00:00`).toISOString();
  }
  if (opts.action !== undefined) filter.action = opts.action.trim();
  await withDatabase(globals, async (ctx) => {
    const caller = await resolveCaller(ctx);
    // In local mode the only user owns the database; in multi-user mode only admins read the log.
    if (caller.multiUser && caller.actor.role !== 'admin') throw new AuthError('only admins can read the audit log', 'ask an admin of this database');
    if (opts.user !== undefined) {
      const u = await findUserByName(ctx.db, opts.user);
      if (!u) throw new NotFoundError(`no user named "${opts.user}"`, 'see the users with: fittrack user list');
      filter.userId = u.id;
    }
    const rows = await listAudit(ctx.db, filter);
    if (opts.json) {
      printJson({ entries: rows });
      return;
    }
    if (rows.length === 0) {
      say('no audit entries match');
      return;
    }
    for (const r of rows) {
      printLine([r.createdAt, r.username ?? '-', r.action, r.entity ? `${r.entity}${r.entityId ? `#${r.entityId}` : ''}` : '-', r.details ? JSON.stringify(r.details) : ''].join('\t'));
    }
  });
}

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
    const { renderTable } = await import('../render/table.js');
    const { formatLocalTime } = await import('../render/format.js');
    printLine(
      renderTable(
        ['Time', 'User', 'Action', 'Entity', 'Details'],
        rows.map((r) => [formatLocalTime(r.createdAt), r.username ?? '—', r.action, r.entity ? `${r.entity}${r.entityId ? `#${r.entityId}` : ''}` : '—', detailsText(r.details)]),
        { priority: [undefined, 3, undefined, 1, 2], wrap: [4] },
      ),
    );
  });
}

/**
 * An audit entry's details as text: `key: value` pairs, nested values as compact JSON.
 *
 * @example detailsText({ owner: 'carol', grantee: 'coach' }) → 'owner: carol, grantee: coach'
 */
function detailsText(details: unknown): string {
  if (details === null || details === undefined) return '';
  if (typeof details !== 'object' || Array.isArray(details)) return JSON.stringify(details);
  return Object.entries(details as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}

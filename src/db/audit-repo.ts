import type { Knex } from 'knex';
import { nowIso } from '../clock.js';
import { isGuarded } from './rls-repo.js';
import { readJsonColumn } from './json-column.js';

export interface AuditEntry {
  userId: number | null;
  action: string;
  entity?: string;
  entityId?: string | number;
  /** Anything useful to know later; never a password, token or token hash. */
  details?: Record<string, unknown>;
}

/**
 * Appends one row to the audit log (inside the caller's transaction when given one).
 *
 * @example await recordAudit(db, { userId: 1, action: 'import', entity: 'import_batch', entityId: 'b1', details: { created: 12 } })
 */
export async function recordAudit(db: Knex | Knex.Transaction, entry: AuditEntry): Promise<void> {
  if (isGuarded(db)) {
    // The database writes the row as the logged-in user: a guarded role cannot name another.
    await db.raw('select fittrack_audit(?, ?, ?, ?::jsonb)', [entry.action, entry.entity ?? null, entry.entityId === undefined ? null : String(entry.entityId), entry.details === undefined ? null : JSON.stringify(entry.details)]);
    return;
  }
  await db('audit_log').insert({
    user_id: entry.userId,
    action: entry.action,
    entity: entry.entity ?? null,
    entity_id: entry.entityId === undefined ? null : String(entry.entityId),
    details: entry.details === undefined ? null : JSON.stringify(entry.details),
    created_at: nowIso(),
  });
}

export interface AuditRecord {
  id: number;
  createdAt: string;
  userId: number | null;
  username: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  details: Record<string, unknown> | null;
}

export interface AuditFilter {
  /** Only rows by this user, or about them (entity `user` with their id). */
  userId?: number;
  /** Only rows at or after this ISO timestamp. */
  since?: string;
  action?: string;
  limit?: number;
}

/**
 * Reads the audit log, oldest first (admins only: the caller checks the role).
 *
 * @example await listAudit(db, { action: 'login_failure', since: '2026-11-01T00:00:00.000Z' })
 */
export async function listAudit(db: Knex, filter: AuditFilter = {}): Promise<AuditRecord[]> {
  const guarded = isGuarded(db);
  const q = db(guarded ? 'fittrack_audit_entries as a' : 'audit_log as a')
    .leftJoin(guarded ? 'fittrack_user_directory as u' : 'users as u', 'u.id', 'a.user_id').select('a.id', 'a.created_at', 'a.user_id', 'u.username', 'a.action', 'a.entity', 'a.entity_id', 'a.details');
  if (filter.userId !== undefined) {
    const id = filter.userId;
    q.where((w) => w.where('a.user_id', id).orWhere((x) => x.where('a.entity', 'user').where('a.entity_id', String(id))));
  }
  if (filter.since !== undefined) q.where('a.created_at', '>=', filter.since);
  if (filter.action !== undefined) q.where('a.action', filter.action);
  q.orderBy('a.created_at').orderBy('a.id');
  if (filter.limit !== undefined) q.limit(filter.limit);
  const rows: Array<{ id: number; created_at: string; user_id: number | null; username: string | null; action: string; entity: string | null; entity_id: string | null; details: unknown }> = await q;
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    userId: r.user_id,
    username: r.username,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    details: readJsonColumn(r.details, 'audit_log.details') as Record<string, unknown> | null,
  }));
}

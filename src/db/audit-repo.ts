import type { Knex } from 'knex';
import { nowIso } from './clock.js';

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
  await db('audit_log').insert({
    user_id: entry.userId,
    action: entry.action,
    entity: entry.entity ?? null,
    entity_id: entry.entityId === undefined ? null : String(entry.entityId),
    details: entry.details === undefined ? null : JSON.stringify(entry.details),
    created_at: nowIso(),
  });
}

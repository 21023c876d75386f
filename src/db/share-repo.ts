/**
 * Data shares: an owner lets another user (a coach, a family member) read their data.
 */
import type { Knex } from 'knex';
import { nowIso } from '../clock.js';
import { isGuarded } from './rls-repo.js';
import { usersSource } from './users-repo.js';

export interface ShareRecord {
  ownerId: number;
  ownerName: string;
  granteeId: number;
  granteeName: string;
  grantedAt: string;
}

/** Grants (or grants again) `granteeId` read access to `ownerId`'s data. Returns false when it was already granted. */
export async function grantShare(db: Knex | Knex.Transaction, ownerId: number, granteeId: number): Promise<boolean> {
  // A guarded role shares only the logged-in user's own data: the database takes the owner from the session.
  if (isGuarded(db)) return Boolean((await db.raw('select fittrack_share_grant(?) as ok', [granteeId])).rows[0].ok);
  const existing = await db('data_shares').where({ owner_id: ownerId, grantee_id: granteeId }).first('id', 'revoked_at');
  if (existing && existing.revoked_at === null) return false;
  if (existing) await db('data_shares').where({ id: existing.id }).update({ revoked_at: null, granted_at: nowIso() });
  else await db('data_shares').insert({ owner_id: ownerId, grantee_id: granteeId, granted_at: nowIso() });
  return true;
}

/**
 * Restores a share as an export recorded it (`import-json`), dates included; a share between
 * the two already present, live or revoked, is left alone. Returns true when it was created.
 * A guarded role restores only the logged-in user's own shares.
 *
 * @example await restoreShare(trx, me.id, coach.id, '2026-01-02T10:00:00.000Z', null) → true
 */
export async function restoreShare(db: Knex | Knex.Transaction, ownerId: number, granteeId: number, grantedAt: string, revokedAt: string | null): Promise<boolean> {
  if (isGuarded(db)) return Boolean((await db.raw('select fittrack_share_restore(?, ?, ?) as ok', [granteeId, grantedAt, revokedAt])).rows[0].ok);
  if (await db('data_shares').where({ owner_id: ownerId, grantee_id: granteeId }).first('id')) return false;
  await db('data_shares').insert({ owner_id: ownerId, grantee_id: granteeId, granted_at: grantedAt, revoked_at: revokedAt });
  return true;
}

/** Ends a share; returns false when there was no live share. */
export async function revokeShare(db: Knex | Knex.Transaction, ownerId: number, granteeId: number): Promise<boolean> {
  if (isGuarded(db)) return Boolean((await db.raw('select fittrack_share_revoke(?) as ok', [granteeId])).rows[0].ok);
  const n = await db('data_shares').where({ owner_id: ownerId, grantee_id: granteeId }).whereNull('revoked_at').update({ revoked_at: nowIso() });
  return Number(n) > 0;
}

/** True when `ownerId` currently shares their data with `granteeId`. */
export async function hasShare(db: Knex, ownerId: number, granteeId: number): Promise<boolean> {
  return (await db(isGuarded(db) ? 'fittrack_my_shares' : 'data_shares').where({ owner_id: ownerId, grantee_id: granteeId }).whereNull('revoked_at').first('id')) !== undefined;
}

/** The live shares a user gave (`given`) and received (`received`). */
export async function listShares(db: Knex, userId: number): Promise<{ given: ShareRecord[]; received: ShareRecord[] }> {
  const users = usersSource(db);
  const rows = await db(isGuarded(db) ? 'fittrack_my_shares as s' : 'data_shares as s')
    .join(`${users} as o`, 'o.id', 's.owner_id')
    .join(`${users} as g`, 'g.id', 's.grantee_id')
    .whereNull('s.revoked_at')
    .where((w) => w.where('s.owner_id', userId).orWhere('s.grantee_id', userId))
    .orderBy('s.granted_at')
    .select('s.owner_id', 'o.username as owner_name', 's.grantee_id', 'g.username as grantee_name', 's.granted_at');
  const records: ShareRecord[] = rows.map((r: { owner_id: number; owner_name: string; grantee_id: number; grantee_name: string; granted_at: string }) => ({
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    granteeId: r.grantee_id,
    granteeName: r.grantee_name,
    grantedAt: r.granted_at,
  }));
  return { given: records.filter((r) => r.ownerId === userId), received: records.filter((r) => r.granteeId === userId) };
}

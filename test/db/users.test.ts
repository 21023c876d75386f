import { describe, expect, it } from 'vitest';
import { grantShare, hasShare, listShares, revokeShare } from '../../src/db/share-repo.js';
import {
  countActiveAdmins,
  deleteUser,
  ensureLocalProfile,
  findUserByName,
  insertUser,
  isActiveUser,
  loadModeAndLocal,
  setUserActive,
  updateUser,
} from '../../src/db/users-repo.js';
import { dialects, useTestDb } from '../helpers/db.js';

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);

    it('tells local from multi-user mode with one query, and adopts the local profile', async () => {
      expect(await loadModeAndLocal(t.db)).toEqual({ multiUser: false, local: null });
      const local = (await ensureLocalProfile(t.db))!;
      await t.db('health_metrics').insert({ user_id: local.id, recorded_date: '2026-01-01', weight_kg: 80 });
      const mode = await loadModeAndLocal(t.db);
      expect(mode.multiUser).toBe(false);
      expect(mode.local?.id).toBe(local.id);

      // The first user given a password is the local profile itself, renamed: its data stays put.
      const admin = await updateUser(t.db, local.id, { username: 'alice', role: 'admin', password_hash: '$2b$04$' + 'x'.repeat(53) });
      expect(admin.id).toBe(local.id);
      expect(await loadModeAndLocal(t.db)).toEqual({ multiUser: true, local: null });
      expect(await ensureLocalProfile(t.db)).toBeNull();
      expect(Number((await t.db('health_metrics').where({ user_id: admin.id }).count({ n: '*' }).first())!.n)).toBe(1);
      expect(await countActiveAdmins(t.db)).toBe(1);
    });

    it('maps is_active on both engines and locks/unlocks', async () => {
      const bob = await insertUser(t.db, { username: 'bob', role: 'coach', passwordHash: '$2b$04$' + 'y'.repeat(53) });
      expect(isActiveUser(bob)).toBe(true);
      await t.db('users').where({ id: bob.id }).update({ failed_login_attempts: 3, locked_until: '2030-01-01T00:00:00.000Z' });
      await setUserActive(t.db, bob.id, false);
      expect(isActiveUser((await findUserByName(t.db, 'bob'))!)).toBe(false);
      await setUserActive(t.db, bob.id, true);
      const back = (await findUserByName(t.db, 'bob'))!;
      expect(isActiveUser(back)).toBe(true);
      expect(back.locked_until).toBeNull();
      expect(Number(back.failed_login_attempts)).toBe(0);
    });

    it('shares: grant, list, revoke, grant again; the database refuses sharing with oneself', async () => {
      const alice = (await findUserByName(t.db, 'alice'))!;
      const bob = (await findUserByName(t.db, 'bob'))!;
      expect(await grantShare(t.db, alice.id, bob.id)).toBe(true);
      expect(await grantShare(t.db, alice.id, bob.id)).toBe(false);
      expect(await hasShare(t.db, alice.id, bob.id)).toBe(true);
      expect(await hasShare(t.db, bob.id, alice.id)).toBe(false);
      const lists = await listShares(t.db, bob.id);
      expect(lists.given).toEqual([]);
      expect(lists.received.map((s) => s.ownerName)).toEqual(['alice']);
      expect(await revokeShare(t.db, alice.id, bob.id)).toBe(true);
      expect(await revokeShare(t.db, alice.id, bob.id)).toBe(false);
      expect(await hasShare(t.db, alice.id, bob.id)).toBe(false);
      expect(await grantShare(t.db, alice.id, bob.id)).toBe(true);
      await expect(t.db('data_shares').insert({ owner_id: alice.id, grantee_id: alice.id })).rejects.toThrow();
    });

    it('removing a user removes their data, sessions and shares', async () => {
      const bob = (await findUserByName(t.db, 'bob'))!;
      await t.db('health_metrics').insert({ user_id: bob.id, recorded_date: '2026-01-01', weight_kg: 90 });
      await t.db('user_sessions').insert({ user_id: bob.id, token_hash: 'a'.repeat(64), created_at: '2026-01-01T00:00:00.000Z', expires_at: '2026-01-02T00:00:00.000Z' });
      await deleteUser(t.db, bob.id);
      for (const [table, col] of [['health_metrics', 'user_id'], ['user_sessions', 'user_id'], ['data_shares', 'grantee_id']] as const) {
        expect(Number((await t.db(table).where(col, bob.id).count({ n: '*' }).first())!.n)).toBe(0);
      }
      expect(Number((await t.db('health_metrics').count({ n: '*' }).first())!.n)).toBe(1);
    });
  });
}

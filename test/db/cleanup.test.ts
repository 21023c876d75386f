import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { cleanupSessions } from '../../src/db/session-cleanup.js';
import { DAY_MS, HOUR_MS } from '../../src/domain/auth.js';
import { listAudit } from '../../src/db/audit-repo.js';
import { createDb, resolveDbTarget } from '../../src/db/connection.js';
import { tryCleanupLock } from '../../src/db/session-repo.js';
import { dialects, useTestDb } from '../helpers/db.js';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const GRACE = 7 * DAY_MS;

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    let userId = 0;

    /** Inserts `n` sessions ended at `endedAgo` (by expiry, or by revocation when `revoked`). */
    async function sessions(n: number, endedAgoMs: number, opts: { revoked?: boolean } = {}): Promise<void> {
      const rows = Array.from({ length: n }, () => {
        const created = opts.revoked ? ago(endedAgoMs + HOUR_MS) : ago(endedAgoMs + DAY_MS);
        return {
          user_id: userId,
          token_hash: randomBytes(32).toString('hex'),
          created_at: created,
          expires_at: opts.revoked ? ago(endedAgoMs - DAY_MS) : ago(endedAgoMs),
          revoked_at: opts.revoked ? ago(endedAgoMs) : null,
          revoke_reason: opts.revoked ? 'logout' : null,
        };
      });
      for (let i = 0; i < rows.length; i += 200) await t.db('user_sessions').insert(rows.slice(i, i + 200));
    }
    const count = async () => Number((await t.db('user_sessions').count({ n: '*' }).first())!.n);

    beforeEach(async () => {
      await t.db('audit_log').delete();
      await t.db('user_sessions').delete();
      await t.db('users').delete();
      userId = (await t.db('users').insert({ username: 'alice', password_hash: 'x'.repeat(60), created_at: ago(0), updated_at: ago(0) }).returning('id')).map((r: { id: number } | number) => (typeof r === 'object' ? r.id : r))[0]!;
    });

    it('deletes sessions expired or revoked more than the grace period ago, in batches', async () => {
      await sessions(23, 8 * DAY_MS); // expired 8 days ago: go
      await sessions(4, 10 * DAY_MS, { revoked: true }); // revoked 10 days ago (expiry in the future then): go
      await sessions(6, 6 * DAY_MS); // expired 6 days ago: within grace, stay
      await sessions(3, 2 * DAY_MS, { revoked: true }); // revoked 2 days ago: stay
      await sessions(5, -HOUR_MS); // still valid: stay
      const r = await cleanupSessions(t.db, { graceMs: GRACE, batchSize: 5, now: NOW });
      expect(r).toMatchObject({ ran: true, dryRun: false, removed: 27, batches: 6 });
      expect(r.longestBatchSeconds).toBeGreaterThan(0);
      expect(await count()).toBe(14);
      const audit = await listAudit(t.db, { action: 'sessions_cleanup' });
      expect(audit).toHaveLength(1);
      expect(audit[0]!.details).toMatchObject({ removed: 27, batches: 6, graceSeconds: 7 * 86400 });
    });

    it('a batch size that divides the work exactly counts no empty batch', async () => {
      await sessions(10, 8 * DAY_MS);
      const r = await cleanupSessions(t.db, { graceMs: GRACE, batchSize: 5, now: NOW });
      expect(r).toMatchObject({ removed: 10, batches: 2 });
    });

    it('--dry-run counts and deletes nothing, and writes no audit row', async () => {
      await sessions(12, 9 * DAY_MS);
      const r = await cleanupSessions(t.db, { graceMs: GRACE, batchSize: 5, dryRun: true, now: NOW });
      expect(r).toMatchObject({ ran: true, dryRun: true, removed: 12, batches: 3 });
      expect(await count()).toBe(12);
      expect(await listAudit(t.db, { action: 'sessions_cleanup' })).toHaveLength(0);
    });

    it('with nothing to do it removes nothing and records nothing', async () => {
      await sessions(3, DAY_MS);
      const r = await cleanupSessions(t.db, { graceMs: GRACE, batchSize: 5000, now: NOW });
      expect(r).toMatchObject({ ran: true, removed: 0, batches: 0 });
      expect(await count()).toBe(3);
      expect(await listAudit(t.db, {})).toHaveLength(0);
    });

    it('a second run while one holds the lock does nothing; after release it runs', async () => {
      await sessions(7, 8 * DAY_MS);
      const held = await tryCleanupLock(t.db, 'other-host:1:abc');
      expect(held).not.toBeNull();
      try {
        const r = await cleanupSessions(t.db, { graceMs: GRACE, batchSize: 5, now: NOW });
        expect(r).toMatchObject({ ran: false, removed: 0 });
        expect(await count()).toBe(7);
        expect(await tryCleanupLock(t.db, 'third:1:def')).toBeNull();
      } finally {
        await held!.release();
      }
      const r = await cleanupSessions(t.db, { graceMs: GRACE, batchSize: 5, now: NOW });
      expect(r).toMatchObject({ ran: true, removed: 7 });
    });

    it('a lock left by a crashed run does not block cleanups for ever', async () => {
      await sessions(3, 8 * DAY_MS);
      if (dialect === 'sqlite') {
        // A lease not renewed for more than 10 minutes is taken over.
        const stale = new Date(Date.now() - 11 * 60_000).toISOString();
        await t.db('app_config').insert({ key: 'lock:sessions-cleanup', value: 'crashed-host:1:x', updated_at: stale });
      } else {
        // An advisory lock dies with its connection (here: the server ends the holder's backend).
        const other = await createDb(resolveDbTarget(t.url));
        const lock = await tryCleanupLock(other, 'crashed');
        expect(lock).not.toBeNull();
        expect((await cleanupSessions(t.db, { graceMs: GRACE, batchSize: 5, now: NOW })).ran).toBe(false);
        const killed = await t.db.raw("select pg_terminate_backend(pid) as ok from pg_locks where locktype = 'advisory' and pid <> pg_backend_pid()");
        expect(killed.rows).toEqual([{ ok: true }]);
        await expect(lock!.release()).rejects.toThrow();
        await other.destroy();
      }
      const r = await cleanupSessions(t.db, { graceMs: GRACE, batchSize: 5, now: NOW });
      expect(r).toMatchObject({ ran: true, removed: 3 });
    });

    it('the grace period can be zero: everything already ended goes', async () => {
      await sessions(2, HOUR_MS);
      await sessions(1, -HOUR_MS);
      const r = await cleanupSessions(t.db, { graceMs: 0, batchSize: 100, now: NOW });
      expect(r.removed).toBe(2);
      expect(await count()).toBe(1);
    });
  });
}

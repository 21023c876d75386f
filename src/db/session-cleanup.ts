/**
 * Removing sessions that ended long enough ago (what `fittrack sessions cleanup` runs): in
 * short batches, under a lock that keeps two cleanups apart.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Knex } from 'knex';
import { recordAudit } from './audit-repo.js';
import { countCleanableSessions, deleteCleanableBatch, tryCleanupLock } from './session-repo.js';

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

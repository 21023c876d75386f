/** The cleanup lock is taken over from a holder that died on this host, and only from such a holder. */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { holderIsDead, tryCleanupLock } from '../../src/db/session-repo.js';
import { dialects, useTestDb } from '../helpers/db.js';

/** The id of a process that ran and was killed with SIGKILL (so it no longer exists). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await new Promise((r) => child.once('spawn', r));
  const pid = child.pid!;
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  return pid;
}

describe('holderIsDead', () => {
  it('is true only for a process of this host that no longer exists', async () => {
    const pid = await deadPid();
    expect(holderIsDead(`${os.hostname()}:${pid}:abc123`)).toBe(true);
    expect(holderIsDead(`another-host.example:${pid}:abc123`)).toBe(false);
    expect(holderIsDead(`${os.hostname()}:${process.pid}:abc123`)).toBe(false);
    expect(holderIsDead(`${os.hostname()}:${process.ppid}:abc123`)).toBe(false);
    expect(holderIsDead('garbage')).toBe(false);
  });
});

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);

    it('takes the lock over from a dead holder, never from a live one', async () => {
      const dead = `${os.hostname()}:${await deadPid()}:dead00`;
      const alive = `${os.hostname()}:${process.ppid}:alive0`;
      if (dialect === 'sqlite') {
        const now = new Date().toISOString();
        await t.db('app_config').insert({ key: 'lock:sessions-cleanup', value: alive, updated_at: now });
        expect(await tryCleanupLock(t.db, 'me:1:first')).toBeNull();
        await t.db('app_config').where({ key: 'lock:sessions-cleanup' }).update({ value: dead });
      }
      const lock = await tryCleanupLock(t.db, `${os.hostname()}:${process.pid}:mine00`);
      expect(lock).not.toBeNull();
      expect(await tryCleanupLock(t.db, `${os.hostname()}:${process.pid}:second`)).toBeNull();
      await lock!.release();
    });
  });
}

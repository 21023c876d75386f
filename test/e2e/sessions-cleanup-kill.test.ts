/**
 * A `sessions cleanup` killed with SIGKILL mid-run must not keep later runs out: on SQLite its
 * lease names a process of this host that no longer exists, and the next run takes it over.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';
import { spawnCli } from '../helpers/fault-cli.js';

const SESSIONS = 20_000;

for (const dialect of dialects) {
  describe(`sessions cleanup killed with SIGKILL on ${dialect}`, () => {
    const t = useTestDb(dialect);
    const count = async () => Number(((await t.db('user_sessions').count({ n: '*' }).first()) as { n: unknown }).n);

    it('does not make the next run report "another cleanup is running"', async () => {
      const now = new Date().toISOString();
      const [row] = await t.db('users').insert({ username: 'killed-cleanup', password_hash: 'x'.repeat(60), role: 'admin', created_at: now, updated_at: now }).returning('id');
      const userId = typeof row === 'object' ? (row as { id: number }).id : (row as number);
      const created = new Date(Date.now() - 31 * 86_400_000).toISOString();
      const expired = new Date(Date.now() - 30 * 86_400_000).toISOString();
      const rows = Array.from({ length: SESSIONS }, () => ({ user_id: userId, token_hash: randomBytes(32).toString('hex'), created_at: created, expires_at: expired }));
      for (let i = 0; i < rows.length; i += 500) await t.db('user_sessions').insert(rows.slice(i, i + 500));

      const p = spawnCli(['sessions', 'cleanup', '--batch-size', '1'], { db: t.url, home: t.dir });
      const deadline = Date.now() + 30_000;
      while ((await count()) === SESSIONS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      p.child.kill('SIGKILL');
      const killed = await p.done;
      expect(killed.signal).toBe('SIGKILL');
      const left = await count();
      expect(left).toBeLessThan(SESSIONS);
      expect(left).toBeGreaterThan(0);
      if (dialect === 'sqlite') expect(await t.db('app_config').where({ key: 'lock:sessions-cleanup' }).first()).toBeTruthy();

      const next = await runCli(['sessions', 'cleanup', '--json'], { db: t.url, home: t.dir });
      expect(next.code, next.stderr).toBe(0);
      expect(next.stderr).not.toContain('another sessions cleanup is running');
      expect(JSON.parse(next.stdout)).toMatchObject({ ran: true, removed: left });
      expect(await count()).toBe(0);
      if (dialect === 'sqlite') expect(await t.db('app_config').where({ key: 'lock:sessions-cleanup' }).first()).toBeUndefined();
    });
  });
}

import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tryCleanupLock } from '../../src/db/session-repo.js';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';
import { addUser, asUser, loginAs } from '../helpers/auth-cli.js';

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const run = (args: string[], token: string | null) => runCli(args, asUser(t, token));
    /** A FITTRACK_HOME without a session file: cleanup runs without any login. */
    const noLogin = () => ({ db: t.url, home: mkdtempSync(path.join(os.tmpdir(), 'fittrack-nologin-')) });
    let first = '';
    let second = '';

    it('sessions list marks the current session; revoke ends another one', async () => {
      await addUser(t, 'alice');
      first = await loginAs(t, 'alice');
      second = await loginAs(t, 'alice', { remember: true });
      const list = await run(['sessions', 'list', '--json'], first);
      const sessions = JSON.parse(list.stdout).sessions as Array<{ id: number; current: boolean; rememberMe: boolean; deviceType: string }>;
      expect(sessions).toHaveLength(2);
      expect(sessions.filter((s) => s.current)).toHaveLength(1);
      expect(sessions.every((s) => s.deviceType === 'cli')).toBe(true);
      const other = sessions.find((s) => !s.current)!;
      expect(other.rememberMe).toBe(true);
      expect((await run(['sessions', 'revoke', String(other.id)], first)).code).toBe(0);
      expect((await run(['whoami'], second)).code).toBe(3);
      const missing = await run(['sessions', 'revoke', '99999'], first);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('you have no active session 99999');
    });

    it('sessions cleanup needs no login, deletes in batches and prints one summary line', async () => {
      const [{ id: userId }] = await t.db('users').select('id');
      const old = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
      const rows = Array.from({ length: 12 }, () => ({ user_id: userId, token_hash: randomBytes(32).toString('hex'), created_at: old(11), expires_at: old(10) }));
      await t.db('user_sessions').insert(rows);
      const dry = await runCli(['sessions', 'cleanup', '--batch-size', '5', '--dry-run', '--json'], noLogin());
      expect(dry.code).toBe(0);
      expect(JSON.parse(dry.stdout)).toMatchObject({ ran: true, dryRun: true, removed: 12, batches: 3 });

      const r = await runCli(['sessions', 'cleanup', '--batch-size', '5'], noLogin());
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^removed 12 expired sessions in 3 batches \(\d+\.\d\d s\)\n$/);
      // The revoked session is younger than the grace period: it stays, as do the live one.
      expect(Number((await t.db('user_sessions').count({ n: '*' }).first())!.n)).toBe(2);

      const again = await runCli(['sessions', 'cleanup'], noLogin());
      expect(again).toMatchObject({ code: 0, stdout: '', stderr: 'nothing to clean up: no session expired or was revoked more than 7d ago\n' });

      const zero = await runCli(['sessions', 'cleanup', '--grace', '0s', '--json'], noLogin());
      expect(JSON.parse(zero.stdout)).toMatchObject({ removed: 1, batches: 1 });
      const audit = JSON.parse((await run(['audit', '--action', 'sessions_cleanup', '--json'], first)).stdout);
      expect(audit.entries.map((e: { details: { removed: number } }) => e.details.removed)).toEqual([12, 1]);
    });

    it('a second cleanup while one runs says so and exits 0', async () => {
      const lock = await tryCleanupLock(t.db, 'another-run');
      expect(lock).not.toBeNull();
      try {
        const r = await runCli(['sessions', 'cleanup'], noLogin());
        expect(r).toMatchObject({ code: 0, stderr: 'another sessions cleanup is running on this database: nothing done\n' });
      } finally {
        await lock!.release();
      }
    });

    it('bad options are usage errors', async () => {
      const r = await runCli(['sessions', 'cleanup', '--grace', 'a week'], noLogin());
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('fittrack: error: --grace: "a week" is not a duration\nwrite it like 7d, 12h or 30m\n');
    });
  });
}

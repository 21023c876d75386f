import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';
import { addUser, asUser, loginAs } from '../helpers/auth-cli.js';

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const run = (args: string[], token: string | null) => runCli(args, asUser(t, token));
    const tok: Record<string, string> = {};

    beforeAll(async () => {
      await addUser(t, 'alice');
      tok.alice = await loginAs(t, 'alice');
      await addUser(t, 'coach', { role: 'coach', adminToken: tok.alice });
      await addUser(t, 'carol', { adminToken: tok.alice });
      tok.coach = await loginAs(t, 'coach');
      tok.carol = await loginAs(t, 'carol');
      expect((await run(['log-weight', '70kg'], tok.carol!)).code).toBe(0);
    });

    it('a coach reads a client only after the client shares, and never writes with --user', async () => {
      const before = await run(['log-weight', '--list', '--json', '--user', 'carol'], tok.coach!);
      expect(before.code).toBe(3);
      expect(before.stderr).toBe('fittrack: error: --user carol: that user has not shared their data with you\nask them to run: fittrack share grant coach\n');
      expect((await run(['log-weight', '--list', '--user', 'nobody'], tok.coach!)).stderr).toContain('--user nobody: that user has not shared their data with you');

      // Account commands never act for another user.
      const as = await run(['share', 'grant', 'alice', '--user', 'carol'], tok.coach!);
      expect(as.code).toBe(3);
      expect(as.stderr).toContain('--user carol: this command acts on your own account only');

      const grant = await run(['share', 'grant', 'coach'], tok.carol!);
      expect(grant).toMatchObject({ code: 0 });
      const list = await run(['share', 'list', '--json'], tok.coach!);
      expect(JSON.parse(list.stdout)).toMatchObject({ sharedWith: [], sharedWithMe: [{ username: 'carol' }] });

      const read = await run(['log-weight', '--list', '--json', '--user', 'carol'], tok.coach!);
      expect(read.code).toBe(0);
      expect(JSON.parse(read.stdout).map((r: { weight_kg: number }) => r.weight_kg)).toEqual([70]);

      const write = await run(['log-weight', '75kg', '--user', 'carol'], tok.coach!);
      expect(write.code).toBe(3);
      expect(write.stderr).toContain('--user carol: this command only changes your own data');

      // Sharing goes one way: carol cannot read the coach.
      expect((await run(['log-weight', '--list', '--user', 'coach'], tok.carol!)).code).toBe(3);

      expect((await run(['share', 'revoke', 'coach'], tok.carol!)).code).toBe(0);
      expect((await run(['log-weight', '--list', '--user', 'carol'], tok.coach!)).code).toBe(3);
      expect((await run(['share', 'revoke', 'coach'], tok.carol!)).code).toBe(1);
    });

    it('the audit log is for admins: it shows share grants and revocations', async () => {
      const denied = await run(['audit'], tok.coach!);
      expect(denied.code).toBe(3);
      expect(denied.stderr).toContain('only admins can read the audit log');
      const r = await run(['audit', '--user', 'carol', '--since', 'today', '--json'], tok.alice!);
      const actions = JSON.parse(r.stdout).entries.map((e: { action: string }) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['user_add', 'login_success', 'share_grant', 'share_revoke']));
      const text = await run(['audit', '--action', 'share_grant'], tok.alice!);
      // A table: header, rule, one row; details as text, not raw JSON; no tabs.
      const lines = text.stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatch(/^Time\s+User\s+Action\s+Entity\s+Details$/);
      expect(lines[2]).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d\d:\d\d\s+carol\s+share_grant\s+user#\d+\s+owner: carol, grantee: coach$/);
      expect(text.stdout).not.toContain('\t');
      expect(text.stdout).not.toContain('{');
    });

    it('a coach adds a coaching note to a client who shares, recorded as its author', async () => {
      const refused = await run(['coach-note', 'add', '--title', 'Week 1', '--user', 'carol', 'Squat depth'], tok.coach!);
      expect(refused.code).toBe(3);
      expect((await run(['share', 'grant', 'coach'], tok.carol!)).code).toBe(0);
      const added = await run(['coach-note', 'add', '--title', 'Week 1', '--action', 'Sleep by 22:30', '--user', 'carol', 'Squat depth improved.'], tok.coach!);
      expect(added.code, added.stderr).toBe(0);
      const row = await t.db('coaching_sessions').where('title', 'Week 1').first();
      const ids = Object.fromEntries((await t.db('users').select('id', 'username')).map((u: { id: number; username: string }) => [u.username, u.id]));
      expect(row).toMatchObject({ user_id: ids.carol, coach_id: ids.coach, coach_name: 'coach' });
      const seen = await run(['coach-note', 'list', '--json'], tok.carol!);
      expect(JSON.parse(seen.stdout)).toEqual([expect.objectContaining({ title: 'Week 1' })]);
      // A coach without a share still cannot, and a client's own note has no coach id.
      expect((await run(['share', 'revoke', 'coach'], tok.carol!)).code).toBe(0);
      expect((await run(['coach-note', 'add', '--title', 'Week 2', '--user', 'carol'], tok.coach!)).code).toBe(3);
      expect((await run(['coach-note', 'add', '--title', 'Own'], tok.carol!)).code).toBe(0);
      expect(await t.db('coaching_sessions').where('title', 'Own').first()).toMatchObject({ coach_id: null });
    });
  });
}

/**
 * Tables show timestamps in local time ("Wed 2 Dec 14:05"); --json keeps ISO. `share list`
 * and `audit` are tables, not tab-separated dumps.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';
import { addUser, asUser, loginAs, passwordOf } from '../helpers/auth-cli.js';
import { plain, spawnCliPty } from '../helpers/pty.js';

/** Kolkata is UTC+05:30 all year: a zone where local time differs from UTC by a fraction of an hour. */
const TZ = 'Asia/Kolkata';
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** The expected table text of an ISO timestamp in Kolkata (this year's dates carry no year). */
function kolkata(iso: string): string {
  const d = new Date(Date.parse(iso) + 330 * 60_000);
  const year = d.getUTCFullYear() === new Date(Date.now() + 330 * 60_000).getUTCFullYear() ? '' : ` ${d.getUTCFullYear()}`;
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}${year} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const run = (args: string[], token: string | undefined) => runCli(args, asUser(t, token ?? null, { env: { TZ } }));
    const tok: Record<string, string> = {};

    beforeAll(async () => {
      await addUser(t, 'alice');
      tok.alice = await loginAs(t, 'alice');
      await addUser(t, 'coach', { role: 'coach', adminToken: tok.alice });
      tok.coach = await loginAs(t, 'coach');
      expect((await run(['share', 'grant', 'coach'], tok.alice)).code).toBe(0);
    });

    it('sessions list: created, last activity and expiry in local time; ISO in JSON', async () => {
      const json = JSON.parse((await run(['sessions', 'list', '--json'], tok.alice)).stdout) as { sessions: Array<{ createdAt: string; expiresAt: string }> };
      expect(json.sessions[0]!.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      const r = await run(['sessions', 'list'], tok.alice);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(kolkata(json.sessions[0]!.expiresAt));
      expect(r.stdout).toContain(kolkata(json.sessions[0]!.createdAt));
      expect(r.stdout).not.toMatch(/\d{4}-\d\d-\d\dT/);
    });

    it('share list: a table with the date in local time, for both sides', async () => {
      const json = JSON.parse((await run(['share', 'list', '--json'], tok.alice)).stdout) as { sharedWith: Array<{ username: string; since: string }> };
      expect(json.sharedWith[0]!.since).toMatch(/^\d{4}-\d\d-\d\dT/);
      const mine = await run(['share', 'list'], tok.alice);
      expect(mine.code).toBe(0);
      const lines = mine.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^Shared\s+Since\s+Read with$/);
      expect(lines[2]).toMatch(new RegExp(`^you → coach\\s+${kolkata(json.sharedWith[0]!.since)}(\\s+—)?$`));
      const theirs = await run(['share', 'list'], tok.coach);
      expect(theirs.stdout).toMatch(new RegExp(`alice → you\\s+${kolkata(json.sharedWith[0]!.since)}\\s+--user alice`));
      expect(mine.stdout + theirs.stdout).not.toContain('\t');
    });

    it('audit: a table in local time, details as text', async () => {
      const json = JSON.parse((await run(['audit', '--action', 'share_grant', '--json'], tok.alice)).stdout) as { entries: Array<{ createdAt: string; details: unknown }> };
      expect(json.entries[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(json.entries[0]!.details).toEqual({ owner: 'alice', grantee: 'coach' });
      const r = await run(['audit', '--action', 'share_grant'], tok.alice);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`${kolkata(json.entries[0]!.createdAt)}\\s+alice\\s+share_grant\\s+user#\\d+\\s+owner: alice, grantee: coach`));
    });

    it('login, whoami and user show give times in local time; --json keeps ISO', async () => {
      const login = await runCli(['login', 'alice', '--print-token', '--password-stdin'], asUser(t, null, { env: { TZ }, input: `${passwordOf('alice')}\n` }));
      expect(login.code).toBe(0);
      const token = login.stdout.trim();
      const who = JSON.parse((await run(['whoami', '--json'], token)).stdout) as { sessionExpiresAt: string };
      expect(who.sessionExpiresAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(login.stderr).toContain(`logged in as alice until ${kolkata(who.sessionExpiresAt)}; use the token above`);
      expect((await run(['whoami'], token)).stdout).toMatch(new RegExp(`^alice \\(admin\\) — session \\d+ until ${kolkata(who.sessionExpiresAt)}$`, 'm'));
      const user = JSON.parse((await run(['user', 'show', '--json'], token)).stdout) as { createdAt: string; lastLoginAt: string };
      const shown = (await run(['user', 'show'], token)).stdout;
      expect(shown).toContain(`Created:      ${kolkata(user.createdAt)}`);
      expect(shown).toContain(`Last login:   ${kolkata(user.lastLoginAt)}`);
      expect((await run(['user', 'list'], token)).stdout).toContain(kolkata(user.lastLoginAt));
    });

    for (const cols of [80, 120]) {
      it(`sessions list, share list and audit fit a terminal ${cols} columns wide`, async () => {
        const tooLong: string[] = [];
        for (const args of [['sessions', 'list', '--all'], ['share', 'list'], ['audit']]) {
          const p = spawnCliPty(args, { db: t.url, home: t.dir, cols, env: { TZ, FITTRACK_TOKEN: tok.alice! } });
          const code = await p.exit;
          const lines = plain(p.output()).split('\n');
          expect(code, `${args.join(' ')}\n${lines.join('\n')}`).toBe(0);
          for (const line of lines) if ([...line].length > cols) tooLong.push(`${args.join(' ')}: ${[...line].length} > ${cols}: ${line}`);
        }
        expect(tooLong).toEqual([]);
      });
    }
  });
}

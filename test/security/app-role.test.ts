/**
 * Attacks on a shared PostgreSQL database by someone holding the application role's credentials
 * (and, for some, an ordinary user's login token), with row-level security enabled as README
 * says to. The database must refuse on its own: raw SQL, not the CLI. The CLI itself, connected
 * as that role, still works end to end. On SQLite (one file, no roles) the same CLI flow runs
 * unchanged.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';
import { passwordOf } from '../helpers/auth-cli.js';

/** Runs one statement; resolves to the rows or to the PostgreSQL error code. */
async function attempt(c: pg.Client, sql: string, params: unknown[] = []): Promise<{ rows?: Record<string, unknown>[]; code?: string; rowCount?: number | null }> {
  try {
    const r = await c.query(sql, params);
    return { rows: r.rows, rowCount: r.rowCount };
  } catch (err) {
    return { code: (err as { code?: string }).code ?? 'unknown' };
  }
}

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const role = `ft_app_${randomBytes(4).toString('hex')}`;
    let appUrl = '';
    const clients: pg.Client[] = [];
    const tok: Record<string, string> = {};
    const ids: Record<string, number> = {};

    const cli = (args: string[], token: string | null, input?: string): Promise<CliResult> =>
      runCli(args, { db: appUrl, home: t.dir, input, env: token ? { FITTRACK_TOKEN: token } : {} });
    const ok = async (args: string[], token: string | null, input?: string): Promise<CliResult> => {
      const r = await cli(args, token, input);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      return r;
    };
    const login = async (username: string): Promise<string> => (await ok(['login', username, '--password-stdin', '--print-token'], null, `${passwordOf(username)}\n`)).stdout.trim();
    /** A raw connection as the app role, carrying `token` (when given) as its login. */
    const connect = async (token?: string): Promise<pg.Client> => {
      const c = new pg.Client({ connectionString: appUrl });
      await c.connect();
      clients.push(c);
      if (token) await c.query("select set_config('fittrack.session_token', $1, false)", [token]);
      return c;
    };

    beforeAll(async () => {
      if (dialect === 'sqlite') {
        appUrl = t.url;
      } else {
        await t.db.raw(`CREATE ROLE ${role} LOGIN PASSWORD 'app-pass-123'`);
        const rls = await runCli(['db', 'enable-rls', '--app-role', role], { db: t.url, home: t.dir });
        expect(rls.code, rls.stderr).toBe(0);
        const u = new URL(t.url);
        u.username = role;
        u.password = 'app-pass-123';
        appUrl = u.toString();
      }
      // Everything from here runs as the app role: the first admin, more users, logins.
      await ok(['user', 'add', 'alice', '--password-stdin'], null, `${passwordOf('alice')}\n`);
      tok.alice = await login('alice');
      await ok(['user', 'add', 'bob', '--password-stdin'], tok.alice, `${passwordOf('bob')}\n`);
      await ok(['user', 'add', 'coach', '--role', 'coach', '--password-stdin'], tok.alice, `${passwordOf('coach')}\n`);
      tok.bob = await login('bob');
      tok.coach = await login('coach');
      for (const u of await t.db('users').select('id', 'username')) ids[u.username] = u.id;
      await ok(['log-weight', '70kg', '--date', '2026-01-02'], tok.alice);
      await ok(['log-weight', '90kg', '--date', '2026-01-02'], tok.bob);
      await ok(['log-workout', '--date', '2026-01-02', 'Legs', 'Squat 3x5@100kg'], tok.alice);
      await ok(['log-workout', '--date', '2026-01-03', 'Push', 'Bench 60x8, 70x6, 80x4@rpe9'], tok.alice);
      await ok(['share', 'grant', 'coach'], tok.alice);
      await ok(['coach-note', 'add', '--title', 'Week 1', '--action', 'Sleep more', '--user', 'alice', 'Good depth.'], tok.coach);
    });

    afterAll(async () => {
      for (const c of clients) await c.end().catch(() => {});
      if (dialect === 'postgres') {
        await t.db.raw(`DROP OWNED BY ${role}`).catch(() => {});
        await t.db.raw(`DROP ROLE IF EXISTS ${role}`).catch(() => {});
      }
    });

    it('the CLI works end to end: log, share, a coach reads, report, logout, cleanup', async () => {
      const read = await ok(['log-weight', '--list', '--json', '--user', 'alice'], tok.coach!);
      expect(JSON.parse(read.stdout).map((r: { weight_kg: number }) => Number(r.weight_kg))).toEqual([70]);
      await ok(['report', 'weight', '--json'], tok.bob!);
      const exported = JSON.parse((await ok(['export', '--format', 'json'], tok.alice!)).stdout);
      expect(exported.user).toMatchObject({ username: 'alice', role: 'admin' });
      await ok(['config', 'set', 'units', 'imperial'], tok.bob!);
      const notes = await ok(['coach-note', 'list', '--json'], tok.alice!);
      expect(JSON.parse(notes.stdout)).toEqual([expect.objectContaining({ title: 'Week 1' })]);
      const who = JSON.parse((await ok(['whoami', '--json'], tok.bob!)).stdout);
      expect(who).toMatchObject({ username: 'bob', role: 'user', mode: 'multi-user' });
      const sessions = JSON.parse((await ok(['sessions', 'list', '--json'], tok.bob!)).stdout);
      expect(sessions.sessions).toHaveLength(1);
      const audit = JSON.parse((await ok(['audit', '--action', 'share_grant', '--json'], tok.alice!)).stdout);
      expect(audit.entries).toEqual([expect.objectContaining({ username: 'alice', action: 'share_grant' })]);
      expect((await cli(['audit'], tok.bob!)).code).toBe(3);

      const extra = await login('bob');
      await ok(['logout'], extra);
      expect((await cli(['whoami'], extra)).code).toBe(3);
      expect((await cli(['whoami'], tok.bob!)).code).toBe(0);
      const cleanup = JSON.parse((await ok(['sessions', 'cleanup', '--grace', '0s', '--json'], null)).stdout);
      expect(cleanup).toMatchObject({ ran: true, removed: 1 });
      // Live sessions survive the cleanup.
      expect((await cli(['whoami'], tok.bob!)).code).toBe(0);
    });

    it('sets logged one by one are read back by their owner and by whom they share with, and by no one else', async () => {
      const show = (token: string, user?: string) => ok(['log-workout', '--list', '--json', ...(user ? ['--user', user] : [])], token);
      const pyramid = (out: string) => (JSON.parse(out) as Array<{ exercises: Array<{ exercise_name: string; per_set: Array<{ weight_kg: number; reps: number; rpe: number | null }> }> }>).flatMap((w) => w.exercises).find((e) => e.exercise_name === 'Bench')?.per_set;
      expect(pyramid((await show(tok.alice!)).stdout)).toEqual([expect.objectContaining({ weight_kg: 60, reps: 8, rpe: null }), expect.objectContaining({ weight_kg: 70, reps: 6 }), expect.objectContaining({ weight_kg: 80, reps: 4, rpe: 9 })]);
      expect(pyramid((await show(tok.coach!, 'alice')).stdout)).toHaveLength(3);
      expect(pyramid((await show(tok.bob!)).stdout)).toBeUndefined();
    });

    it('user edit --role: admins only, audited, and the last admin keeps the role', async () => {
      const denied = await cli(['user', 'edit', 'bob', '--role', 'admin'], tok.bob!);
      expect(denied.code).toBe(3);
      expect(denied.stderr).toContain('fittrack: error: only admins can change roles');
      const self = await cli(['user', 'edit', '--role', 'admin'], tok.bob!);
      expect(self.code).toBe(3);
      const last = await cli(['user', 'edit', 'alice', '--role', 'user'], tok.alice!);
      expect(last.code).toBe(2);
      expect(last.stderr).toContain('alice is the only admin');
      const made = await ok(['user', 'edit', 'coach', '--role', 'admin'], tok.alice!);
      expect(made.stderr).toContain('coach is now an admin (was coach)');
      expect(JSON.parse((await ok(['user', 'show', '--json'], tok.coach!)).stdout).role).toBe('admin');
      await ok(['user', 'edit', 'coach', '--role', 'coach'], tok.alice!);
      const audit = JSON.parse((await ok(['audit', '--action', 'user_role', '--json'], tok.alice!)).stdout);
      expect(audit.entries.map((e: { details: unknown }) => e.details)).toEqual([
        { username: 'coach', from: 'coach', to: 'admin' },
        { username: 'coach', from: 'admin', to: 'coach' },
      ]);
    });

    it('account commands work as the app role: passwd, sessions revoke, lock, unlock, remove', async () => {
      await ok(['user', 'add', 'erin', '--password-stdin'], tok.alice!, `${passwordOf('erin')}\n`);
      const erin = await login('erin');
      const other = await login('erin');
      const wrong = await cli(['user', 'passwd', '--password-stdin'], erin, 'not the password\nerin-new-password-1\n');
      expect(wrong.code).toBe(3);
      expect(wrong.stderr).toContain('the current password is wrong');
      await ok(['user', 'passwd', '--password-stdin'], erin, `${passwordOf('erin')}\nerin-new-password-1\n`);
      expect((await cli(['whoami'], other)).code).toBe(3);
      expect((await cli(['login', 'erin', '--password-stdin'], null, 'erin-new-password-1\n')).code).toBe(0);
      const third = (await ok(['login', 'erin', '--password-stdin', '--print-token'], null, 'erin-new-password-1\n')).stdout.trim();
      await ok(['sessions', 'revoke', '--all'], erin);
      expect((await cli(['whoami'], third)).code).toBe(3);
      await ok(['user', 'lock', 'erin'], tok.alice!);
      expect((await cli(['whoami'], erin)).code).toBe(3);
      expect((await cli(['user', 'lock', 'alice'], tok.bob!)).code).toBe(3);
      await ok(['user', 'unlock', 'erin'], tok.alice!);
      await ok(['user', 'remove', 'erin', '--yes'], tok.alice!);
      expect(await t.db('users').where({ username: 'erin' }).first()).toBeUndefined();
      const audit = JSON.parse((await ok(['audit', '--action', 'user_remove', '--json'], tok.alice!)).stdout);
      expect(audit.entries).toEqual([expect.objectContaining({ username: 'alice', action: 'user_remove' })]);
    });

    if (dialect === 'sqlite') return;

    it('a forged fittrack.user_id or session token shows no one’s rows', async () => {
      const c = await connect();
      expect((await attempt(c, 'select weight_kg from health_metrics')).rows).toEqual([]);
      await c.query(`SET fittrack.user_id = '${ids.bob}'`);
      expect((await attempt(c, 'select weight_kg from health_metrics')).rows).toEqual([]);
      await c.query("SET fittrack.session_token = 'forged-token-forged-token-forged-token-xxx'");
      expect((await attempt(c, 'select weight_kg from health_metrics')).rows).toEqual([]);
      expect((await attempt(c, 'select fittrack_current_user_id() as id')).rows).toEqual([{ id: null }]);
      // A real token is a user's own, and only theirs.
      const asBob = await connect(tok.bob);
      expect((await attempt(asBob, 'select weight_kg from health_metrics')).rows!.map((r) => Number(r.weight_kg))).toEqual([90]);
      await asBob.query(`SET fittrack.user_id = '${ids.alice}'`);
      expect((await attempt(asBob, 'select weight_kg from health_metrics')).rows!.map((r) => Number(r.weight_kg))).toEqual([90]);
    });

    it('accounts, sessions, shares and the audit log cannot be read or written directly', async () => {
      for (const token of [undefined, tok.bob, tok.alice]) {
        const c = await connect(token);
        expect(await attempt(c, 'select password_hash from users')).toEqual({ code: '42501' });
        expect(await attempt(c, 'select token_hash from user_sessions')).toEqual({ code: '42501' });
        expect(await attempt(c, 'select * from data_shares')).toEqual({ code: '42501' });
        expect(await attempt(c, 'select * from audit_log')).toEqual({ code: '42501' });
        const now = new Date().toISOString();
        const later = new Date(Date.now() + 3_600_000).toISOString();
        expect(await attempt(c, 'insert into user_sessions (user_id, token_hash, created_at, expires_at) values ($1, $2, $3, $4)', [ids.alice, 'a'.repeat(64), now, later])).toEqual({ code: '42501' });
        expect(await attempt(c, "update users set role = 'admin'")).toEqual({ code: '42501' });
        expect(await attempt(c, 'delete from audit_log')).toEqual({ code: '42501' });
        expect(await attempt(c, 'truncate audit_log')).toEqual({ code: '42501' });
        expect(await attempt(c, 'insert into data_shares (owner_id, grantee_id) values ($1, $2)', [ids.alice, ids.bob])).toEqual({ code: '42501' });
        // The owner's views are read-only (not granted, or not updatable at all) and show no hash.
        const refused = { code: expect.stringMatching(/^(42501|55000)$/) };
        expect(await attempt(c, "update fittrack_user_directory set role = 'admin'")).toEqual(refused);
        expect(await attempt(c, 'delete from fittrack_audit_entries')).toEqual(refused);
        expect(await attempt(c, "update fittrack_my_sessions set expires_at = now() + interval '1 year'")).toEqual(refused);
        const hashes = (await attempt(c, 'select password_hash from fittrack_user_directory')).rows!.map((r) => r.password_hash);
        expect(new Set(hashes)).toEqual(new Set(['(hidden)']));
      }
      expect(await t.db('users').where({ username: 'bob' }).first('role')).toEqual({ role: 'user' });
    });

    it("the owner's functions check who calls them", async () => {
      const anon = await connect();
      const asBob = await connect(tok.bob);
      expect((await attempt(anon, "select fittrack_user_update($1, '{\"role\":\"admin\"}')", [ids.bob])).code).toBe('42501');
      expect((await attempt(asBob, "select fittrack_user_update($1, '{\"role\":\"admin\"}')", [ids.bob])).code).toBe('42501');
      expect((await attempt(asBob, "select fittrack_user_update($1, '{\"display_name\":\"x\"}')", [ids.alice])).code).toBe('42501');
      expect((await attempt(asBob, "select fittrack_user_update($1, '{\"password_hash\":\"x\"}')", [ids.bob])).code).toBe('42501');
      expect((await attempt(asBob, "select fittrack_user_add('eve', null, 'admin', $1, null, null, 'eve')", ['$2b$04$'.padEnd(60, 'x')])).code).toBe('42501');
      expect((await attempt(asBob, "select fittrack_user_claim_local('eve', null, 'x', null, null, 'user_add', '{}', 'eve')")).code).toBe('42501');
      expect((await attempt(asBob, 'select fittrack_user_set_active($1, false)', [ids.alice])).code).toBe('42501');
      expect((await attempt(asBob, 'select fittrack_user_remove($1)', [ids.alice])).code).toBe('42501');
      expect((await attempt(asBob, "select fittrack_user_set_password($1, null, 'x')", [ids.alice])).code).toBe('42501');
      expect((await attempt(asBob, "select fittrack_user_set_password($1, 'not my password', $2) as n", [ids.bob, '$2b$04$'.padEnd(60, 'x')])).rows).toEqual([{ n: -1 }]);
      // Shares are granted by their owner only: without a login nothing, with bob's login only bob's data.
      expect((await attempt(anon, 'select fittrack_share_grant($1)', [ids.bob])).code).toBe('42501');
      await attempt(asBob, 'select fittrack_share_grant($1)', [ids.coach]);
      expect(await t.db('data_shares').where({ grantee_id: ids.coach }).orderBy('owner_id').pluck('owner_id')).toEqual([ids.alice, ids.bob].sort((a, b) => a! - b!));
      await attempt(asBob, 'select fittrack_share_revoke($1)', [ids.coach]);
      // Audit rows are written as the caller, never as someone else, and not without a login.
      expect((await attempt(anon, "select fittrack_audit('user_remove', 'user', '1', null)")).code).toBe('42501');
      await attempt(asBob, "select fittrack_audit('forged', null, null, null)");
      expect(await t.db('audit_log').where({ action: 'forged' }).pluck('user_id')).toEqual([ids.bob]);
      // The cleanup only ever removes sessions that were already dead.
      await attempt(anon, "select fittrack_sessions_cleanup(now() + interval '10 years', 100000)");
      expect((await cli(['whoami'], tok.alice!)).code).toBe(0);
      // Bob sees only his own sessions and cannot end alice's.
      const aliceSession = await t.db('user_sessions').where({ user_id: ids.alice }).whereNull('revoked_at').first('id');
      expect((await attempt(asBob, 'select fittrack_sessions_revoke($1, $2) as n', [aliceSession.id, 'x'])).rows).toEqual([{ n: 0 }]);
      expect((await attempt(asBob, 'select distinct user_id from fittrack_my_sessions')).rows).toEqual([{ user_id: ids.bob }]);
      // Other users' e-mail and login state are for admins and themselves.
      const dir = (await attempt(asBob, 'select username, last_login_at from fittrack_user_directory order by username')).rows!;
      expect(dir.find((r) => r.username === 'alice')!.last_login_at).toBeNull();
      expect(dir.find((r) => r.username === 'bob')!.last_login_at).not.toBeNull();
    });

    it('a read-only share lets the grantee read, never change, the owner’s workouts and action items', async () => {
      const asCoach = await connect(tok.coach);
      expect((await attempt(asCoach, 'select exercise_name from exercise_logs')).rows!.length).toBeGreaterThan(0);
      expect((await attempt(asCoach, 'select text from coaching_action_items')).rows).toEqual([{ text: 'Sleep more' }]);
      expect((await attempt(asCoach, 'update exercise_logs set notes = $1', ['changed by coach'])).rowCount).toBe(0);
      expect((await attempt(asCoach, 'delete from exercise_logs')).rowCount).toBe(0);
      const session = await t.db('workout_sessions').where({ user_id: ids.alice }).first('id');
      expect((await attempt(asCoach, "insert into exercise_logs (session_id, exercise_name, order_index) values ($1, 'Planted', 9)", [session.id])).code).toBe('42501');
      expect((await attempt(asCoach, 'update coaching_action_items set done = true')).rowCount).toBe(0);
      expect((await attempt(asCoach, 'delete from coaching_action_items')).rowCount).toBe(0);
      expect((await attempt(asCoach, 'update coaching_sessions set notes = $1', ['rewritten'])).rowCount).toBe(0);
      expect((await attempt(asCoach, 'delete from coaching_sessions')).rowCount).toBe(0);
      expect((await attempt(asCoach, 'update workout_sessions set notes = $1', ['x'])).rowCount).toBe(0);
      expect(await t.db('exercise_logs').where({ notes: 'changed by coach' }).first()).toBeUndefined();
      expect(await t.db('coaching_action_items').pluck('done')).toEqual([false]);
      // The owner still writes their own.
      const asAlice = await connect(tok.alice);
      expect((await attempt(asAlice, 'update exercise_logs set notes = $1', ['mine'])).rowCount).toBeGreaterThan(0);
    });

    it('the sets of an exercise are guarded through its session: another user neither reads nor writes them, a grantee only reads', async () => {
      const aliceLog = await t.db('exercise_logs as l').join('workout_sessions as s', 's.id', 'l.session_id').where({ 's.user_id': ids.alice, 'l.exercise_name': 'Bench' }).first('l.id');
      const stored = async () => (await t.db('exercise_sets').where({ exercise_log_id: aliceLog.id }).orderBy('set_index').select('set_index', 'reps', 'weight_kg')).map((r) => [r.set_index, r.reps, Number(r.weight_kg)]);
      const before = await stored();
      expect(before).toEqual([[1, 8, 60], [2, 6, 70], [3, 4, 80]]);
      for (const token of [undefined, tok.bob]) {
        const c = await connect(token);
        expect((await attempt(c, 'select * from exercise_sets')).rows).toEqual([]);
        expect((await attempt(c, 'update exercise_sets set reps = 99')).rowCount).toBe(0);
        expect((await attempt(c, 'delete from exercise_sets')).rowCount).toBe(0);
        expect((await attempt(c, 'insert into exercise_sets (exercise_log_id, set_index, reps, weight_kg) values ($1, 4, 1, 200)', [aliceLog.id])).code).toBe('42501');
      }
      const asCoach = await connect(tok.coach);
      expect((await attempt(asCoach, 'select reps from exercise_sets order by set_index')).rows).toEqual([{ reps: 8 }, { reps: 6 }, { reps: 4 }]);
      expect((await attempt(asCoach, 'update exercise_sets set reps = 99')).rowCount).toBe(0);
      expect((await attempt(asCoach, 'delete from exercise_sets')).rowCount).toBe(0);
      expect((await attempt(asCoach, 'insert into exercise_sets (exercise_log_id, set_index, reps, weight_kg) values ($1, 4, 1, 200)', [aliceLog.id])).code).toBe('42501');
      expect(await stored()).toEqual(before);
      // The owner still writes their own.
      const asAlice = await connect(tok.alice);
      expect((await attempt(asAlice, 'update exercise_sets set rpe = 8 where set_index = 2')).rowCount).toBe(1);
    });

    it('guessing through fittrack_login: 15 wrong passwords at once lock the account', async () => {
      await ok(['user', 'add', 'dave', '--password-stdin'], tok.alice!, `${passwordOf('dave')}\n`);
      const conns = await Promise.all(Array.from({ length: 15 }, () => connect()));
      const results = await Promise.all(conns.map((c) => attempt(c, "select ok from fittrack_login('dave', 'wrong password 1', $1, false, 'attack', 'h')", [randomBytes(32).toString('hex')])));
      expect(results.map((r) => r.rows?.[0]?.ok)).toEqual(Array(15).fill(false));
      const right = await cli(['login', 'dave', '--password-stdin'], null, `${passwordOf('dave')}\n`);
      expect(right.code).toBe(3);
      expect(right.stderr).toContain('login failed: wrong username or password');
      expect((await t.db('users').where({ username: 'dave' }).first('locked_until')).locked_until).not.toBeNull();
    });
  });
}

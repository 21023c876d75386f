/**
 * Restoring a full account, folded usernames and the exercise library, with the CLI connected
 * as the application role under row-level security (as app-role.test.ts sets it up), and raw
 * SQL attacks on the library by someone holding that role's credentials and a user's token.
 * On SQLite (no roles) the CLI flows run unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { createTestDb, dialects, useTestDb } from '../helpers/db.js';
import { passwordOf } from '../helpers/auth-cli.js';
import { foldName } from '../../src/domain/names.js';

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
    const login = async (username: string, as = username): Promise<string> => (await ok(['login', as, '--password-stdin', '--print-token'], null, `${passwordOf(username)}\n`)).stdout.trim();
    const connect = async (token?: string): Promise<pg.Client> => {
      const c = new pg.Client({ connectionString: appUrl });
      await c.connect();
      clients.push(c);
      if (token) await c.query("select set_config('fittrack.session_token', $1, false)", [token]);
      return c;
    };
    const exportOf = async (token: string): Promise<Record<string, unknown[]> & { user: Record<string, unknown> }> => JSON.parse((await ok(['export', '--format', 'json'], token)).stdout);

    beforeAll(async () => {
      if (dialect === 'sqlite') appUrl = t.url;
      else {
        await t.db.raw(`CREATE ROLE ${role} LOGIN PASSWORD 'app-pass-123'`);
        const rls = await runCli(['db', 'enable-rls', '--app-role', role], { db: t.url, home: t.dir });
        expect(rls.code, rls.stderr).toBe(0);
        const u = new URL(t.url);
        u.username = role;
        u.password = 'app-pass-123';
        appUrl = u.toString();
      }
      await ok(['user', 'add', 'alice', '--password-stdin'], null, `${passwordOf('alice')}\n`);
      tok.alice = await login('alice');
      for (const name of ['bob', 'coach', 'dana', 'Eve']) await ok(['user', 'add', name, '--password-stdin'], tok.alice!, `${passwordOf(name)}\n`);
      for (const name of ['bob', 'coach', 'dana']) tok[name] = await login(name);
      for (const u of await t.db('users').select('id', 'username')) ids[u.username] = u.id;
      await ok(['user', 'edit', '--display-name', 'Alice A.', '--height', '170cm'], tok.alice!);
      await ok(['log-weight', '70kg', '--date', '2026-01-02'], tok.alice!);
      await ok(['log-workout', '--date', '2026-01-02', 'Legs', 'Squat 3x5@100kg', 'Alice Zercher 3x8@60kg'], tok.alice!);
      await ok(['share', 'grant', 'coach'], tok.alice!);
      await ok(['log-weight', '90kg', '--date', '2026-01-02'], tok.bob!);
    });

    afterAll(async () => {
      for (const c of clients) await c.end().catch(() => {});
      if (dialect === 'postgres') {
        await t.db.raw(`DROP OWNED BY ${role}`).catch(() => {});
        await t.db.raw(`DROP ROLE IF EXISTS ${role}`).catch(() => {});
      }
    });

    it('import-json as the app role: an export restores into another, fresh account, whole, once, and audited', async () => {
      const file = path.join(t.dir, 'alice.json');
      fs.writeFileSync(file, (await ok(['export', '--format', 'json'], tok.alice!)).stdout);
      const aliceBefore = await exportOf(tok.alice!);

      const r = await ok(['import-json', file, '--json'], tok.dana!);
      const summary = JSON.parse(r.stdout);
      expect(summary).toMatchObject({ user: 'dana', dry_run: false, created: { health_metrics: 1, workout_sessions: 1, shares: 1 } });
      expect(summary.profile_updated).toEqual(expect.arrayContaining(['display_name', 'height_cm']));
      expect(r.stderr).toContain('the file holds the data of "alice"');

      const dana = await exportOf(tok.dana!);
      for (const section of ['health_metrics', 'workout_sessions', 'shares'] as const) expect(dana[section], section).toEqual(aliceBefore[section]);
      expect((dana.exercise_definitions as Array<{ name: string }>).map((d) => d.name)).toEqual((aliceBefore.exercise_definitions as Array<{ name: string }>).map((d) => d.name));
      expect(dana.user).toMatchObject({ username: 'dana', display_name: 'Alice A.', height_cm: 170 });
      // The coach now reads dana's data too: the share was restored as dana's own.
      expect(JSON.parse((await ok(['log-weight', '--list', '--json', '--user', 'dana'], tok.coach!)).stdout).map((w: { weight_kg: number }) => Number(w.weight_kg))).toEqual([70]);

      const again = JSON.parse((await ok(['import-json', file, '--json'], tok.dana!)).stdout);
      expect(Object.values(again.created).every((n) => n === 0)).toBe(true);
      const audit = JSON.parse((await ok(['audit', '--action', 'import_json', '--json'], tok.alice!)).stdout);
      expect(audit.entries.map((e: { username: string }) => e.username)).toEqual(['dana', 'dana']);
    });

    it('import-json into an empty database as the app role: the document\'s account becomes the local profile', async () => {
      const empty = await createTestDb(dialect);
      try {
        let url = empty.url;
        if (dialect === 'postgres') {
          expect((await runCli(['db', 'enable-rls', '--app-role', role], { db: empty.url, home: empty.dir })).code).toBe(0);
          const u = new URL(empty.url);
          u.username = role;
          u.password = 'app-pass-123';
          url = u.toString();
        }
        const r = await runCli(['import-json', path.join(t.dir, 'alice.json'), '--json'], { db: url, home: empty.dir });
        expect(r.code, r.stderr).toBe(0);
        expect(JSON.parse(r.stdout)).toMatchObject({ user: 'alice', created: { health_metrics: 1, workout_sessions: 1 } });
        expect(await empty.db('users').select('username', 'username_folded', 'display_name', 'password_hash')).toEqual([{ username: 'alice', username_folded: 'alice', display_name: 'Alice A.', password_hash: null }]);
      } finally {
        await empty.drop();
      }
    });

    it("import-json never writes another user's account", async () => {
      const before = await exportOf(tok.alice!);
      const bobFile = path.join(t.dir, 'bob.json');
      fs.writeFileSync(bobFile, (await ok(['export', '--format', 'json'], tok.bob!)).stdout);
      // Alice, an admin, restoring bob's file writes her own account; bob's stays as it was.
      const bobBefore = await exportOf(tok.bob!);
      await ok(['import-json', bobFile], tok.alice!);
      expect((await exportOf(tok.bob!)).health_metrics).toEqual(bobBefore.health_metrics);
      const after = await exportOf(tok.alice!);
      expect(after.user).toEqual(before.user);
      expect(after.shares).toEqual(before.shares);
      expect(Number((await t.db('health_metrics').where({ user_id: ids.bob }).count({ n: '*' }).first())!.n)).toBe(1);
      if (dialect === 'sqlite') return;
      // Raw SQL with dana's login: a restored share is always dana's own, and profiles are hers alone.
      const asDana = await connect(tok.dana);
      await attempt(asDana, "select fittrack_share_restore($1, '2026-01-01T00:00:00Z', null)", [ids.bob]);
      expect(await t.db('data_shares').where({ grantee_id: ids.bob }).pluck('owner_id')).toEqual([ids.dana]);
      await attempt(asDana, 'select fittrack_share_revoke($1)', [ids.bob]);
      expect((await attempt(asDana, 'select fittrack_share_restore($1, null, null) as ok', [ids.dana])).rows).toEqual([{ ok: false }]);
      expect((await attempt(await connect(), 'select fittrack_share_restore($1, null, null)', [ids.bob])).code).toBe('42501');
      expect((await attempt(asDana, "select fittrack_user_update($1, '{\"display_name\":\"x\"}')", [ids.alice])).code).toBe('42501');
      expect(await t.db('users').where({ id: ids.alice }).first('display_name')).toEqual({ display_name: 'Alice A.' });
    });

    it('usernames fold alike on the guarded path too: found, refused when taken, stored folded', async () => {
      for (const u of await t.db('users').select('username', 'username_folded')) expect(u.username_folded, u.username).toBe(foldName(u.username));
      const who = JSON.parse((await ok(['whoami', '--json'], await login('alice', 'ALICE'))).stdout);
      expect(who.username).toBe('alice');
      expect(JSON.parse((await ok(['whoami', '--json'], await login('Eve', 'eVE'))).stdout).username).toBe('Eve');
      for (const name of ['eve', 'EVE', 'BOB']) {
        const taken = await cli(['user', 'add', name, '--password-stdin'], tok.alice!, `${passwordOf('someone')}\n`);
        expect(taken.code, name).toBe(2);
        expect(taken.stderr).toContain(`username "${name}" is taken`);
      }
      expect(await t.db('users').whereRaw('lower(username) = ?', ['eve']).pluck('username')).toEqual(['Eve']);
      if (dialect === 'sqlite') return;
      // Through raw SQL: no user without a folded name, no rename without one, no two that fold alike.
      const asAlice = await connect(tok.alice);
      const hash = '$2b$04$'.padEnd(60, 'x');
      expect((await attempt(asAlice, "select fittrack_user_add('Mallory', null, 'user', $1, null, null)", [hash])).code).toBe('42883');
      expect((await attempt(asAlice, "select fittrack_user_add('Mallory', null, 'user', $1, null, null, null)", [hash])).code).toBe('42501');
      expect((await attempt(asAlice, "select fittrack_user_add('DANA', null, 'user', $1, null, null, 'dana')", [hash])).code).toBe('23505');
      expect((await attempt(asAlice, "select fittrack_user_update($1, '{\"username\":\"Bobby\"}')", [ids.bob])).code).toBe('42501');
      expect((await attempt(asAlice, "select fittrack_user_update($1, '{\"username\":\"Bobby\",\"username_folded\":null}')", [ids.bob])).code).toBe('42501');
      await attempt(asAlice, "select fittrack_user_update($1, '{\"username\":\"Bobby\",\"username_folded\":\"bobby\"}')", [ids.bob]);
      expect(JSON.parse((await ok(['whoami', '--json'], await login('bob', 'BOBBY'))).stdout).username).toBe('Bobby');
      await attempt(asAlice, "select fittrack_user_update($1, '{\"username\":\"bob\",\"username_folded\":\"bob\"}')", [ids.bob]);
    });

    it('the exercise library through the CLI as the app role: hidden entries are logged, named as taken, and guarded against edits', async () => {
      await ok(['exercise', 'add', 'Bob Curl'], tok.bob!);
      // Dana cannot see bob's entry, yet her log of that name joins it (one entry per name).
      const danaList = JSON.parse((await ok(['exercise', 'list', '--json'], tok.dana!)).stdout) as Array<{ name: string }>;
      expect(danaList.map((d) => d.name)).not.toContain('Bob Curl');
      const taken = await cli(['exercise', 'add', 'BOB CURL'], tok.dana!);
      expect(taken.code).toBe(2);
      expect(taken.stderr).toContain('the name is taken in the shared library');
      await ok(['log-workout', '--date', '2026-01-05', 'Arms', 'bob curl 3x10@12kg'], tok.dana!);
      const linked = await t.db('exercise_logs as l').join('workout_sessions as s', 's.id', 'l.session_id').where('s.user_id', ids.dana).where('l.exercise_name', 'bob curl').first('l.exercise_definition_id');
      expect(linked.exercise_definition_id).toBe((await t.db('exercise_definitions').where({ name: 'Bob Curl' }).first('id')).id);
      expect((JSON.parse((await ok(['exercise', 'list', '--json'], tok.dana!)).stdout) as Array<{ name: string }>).map((d) => d.name)).toContain('Bob Curl');
      // Now someone else logs it: bob may no longer change it, an admin still may.
      const edit = await cli(['exercise', 'edit', 'Bob Curl', '--description', 'mine'], tok.bob!);
      expect(edit.code).toBe(3);
      expect(edit.stderr).toContain('logged by other users too');
      expect(await t.db('exercise_definitions').where({ name: 'Bob Curl' }).first('description')).toEqual({ description: null });
    });

    it('raw SQL as the app role: the library shows and changes only what the rules allow', async () => {
      if (dialect === 'sqlite') return;
      const now = new Date().toISOString();
      await t.db('exercise_definitions').insert({ name: 'Catalogue Plank', name_folded: 'catalogue plank', created_by: null, created_at: now, updated_at: now });
      await ok(['exercise', 'add', 'Bob Secret Lift'], tok.bob!);
      const asBob = await connect(tok.bob);
      const asDana = await connect(tok.dana);
      const anon = await connect();
      const names = async (c: pg.Client) => ((await attempt(c, 'select name from exercise_definitions order by name')).rows ?? []).map((r) => r.name);
      // Dana sees the catalogue, what she logged (alice's entries came with her restore), never bob's own entries.
      expect(await names(asDana)).toEqual(expect.arrayContaining(['Catalogue Plank', 'Alice Zercher', 'Bob Curl']));
      expect(await names(asDana)).not.toContain('Bob Secret Lift');
      expect(await names(asBob)).not.toContain('Alice Zercher');
      expect(await names(anon)).toEqual(['Catalogue Plank']);
      // Nobody but the rule's people changes or removes an entry.
      for (const c of [asDana, anon]) {
        expect((await attempt(c, "update exercise_definitions set description = 'hijacked'")).rowCount).toBe(0);
        expect((await attempt(c, 'delete from exercise_definitions')).rowCount).toBe(0);
      }
      expect((await attempt(asBob, "update exercise_definitions set description = 'hijacked' where name <> 'Bob Secret Lift'")).rowCount).toBe(0);
      expect((await attempt(asBob, "delete from exercise_definitions where name = 'Bob Curl'")).rowCount).toBe(0);
      expect(await t.db('exercise_definitions').where({ description: 'hijacked' }).first()).toBeUndefined();
      expect(Number((await t.db('exercise_definitions').count({ n: '*' }).first())!.n)).toBeGreaterThanOrEqual(5);
      // The creator changes their own entry while no one else logs it, and cannot give it away.
      expect((await attempt(asBob, "update exercise_definitions set description = 'own' where name = 'Bob Secret Lift'")).rowCount).toBe(1);
      expect((await attempt(asBob, "update exercise_definitions set created_by = $1 where name = 'Bob Secret Lift'", [ids.dana])).code).toBe('42501');
      // Entries are added as oneself; catalogue entries by admins only.
      const add = (c: pg.Client, name: string, by: number | null) =>
        attempt(c, 'insert into exercise_definitions (name, name_folded, created_by, created_at, updated_at) values ($1, $2, $3, now(), now())', [name, foldName(name), by]);
      expect((await add(asBob, 'Forged Lift', ids.dana!)).code).toBe('42501');
      expect((await add(asBob, 'Forged Catalogue', null)).code).toBe('42501');
      expect((await add(anon, 'Anonymous Lift', null)).code).toBe('42501');
      expect((await add(asBob, 'Bob Row', ids.bob!)).rowCount).toBe(1);
      const asAlice = await connect(tok.alice);
      expect((await add(asAlice, 'Admin Catalogue', null)).rowCount).toBe(1);
      expect((await attempt(asAlice, "update exercise_definitions set tips = 'brace' where name = 'Catalogue Plank'")).rowCount).toBe(1);
      expect((await attempt(asAlice, "update exercise_definitions set tips = 'admin' where name = 'Alice Zercher'")).rowCount).toBe(1);
      // What another user logs is not told through the helper functions either.
      expect((await attempt(asBob, 'select * from fittrack_logged_exercise_ids()')).rows!.map((r) => Object.values(r)[0])).not.toContain((await t.db('exercise_definitions').where({ name: 'Alice Zercher' }).first('id')).id);
    });
  });
}

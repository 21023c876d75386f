import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { createDb, resolveDbTarget } from '../../src/db/connection.js';
import { bindSessionToken } from '../../src/db/rls-repo.js';
import { hashToken } from '../../src/domain/auth.js';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

async function insertId(db: Knex, table: string, row: Record<string, unknown>): Promise<number> {
  const [r] = await db(table).insert(row).returning('id');
  return typeof r === 'object' ? (r as { id: number }).id : (r as number);
}

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);

    if (dialect === 'sqlite') {
      it('db enable-rls refuses SQLite with a hint (exit 2)', async () => {
        const r = await runCli(['db', 'enable-rls'], { db: t.url, home: t.dir });
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('fittrack: error: db enable-rls: row-level security needs PostgreSQL');
      });
      return;
    }

    it('policies confine a non-owner role to the user of the session token it carries (and shares, read-only)', async () => {
      const now = new Date().toISOString();
      const user = async (username: string) => insertId(t.db, 'users', { username, password_hash: 'x'.repeat(60), created_at: now, updated_at: now });
      const [a, b, c] = [await user('alice'), await user('bob'), await user('coach')];
      for (const [uid, kg] of [[a, 70], [b, 90]] as const) {
        await t.db('health_metrics').insert({ user_id: uid, recorded_date: '2026-01-02', weight_kg: kg });
        const ws = await insertId(t.db, 'workout_sessions', { user_id: uid, session_date: '2026-01-02', title: `W${uid}` });
        await t.db('exercise_logs').insert({ session_id: ws, exercise_name: `E${uid}`, order_index: 0 });
      }
      await t.db('data_shares').insert({ owner_id: a, grantee_id: c });

      const role = `ft_app_${randomBytes(4).toString('hex')}`;
      await t.db.raw(`CREATE ROLE ${role} LOGIN PASSWORD 'app-pass-123'`);
      const appDbs: Knex[] = [];
      try {
        const r = await runCli(['db', 'enable-rls', '--app-role', role], { db: t.url, home: t.dir });
        expect(r.stderr).toContain('row-level security is on for');
        expect(r.stderr).toMatch(/health_metrics.*exercise_logs/s);
        expect(r.code).toBe(0);

        const url = new URL(t.url);
        url.username = role;
        url.password = 'app-pass-123';
        const open = async (uid?: number) => {
          const db = await createDb(resolveDbTarget(url.toString()));
          appDbs.push(db);
          if (uid !== undefined) {
            const token = `rls-token-${uid}-${randomBytes(16).toString('hex')}`;
            await t.db('user_sessions').insert({ user_id: uid, token_hash: hashToken(token), created_at: new Date().toISOString(), expires_at: new Date(Date.now() + 3_600_000).toISOString() });
            bindSessionToken(db, token);
          }
          return db;
        };
        const weights = async (db: Knex) => (await db('health_metrics').orderBy('weight_kg').pluck('weight_kg')).map(Number);

        // No setting: a query sees nothing, whatever it asks for.
        const none = await open();
        expect(await weights(none)).toEqual([]);
        expect(await none('exercise_logs').select()).toEqual([]);
        // The owner role bypasses RLS (it runs migrations): it still sees everything.
        expect(await weights(t.db)).toEqual([70, 90]);

        const asAlice = await open(a);
        expect(await weights(asAlice)).toEqual([70]);
        expect(await asAlice('exercise_logs').pluck('exercise_name')).toEqual([`E${a}`]);
        await expect(asAlice('health_metrics').insert({ user_id: b, recorded_date: '2026-01-03', weight_kg: 60 })).rejects.toMatchObject({ code: '42501' });
        expect(Number(await asAlice('health_metrics').where({ user_id: b }).delete())).toBe(0);
        expect(Number(await asAlice('health_metrics').update({ notes: 'x' }))).toBe(1);

        const asCoach = await open(c);
        expect(await weights(asCoach)).toEqual([70]);
        expect(Number(await asCoach('health_metrics').update({ notes: 'changed by coach' }))).toBe(0);
        await expect(asCoach('health_metrics').insert({ user_id: a, recorded_date: '2026-01-04', weight_kg: 60 })).rejects.toMatchObject({ code: '42501' });
        // A coach may record coaching notes in a client's data that was shared with them.
        await asCoach('coaching_sessions').insert({ user_id: a, coach_id: c, session_date: '2026-01-05', notes: 'ok' });
        await expect(asCoach('coaching_sessions').insert({ user_id: b, coach_id: c, session_date: '2026-01-05' })).rejects.toMatchObject({ code: '42501' });

        const asBob = await open(b);
        expect(await weights(asBob)).toEqual([90]);
        expect(await asBob('coaching_sessions').select()).toEqual([]);

        // Revoking the share closes the coach's view at once.
        await t.db('data_shares').where({ owner_id: a }).update({ revoked_at: new Date().toISOString() });
        expect(await weights(asCoach)).toEqual([]);

        // The CLI itself, connected as the app role: commands see and write only their user's rows.
        const token = 'rls-test-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
        await t.db('user_sessions').insert({ user_id: a, token_hash: hashToken(token), created_at: new Date().toISOString(), expires_at: new Date(Date.now() + 3_600_000).toISOString() });
        const cli = (args: string[]) => runCli(args, { db: url.toString(), home: t.dir, env: { FITTRACK_TOKEN: token } });
        const logged = await cli(['log-weight', '71.5kg', '--date', '2026-01-06']);
        expect(logged.stderr).not.toContain('error');
        expect(logged.code).toBe(0);
        const listed = await cli(['log-weight', '--list', '--json']);
        expect(listed.code).toBe(0);
        expect(JSON.parse(listed.stdout).map((r: { weight_kg: number }) => r.weight_kg).sort()).toEqual([70, 71.5]);

        // Running it again is harmless.
        expect((await runCli(['db', 'enable-rls', '--app-role', role], { db: t.url, home: t.dir })).code).toBe(0);
      } finally {
        for (const db of appDbs) await db.destroy();
        await t.db.raw(`DROP OWNED BY ${role}`);
        await t.db.raw(`DROP ROLE ${role}`);
      }
    });

    it('db enable-rls names a missing app role (exit 2)', async () => {
      const r = await runCli(['db', 'enable-rls', '--app-role', 'no_such_role_xyz'], { db: t.url, home: t.dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--app-role: there is no role "no_such_role_xyz"');
    });
  });
}

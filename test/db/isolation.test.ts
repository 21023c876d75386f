import { afterEach, describe, expect, it } from 'vitest';
import { logIn } from '../../src/db/login-repo.js';
import { withUser, type Access, type UserContext } from '../../src/cli/context.js';
import { hashPassword } from '../../src/domain/password.js';
import { grantShare, revokeShare } from '../../src/db/share-repo.js';
import { findUserByName, insertUser } from '../../src/db/users-repo.js';
import { dialects, useTestDb } from '../helpers/db.js';

process.env.FITTRACK_BCRYPT_COST = '4';
process.env.FITTRACK_TEST_MODE = '1';
const PW = 'correct horse battery';

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const tokens: Record<string, string> = {};
    const as = <T>(who: string | null, fn: (ctx: UserContext) => Promise<T>, opts: { user?: string; access?: Access } = {}) => {
      if (who) process.env.FITTRACK_TOKEN = tokens[who];
      else delete process.env.FITTRACK_TOKEN;
      process.env.FITTRACK_HOME = t.dir;
      return withUser({ db: t.url, user: opts.user }, fn, { access: opts.access });
    };
    afterEach(() => {
      delete process.env.FITTRACK_TOKEN;
    });

    it('local mode hands the local profile to every command', async () => {
      const name = await as(null, async ({ user, actor, sessionId }) => {
        expect(actor.id).toBe(user.id);
        expect(sessionId).toBeNull();
        return user.username;
      });
      expect(name).toBeTruthy();
      await expect(as(null, async () => 1, { user: 'someone-else', access: 'read' })).rejects.toMatchObject({ exitCode: 3 });
    });

    it('multi-user mode: no session, no data; a session hands exactly its user', async () => {
      const hash = await hashPassword(PW);
      for (const [username, role] of [['alice', 'admin'], ['coach', 'coach'], ['carol', 'user']] as const) await insertUser(t.db, { username, role, passwordHash: hash });
      for (const u of ['alice', 'coach', 'carol']) tokens[u] = (await logIn(t.db, u, PW)).token;
      await expect(as(null, async () => 1)).rejects.toThrow('not logged in — run: fittrack login');
      expect(await as('carol', async ({ user }) => user.username)).toBe('carol');
      // Admins get no implicit access to other users' data.
      await expect(as('alice', async () => 1, { user: 'carol', access: 'read' })).rejects.toMatchObject({ exitCode: 3 });
    });

    it('--user needs a share, works for read and coach access only, and ends with the share', async () => {
      await expect(as('coach', async () => 1, { user: 'carol', access: 'read' })).rejects.toThrow('--user carol: that user has not shared their data with you');
      const carol = (await findUserByName(t.db, 'carol'))!;
      const coach = (await findUserByName(t.db, 'coach'))!;
      await grantShare(t.db, carol.id, coach.id);
      for (const access of ['read', 'coach'] as const) {
        const who = await as('coach', async ({ user, actor }) => [user.username, actor.username], { user: 'carol', access });
        expect(who).toEqual(['carol', 'coach']);
      }
      await expect(as('coach', async () => 1, { user: 'carol', access: 'write' })).rejects.toThrow('--user carol: this command only changes your own data');
      await expect(as('coach', async () => 1, { user: 'carol' })).rejects.toMatchObject({ exitCode: 3 });
      // Naming yourself is fine.
      expect(await as('coach', async ({ user }) => user.username, { user: 'coach' })).toBe('coach');
      await revokeShare(t.db, carol.id, coach.id);
      await expect(as('coach', async () => 1, { user: 'carol', access: 'read' })).rejects.toMatchObject({ exitCode: 3 });
    });

    // Row-level security keys on the login token each connection carries; SQLite has no such policies.
    if (dialect === 'postgres') {
      it('every connection carries the login token, from which the database derives the acting person', async () => {
        const coach = (await findUserByName(t.db, 'coach'))!;
        const seen = await as('coach', async ({ db }) =>
          Promise.all([1, 2, 3, 4].map(async () => (await db.raw('select fittrack_current_user_id() as id, pg_sleep(0.05)')).rows[0].id as number)),
        );
        expect(seen).toEqual([1, 2, 3, 4].map(() => coach.id));
        expect((await t.db.raw('select fittrack_current_user_id() as id')).rows[0].id).toBeNull();
      });
    }
  });
}

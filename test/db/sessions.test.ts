import { beforeAll, describe, expect, it } from 'vitest';
import { authenticateSession } from '../../src/cli/auth-session.js';
import { logIn } from '../../src/db/login-repo.js';
import { DAY_MS, HOUR_MS, hashToken } from '../../src/domain/auth.js';
import { hashPassword } from '../../src/domain/password.js';
import { listAudit } from '../../src/db/audit-repo.js';
import { findSessionByTokenHash, revokeAllUserSessions, revokeUserSession } from '../../src/db/session-repo.js';
import { findUserByName, insertUser, setUserActive } from '../../src/db/users-repo.js';
import { dialects, useTestDb } from '../helpers/db.js';

process.env.FITTRACK_BCRYPT_COST = '4';
process.env.FITTRACK_TEST_MODE = '1';
const PW = 'correct horse battery';
const T0 = new Date('2026-03-01T08:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const envFor = (token: string) => ({ FITTRACK_TOKEN: token });

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    beforeAll(async () => {
      const hash = await hashPassword(PW);
      for (const username of ['alice', 'bob', 'carol', 'dave']) await insertUser(t.db, { username, role: 'user', passwordHash: hash });
    });

    it('login stores only the SHA-256 of the token, and the token authenticates', async () => {
      const { token, sessionId } = await logIn(t.db, 'alice', PW, { now: T0 });
      const row = await findSessionByTokenHash(t.db, hashToken(token));
      expect(row?.id).toBe(sessionId);
      const all = JSON.stringify(await t.db('user_sessions').select());
      expect(all).not.toContain(token);
      expect(all).toContain(hashToken(token));
      expect(row?.device_type).toBe('cli');
      expect(row?.user_agent).toMatch(/^fittrack\/\S+ node\/v\d+\S* \w+$/);
      expect(row?.hostname).toBeTruthy();
      const auth = await authenticateSession(t.db, { now: at(HOUR_MS), env: envFor(token) });
      expect(auth.user.username).toBe('alice');
      expect(JSON.stringify(await listAudit(t.db, {}))).not.toContain(token);
    });

    it('a session expires 24 h after login; activity does not extend a normal session', async () => {
      const { token } = await logIn(t.db, 'alice', PW, { now: T0 });
      await authenticateSession(t.db, { now: at(23 * HOUR_MS), env: envFor(token) });
      const row = await findSessionByTokenHash(t.db, hashToken(token));
      expect(row?.last_activity_at).toBe(at(23 * HOUR_MS).toISOString());
      expect(row?.expires_at).toBe(at(24 * HOUR_MS).toISOString());
      await expect(authenticateSession(t.db, { now: at(24 * HOUR_MS + 1000), env: envFor(token) })).rejects.toThrow('not logged in — run: fittrack login');
    });

    it('a remembered session slides with activity (24 h idle window) up to 30 days', async () => {
      const { token, expiresAt } = await logIn(t.db, 'alice', PW, { now: T0, remember: true });
      expect(expiresAt).toBe(at(24 * HOUR_MS).toISOString());
      for (let day = 0.9; day < 30; day += 0.9) await authenticateSession(t.db, { now: at(day * DAY_MS), env: envFor(token) });
      const row = await findSessionByTokenHash(t.db, hashToken(token));
      expect(row?.expires_at).toBe(at(30 * DAY_MS).toISOString());
      await expect(authenticateSession(t.db, { now: at(30 * DAY_MS + 1), env: envFor(token) })).rejects.toThrow(/not logged in/);
    });

    it('a remembered session left idle for more than 24 h expires', async () => {
      const { token } = await logIn(t.db, 'alice', PW, { now: T0, remember: true });
      await authenticateSession(t.db, { now: at(10 * HOUR_MS), env: envFor(token) });
      await expect(authenticateSession(t.db, { now: at(35 * HOUR_MS), env: envFor(token) })).rejects.toThrow(/not logged in/);
    });

    it('a revoked session no longer authenticates', async () => {
      const { token, sessionId } = await logIn(t.db, 'bob', PW, { now: T0 });
      const bob = (await findUserByName(t.db, 'bob'))!;
      const alice = (await findUserByName(t.db, 'alice'))!;
      expect(await revokeUserSession(t.db, alice.id, sessionId, 'revoked')).toBe(false);
      expect(await revokeUserSession(t.db, bob.id, sessionId, 'logout')).toBe(true);
      const err = await authenticateSession(t.db, { now: at(1000), env: envFor(token) }).catch((e: Error & { hint?: string }) => e);
      expect(err).toMatchObject({ message: 'not logged in — run: fittrack login', exitCode: 3 });
      expect((err as { hint?: string }).hint).toContain('logout');
    });

    it('an unknown token and no token are "not logged in"', async () => {
      await expect(authenticateSession(t.db, { env: envFor('x'.repeat(43)) })).rejects.toMatchObject({ exitCode: 3 });
      await expect(authenticateSession(t.db, { env: { FITTRACK_HOME: t.dir + '/none' } })).rejects.toThrow('not logged in — run: fittrack login');
    });

    it('5 failed logins in a row lock the account for 15 minutes; same answer for unknown users', async () => {
      const wrong = await logIn(t.db, 'carol', 'wrong password', { now: T0 }).catch((e: Error) => e);
      const unknown = await logIn(t.db, 'nobody-here', 'wrong password', { now: T0 }).catch((e: Error) => e);
      expect((wrong as Error).message).toBe('login failed: wrong username or password');
      expect((unknown as Error).message).toBe((wrong as Error).message);
      for (let i = 2; i <= 5; i++) await expect(logIn(t.db, 'carol', 'wrong password', { now: T0 })).rejects.toMatchObject({ exitCode: 3 });
      const carol = (await findUserByName(t.db, 'carol'))!;
      expect(carol.locked_until).toBe(at(15 * 60_000).toISOString());
      // Locked: even the right password is refused until the lock runs out, with the same answer.
      await expect(logIn(t.db, 'carol', PW, { now: at(14 * 60_000) })).rejects.toThrow((wrong as Error).message);
      const ok = await logIn(t.db, 'carol', PW, { now: at(16 * 60_000) });
      expect(ok.token).toBeTruthy();
      const lockouts = await listAudit(t.db, { userId: carol.id, action: 'lockout' });
      expect(lockouts).toHaveLength(1);
      const failures = await listAudit(t.db, { action: 'login_failure' });
      expect(JSON.stringify(failures)).not.toContain('nobody-here');
      expect(JSON.stringify(failures)).not.toContain('wrong password');
    });

    it('a successful login resets the failure counter', async () => {
      for (let i = 0; i < 4; i++) await logIn(t.db, 'dave', 'wrong password', { now: T0 }).catch(() => {});
      expect(Number((await findUserByName(t.db, 'dave'))!.failed_login_attempts)).toBe(4);
      await logIn(t.db, 'dave', PW, { now: T0 });
      expect(Number((await findUserByName(t.db, 'dave'))!.failed_login_attempts)).toBe(0);
      await logIn(t.db, 'dave', 'wrong password', { now: T0 }).catch(() => {});
      expect((await findUserByName(t.db, 'dave'))!.locked_until).toBeNull();
    });

    it('an inactive (locked by an admin) user cannot log in, and their sessions stop working', async () => {
      const { token } = await logIn(t.db, 'dave', PW, { now: T0 });
      const dave = (await findUserByName(t.db, 'dave'))!;
      await setUserActive(t.db, dave.id, false);
      await expect(logIn(t.db, 'dave', PW, { now: T0 })).rejects.toThrow('login failed: wrong username or password');
      await expect(authenticateSession(t.db, { now: at(1000), env: envFor(token) })).rejects.toMatchObject({ exitCode: 3 });
      await setUserActive(t.db, dave.id, true);
      expect((await authenticateSession(t.db, { now: at(1000), env: envFor(token) })).user.username).toBe('dave');
      expect(await revokeAllUserSessions(t.db, dave.id, 'locked')).toBeGreaterThan(0);
    });
  });
}

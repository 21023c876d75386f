import { describe, expect, it } from 'vitest';
import { bcryptCost, checkNewPassword, hashPassword, passwordFromStdin, verifyPassword } from '../../src/domain/password.js';
import { checkUsername, parseHeightInput, parseRole } from '../../src/domain/user-profile.js';

describe('password rules', () => {
  it('needs at least 10 characters and does not quote the password in the message', () => {
    expect(() => checkNewPassword('short-pw1')).toThrowError('password is too short (9 characters)');
    try {
      checkNewPassword('hunter2hu');
    } catch (err) {
      expect(String((err as Error).message)).not.toContain('hunter2hu');
    }
    expect(() => checkNewPassword('long enough pw')).not.toThrow();
  });

  it('refuses passwords bcrypt would truncate', () => {
    expect(() => checkNewPassword('x'.repeat(73))).toThrowError(/too long/);
    expect(() => checkNewPassword('x'.repeat(72))).not.toThrow();
  });

  it('takes the first stdin line without its line ending', () => {
    expect(passwordFromStdin('correct horse\r\nsecond\n')).toBe('correct horse');
  });
});

describe('bcrypt', () => {
  it('uses cost 12 unless a test mode (FITTRACK_TEST_MODE=1) lowers it with FITTRACK_BCRYPT_COST', () => {
    expect(bcryptCost({})).toBe(12);
    expect(bcryptCost({ FITTRACK_BCRYPT_COST: '4' })).toBe(12);
    expect(bcryptCost({ FITTRACK_TEST_MODE: '1', FITTRACK_BCRYPT_COST: '4' })).toBe(4);
    expect(bcryptCost({ FITTRACK_TEST_MODE: '1', FITTRACK_BCRYPT_COST: 'fast' })).toBe(12);
    expect(bcryptCost({ FITTRACK_TEST_MODE: '1', FITTRACK_BCRYPT_COST: '2' })).toBe(12);
    expect(bcryptCost({ FITTRACK_TEST_MODE: '1', FITTRACK_BCRYPT_COST: '14' })).toBe(12);
  });

  it('hashes and verifies; the hash does not contain the password', async () => {
    const hash = await hashPassword('correct horse battery', 4);
    expect(hash).toMatch(/^\$2b\$04\$/);
    expect(hash).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery!', hash)).toBe(false);
  });

  it('spends a bcrypt comparison of real cost even without a hash (unknown users), whatever FITTRACK_BCRYPT_COST says', async () => {
    const prev = process.env.FITTRACK_BCRYPT_COST;
    process.env.FITTRACK_BCRYPT_COST = '4';
    try {
      const hash = await hashPassword('correct horse battery', 12);
      // The fastest of three runs, so that a busy machine does not decide the outcome.
      const time = async (f: () => Promise<unknown>) => {
        const runs: number[] = [];
        for (let i = 0; i < 3; i++) {
          const t0 = performance.now();
          await f();
          runs.push(performance.now() - t0);
        }
        return Math.min(...runs);
      };
      const known = await time(() => verifyPassword('wrong password!', hash));
      const unknown = await time(() => verifyPassword('wrong password!', null));
      expect(await verifyPassword('anything at all', null)).toBe(false);
      expect(unknown).toBeGreaterThan(known * 0.4);
    } finally {
      if (prev === undefined) delete process.env.FITTRACK_BCRYPT_COST;
      else process.env.FITTRACK_BCRYPT_COST = prev;
    }
  });
});

describe('profile rules', () => {
  it('checks usernames', () => {
    expect(checkUsername(' alice ')).toBe('alice');
    expect(() => checkUsername('-x')).toThrowError('username "-x" is not valid');
    expect(() => checkUsername('a b')).toThrowError(/not valid/);
  });
  it('parses heights and roles', () => {
    expect(parseHeightInput('183cm', 'metric').value).toBe(183);
    expect(parseHeightInput('72in', 'metric').value).toBeCloseTo(182.88, 9);
    expect(parseHeightInput('180', 'metric').value).toBe(180);
    // A bare number is in the user's units; feet and inches are read too.
    expect(parseHeightInput('72', 'imperial').value).toBeCloseTo(182.88, 9);
    expect(parseHeightInput('6ft', 'metric').value).toBeCloseTo(182.88, 9);
    expect(() => parseHeightInput('tall', 'metric')).toThrowError('--height: "tall" is not a length');
    expect(() => parseHeightInput('10cm', 'metric')).toThrowError('--height: 10 cm is out of range (allowed 50–272 cm)');
    expect(parseRole('Coach')).toBe('coach');
    expect(() => parseRole('root')).toThrowError('--role: "root" is not a role');
  });
});

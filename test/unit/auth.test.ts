import { describe, expect, it } from 'vitest';
import { formatCount } from '../../src/cli/render/format.js';
import { DAY_MS, HOUR_MS, generateToken, hashToken, parseAgeMs, sessionCap, slideExpiry, tokenHashesEqual, userAgent } from '../../src/domain/auth.js';

describe('session tokens', () => {
  it('are 32 random bytes in base64url, never the same twice', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => generateToken()));
    expect(tokens.size).toBe(200);
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    }
  });

  it('are stored as their SHA-256 in hex, which does not contain the token', () => {
    const token = generateToken();
    const hash = hashToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('compares hashes exactly', () => {
    const h = hashToken('x');
    expect(tokenHashesEqual(h, hashToken('x'))).toBe(true);
    expect(tokenHashesEqual(h, hashToken('y'))).toBe(false);
    expect(tokenHashesEqual(h, h.slice(0, 10))).toBe(false);
  });
});

describe('session lifetime', () => {
  const created = new Date('2026-01-01T00:00:00.000Z');
  const at = (ms: number) => new Date(created.getTime() + ms);

  it('a new session lasts 24 h', () => {
    expect(slideExpiry(created, created, false)).toEqual(at(24 * HOUR_MS));
    expect(slideExpiry(created, created, true)).toEqual(at(24 * HOUR_MS));
  });

  it('activity cannot extend a normal session past 24 h after creation', () => {
    expect(slideExpiry(created, at(20 * HOUR_MS), false)).toEqual(at(24 * HOUR_MS));
  });

  it('activity slides a remembered session to 24 h after the activity, up to 30 days', () => {
    expect(slideExpiry(created, at(20 * HOUR_MS), true)).toEqual(at(44 * HOUR_MS));
    expect(slideExpiry(created, at(29.5 * DAY_MS), true)).toEqual(at(30 * DAY_MS));
    expect(sessionCap(created, true)).toEqual(at(30 * DAY_MS));
  });
});

describe('parseAgeMs', () => {
  it.each([
    ['7d', 7 * DAY_MS],
    ['12h', 12 * HOUR_MS],
    ['30m', 30 * 60_000],
    ['45s', 45_000],
    ['2w', 14 * DAY_MS],
    ['3', 3 * DAY_MS],
    ['0d', 0],
  ])('%s', (text, ms) => expect(parseAgeMs(text)).toBe(ms));

  it.each(['', 'soon', '7 days ago', '-1d', '1y'])('refuses %j', (text) => expect(parseAgeMs(text)).toBeNull());
});

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [12034, '12 034'],
    [1000000, '1 000 000'],
  ])('%d → %s', (n, s) => expect(formatCount(n)).toBe(s));
});

describe('userAgent', () => {
  it('names fittrack, node and the platform', () => {
    expect(userAgent('1.2.3')).toBe(`fittrack/1.2.3 node/${process.version} ${process.platform}`);
  });
});

/**
 * Login sessions: tokens, their hashes, lifetimes and the lockout rule. Pure apart from
 * drawing random bytes.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseDurationSeconds } from './units.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** A session stays valid while used at least once in this window… */
export const IDLE_WINDOW_MS = 24 * HOUR_MS;
/** …but never longer than this after it was created: 24 h, or 30 days with --remember. */
export const SESSION_CAP_MS = 24 * HOUR_MS;
export const REMEMBER_CAP_MS = 30 * DAY_MS;
/** Failed logins in a row that lock an account, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;

/** A new session token: 32 random bytes, base64url (43 characters). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The SHA-256 of a token as 64 hex characters: the only form the database keeps.
 *
 * @example hashToken('abc') → 'ba7816bf…'
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares two token hashes in constant time. @example tokenHashesEqual(h, h) → true */
export function tokenHashesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The latest moment a session may live to. @example sessionCap(created, true) → created + 30 d */
export function sessionCap(createdAt: Date, remember: boolean): Date {
  return new Date(createdAt.getTime() + (remember ? REMEMBER_CAP_MS : SESSION_CAP_MS));
}

/**
 * When a session expires after activity at `now`: 24 h later, but not after its cap.
 * A new session gets `slideExpiry(created, created, remember)` = created + 24 h.
 *
 * @example slideExpiry(created, created+20h, true) → created + 44 h
 */
export function slideExpiry(createdAt: Date, now: Date, remember: boolean): Date {
  return new Date(Math.min(now.getTime() + IDLE_WINDOW_MS, sessionCap(createdAt, remember).getTime()));
}

/**
 * Parses a grace period or age: `7d`, `12h`, `30m`, `45s`, `2w`, or a plain number of days.
 * Returns milliseconds, or null when the text is not a duration.
 *
 * @example parseAgeMs('7d') → 604800000
 */
export function parseAgeMs(text: string): number | null {
  const seconds = parseDurationSeconds(text, 'd');
  return seconds === null ? null : Math.round(seconds * 1000);
}

/** What a session row records as its user agent. @example userAgent('0.1.0') → 'fittrack/0.1.0 node/v20.19.0 linux' */
export function userAgent(version: string): string {
  return `fittrack/${version} node/${process.version} ${process.platform}`;
}

/**
 * Rules for user accounts and profiles: usernames, roles, units, heights, e-mail addresses.
 */
import { UsageError } from '../errors.js';
import { lengthUnitOf, round, toCm } from './units.js';

export const ROLES = ['user', 'coach', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Checks a username: 1–64 letters, digits, `.`, `_`, `-`, starting with a letter or digit. @example checkUsername('alice') → 'alice' */
export function checkUsername(text: string): string {
  const name = text.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) {
    throw new UsageError(`username "${name}" is not valid`, 'use 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit');
  }
  return name;
}

/** Checks a role name. @example parseRole('coach') → 'coach' */
export function parseRole(text: string): Role {
  const r = text.trim().toLowerCase();
  if (!(ROLES as readonly string[]).includes(r)) throw new UsageError(`--role: "${text}" is not a role`, `use one of: ${ROLES.join(', ')}`);
  return r as Role;
}

/** Checks a unit system. @example parseUnits('imperial') → 'imperial' */
export function parseUnits(text: string): 'metric' | 'imperial' {
  const u = text.trim().toLowerCase();
  if (u !== 'metric' && u !== 'imperial') throw new UsageError(`--units: "${text}" is not a unit system`, 'use metric or imperial');
  return u;
}

/**
 * Parses a height into centimetres: `183cm`, `72in`, `72 inches`, or a bare number of cm.
 *
 * @example parseHeightCm('72in') → 182.9
 */
export function parseHeightCm(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z"]*)\s*$/i.exec(text);
  const unit = m ? (m[2] ? lengthUnitOf(m[2]) : 'cm') : null;
  if (!m || !unit) throw new UsageError(`--height: "${text}" is not a height`, 'write it like 183cm or 72in');
  const cm = round(toCm(Number(m[1]), unit), 1);
  if (cm < 50 || cm > 272) throw new UsageError(`--height: ${text} is outside 50–272 cm`, 'check the number and the unit');
  return cm;
}

/** Checks an e-mail address loosely (one @, no spaces). @example checkEmail('a@b.org') → 'a@b.org' */
export function checkEmail(text: string): string {
  const e = text.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(e) || e.length > 254) throw new UsageError(`--email: "${e}" is not an e-mail address`, 'write it like name@example.org');
  return e;
}

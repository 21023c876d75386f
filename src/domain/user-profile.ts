/**
 * Rules for user accounts and profiles: usernames, roles, units, heights, e-mail addresses.
 */
import { UsageError } from '../errors.js';
import { parseLengthInput, type Quantity } from './quantity-input.js';
import type { LengthUnit, UnitSystem } from './units.js';
import { checkQuantity, RULES } from './validation.js';

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
 * Reads a height into centimetres (unrounded) with the one length parser: `183cm`, `72in`,
 * `6ft1in`, `1.83m`; a bare number is in the user's units (cm metric, inches imperial); 50–272 cm.
 * Both `user add|edit --height` and `config set height` read heights here.
 *
 * @example parseHeightInput('72', 'imperial').value → 182.88
 */
export function parseHeightInput(text: string, units: UnitSystem, field = '--height'): Quantity<LengthUnit> {
  return checkQuantity(field, parseLengthInput(text, { units, field }), RULES.heightCm);
}

/** Checks an e-mail address loosely (one @, no spaces). @example checkEmail('a@b.org') → 'a@b.org' */
export function checkEmail(text: string): string {
  const e = text.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(e) || e.length > 254) throw new UsageError(`--email: "${e}" is not an e-mail address`, 'write it like name@example.org');
  return e;
}

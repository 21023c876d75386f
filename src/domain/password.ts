/**
 * Password rules and hashing. bcrypt is loaded only when a password is actually hashed or
 * checked, so commands in local mode never pay for it.
 */
import { UsageError } from '../errors.js';

export const MIN_PASSWORD_LENGTH = 10;
/** bcrypt ignores everything after 72 bytes; refuse longer passwords rather than truncate silently. */
export const MAX_PASSWORD_BYTES = 72;
export const DEFAULT_BCRYPT_COST = 12;

/**
 * The bcrypt cost: 12, or `FITTRACK_BCRYPT_COST` (4–15) — meant for test suites only.
 *
 * @example bcryptCost({ FITTRACK_BCRYPT_COST: '4' }) → 4
 */
export function bcryptCost(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.FITTRACK_BCRYPT_COST;
  if (raw === undefined || raw === '') return DEFAULT_BCRYPT_COST;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 4 && n <= 15 ? n : DEFAULT_BCRYPT_COST;
}

/**
 * Throws a UsageError when a new password breaks the rules (the password itself is never quoted).
 *
 * @example checkNewPassword('short') // throws: password is too short (5 characters)
 */
export function checkNewPassword(password: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw new UsageError(`password is too short (${length} characters)`, `choose one with at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) {
    throw new UsageError(`password is too long (over ${MAX_PASSWORD_BYTES} bytes)`, `choose one of at most ${MAX_PASSWORD_BYTES} bytes`);
  }
  if (/[\r\n]/.test(password)) throw new UsageError('password contains a line break', 'choose a password on one line');
}

/**
 * Takes the password from text read on stdin: the first line, without its line ending.
 *
 * @example passwordFromStdin('s3cret-pass-1\n') → 's3cret-pass-1'
 */
export function passwordFromStdin(text: string): string {
  return (text.split(/\r?\n/)[0] ?? '');
}

async function loadBcrypt(): Promise<typeof import('bcrypt')> {
  const mod = (await import('bcrypt')) as typeof import('bcrypt') & { default?: typeof import('bcrypt') };
  return mod.default ?? mod;
}

/** Hashes a password with bcrypt. @example await hashPassword('correct horse') → '$2b$12$…' */
export async function hashPassword(password: string, cost: number = bcryptCost()): Promise<string> {
  const bcrypt = await loadBcrypt();
  return bcrypt.hash(password, cost);
}

/**
 * Checks a password against a stored hash. With no hash (unknown user, passwordless user) it
 * still spends a bcrypt comparison of the same cost, so the answer takes as long either way.
 *
 * @example await verifyPassword('guess', null) → false
 */
export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  const bcrypt = await loadBcrypt();
  if (!hash) {
    const cost = String(bcryptCost()).padStart(2, '0');
    await bcrypt.compare(password, `$2b$${cost}$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234`);
    return false;
  }
  return bcrypt.compare(password, hash);
}

/**
 * Password rules and hashing. bcrypt is loaded only when a password is actually hashed or
 * checked, so commands in local mode never pay for it.
 */
import { UsageError } from '../errors.js';

export const MIN_PASSWORD_LENGTH = 10;
/** bcrypt ignores everything after 72 bytes; refuse longer passwords rather than truncate silently. */
export const MAX_PASSWORD_BYTES = 72;
export const DEFAULT_BCRYPT_COST = 12;

/** Below this cost a test mode must be asked for explicitly. */
const TEST_MODE_NOTE = 'fittrack: test mode (FITTRACK_TEST_MODE=1): new password hashes use bcrypt cost';

/**
 * The bcrypt cost of new hashes: 12; a test suite may lower it with `FITTRACK_BCRYPT_COST`
 * (4–11), honoured only together with `FITTRACK_TEST_MODE=1`. Checking a password never depends
 * on it: the cost is read from the stored hash.
 *
 * @example bcryptCost({ FITTRACK_TEST_MODE: '1', FITTRACK_BCRYPT_COST: '4' }) → 4
 */
export function bcryptCost(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.FITTRACK_BCRYPT_COST;
  if (env.FITTRACK_TEST_MODE !== '1' || raw === undefined || raw === '') return DEFAULT_BCRYPT_COST;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 4 && n < DEFAULT_BCRYPT_COST ? n : DEFAULT_BCRYPT_COST;
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
  if (cost < DEFAULT_BCRYPT_COST) process.stderr.write(`${TEST_MODE_NOTE} ${cost} (not for real passwords)\n`);
  return bcrypt.hash(password, cost);
}

/**
 * A real bcrypt hash of cost 12 (the cost of real hashes) of a random string: what the password
 * of an unknown or passwordless user is compared with, so that the answer takes as long.
 */
const DUMMY_HASH = '$2b$12$M5PaKbsV.awCuwWiQfmFfOE0rEf/tBqAE0QTWqIDzMuISX4Yvhq.K';

/**
 * Checks a password against a stored hash. With no hash (unknown user, passwordless user) it
 * still spends a bcrypt comparison of the same cost, so the answer takes as long either way.
 *
 * @example await verifyPassword('guess', null) → false
 */
export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  const bcrypt = await loadBcrypt();
  if (!hash) {
    await bcrypt.compare(password, DUMMY_HASH);
    return false;
  }
  return bcrypt.compare(password, hash);
}

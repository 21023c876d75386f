/**
 * Where a login session's token lives between commands: `FITTRACK_TOKEN`, else the file
 * `$FITTRACK_HOME/session` (mode 0600, replaced atomically).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fittrackHome } from '../paths.js';

/** The session file's path. @example sessionFilePath({ FITTRACK_HOME: '/h' }) → '/h/session' */
export function sessionFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(fittrackHome(env), 'session');
}

/** The token to use and where it came from, or null when there is none. */
export function readSessionToken(env: NodeJS.ProcessEnv = process.env): { token: string; source: 'env' | 'file' } | null {
  const fromEnv = env.FITTRACK_TOKEN?.trim();
  if (fromEnv) return { token: fromEnv, source: 'env' };
  try {
    const text = fs.readFileSync(sessionFilePath(env), 'utf8').trim();
    return text ? { token: text, source: 'file' } : null;
  } catch {
    return null;
  }
}

/** Writes the token to the session file: a temp file created 0600, then renamed over the old one. */
export function writeSessionFile(token: string, env: NodeJS.ProcessEnv = process.env): string {
  const file = sessionFilePath(env);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${token}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
  return file;
}

/** Deletes the session file; true when there was one. */
export function removeSessionFile(env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    fs.unlinkSync(sessionFilePath(env));
    return true;
  } catch {
    return false;
  }
}

/**
 * Multi-user set-ups for end-to-end tests: add users and log in through the real CLI.
 *
 * @example const token = await loginAs(t, 'alice'); await runCli(['whoami'], { ...asUser(t, token) })
 */
import { expect } from 'vitest';
import { runCli, type CliOptions, type CliResult } from './cli.js';
import type { TestDb } from './db.js';

export const PASSWORDS: Record<string, string> = {};

/** A password for a username that is easy to grep for in dumps and output. */
export function passwordOf(username: string): string {
  PASSWORDS[username] ??= `pw-${username}-Sekr3t!x`;
  return PASSWORDS[username];
}

/** CLI options running as the holder of `token` on this test database. */
export function asUser(t: TestDb, token: string | null, extra: CliOptions = {}): CliOptions {
  return { db: t.url, home: t.dir, ...extra, env: { ...(token ? { FITTRACK_TOKEN: token } : {}), ...extra.env } };
}

/** `fittrack user add` (as `adminToken` when given) and checks it worked. */
export async function addUser(t: TestDb, username: string, opts: { role?: string; adminToken?: string | null } = {}): Promise<CliResult> {
  const args = ['user', 'add', username, '--password-stdin', ...(opts.role ? ['--role', opts.role] : [])];
  const r = await runCli(args, asUser(t, opts.adminToken ?? null, { input: `${passwordOf(username)}\n` }));
  expect(r.stderr).toContain(`added ${username}`);
  expect(r.code).toBe(0);
  return r;
}

/** `fittrack login --print-token` and returns the token. */
export async function loginAs(t: TestDb, username: string, opts: { remember?: boolean } = {}): Promise<string> {
  const r = await runCli(['login', username, '--password-stdin', '--print-token', ...(opts.remember ? ['--remember'] : [])], asUser(t, null, { input: `${passwordOf(username)}\n` }));
  expect(r.stderr).toContain(`logged in as ${username}`);
  expect(r.code).toBe(0);
  const token = r.stdout.trim();
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return token;
}

/**
 * Runs the built CLI (`bin/fittrack.cjs`) as a child process, the way a user does.
 *
 * @example const r = await runCli(['log-weight', '80kg'], { db: t.url, home: t.dir }); expect(r.code).toBe(0)
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin', 'fittrack.cjs');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** `--db` value (file path or URL); passed through DATABASE_URL so argv stays as written. */
  db?: string;
  /** FITTRACK_HOME for this run. */
  home?: string;
  /** Text written to stdin (stdin is closed either way, never a TTY). */
  input?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
  /** The script node runs: bin/fittrack.cjs unless given (e.g. dist/cli/main.js, the full CLI's own entry). */
  script?: string;
}

/** The environment the CLI runs with in tests: a fixed user, UTC, no colour, cheap bcrypt. */
export function cliEnv(opts: CliOptions = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: opts.home ?? process.env.HOME,
    USER: 'tester',
    LANG: 'C.UTF-8',
    TZ: process.env.TZ ?? 'UTC',
    NO_COLOR: '1',
    FITTRACK_BCRYPT_COST: '4',
    FITTRACK_TEST_MODE: '1',
    ...(opts.home ? { FITTRACK_HOME: opts.home } : {}),
    ...(opts.db ? { DATABASE_URL: opts.db } : {}),
    ...opts.env,
  };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return env;
}

/** Runs `fittrack ...args` and collects its exit code and output. */
export function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  const env = cliEnv(opts);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [opts.script ?? BIN, ...args], { env, cwd: opts.cwd ?? ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? '');
  });
}

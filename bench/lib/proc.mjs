// Running child processes and measuring them: wall time, exit status and peak memory.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin', 'fittrack.cjs');
const GNU_TIME = '/usr/bin/time';
export const hasGnuTime = existsSync(GNU_TIME);

/** The environment fittrack runs with in the benchmarks: no colour, a fixed user and zone. */
export function benchEnv(extra = {}) {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, USER: 'bench', LANG: 'C.UTF-8', TZ: 'UTC', NO_COLOR: '1', FITTRACK_BCRYPT_COST: '4', FITTRACK_TEST_MODE: '1', ...extra };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return env;
}

/** Reads VmHWM (peak resident memory) of a live process, in kB; 0 when it is gone. */
function readVmHwmKb(pid) {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** The pids of a process's direct children. */
function childrenOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * Runs a command and resolves with { code, signal, timedOut, stdout, stderr, wallMs, maxRssKb }.
 * With `memory: true` the peak RSS comes from GNU time (`-f %M`), else from polling
 * /proc/<pid>/status. Wall time is taken around the whole child.
 */
export function run(cmd, args, opts = {}) {
  const { env = benchEnv(), cwd = ROOT, input, memory = false, timeoutMs = 600_000 } = opts;
  let file = cmd;
  let argv = args;
  let timeOut;
  let scratch;
  if (memory && hasGnuTime) {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'ft-bench-time-'));
    timeOut = path.join(scratch, 'rss');
    file = GNU_TIME;
    argv = ['-f', '%M', '-o', timeOut, cmd, ...args];
  }
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    // Its own process group, so a timeout kills GNU time and the command it runs together.
    const child = spawn(file, argv, { env, cwd, detached: true, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    let polledKb = 0;
    let poll;
    let timedOut = false;
    if (memory) {
      // Polled as well as measured by GNU time: a run killed on timeout has no GNU time report.
      poll = setInterval(() => {
        polledKb = Math.max(polledKb, readVmHwmKb(child.pid));
        for (const pid of childrenOf(child.pid)) polledKb = Math.max(polledKb, readVmHwmKb(pid));
      }, 25);
    }
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, timeoutMs);
    child.on('error', reject);
    if (input !== undefined) {
      child.stdin.on('error', () => {});
      child.stdin.end(input);
    }
    child.on('close', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      let maxRssKb = polledKb;
      if (timeOut) {
        try {
          const lines = readFileSync(timeOut, 'utf8').trim().split('\n');
          maxRssKb = Number(lines[lines.length - 1]) || polledKb;
        } catch {
          maxRssKb = polledKb;
        }
        rmSync(scratch, { recursive: true, force: true });
      }
      resolve({ code, signal, timedOut, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), wallMs, maxRssKb });
    });
  });
}

/** Runs the built CLI: `fittrack ...args` against `db` (a file or URL) via DATABASE_URL. */
export function fittrack(args, opts = {}) {
  const env = benchEnv({ ...(opts.db ? { DATABASE_URL: opts.db } : {}), ...(opts.home ? { FITTRACK_HOME: opts.home } : {}), ...opts.env });
  return run(process.execPath, [BIN, ...args], { ...opts, env });
}

/** Runs a Node script of the project with the same Node binary. */
export function node(args, opts = {}) {
  return run(process.execPath, args, opts);
}

/** Makes sure a run succeeded, else throws with its stderr. */
export function check(r, what) {
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code ?? r.signal}): ${r.stderr.trim().split('\n').slice(0, 3).join(' | ')}`);
  return r;
}

/**
 * Tells whether a fittrack command is built: false when it is still a placeholder or unknown.
 * Returns { ok, reason }.
 */
export async function commandAvailable(argv) {
  const r = await fittrack([...argv, '--help']);
  if (r.code !== 0) return { ok: false, reason: `\`fittrack ${argv.join(' ')}\` does not exist in this build` };
  return { ok: true };
}

/** Tells whether running the command says "not available in this version yet". */
export function isPlaceholder(r) {
  return /not available in this version yet/.test(r.stderr);
}

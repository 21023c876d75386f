/**
 * Running the built CLI as a child process that a fault test can kill, and checks that a
 * database came through a fault intact.
 *
 * @example const p = spawnCli(['import-md', dir], { db: t.url, home: t.dir }); p.killAfter(800); const r = await p.done
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Knex } from 'knex';
import { BIN, ROOT, cliEnv, type CliOptions, type CliResult } from './cli.js';

export interface SpawnedCli {
  child: ChildProcessWithoutNullStreams;
  /** Resolves when the process has exited, with its wall time. */
  done: Promise<CliResult & { wallMs: number }>;
  /** Sends SIGKILL after `ms` milliseconds (if it is still running then). */
  killAfter(ms: number): void;
}

export { cliEnv };

/** Starts `fittrack ...args` and hands back the process, so the test can kill it. */
export function spawnCli(args: string[], opts: CliOptions = {}): SpawnedCli {
  const start = Date.now();
  const child = spawn(process.execPath, [BIN, ...args], { env: cliEnv(opts), cwd: opts.cwd ?? ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => out.push(d));
  child.stderr.on('data', (d: Buffer) => err.push(d));
  child.stdin.on('error', () => {});
  child.stdin.end(opts.input ?? '');
  const timers: NodeJS.Timeout[] = [setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000)];
  const done = new Promise<CliResult & { wallMs: number }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      for (const t of timers) clearTimeout(t);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), wallMs: Date.now() - start });
    });
  });
  return {
    child,
    done,
    killAfter(ms: number) {
      timers.push(setTimeout(() => child.kill('SIGKILL'), ms));
    },
  };
}

/**
 * What is wrong with the database's integrity, as a list (empty when intact): SQLite's own
 * integrity and foreign-key checks; on PostgreSQL, constraints not validated and rows whose
 * parent is missing.
 */
export async function integrityProblems(db: Knex): Promise<string[]> {
  const client = (db.client as { config: { client: string } }).config.client;
  const problems: string[] = [];
  if (client !== 'pg') {
    const rows = (await db.raw('PRAGMA integrity_check')) as Array<{ integrity_check: string }>;
    const res = rows.map((r) => r.integrity_check);
    if (res.join() !== 'ok') problems.push(`integrity_check: ${res.join('; ')}`);
    const fk = (await db.raw('PRAGMA foreign_key_check')) as unknown[];
    if (fk.length > 0) problems.push(`foreign_key_check: ${fk.length} row(s) point at missing parents`);
    return problems;
  }
  const invalid = await db.raw('SELECT conname FROM pg_constraint WHERE NOT convalidated');
  for (const r of invalid.rows as Array<{ conname: string }>) problems.push(`constraint ${r.conname} not validated`);
  const orphans: Array<[string, string]> = [
    ['exercise_logs without their session', 'SELECT count(*) AS n FROM exercise_logs e LEFT JOIN workout_sessions s ON s.id = e.session_id WHERE s.id IS NULL'],
    ['health rows of a missing import batch', 'SELECT count(*) AS n FROM health_metrics h LEFT JOIN import_batches b ON b.id = h.import_batch_id WHERE h.import_batch_id IS NOT NULL AND b.id IS NULL'],
    ['sessions of a missing import batch', 'SELECT count(*) AS n FROM workout_sessions w LEFT JOIN import_batches b ON b.id = w.import_batch_id WHERE w.import_batch_id IS NOT NULL AND b.id IS NULL'],
    ['health rows of a missing user', 'SELECT count(*) AS n FROM health_metrics h LEFT JOIN users u ON u.id = h.user_id WHERE u.id IS NULL'],
  ];
  for (const [what, sql] of orphans) {
    const n = Number((await db.raw(sql)).rows[0].n);
    if (n > 0) problems.push(`${n} ${what}`);
  }
  return problems;
}

/**
 * Resolves once another process holds a write transaction open on the database (SQLite: the
 * write lock is taken; PostgreSQL: an INSERT/UPDATE/DELETE is running in a transaction), or
 * with false once `stop()` is called. Polls every few milliseconds.
 */
export function whenWriting(db: Knex, file: string | null): { seen: Promise<boolean>; stop(): void } {
  let stopped = false;
  let finish: (v: boolean) => void = () => {};
  const seen = new Promise<boolean>((resolve) => {
    finish = resolve;
  });
  const pg = (db.client as { config: { client: string } }).config.client === 'pg';
  void (async () => {
    let probe: { exec(sql: string): unknown; close(): void } | null = null;
    if (!pg && file) {
      const { default: Database } = await import('better-sqlite3');
      probe = new Database(file, { timeout: 0 });
    }
    try {
      while (!stopped) {
        if (probe) {
          try {
            probe.exec('BEGIN IMMEDIATE');
            probe.exec('ROLLBACK');
          } catch (err) {
            if ((err as { code?: string }).code === 'SQLITE_BUSY') return finish(true);
            throw err;
          }
        } else {
          const r = await db.raw("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND query ~* '^\\s*(insert|update|delete|copy)'");
          if (Number(r.rows[0].n) > 0) return finish(true);
        }
        await new Promise((r) => setTimeout(r, 3));
      }
      finish(false);
    } finally {
      probe?.close();
    }
  })();
  return {
    seen,
    stop() {
      stopped = true;
      finish(false);
    },
  };
}

/**
 * Runs `fittrack ...args` under a file-size limit (`ulimit -f`, in KiB): writing past it fails
 * with EFBIG, the way a full disk fails, on any file system.
 */
export function runCliWithFileLimit(args: string[], limitKb: number, opts: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', `ulimit -f ${Math.ceil(limitKb)} && exec "$0" "$@"`, process.execPath, BIN, ...args], { env: cliEnv(opts), cwd: opts.cwd ?? ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? '');
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/**
 * The error lines of a failed run, checked to be what a user should see: exit 1 or 2, one
 * `fittrack: error:` line (plus its hint), no stack trace, not reported as a bug.
 */
export function cleanFailure(r: CliResult): string {
  const errors = r.stderr.split('\n').filter((l) => l.startsWith('fittrack: error:'));
  const problems: string[] = [];
  if (r.code !== 1 && r.code !== 2) problems.push(`exit ${r.code ?? r.signal}, expected 1 or 2`);
  if (errors.length !== 1) problems.push(`${errors.length} "fittrack: error:" lines`);
  if (/^\s+at .+[:(]/m.test(r.stderr)) problems.push('a stack trace');
  if (/unexpected error|this is a bug/i.test(r.stderr)) problems.push('an unexpected-error report');
  if (problems.length > 0) throw new Error(`not a clean failure (${problems.join(', ')}):\n${r.stderr}`);
  return errors[0]!;
}

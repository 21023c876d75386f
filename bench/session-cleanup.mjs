// Session cleanup at scale on PostgreSQL, against the built CLI:
//
//   node scripts/build.mjs && BENCH_DATABASE_URL=postgres://user:pw@host/scratchdb node bench/session-cleanup.mjs
//
// BENCH_DATABASE_URL names a scratch database: its fittrack tables are migrated and its
// user_sessions table is emptied and refilled. Fills 1 000 000 sessions (half expired 30 days
// ago) with generate_series, then runs `fittrack sessions cleanup --json` while a loop of
// `fittrack log-weight` runs beside it, and prints the cleanup time, its longest batch and the
// log-weight latency (p50/p99) idle and during the cleanup. Not part of `npm test`.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const url = process.env.BENCH_DATABASE_URL;
if (!url) {
  process.stderr.write('set BENCH_DATABASE_URL to a scratch PostgreSQL database (its sessions are replaced)\n');
  process.exit(2);
}
const TOTAL = Number(process.env.BENCH_SESSIONS ?? 1_000_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 5000);
const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'fittrack.cjs');
const home = mkdtempSync(path.join(os.tmpdir(), 'fittrack-bench-'));
const log = (m) => process.stderr.write(`${m}\n`);

/** Runs the CLI; resolves with exit code, stdout and wall time in ms. */
function fittrack(args) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: url, FITTRACK_HOME: home, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err, ms: performance.now() - t0 }));
  });
}

function pct(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

let day = 0;
const nextDate = () => new Date(Date.UTC(2000, 0, 1) + day++ * 86_400_000).toISOString().slice(0, 10);

/** Logs weights one after another while `running()`; returns each call's wall time. */
async function weightLoop(running, min = 0) {
  const times = [];
  while (running() || times.length < min) {
    const r = await fittrack(['log-weight', `${(70 + Math.random() * 10).toFixed(1)}kg`, '--date', nextDate()]);
    if (r.code !== 0) throw new Error(`log-weight failed: ${r.err}`);
    times.push(r.ms);
  }
  return times;
}

const migrate = await fittrack(['db', 'migrate']);
if (migrate.code !== 0) throw new Error(`db migrate failed: ${migrate.err}`);
const client = new pg.Client({ connectionString: url });
await client.connect();
const { rows: pw } = await client.query('select count(*)::int as n from users where password_hash is not null');
if (pw[0].n > 0) throw new Error('the bench database has users with passwords: use a scratch database in local mode');
await fittrack(['whoami']); // creates the local profile
const { rows: users } = await client.query('select id from users order by id limit 1');
const userId = users[0].id;

log(`filling ${TOTAL} sessions (half expired 30 days ago)…`);
let t0 = performance.now();
await client.query('TRUNCATE user_sessions');
await client.query(
  `INSERT INTO user_sessions (user_id, token_hash, created_at, expires_at, last_activity_at, device_type)
   SELECT $1, md5(g::text) || md5((-g)::text),
          CASE WHEN g % 2 = 0 THEN now() - interval '40 days' ELSE now() - interval '1 hour' END,
          CASE WHEN g % 2 = 0 THEN now() - interval '30 days' ELSE now() + interval '23 hours' END,
          now() - interval '1 hour', 'cli'
   FROM generate_series(1, $2::int) AS g`,
  [userId, TOTAL],
);
await client.query('ANALYZE user_sessions');
const fillSeconds = (performance.now() - t0) / 1000;
log(`filled in ${fillSeconds.toFixed(1)} s`);

log('log-weight latency on the idle database…');
const idle = await weightLoop(() => false, 20);

log('cleanup with a log-weight loop beside it…');
let cleaning = true;
const during = weightLoop(() => cleaning, 5);
t0 = performance.now();
const cleanup = await fittrack(['sessions', 'cleanup', '--grace', '7d', '--batch-size', String(BATCH), '--json']);
const wall = (performance.now() - t0) / 1000;
cleaning = false;
const busy = await during;
if (cleanup.code !== 0) throw new Error(`cleanup failed: ${cleanup.err}`);
const result = JSON.parse(cleanup.out);
const { rows: left } = await client.query('select count(*)::int as n from user_sessions');
await client.end();

const fmt = (ms) => `${ms.toFixed(0)} ms`;
const report = {
  sessions: TOTAL,
  fillSeconds: Number(fillSeconds.toFixed(2)),
  removed: result.removed,
  remaining: left[0].n,
  batches: result.batches,
  batchSize: BATCH,
  cleanupSeconds: Number(result.seconds.toFixed(2)),
  cleanupWallSeconds: Number(wall.toFixed(2)),
  longestBatchMs: Number((result.longestBatchSeconds * 1000).toFixed(1)),
  logWeightIdle: { n: idle.length, p50Ms: Math.round(pct(idle, 50)), p99Ms: Math.round(pct(idle, 99)) },
  logWeightDuringCleanup: { n: busy.length, p50Ms: Math.round(pct(busy, 50)), p99Ms: Math.round(pct(busy, 99)) },
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
log(
  `removed ${result.removed} of ${TOTAL} sessions in ${result.batches} batches, ${result.seconds.toFixed(2)} s (longest batch ${fmt(result.longestBatchSeconds * 1000)}); ` +
    `log-weight p99 ${fmt(pct(idle, 99))} idle, ${fmt(pct(busy, 99))} during cleanup`,
);

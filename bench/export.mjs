// Export benchmark: seeds N weigh-ins for one user with the bare driver, then runs the built CLI
// (`fittrack export --format csv --what health --output FILE`) and reports rows/s and peak RSS.
//
//   node scripts/build.mjs && node bench/export.mjs [--rows 100000,1000000] [--engine sqlite|postgres|both] [--pg-url postgres://…]
//     [--format csv|ndjson] [--repeat N] [--bin path/to/fittrack.cjs,other/fittrack.cjs] [--cpu-prof DIR]
//
// Without --pg-url (or BENCH_DATABASE_URL) a throwaway embedded PostgreSQL is started.
// --bin compares builds on the same seeded data: each export runs --repeat times per build,
// the builds taking turns, and the median time and peak RSS are reported (the machine is noisy).
// cpu_s (user + system time of the export, sampled every 25 ms) is steadier than wall time under load.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from './lib/pg.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const sizes = arg('rows', '100000,1000000').split(',').map(Number);
const engines = arg('engine', 'both') === 'both' ? ['sqlite', 'postgres'] : [arg('engine')];
const bins = arg('bin', path.join(root, 'bin', 'fittrack.cjs')).split(',').map((b) => path.resolve(b));
const repeat = Number(arg('repeat', '1'));
const format = arg('format', 'csv');
const profileDir = arg('cpu-prof', null);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fittrack-bench-'));

function run(args, dbUrl, bin = bins[0]) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const prof = profileDir && args[0] === 'export' ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
    const child = spawn(process.execPath, [...prof, bin, ...args], {
      env: { ...process.env, DATABASE_URL: dbUrl, FITTRACK_HOME: work, USER: 'bench', NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let peakKb = 0;
    let cpuTicks = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
        // utime + stime (fields 14 and 15), in clock ticks: CPU time is steadier than wall time on a busy machine.
        const stat = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        cpuTicks = Math.max(cpuTicks, Number(f[11]) + Number(f[12]));
      } catch {
        // exited
      }
    }, 25);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) reject(new Error(`fittrack ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve({ seconds, peakMb: peakKb / 1024, cpuSeconds: cpuTicks / 100 });
    });
  });
}

async function seedSqlite(file, rows) {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.prepare("insert into users (username, created_at, updated_at) values ('bench', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')").run();
  const userId = db.prepare("select id from users where username = 'bench'").get().id;
  db.prepare(`with recursive seq(i) as (select 0 union all select i + 1 from seq where i < ? - 1)
    insert into health_metrics (user_id, recorded_date, weight_kg, weight_unit, body_fat_pct, notes, created_at, updated_at)
    select ?, date('1000-01-01', '+' || i || ' days'), 80 + (i % 100) / 10.0, 'kg', case when i % 3 = 0 then 20 + (i % 50) / 10.0 end,
      'weigh-in ' || i || ', after "run"', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' from seq`).run(rows, userId);
  db.close();
}

async function seedPostgres(url, rows) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows: u } = await client.query("insert into users (username) values ('bench') returning id");
  await client.query(
    `insert into health_metrics (user_id, recorded_date, weight_kg, weight_unit, body_fat_pct, notes)
     select $1, date '1000-01-01' + i, 80 + (i % 100) / 10.0, 'kg', case when i % 3 = 0 then 20 + (i % 50) / 10.0 end, 'weigh-in ' || i || ', after "run"'
     from generate_series(0, $2 - 1) as i`,
    [u[0].id, rows],
  );
  await client.query('analyze health_metrics');
  await client.end();
}

let stopPg = async () => {};
async function pgServer() {
  const given = arg('pg-url', process.env.BENCH_DATABASE_URL);
  if (given) return given;
  const server = await startPostgres();
  stopPg = () => server.stop();
  return server.url;
}

async function freshPgDb(serverUrl, name) {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  await c.query(`drop database if exists ${name}`);
  await c.query(`create database ${name}`);
  await c.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Records in an export: LF count (CSV records end in CRLF, and fields with line breaks are quoted; the bench's notes have none). */
const countLines = (bytes) => {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  return n;
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const results = [];
try {
  const serverUrl = engines.includes('postgres') ? await pgServer() : null;
  for (const engine of engines) {
    for (const rows of sizes) {
      const dbUrl = engine === 'sqlite' ? path.join(work, `bench-${rows}.db`) : await freshPgDb(serverUrl, `fittrack_bench_${rows}`);
      await run(['db', 'migrate'], dbUrl);
      const seedStart = Date.now();
      if (engine === 'sqlite') await seedSqlite(dbUrl, rows);
      else await seedPostgres(dbUrl, rows);
      const seedSeconds = (Date.now() - seedStart) / 1000;
      const runs = new Map(bins.map((b) => [b, []]));
      let reference = null;
      for (let k = 0; k < repeat; k++) {
        for (const bin of bins) {
          const out = path.join(work, `export-${engine}-${rows}.${format}`);
          const { seconds, peakMb, cpuSeconds } = await run(['export', '--format', format, '--what', 'health', '--output', out], dbUrl, bin);
          const bytes = fs.readFileSync(out);
          const lines = countLines(bytes) - (format === 'csv' ? 1 : 0);
          if (lines !== rows) throw new Error(`${engine}: exported ${lines} rows, expected ${rows}`);
          const digest = createHash('sha256').update(bytes).digest('hex');
          if (reference === null) reference = digest;
          else if (reference !== digest) throw new Error(`${engine}: ${bin} wrote different bytes than ${bins[0]}`);
          runs.get(bin).push({ seconds, peakMb, cpuSeconds, size: bytes.length });
          fs.rmSync(out);
        }
      }
      for (const bin of bins) {
        const rs = runs.get(bin);
        const seconds = median(rs.map((x) => x.seconds));
        const peakMb = median(rs.map((x) => x.peakMb));
        const r = {
          ...(bins.length > 1 ? { bin: path.relative(root, bin) } : {}),
          engine,
          rows,
          seed_s: +seedSeconds.toFixed(1),
          export_s: +seconds.toFixed(2),
          rows_per_s: Math.round(rows / seconds),
          cpu_s: +median(rs.map((x) => x.cpuSeconds)).toFixed(2),
          rows_per_cpu_s: Math.round(rows / median(rs.map((x) => x.cpuSeconds))),
          peak_rss_mb: +peakMb.toFixed(1),
          max_rss_mb: +Math.max(...rs.map((x) => x.peakMb)).toFixed(1),
          file_mb: +(rs[0].size / 1048576).toFixed(1),
          runs: rs.length,
        };
        results.push(r);
        console.log(JSON.stringify(r));
      }
    }
  }
} finally {
  await stopPg();
  fs.rmSync(work, { recursive: true, force: true });
}
console.table(results);

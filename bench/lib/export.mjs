// Export: rows per second and peak memory of `export --format csv --what health --output FILE`
// over health rows seeded by the bare driver (one user), on SQLite and PostgreSQL, each beside
// the bare driver reading the same rows and writing them to a file (bench/baseline-export.mjs)
// in the same rounds: the target is a ratio to that ceiling.
import { createReadStream, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { freshDb, seedHealth } from './db.mjs';
import { ROOT, fittrack, isPlaceholder, node } from './proc.mjs';
import { fmt, fmtInt, summary } from './stats.mjs';

const TARGET_RATIO = 0.5;
const TARGET_RSS_MB = 150;

/** Counts the newline characters of a file without loading it. */
export function countLines(file) {
  return new Promise((resolve, reject) => {
    let n = 0;
    createReadStream(file)
      .on('data', (buf) => {
        for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
      })
      .on('end', () => resolve(n))
      .on('error', reject);
  });
}

export async function benchExport(ctx) {
  const sizes = ctx.quick ? [10_000, 100_000] : [100_000, 1_000_000];
  const reps = ctx.quick ? 2 : 3;
  const engines = ['sqlite', 'postgres'];
  const dbs = {};
  for (const engine of engines) {
    for (const n of sizes) {
      ctx.log(`export: seeding ${n} health rows on ${engine}`);
      const db = await freshDb(engine, ctx.pgUrl);
      await seedHealth(db, n);
      dbs[`${engine}:${n}`] = db;
    }
  }
  const probeDb = dbs[`sqlite:${sizes[0]}`];
  const probe = await fittrack(['export', '--help'], { db: probeDb.url, home: probeDb.dir });
  if (probe.code !== 0 || isPlaceholder(probe)) {
    for (const d of Object.values(dbs)) await d.drop();
    return { rows: engines.flatMap((engine) => sizes.map((n) => ({ what: `export CSV, ${fmtInt(n)} health rows`, engine, notMeasured: 'export is not built yet' }))), raw: {} };
  }
  const results = {};
  const bare = {};
  const capMs = ctx.quick ? 30_000 : 90_000;
  const measure = async (engine, n, rep) => {
    const db = dbs[`${engine}:${n}`];
    const out = path.join(db.dir, `export-${rep}.csv`);
    const r = await fittrack(['export', '--format', 'csv', '--what', 'health', '--output', out], { db: db.url, home: db.dir, memory: true, timeoutMs: capMs });
    const key = `${engine}:${n}`;
    if (r.timedOut) {
      (results[key] ??= []).push({ timedOut: true, rps: n / (capMs / 1000), wallMs: r.wallMs, maxRssKb: r.maxRssKb });
      rmSync(out, { force: true });
      return;
    }
    if (r.code !== 0) throw new Error(`export on ${engine} failed: ${r.stderr.trim()}`);
    const lines = await countLines(out);
    if (lines !== n + 1) throw new Error(`export on ${engine} wrote ${lines} lines for ${n} rows (+1 header expected)`);
    (results[key] ??= []).push({ rps: n / (r.wallMs / 1000), wallMs: r.wallMs, maxRssKb: r.maxRssKb, bytes: statSync(out).size });
    rmSync(out, { force: true });
    // The ceiling, right after: the bare driver reading the same rows into a file.
    const b = await node([path.join(ROOT, 'bench', 'baseline-export.mjs'), '--db', db.url, '--user', String(db.userId), '--output', out], { memory: true, timeoutMs: capMs });
    if (b.code !== 0) throw new Error(`bare export on ${engine} failed: ${b.stderr.trim()}`);
    const bareLines = await countLines(out);
    if (bareLines !== n + 1) throw new Error(`bare export on ${engine} wrote ${bareLines} lines for ${n} rows`);
    (bare[key] ??= []).push({ rps: n / (b.wallMs / 1000), wallMs: b.wallMs, maxRssKb: b.maxRssKb });
    rmSync(out, { force: true });
  };
  // Interleaved: each round runs every engine, alternating which goes first. The larger size
  // is repeated only when one run is short; a run longer than the cap is stopped and reported.
  for (const n of sizes) {
    let rounds = reps;
    if (n !== sizes[0]) {
      const slowest = Math.min(...engines.map((e) => summary(results[`${e}:${sizes[0]}`].map((x) => x.rps)).median));
      if ((n / slowest) * 1000 > 15_000) rounds = 1;
    }
    for (let rep = 0; rep < rounds; rep++) {
      for (const engine of rep % 2 ? [...engines].reverse() : engines) await measure(engine, n, rep);
    }
  }
  for (const d of Object.values(dbs)) await d.drop();
  const rows = [];
  const raw = {};
  for (const engine of engines) {
    for (const n of sizes) {
      const runs = results[`${engine}:${n}`];
      raw[`${engine}:${n}`] = runs;
      const what = `export CSV, ${fmtInt(n)} health rows`;
      const rssMb = Math.max(...runs.map((x) => x.maxRssKb)) / 1024;
      if (runs.some((x) => x.timedOut)) {
        rows.push({ what: `${what}: rows/s`, engine, figure: `< ${fmtInt(n / (capMs / 1000))} rows/s (stopped after ${capMs / 1000} s, unfinished)`, target: `≥ ${TARGET_RATIO}× the bare driver`, met: false, value: n / (capMs / 1000) });
        rows.push({ what: `${what}: peak memory`, engine, figure: `≥ ${fmt(rssMb, 0)} MB when stopped`, target: `< ${TARGET_RSS_MB} MB`, met: rssMb >= TARGET_RSS_MB ? false : null, value: rssMb });
        continue;
      }
      const rps = summary(runs.map((x) => x.rps));
      const ceiling = summary(bare[`${engine}:${n}`].map((x) => x.rps));
      raw[`${engine}:${n}:bare`] = bare[`${engine}:${n}`];
      const ratio = rps.median / ceiling.median;
      const runsText = runs.length === 1 ? '1 run' : `min–max ${fmtInt(rps.min)}–${fmtInt(rps.max)}, ${runs.length} runs`;
      rows.push({
        what: `${what}: rows/s`,
        engine,
        figure: `${fmtInt(rps.median)} rows/s (${runsText}); bare driver reading them into a file: ${fmtInt(ceiling.median)} rows/s, so ${fmt(ratio)}× the ceiling`,
        target: `≥ ${TARGET_RATIO}× the bare driver`,
        met: ratio >= TARGET_RATIO,
        value: ratio,
      });
      rows.push({ what: `${what}: peak memory`, engine, figure: `${fmt(rssMb, 0)} MB (highest of ${runs.length} run${runs.length === 1 ? '' : 's'})`, target: `< ${TARGET_RSS_MB} MB`, met: rssMb < TARGET_RSS_MB, value: rssMb });
    }
  }
  return { rows, raw };
}

// Import: `import-md` of generated legacy logs end to end (read, parse, validate, dedupe against
// stored rows, insert, commit), beside the bare driver writing the same number of rows
// (bench/baseline-import.mjs: a prepared statement in one transaction on SQLite, COPY on
// PostgreSQL) in the same rounds. Three cases: into an empty database, again over the same rows
// (every row unchanged), and with 200 000 other rows already stored; and the peak memory of a
// file of 200 000 rows and of one of 1 000 000.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshDb } from './db.mjs';
import { ROOT, check, fittrack, isPlaceholder, node } from './proc.mjs';
import { fmt, fmtInt, summary } from './stats.mjs';

const TARGET_RATIO = 0.5;
const TARGET_RSS_MB = 150;
/** The V8 heap both sizes are imported with once more, to show what the import itself holds. */
const HEAP_CAP_MB = 64;

export async function benchImport(ctx) {
  const half = ctx.quick ? 10_000 : 100_000;
  // A million rows: the check-ins of 1900–2200 have one day each, so the rest are exercise rows,
  // three sessions a day.
  const big = ctx.quick ? { checkins: 20_000, exercises: 80_000 } : { checkins: 100_000, exercises: 900_000 };
  const rowsTotal = 2 * half;
  const engines = ['sqlite', 'postgres'];
  const capMs = ctx.quick ? 60_000 : 300_000;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'ft-bench-legacy-'));
  const generate = async (checkins, exercises, dir, seed, perDay = 1) => {
    const gen = await node([path.join(ROOT, 'bench/generate-legacy.mjs'), '--checkins', String(checkins), '--exercises', String(exercises), '--sessions-per-day', String(perDay), '--out', dir, '--seed', String(seed)], { timeoutMs: 300_000 });
    if (gen.code !== 0) throw new Error(`bench/generate-legacy.mjs failed: ${gen.stderr.trim().split('\n')[0]}`);
  };
  const files = path.join(scratch, 'main');
  const bigFiles = path.join(scratch, 'big');
  try {
    await generate(half, half, files, 1);
    await generate(big.checkins, big.exercises, bigFiles, 2, 3);
    const bigRows = big.checkins + big.exercises;
    const results = { baseline: {}, fresh: {}, rerun: {}, incremental: {}, big: {}, capped: {}, bigCapped: {} };
    const push = (kind, engine, x) => (results[kind][engine] ??= []).push(x);

    /** import-md of `dir` into the database; resolves with the run's figures, or a reason it could not run. */
    const importInto = async (db, dir, expected, env = {}) => {
      const r = await fittrack(['import-md', dir, '--json'], { db: db.url, home: db.dir, memory: true, timeoutMs: capMs, env });
      if (isPlaceholder(r)) return { notBuilt: 'import-md is not built yet' };
      if (r.timedOut) return { timedOut: true, wallMs: r.wallMs, maxRssKb: r.maxRssKb };
      check(r, `import-md on ${db.engine}`);
      const report = JSON.parse(r.stdout);
      if (report.totals.rows !== expected.rows || report.totals.errors !== 0 || report.totals.created !== expected.created) {
        throw new Error(`import-md on ${db.engine} read ${report.totals.rows} rows (${report.totals.created} created, ${report.totals.errors} errors); expected ${expected.rows} rows, ${expected.created} created`);
      }
      return { wallMs: r.wallMs, maxRssKb: r.maxRssKb, rps: expected.rows / (r.wallMs / 1000), phasesMs: report.timings_ms ?? null };
    };
    const bare = async (db, start) =>
      check(await node([path.join(ROOT, 'bench/baseline-import.mjs'), '--db', db.url, '--user', String(db.userId), '--checkins', String(half), '--exercises', String(half), ...(start ? ['--start', start] : [])], { memory: true, timeoutMs: capMs }), `bare driver on ${db.engine}`);

    let notBuilt = null;
    const reps = ctx.quick ? 2 : 3;
    for (let rep = 0; rep < reps && !notBuilt; rep++) {
      for (const engine of rep % 2 ? [...engines].reverse() : engines) {
        ctx.log(`import: round ${rep + 1}/${reps}, ${engine}`);
        // The ceiling: the bare driver writing as many rows into an empty database.
        {
          const db = await freshDb(engine, ctx.pgUrl);
          try {
            const r = await bare(db);
            push('baseline', engine, { wallMs: r.wallMs, maxRssKb: r.maxRssKb, rps: rowsTotal / (r.wallMs / 1000) });
          } finally {
            await db.drop();
          }
        }
        // Into an empty database, then the same files again (every row already stored).
        {
          const db = await freshDb(engine, ctx.pgUrl);
          try {
            const fresh = await importInto(db, files, { rows: rowsTotal, created: rowsTotal });
            if (fresh.notBuilt) {
              notBuilt = fresh.notBuilt;
              break;
            }
            push('fresh', engine, fresh);
            if (!fresh.timedOut) push('rerun', engine, await importInto(db, files, { rows: rowsTotal, created: 0 }));
          } finally {
            await db.drop();
          }
        }
        // With 200 000 other rows stored (days after the files' last), seeded by the bare driver.
        {
          const db = await freshDb(engine, ctx.pgUrl);
          try {
            await bare(db, '2200-01-01');
            push('incremental', engine, await importInto(db, files, { rows: rowsTotal, created: rowsTotal }));
          } finally {
            await db.drop();
          }
        }
      }
    }
    // A file five times larger, once per engine: its memory must be that of the smaller one.
    for (const engine of notBuilt ? [] : engines) {
      ctx.log(`import: ${fmtInt(bigRows)} rows, ${engine}`);
      const db = await freshDb(engine, ctx.pgUrl);
      try {
        push('big', engine, await importInto(db, bigFiles, { rows: bigRows, created: bigRows }));
      } catch (err) {
        push('big', engine, { failed: String(err.message ?? err).split('\n')[0] });
      } finally {
        await db.drop();
      }
    }
    // Both sizes again with the V8 heap capped: what the import holds (not what the collector
    // leaves lying about) must fit the same small heap whatever the size of the file.
    for (const [kind, dir, rowsIn] of [['capped', files, rowsTotal], ['bigCapped', bigFiles, bigRows]]) {
      const db = await freshDb('sqlite', ctx.pgUrl);
      try {
        push(kind, 'sqlite', await importInto(db, dir, { rows: rowsIn, created: rowsIn }, { NODE_OPTIONS: `--max-old-space-size=${HEAP_CAP_MB}` }));
      } catch (err) {
        push(kind, 'sqlite', { failed: String(err.message ?? err).split('\n')[0] });
      } finally {
        await db.drop();
      }
    }
    if (notBuilt) return { rows: engines.map((engine) => ({ what: 'import-md', engine, notMeasured: notBuilt })), raw: {} };

    const rows = [];
    const rowsText = `${fmtInt(half)} check-ins + ${fmtInt(half)} exercise rows`;
    const cases = [
      ['fresh', `import-md, ${rowsText} into an empty database`],
      ['rerun', `import-md of the same ${rowsText} again (all stored, all unchanged)`],
      ['incremental', `import-md, ${rowsText} with ${fmtInt(rowsTotal)} other rows stored`],
    ];
    for (const engine of engines) {
      const base = summary(results.baseline[engine].map((x) => x.rps));
      const how = engine === 'sqlite' ? 'a prepared statement' : 'COPY';
      for (const [kind, what] of cases) {
        const runs = results[kind][engine] ?? [];
        if (runs.length === 0) continue;
        if (runs.some((x) => x.timedOut)) {
          rows.push({ what: `${what}: rows/s`, engine, figure: `unfinished after ${capMs / 1000} s; bare driver: ${fmtInt(base.median)} rows/s`, target: `≥ ${TARGET_RATIO}× the bare driver`, met: false });
          continue;
        }
        const rps = summary(runs.map((x) => x.rps));
        const spread = runs.length === 1 ? '1 run' : `min–max ${fmtInt(rps.min)}–${fmtInt(rps.max)}, ${runs.length} runs`;
        const ratio = rps.median / base.median;
        rows.push({
          what: `${what}: rows/s`,
          engine,
          figure: `${fmtInt(rps.median)} rows/s (${spread}); bare driver (${how}, one transaction): ${fmtInt(base.median)} rows/s, so ${fmt(ratio)}×`,
          target: `≥ ${TARGET_RATIO}× the bare driver`,
          met: ratio >= TARGET_RATIO,
          value: ratio,
        });
      }
      const fresh = results.fresh[engine] ?? [];
      const rssMb = Math.max(...fresh.map((x) => x.maxRssKb)) / 1024;
      const baseRss = Math.max(...results.baseline[engine].map((x) => x.maxRssKb)) / 1024;
      rows.push({ what: `import-md, ${rowsText}: peak memory`, engine, figure: `${fmt(rssMb, 0)} MB (highest of ${fresh.length}; bare driver ${fmt(baseRss, 0)} MB)`, target: `≤ ${TARGET_RSS_MB} MB`, met: rssMb <= TARGET_RSS_MB, value: rssMb });
      const bigRun = results.big[engine]?.[0];
      const bigWhat = `import-md, ${fmtInt(big.checkins)} check-ins + ${fmtInt(big.exercises)} exercise rows: peak memory`;
      if (bigRun?.failed) rows.push({ what: bigWhat, engine, notMeasured: `the import failed: ${bigRun.failed}` });
      else if (bigRun) {
        const bigMb = bigRun.maxRssKb / 1024;
        const figure = bigRun.timedOut ? `≥ ${fmt(bigMb, 0)} MB when stopped after ${capMs / 1000} s` : `${fmt(bigMb, 0)} MB (1 run; ${fmtInt(bigRun.rps)} rows/s)`;
        rows.push({ what: bigWhat, engine, figure, target: `≤ ${TARGET_RSS_MB} MB`, met: !bigRun.timedOut && bigMb <= TARGET_RSS_MB, value: bigMb });
      }
    }
    for (const [kind, what] of [
      ['capped', `import-md, ${rowsText}, with a ${HEAP_CAP_MB} MB V8 heap`],
      ['bigCapped', `import-md, ${fmtInt(big.checkins)} check-ins + ${fmtInt(big.exercises)} exercise rows, with a ${HEAP_CAP_MB} MB V8 heap`],
    ]) {
      const run = results[kind].sqlite?.[0];
      if (!run) continue;
      if (run.failed || run.timedOut) rows.push({ what, engine: 'sqlite', figure: run.failed ? `failed: ${run.failed}` : `unfinished after ${capMs / 1000} s`, target: 'completes (memory does not grow with the file)', met: false });
      else rows.push({ what, engine: 'sqlite', figure: `completes; peak memory ${fmt(run.maxRssKb / 1024, 0)} MB, ${fmtInt(run.rps)} rows/s`, target: 'completes (memory does not grow with the file)', met: true });
    }
    return { rows, raw: results };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

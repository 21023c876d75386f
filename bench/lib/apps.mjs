// Imports from other apps: a Strong CSV of a million sets, end to end, beside the bare driver
// writing the same rows in the same run; and a generated Apple Health export.xml of 2 GB, whose
// peak memory must not grow with the file.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshDb } from './db.mjs';
import { ROOT, check, fittrack, node } from './proc.mjs';
import { fmt, fmtInt, summary } from './stats.mjs';

const TARGET_RATIO = 0.5;
const TARGET_APPLE_RSS_MB = 200;

export async function benchApps(ctx) {
  const rows = [];
  const raw = {};
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ft-bench-apps-'));
  try {
    const sets = ctx.quick ? 100_000 : 1_000_000;
    const strong = path.join(dir, 'strong.csv');
    check(await node([path.join(ROOT, 'bench/generate-apps.mjs'), '--strong-sets', String(sets), '--out', strong], { timeoutMs: 600_000 }), 'generating the Strong export');
    for (const engine of ['sqlite', 'postgres']) {
      const runs = [];
      const bases = [];
      for (let rep = 0; rep < (ctx.quick ? 1 : 2); rep++) {
        ctx.log(`apps: Strong ${fmtInt(sets)} sets, ${engine}, round ${rep + 1}`);
        const db = await freshDb(engine, ctx.pgUrl);
        try {
          const r = check(await fittrack(['import', strong, '--json'], { db: db.url, home: db.dir, memory: true, timeoutMs: 1_200_000 }), `import of a Strong export on ${engine}`);
          const report = JSON.parse(r.stdout);
          if (report.totals.rows !== sets || report.totals.errors !== 0) throw new Error(`import read ${report.totals.rows} rows with ${report.totals.errors} errors; expected ${sets} clean rows`);
          runs.push({ wallMs: r.wallMs, maxRssKb: r.maxRssKb, setsPerSecond: sets / (r.wallMs / 1000) });
        } finally {
          await db.drop();
        }
        const base = await freshDb(engine, ctx.pgUrl);
        try {
          const b = check(await node([path.join(ROOT, 'bench/baseline-apps.mjs'), '--db', base.url, '--user', String(base.userId), '--sets', String(sets)], { memory: true, timeoutMs: 1_200_000 }), `bare-driver insert on ${engine}`);
          bases.push({ wallMs: b.wallMs, setsPerSecond: sets / (b.wallMs / 1000) });
        } finally {
          await base.drop();
        }
      }
      const rate = summary(runs.map((x) => x.setsPerSecond)).median;
      const baseRate = summary(bases.map((x) => x.setsPerSecond)).median;
      const ratio = rate / baseRate;
      rows.push({
        what: `import of a Strong CSV, ${fmtInt(sets)} sets: sets/s`,
        engine,
        figure: `${fmtInt(rate)} sets/s; bare driver writing the same rows: ${fmtInt(baseRate)} sets/s, so ${fmt(ratio)}×; peak memory ${fmt(Math.max(...runs.map((x) => x.maxRssKb)) / 1024, 0)} MB`,
        target: `≥ ${TARGET_RATIO}× the bare driver`,
        met: ratio >= TARGET_RATIO,
        value: ratio,
      });
      raw[`strong_${engine}`] = { runs, bases };
    }
    rmSync(strong, { force: true });

    const mb = ctx.quick ? 200 : 2048;
    const xml = path.join(dir, 'export.xml');
    ctx.log(`apps: generating a ${mb} MB Apple Health export`);
    check(await node([path.join(ROOT, 'bench/generate-apps.mjs'), '--apple-mb', String(mb), '--out', xml], { timeoutMs: 1_200_000 }), 'generating the Apple Health export');
    const size = statSync(xml).size;
    const db = await freshDb('sqlite', ctx.pgUrl);
    try {
      ctx.log('apps: Apple Health import');
      const r = check(await fittrack(['import', xml, '--json'], { db: db.url, home: db.dir, memory: true, timeoutMs: 1_800_000 }), 'import of an Apple Health export');
      const report = JSON.parse(r.stdout);
      const rssMb = r.maxRssKb / 1024;
      rows.push({
        what: `import of an Apple Health export.xml of ${fmtInt(size / 2 ** 20)} MB (${fmtInt(report.totals.created)} check-ins and workouts)`,
        engine: 'sqlite',
        figure: `peak memory ${fmt(rssMb, 0)} MB; ${fmt(size / 2 ** 20 / (r.wallMs / 1000), 1)} MB/s (${fmt(r.wallMs / 1000, 0)} s)`,
        target: `≤ ${TARGET_APPLE_RSS_MB} MB, whatever the size`,
        met: rssMb <= TARGET_APPLE_RSS_MB,
        value: rssMb,
      });
      raw.apple = { bytes: size, wallMs: r.wallMs, maxRssKb: r.maxRssKb, created: report.totals.created };
    } finally {
      await db.drop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows, raw };
}

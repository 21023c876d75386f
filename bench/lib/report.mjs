// Report: `report weight` over ten years of daily weights (3 650 rows), median of a few runs,
// beside `node -e 0` in the same rounds.
import { freshDb, seedHealth } from './db.mjs';
import { check, fittrack, isPlaceholder, node } from './proc.mjs';
import { fmt, summary } from './stats.mjs';

const DAYS = 3650;

export async function benchReport(ctx) {
  const runs = ctx.quick ? 3 : 5;
  const rows = [];
  const raw = {};
  for (const engine of ['sqlite', 'postgres']) {
    const what = `\`report weight\`, ${DAYS} daily weights (10 years)`;
    const db = await freshDb(engine, ctx.pgUrl);
    try {
      await seedHealth(db, DAYS, '2015-01-01');
      const probe = await fittrack(['report', 'weight'], { db: db.url, home: db.dir });
      if (probe.code !== 0) {
        rows.push({ what, engine, notMeasured: isPlaceholder(probe) ? 'report weight is not built yet' : `report weight fails: ${probe.stderr.trim().split('\n')[0]}` });
        continue;
      }
      const times = [];
      const base = [];
      for (let i = 0; i < runs; i++) {
        base.push((await node(['-e', '0'])).wallMs);
        times.push(check(await fittrack(['report', 'weight'], { db: db.url, home: db.dir }), 'report weight').wallMs);
      }
      const s = summary(times);
      const b = summary(base);
      raw[engine] = { reportMs: s, nodeMs: b };
      rows.push({ what, engine, figure: `${fmt(s.median, 0)} ms (min–max ${fmt(s.min, 0)}–${fmt(s.max, 0)}, ${runs} runs; node -e 0: ${fmt(b.median, 0)} ms)`, target: '(none set)', met: null, value: s.median });
    } finally {
      await db.drop();
    }
  }
  return { rows, raw };
}

// Session cleanup on PostgreSQL: sessions seeded with generate_series, half of them expired
// long ago; `sessions cleanup --json` deletes those in batches while two writers keep logging
// weights. Reported: total time, the longest batch, and the writers' p99 latency during the
// cleanup beside their p99 on the idle database, measured in the same run.
import { countRows, dayAfter, freshDb } from './db.mjs';
import { withClient } from './pg.mjs';
import { check, fittrack, isPlaceholder } from './proc.mjs';
import { fmt, fmtInt, percentile } from './stats.mjs';

async function seedSessions(db, n) {
  await withClient(db.url, (c) =>
    c.query(
      `INSERT INTO user_sessions (user_id, token_hash, created_at, expires_at, last_activity_at, remember_me)
       SELECT $1, md5(g::text) || md5((g + 1)::text),
              CASE WHEN g % 2 = 0 THEN now() - interval '40 days' ELSE now() - interval '1 hour' END,
              CASE WHEN g % 2 = 0 THEN now() - interval '30 days' ELSE now() + interval '1 day' END,
              now() - interval '1 hour', false
       FROM generate_series(1, $2::int) AS g`,
      [db.userId, n],
    ),
  );
  await withClient(db.url, (c) => c.query('ANALYZE user_sessions'));
}

/** Runs `log-weight` one after another until `until()` says stop; returns each wall time. */
async function writer(db, dates, until, min) {
  const times = [];
  while ((!until() || times.length < min) && dates.length > 0) {
    const date = dates.shift();
    const r = await fittrack(['log-weight', `${(70 + Math.random() * 10).toFixed(1)}kg`, '--date', date], { db: db.url, home: db.dir });
    check(r, `log-weight --date ${date}`);
    times.push(r.wallMs);
  }
  return times;
}

export async function benchSessions(ctx) {
  const n = ctx.quick ? 100_000 : 1_000_000;
  const what = `sessions cleanup, ${fmtInt(n)} sessions (half expired)`;
  const db = await freshDb('postgres', ctx.pgUrl);
  try {
    const probe = await fittrack(['sessions', 'cleanup', '--dry-run', '--json'], { db: db.url, home: db.dir });
    if (isPlaceholder(probe) || probe.code !== 0) return { rows: [{ what, engine: 'postgres', notMeasured: isPlaceholder(probe) ? 'sessions cleanup is not built yet' : `sessions cleanup fails: ${probe.stderr.trim().split('\n')[0]}` }], raw: {} };
    const lwProbe = await fittrack(['log-weight', '80kg', '--date', '1999-12-31'], { db: db.url, home: db.dir });
    const canWrite = lwProbe.code === 0;
    ctx.log(`sessions: seeding ${n} sessions`);
    await seedSessions(db, n);

    const dates = Array.from({ length: 5000 }, (_, i) => dayAfter('2001-01-01', i));
    // The writers' latency with nothing else running on the database, for comparison.
    let idle = [];
    if (canWrite) {
      const w = () => writer(db, dates, () => true, 6);
      idle = (await Promise.all([w(), w()])).flat();
    }
    let cleaning = true;
    const cleanup = fittrack(['sessions', 'cleanup', '--json'], { db: db.url, home: db.dir, timeoutMs: 600_000 }).then((r) => {
      cleaning = false;
      return r;
    });
    const busy = canWrite ? (await Promise.all([writer(db, dates, () => !cleaning, 1), writer(db, dates, () => !cleaning, 1)])).flat() : [];
    const r = check(await cleanup, 'sessions cleanup');
    const res = JSON.parse(r.stdout);
    const left = await countRows(db, 'user_sessions');
    if (res.removed !== n / 2 || left !== n / 2) throw new Error(`sessions cleanup removed ${res.removed} and left ${left}; expected ${n / 2} each`);
    const written = await countRows(db, 'health_metrics');
    if (canWrite && written !== 1 + idle.length + busy.length) throw new Error(`${idle.length + busy.length} weights were logged but ${written - 1} are stored`);

    const rows = [
      { what: `${what}: total time`, engine: 'postgres', figure: `${fmt(res.seconds, 1)} s in ${res.batches} batches (${fmtInt(res.removed / res.seconds)} rows/s; process ${fmt(r.wallMs / 1000, 1)} s)`, target: '(none set)', met: null, value: res.seconds },
      { what: `${what}: longest batch`, engine: 'postgres', figure: `${fmt(res.longestBatchSeconds * 1000, 0)} ms`, target: '(none set)', met: null, value: res.longestBatchSeconds },
    ];
    if (canWrite) {
      rows.push({ what: `${what}: p99 of concurrent \`log-weight\` (2 writers)`, engine: 'postgres', figure: `${fmt(percentile(busy, 99), 0)} ms over ${busy.length} writes (idle database: ${fmt(percentile(idle, 99), 0)} ms over ${idle.length}); no write lost`, target: '(none set)', met: null, value: percentile(busy, 99) });
    } else {
      rows.push({ what: `${what}: p99 of concurrent \`log-weight\``, engine: 'postgres', notMeasured: `log-weight ${isPlaceholder(lwProbe) ? 'is not built yet' : `fails: ${lwProbe.stderr.trim().split('\n')[0]}`}` });
    }
    return { rows, raw: { cleanup: res, wallMs: r.wallMs, busyMs: busy, idleMs: idle } };
  } finally {
    await db.drop();
  }
}

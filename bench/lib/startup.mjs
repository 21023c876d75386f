// Startup: wall time of `fittrack log-weight` (and the other logging commands) on an existing
// SQLite database and of `fittrack --version`, each against `node -e 0`, interleaved round by round.
import { dayAfter, freshDb } from './db.mjs';
import { fittrack, isPlaceholder, node } from './proc.mjs';
import { fmt, summary } from './stats.mjs';

const TARGET_RATIO = 1.5;

export async function benchStartup(ctx) {
  const runs = ctx.quick ? 15 : 31;
  const db = await freshDb('sqlite');
  const rows = [];
  const probe = await fittrack(['log-weight', '80kg', '--date', '2001-01-01'], { db: db.url, home: db.dir });
  const logWeight = probe.code === 0 ? true : isPlaceholder(probe) ? 'not built yet' : `fails: ${probe.stderr.trim().split('\n')[0]}`;
  const times = { node: [], version: [], logWeight: [], logMeal: [], logWorkout: [] };
  const kinds = ['node', 'version', ...(logWeight === true ? ['logWeight', 'logMeal', 'logWorkout'] : [])];
  for (let i = 0; i < runs; i++) {
    // Rotate which command goes first, so none always runs on a warmer cache.
    for (let k = 0; k < kinds.length; k++) {
      const kind = kinds[(i + k) % kinds.length];
      if (kind === 'node') times.node.push((await node(['-e', '0'])).wallMs);
      else if (kind === 'version') {
        const r = await fittrack(['--version'], { db: db.url, home: db.dir });
        if (r.code !== 0) throw new Error(`fittrack --version failed: ${r.stderr}`);
        times.version.push(r.wallMs);
      } else {
        const args = {
          logWeight: ['log-weight', '80kg'],
          logMeal: ['log-meal', 'lunch', 'chicken salad', '--calories', '550'],
          logWorkout: ['log-workout', 'Upper A', 'Bench 3x5@100kg', 'Row 3x8@60kg'],
        }[kind];
        const r = await fittrack([...args, '--date', dayAfter('2002-01-01', i)], { db: db.url, home: db.dir });
        if (r.code !== 0) throw new Error(`fittrack ${args[0]} failed: ${r.stderr}`);
        times[kind].push(r.wallMs);
      }
    }
  }
  await db.drop();
  const base = summary(times.node);
  const describe = (s) => `${fmt(s.median / base.median)}× (median ${fmt(s.median, 0)} ms, min–max ${fmt(s.min, 0)}–${fmt(s.max, 0)} ms; node -e 0: ${fmt(base.median, 0)} ms, ${fmt(base.min, 0)}–${fmt(base.max, 0)})`;
  const raw = { runs, nodeMs: base };
  if (logWeight === true) {
    const s = summary(times.logWeight);
    raw.logWeightMs = s;
    rows.push({ what: 'startup: `log-weight 80kg --date D` vs `node -e 0`', engine: 'sqlite', figure: describe(s), target: `≤ ${TARGET_RATIO}×`, met: s.median / base.median <= TARGET_RATIO, value: s.median / base.median });
    for (const [kind, what] of [
      ['logMeal', 'startup: `log-meal lunch "…" --calories 550 --date D` vs `node -e 0`'],
      ['logWorkout', 'startup: `log-workout "Upper A" "Bench 3x5@100kg" "Row 3x8@60kg" --date D` vs `node -e 0`'],
    ]) {
      const k = summary(times[kind]);
      raw[`${kind}Ms`] = k;
      rows.push({ what, engine: 'sqlite', figure: describe(k), target: '(none set)', met: null, value: k.median / base.median });
    }
  } else {
    rows.push({ what: 'startup: `log-weight 80kg --date D` vs `node -e 0`', engine: 'sqlite', notMeasured: `log-weight ${logWeight}` });
  }
  const v = summary(times.version);
  raw.versionMs = v;
  rows.push({ what: 'startup: `--version` vs `node -e 0`', engine: '—', figure: describe(v), target: '(none; for reference)', met: null, value: v.median / base.median });
  return { rows, raw };
}

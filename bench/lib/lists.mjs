// Lists and reports over long histories: `log-weight --list` over 30 000 weigh-ins, and the
// workout list and the reports over ten years of training (5 sessions a week, 6 exercises each,
// with a daily weigh-in), each beside `node -e 0` in the same interleaved rounds. Every list
// and report must stay linear in the rows it reads: the target is ≤ 5× `node -e 0`.
import { execSql, freshDb, seedHealth, seedWorkouts } from './db.mjs';
import { check, fittrack, node } from './proc.mjs';
import { fmt, fmtInt, summary } from './stats.mjs';

const TARGET_RATIO = 5;
const WEIGH_INS = 30_000;
const YEARS = 10;

/** The commands measured on each database: [what, argv]. */
function commands(kind) {
  if (kind === 'weights') return [[`\`log-weight --list\`, ${fmtInt(WEIGH_INS)} weigh-ins`, ['log-weight', '--list']]];
  const history = `${YEARS} years of workouts`;
  return [
    [`\`log-workout --list\`, ${history}`, ['log-workout', '--list']],
    [`\`log-meal --list\`, ${history} and meals`, ['log-meal', '--list', '--date', 'yesterday']],
    [`\`report weight\`, ${history} (daily weights)`, ['report', 'weight']],
    [`\`report lifts\`, ${history}`, ['report', 'lifts']],
    [`\`report goals\`, ${history}`, ['report', 'goals']],
    [`\`report summary --month\`, ${history}`, ['report', 'summary', '--month']],
    [`\`report --html\`, ${history}`, ['report', '--html', 'REPORT']],
  ];
}

/** Ten years of workouts, daily weights and four meals a day, a weight goal and an e1RM goal. */
async function seedHistory(db) {
  const counts = await seedWorkouts(db, YEARS);
  const days = Math.round(YEARS * 365.25);
  const start = new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
  await seedHealth(db, days, start);
  const meals = ['breakfast', 'lunch', 'dinner', 'snack'];
  const mealSql =
    db.engine === 'sqlite'
      ? `WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i < ${days * 4 - 1})
         INSERT INTO meal_logs (user_id, meal_date, meal_type, description, calories, protein_g, carbs_g, fat_g)
         SELECT ${db.userId}, date('${start}', '+' || (i / 4) || ' days'), CASE i % 4 ${meals.map((m, k) => `WHEN ${k} THEN '${m}'`).join(' ')} END, 'meal ' || i, 400 + i % 300, 30, 40, 15 FROM g`
      : `INSERT INTO meal_logs (user_id, meal_date, meal_type, description, calories, protein_g, carbs_g, fat_g)
         SELECT ${db.userId}, DATE '${start}' + g / 4, (ARRAY['${meals.join("','")}'])[g % 4 + 1], 'meal ' || g, 400 + g % 300, 30, 40, 15 FROM generate_series(0, ${days * 4 - 1}) AS g`;
  await execSql(db, mealSql);
  for (const args of [
    ['goal', 'add', 'Cut', '--metric', 'weight', '--target', '70kg'],
    ['goal', 'add', 'Squat 200', '--metric', 'e1rm:back squat', '--target', '200kg'],
  ]) {
    check(await fittrack(args, { db: db.url, home: db.dir }), `fittrack ${args.join(' ')}`);
  }
  return counts;
}

export async function benchLists(ctx) {
  const runs = ctx.quick ? 3 : 7;
  const rows = [];
  const raw = {};
  for (const engine of ['sqlite', 'postgres']) {
    for (const kind of ['weights', 'history']) {
      const db = await freshDb(engine, ctx.pgUrl);
      try {
        ctx.log(`lists: seeding ${kind === 'weights' ? `${WEIGH_INS} weigh-ins` : `${YEARS} years of history`} on ${engine}`);
        const seeded = kind === 'weights' ? (await seedHealth(db, WEIGH_INS, '1930-01-01'), { weighIns: WEIGH_INS }) : await seedHistory(db);
        const cmds = commands(kind).map(([what, argv]) => [what, argv.map((a) => (a === 'REPORT' ? `${db.dir}/report.html` : a))]);
        for (const [, argv] of cmds) check(await fittrack(argv, { db: db.url, home: db.dir }), `fittrack ${argv.join(' ')}`);
        const base = [];
        const times = cmds.map(() => []);
        for (let i = 0; i < runs; i++) {
          base.push((await node(['-e', '0'])).wallMs);
          for (let k = 0; k < cmds.length; k++) {
            const j = (i + k) % cmds.length;
            times[j].push(check(await fittrack(cmds[j][1], { db: db.url, home: db.dir }), cmds[j][0]).wallMs);
          }
        }
        const b = summary(base);
        raw[`${engine}:${kind}`] = { seeded, nodeMs: b, commands: Object.fromEntries(cmds.map(([what], k) => [what, summary(times[k])])) };
        cmds.forEach(([what], k) => {
          const s = summary(times[k]);
          const ratio = s.median / b.median;
          rows.push({
            what: `${what} vs \`node -e 0\``,
            engine,
            figure: `${fmt(ratio)}× (median ${fmt(s.median, 0)} ms, min–max ${fmt(s.min, 0)}–${fmt(s.max, 0)} ms, ${runs} runs; node -e 0: ${fmt(b.median, 0)} ms)`,
            target: `≤ ${TARGET_RATIO}×`,
            met: ratio <= TARGET_RATIO,
            value: ratio,
          });
        });
      } finally {
        await db.drop();
      }
    }
  }
  return { rows, raw };
}

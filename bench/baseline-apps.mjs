// The physical ceiling for `fittrack import` of a Strong export: the rows it writes (sessions,
// exercise logs and, where the schema has it, one row per set) inserted by the bare driver
// (better-sqlite3: prepared statements in one transaction; pg: multi-row INSERTs in one
// transaction), with no parsing. Same shape as bench/generate-apps.mjs writes: workouts of 5
// exercises × 4 sets.
//
//   node bench/baseline-apps.mjs --db <file|postgres-url> --user <id> --sets N
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { pgInsertMany } from './lib/bare-insert.mjs';

const { values } = parseArgs({ options: { db: { type: 'string' }, user: { type: 'string' }, sets: { type: 'string' } } });
const url = values.db;
const userId = Number(values.user);
const totalSets = Number(values.sets);
const now = new Date().toISOString();
const day = (i) => new Date(Date.parse('1990-01-01T00:00:00Z') + i * 86_400_000).toISOString().slice(0, 10);
const SETS = 4;
const EXERCISES = 5;
const workouts = Math.ceil(totalSets / (SETS * EXERCISES));

const sessionRow = (w) => [userId, day(Math.floor(w / 4)), `Session ${(w % 4) + 1}`, 'strength', 65, 'strong.csv', w * 20 + 2, now, now];
const SESSION_COLS = 'user_id, session_date, title, session_type, duration_minutes, source_file, source_line, created_at, updated_at';
const exerciseRow = (sessionId, w, e) => [sessionId, `Exercise ${e}`, e + 1, SETS, null, JSON.stringify([10, 8, 6, 4]), 80 + (w % 7) * 2.5, 'kg', 8, '50 kg × 10, 60 kg × 8, 70 kg × 6, 80 kg × 4', 'strong.csv', w * 20 + e * 4 + 2, now];
const EXERCISE_COLS = 'session_id, exercise_name, order_index, sets, reps, reps_per_set, weight_kg, weight_unit, rpe, raw, source_file, source_line, created_at';
const setRow = (logId, s, w) => [logId, s + 1, 10 - s * 2, 50 + s * 10 + (w % 7) * 2.5, 'normal', 6.5 + s * 0.5];
const SET_COLS = 'exercise_log_id, set_index, reps, weight_kg, set_type, rpe';

if (/^postgres(ql)?:\/\//.test(url)) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const perSet = (await client.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'exercise_sets'")).rowCount > 0;
  const insertMany = pgInsertMany(client);
  await client.query('BEGIN');
  for (let w0 = 0; w0 < workouts; w0 += 200) {
    const ws = [];
    for (let w = w0; w < Math.min(workouts, w0 + 200); w++) ws.push(w);
    const { rows: ids } = await insertMany('workout_sessions', SESSION_COLS, ws.map(sessionRow), 'RETURNING id');
    const logs = [];
    ids.forEach(({ id }, i) => {
      for (let e = 0; e < EXERCISES; e++) logs.push({ w: ws[i], row: exerciseRow(id, ws[i], e) });
    });
    const { rows: logIds } = await insertMany('exercise_logs', EXERCISE_COLS, logs.map((l) => l.row), 'RETURNING id');
    if (perSet) {
      const sets = [];
      logIds.forEach(({ id }, i) => {
        for (let s = 0; s < SETS; s++) sets.push(setRow(id, s, logs[i].w));
      });
      for (let i = 0; i < sets.length; i += 1000) await insertMany('exercise_sets', SET_COLS, sets.slice(i, i + 1000));
    }
  }
  await client.query('COMMIT');
  await client.end();
} else {
  const conn = new Database(url);
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = NORMAL');
  conn.pragma('foreign_keys = ON');
  const perSet = conn.prepare("SELECT 1 FROM sqlite_master WHERE name = 'exercise_sets'").get() !== undefined;
  const ph = (n) => Array(n).fill('?').join(',');
  const s = conn.prepare(`INSERT INTO workout_sessions (${SESSION_COLS}) VALUES (${ph(9)})`);
  const e = conn.prepare(`INSERT INTO exercise_logs (${EXERCISE_COLS}) VALUES (${ph(13)})`);
  const st = perSet ? conn.prepare(`INSERT INTO exercise_sets (${SET_COLS}) VALUES (${ph(6)})`) : null;
  conn.transaction(() => {
    for (let w = 0; w < workouts; w++) {
      const id = Number(s.run(sessionRow(w)).lastInsertRowid);
      for (let x = 0; x < EXERCISES; x++) {
        const logId = Number(e.run(exerciseRow(id, w, x)).lastInsertRowid);
        if (st) for (let k = 0; k < SETS; k++) st.run(setRow(logId, k, w));
      }
    }
  })();
  conn.close();
}
process.stdout.write(`${JSON.stringify({ sets: totalSets })}\n`);

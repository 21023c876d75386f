// The physical ceiling for `import-md`: the same number of check-in and exercise rows written
// by the bare driver (better-sqlite3: prepared statements in one transaction; pg: COPY in one
// transaction, session ids taken from the sequence first), with no parsing. Like the import's,
// every row names its batch (a row in import_batches) and each exercise its library entry, so
// the database checks the same foreign keys. Run as its own process so it is measured the way
// the CLI is (wall time and peak memory of the whole process). Also seeds the "rows already
// stored" of the incremental import (`--start` moves the dates).
//
//   node bench/baseline-import.mjs --db <file|postgres-url> --user <id> --checkins N --exercises N [--start YYYY-MM-DD] [--insert]
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { pgInsertMany } from './lib/bare-insert.mjs';
import { createRequire } from 'node:module';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

const { values } = parseArgs({ options: { db: { type: 'string' }, user: { type: 'string' }, checkins: { type: 'string', default: '0' }, exercises: { type: 'string', default: '0' }, start: { type: 'string', default: '1990-01-01' }, insert: { type: 'boolean', default: false } } });
const url = values.db;
const userId = Number(values.user);
const checkins = Number(values.checkins);
const exercises = Number(values.exercises);
const perSession = 5;
const now = new Date().toISOString();
const DAY_MS = 86_400_000;
const day = (i) => new Date(Date.parse(`${values.start}T00:00:00Z`) + i * DAY_MS).toISOString().slice(0, 10);

function healthRow(i) {
  return [userId, day(i), 70 + (i % 300) / 10, 'kg', 15 + (i % 100) / 10, 80 + (i % 50) / 5, 100 + (i % 40) / 2, i % 5 === 0 ? `note ${i}` : null, 'check-in-log.md', i + 3, batchId, now, now];
}
const HEALTH_COLS = 'user_id, recorded_date, weight_kg, weight_unit, body_fat_pct, waist_cm, chest_cm, notes, source_file, source_line, import_batch_id, created_at, updated_at';
function sessionRow(s) {
  return [userId, day(s), `Workout ${s % 4}`, 'strength', 'Phase 1', 'exercise-log.md', s * perSession + 3, batchId, now, now];
}
const SESSION_COLS = 'user_id, session_date, title, session_type, program_phase, source_file, source_line, import_batch_id, created_at, updated_at';
function exerciseRow(sessionId, i) {
  return [sessionId, definitionIds[i % NAMES], `Exercise ${i % NAMES}`, i % perSession, 3, 10, 20 + (i % 60), 'kg', '3 x 10', i % 3 === 0 ? 'felt good' : null, 'exercise-log.md', i + 3, batchId, now];
}
const EXERCISE_COLS = 'session_id, exercise_definition_id, exercise_name, order_index, sets, reps, weight_kg, weight_unit, raw, notes, source_file, source_line, import_batch_id, created_at';
/** Distinct exercise names, each with its library entry. */
const NAMES = 37;
const batchId = `bare-${values.start}`;
const definitionIds = [];
/** The batch row and the library entries the rows point to (through `run(sql, params)` and `all(sql, params)`). */
async function prepareReferences(run, all) {
  await run('INSERT INTO import_batches (id, user_id, started_at, files) VALUES ($1, $2, $3, $4)', [batchId, userId, now, '[]']);
  for (let n = 0; n < NAMES; n++) {
    const name = `Exercise ${n}`;
    await run('INSERT INTO exercise_definitions (name, name_folded, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [name, name.toLowerCase(), userId, now, now]);
    definitionIds.push(Number((await all('SELECT id FROM exercise_definitions WHERE name_folded = $1', [name.toLowerCase()]))[0].id));
  }
}
const sessions = Math.ceil(exercises / perSession);

/** One row of COPY text format. */
const copyLine = (row) => `${row.map((v) => (v === null ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n'))).join('\t')}\n`;

if (/^postgres(ql)?:\/\//.test(url) && !values.insert) {
  const { from: copyFrom } = createRequire(import.meta.url)('pg-copy-streams');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const copy = async (table, cols, rows) => {
    function* lines() {
      for (let i = 0; i < rows.length; i += 2000) yield rows.slice(i, i + 2000).map(copyLine).join('');
    }
    await pipeline(Readable.from(lines()), client.query(copyFrom(`COPY ${table} (${cols}) FROM STDIN`)));
  };
  await client.query('BEGIN');
  await prepareReferences((sql, p) => client.query(sql, p), async (sql, p) => (await client.query(sql, p)).rows);
  const health = [];
  for (let i = 0; i < checkins; i++) health.push(healthRow(i));
  await copy('health_metrics', HEALTH_COLS, health);
  const { rows: ids } = await client.query("SELECT nextval(pg_get_serial_sequence('workout_sessions', 'id')) AS id FROM generate_series(1, $1)", [sessions]);
  const sessionRows = [];
  const exerciseRows = [];
  let done = 0;
  for (let j = 0; j < sessions; j++) {
    const id = Number(ids[j].id);
    sessionRows.push([id, ...sessionRow(j)]);
    for (let k = 0; k < perSession && done < exercises; k++) exerciseRows.push(exerciseRow(id, done++));
  }
  await copy('workout_sessions', `id, ${SESSION_COLS}`, sessionRows);
  await copy('exercise_logs', EXERCISE_COLS, exerciseRows);
  await client.query('COMMIT');
  await client.end();
} else if (/^postgres(ql)?:\/\//.test(url)) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const insertMany = pgInsertMany(client);
  const BATCH = 1000;
  await client.query('BEGIN');
  await prepareReferences((sql, p) => client.query(sql, p), async (sql, p) => (await client.query(sql, p)).rows);
  for (let i = 0; i < checkins; i += BATCH) {
    const rows = [];
    for (let j = i; j < Math.min(checkins, i + BATCH); j++) rows.push(healthRow(j));
    await insertMany('health_metrics', HEALTH_COLS, rows);
  }
  let done = 0;
  for (let s = 0; s < sessions; s += BATCH) {
    const rows = [];
    for (let j = s; j < Math.min(sessions, s + BATCH); j++) rows.push(sessionRow(j));
    const { rows: ids } = await insertMany('workout_sessions', SESSION_COLS, rows, 'RETURNING id');
    let exRows = [];
    for (const { id } of ids) {
      for (let k = 0; k < perSession && done < exercises; k++) exRows.push(exerciseRow(id, done++));
      if (exRows.length >= BATCH) {
        await insertMany('exercise_logs', EXERCISE_COLS, exRows);
        exRows = [];
      }
    }
    if (exRows.length) await insertMany('exercise_logs', EXERCISE_COLS, exRows);
  }
  await client.query('COMMIT');
  await client.end();
} else {
  const conn = new Database(url);
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = NORMAL');
  conn.pragma('foreign_keys = ON');
  const ph = (cols) => cols.split(',').map(() => '?').join(',');
  const h = conn.prepare(`INSERT INTO health_metrics (${HEALTH_COLS}) VALUES (${ph(HEALTH_COLS)})`);
  const s = conn.prepare(`INSERT INTO workout_sessions (${SESSION_COLS}) VALUES (${ph(SESSION_COLS)})`);
  const e = conn.prepare(`INSERT INTO exercise_logs (${EXERCISE_COLS}) VALUES (${ph(EXERCISE_COLS)})`);
  const positional = (sql) => sql.replace(/\$\d+/g, '?');
  conn.prepare('BEGIN').run();
  await prepareReferences(async (sql, p) => conn.prepare(positional(sql)).run(p), async (sql, p) => conn.prepare(positional(sql)).all(p));
  conn.prepare('COMMIT').run();
  conn.transaction(() => {
    for (let i = 0; i < checkins; i++) h.run(healthRow(i));
    let done = 0;
    for (let j = 0; j < sessions; j++) {
      const id = Number(s.run(sessionRow(j)).lastInsertRowid);
      for (let k = 0; k < perSession && done < exercises; k++) e.run(exerciseRow(id, done++));
    }
  })();
  conn.close();
}
process.stdout.write(`${JSON.stringify({ rows: checkins + exercises })}\n`);

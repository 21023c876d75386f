// Databases for the benchmarks: migrated with the project's own code, seeded with the bare
// drivers (better-sqlite3, pg) so seeding is never what is measured.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createDatabase, withClient } from './pg.mjs';
import { ROOT, benchEnv, check, run } from './proc.mjs';

/** Migrates the database at `url` (file or postgres URL) and returns the local profile's id. */
export async function prepareDb(url) {
  const r = check(await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/lib/prepare-db.mjs'), url], { env: benchEnv() }), 'migrating the benchmark database');
  return JSON.parse(r.stdout.trim()).userId;
}

/**
 * A fresh, migrated database of `engine` with the local profile: resolves with
 * { engine, url, dir, userId, drop() }. `dir` is a scratch folder (FITTRACK_HOME).
 */
export async function freshDb(engine, pgAdminUrl) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `ft-bench-${engine}-`));
  if (engine === 'sqlite') {
    const url = path.join(dir, 'fittrack.db');
    const userId = await prepareDb(url);
    return { engine, url, dir, userId, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const created = await createDatabase(pgAdminUrl);
  const userId = await prepareDb(created.url);
  const drop = async () => {
    await created.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  return { engine, url: created.url, dir, userId, drop };
}

const DAY_MS = 86_400_000;
/** The i-th day after `start` as YYYY-MM-DD (works for years 0001–9999). */
export function dayAfter(start, i) {
  return new Date(Date.parse(`${start}T00:00:00Z`) + i * DAY_MS).toISOString().slice(0, 10);
}

/** Inserts `n` daily health rows for `userId` (one date each, from `start`), bare driver. */
export async function seedHealth(db, n, start = '1500-01-01') {
  const now = new Date().toISOString();
  if (db.engine === 'sqlite') {
    const conn = new Database(db.url);
    conn.pragma('journal_mode = WAL');
    const stmt = conn.prepare('INSERT INTO health_metrics (user_id, recorded_date, weight_kg, weight_unit, body_fat_pct, waist_cm, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    conn.transaction(() => {
      for (let i = 0; i < n; i++) stmt.run(db.userId, dayAfter(start, i), 70 + (i % 300) / 10, 'kg', 15 + (i % 100) / 10, 80 + (i % 50) / 5, i % 7 === 0 ? `note ${i}` : null, now, now);
    })();
    conn.close();
    return;
  }
  await withClient(db.url, (c) =>
    c.query(
      `INSERT INTO health_metrics (user_id, recorded_date, weight_kg, weight_unit, body_fat_pct, waist_cm, notes, created_at, updated_at)
       SELECT $1, $2::date + g, 70 + (g % 300) / 10.0, 'kg', 15 + (g % 100) / 10.0, 80 + (g % 50) / 5.0, CASE WHEN g % 7 = 0 THEN 'note ' || g END, now(), now()
       FROM generate_series(0, $3::int - 1) AS g`,
      [db.userId, start, n],
    ),
  );
}

/** Counts the rows of a table (optionally with a WHERE clause) with the bare driver. */
export async function countRows(db, table, where = '') {
  const sql = `SELECT count(*) AS n FROM ${table} ${where}`;
  if (db.engine === 'sqlite') {
    const conn = new Database(db.url, { readonly: true });
    try {
      return Number(conn.prepare(sql).get().n);
    } finally {
      conn.close();
    }
  }
  return withClient(db.url, async (c) => Number((await c.query(sql)).rows[0].n));
}

/** Runs SQL with the bare driver (no result). */
export async function execSql(db, sql) {
  if (db.engine === 'sqlite') {
    const conn = new Database(db.url);
    try {
      conn.exec(sql);
    } finally {
      conn.close();
    }
    return;
  }
  await withClient(db.url, (c) => c.query(sql));
}

const LIFTS = ['Back Squat', 'Bench Press', 'Deadlift', 'Overhead Press', 'Barbell Row', 'Pull-up', 'Romanian Deadlift', 'Incline Bench', 'Front Squat', 'Dip', 'Lunge', 'Curl'];

/**
 * Inserts `years` of workouts for `db.userId`, bare driver: 5 sessions a week (no Wednesdays
 * and Sundays) of 6 exercises each, loads rising slowly, ending the day before `end`.
 * Resolves with { sessions, exercises }.
 */
export async function seedWorkouts(db, years, end = new Date().toISOString().slice(0, 10)) {
  const days = Math.round(years * 365.25);
  const start = dayAfter(end, -days);
  const sessions = [];
  for (let i = 0; i < days; i++) {
    const date = dayAfter(start, i);
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (dow === 0 || dow === 3) continue;
    sessions.push({ date, title: `${dow % 2 ? 'Upper' : 'Lower'} ${String.fromCharCode(65 + (i % 3))}`, k: sessions.length });
  }
  const exercisesOf = (s) =>
    Array.from({ length: 6 }, (_, j) => {
      const name = LIFTS[(s.k * 6 + j) % LIFTS.length];
      const weight = Math.round((40 + (j * 10) + (s.k % 400) / 10) * 2) / 2;
      const perSet = j === 5 ? JSON.stringify([10, 9, 8]) : null;
      return [name, j + 1, perSet ? 3 : 3 + (s.k % 3), perSet ? null : 5 + (j % 4), perSet, weight, 'kg', j % 2 ? 7 + (s.k % 3) : null];
    });
  const now = new Date().toISOString();
  let exercises = 0;
  if (db.engine === 'sqlite') {
    const conn = new Database(db.url);
    conn.pragma('journal_mode = WAL');
    const ss = conn.prepare("INSERT INTO workout_sessions (user_id, session_date, title, session_type, duration_minutes, notes, created_at, updated_at) VALUES (?, ?, ?, 'strength', ?, ?, ?, ?)");
    const es = conn.prepare('INSERT INTO exercise_logs (session_id, exercise_name, order_index, sets, reps, reps_per_set, weight_kg, weight_unit, rpe, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    conn.transaction(() => {
      for (const s of sessions) {
        const id = ss.run(db.userId, s.date, s.title, 60, s.k % 9 === 0 ? `felt strong, session ${s.k}` : null, now, now).lastInsertRowid;
        for (const e of exercisesOf(s)) {
          es.run(id, ...e, now);
          exercises++;
        }
      }
    })();
    conn.close();
    return { sessions: sessions.length, exercises };
  }
  await withClient(db.url, async (c) => {
    await c.query('BEGIN');
    for (let i = 0; i < sessions.length; i += 500) {
      const chunk = sessions.slice(i, i + 500);
      const params = [];
      const values = chunk.map((s) => {
        params.push(db.userId, s.date, s.title, s.k % 9 === 0 ? `felt strong, session ${s.k}` : null);
        const b = params.length - 4;
        return `($${b + 1}, $${b + 2}, $${b + 3}, 'strength', 60, $${b + 4})`;
      });
      const { rows: ids } = await c.query(`INSERT INTO workout_sessions (user_id, session_date, title, session_type, duration_minutes, notes) VALUES ${values.join(', ')} RETURNING id`, params);
      const eParams = [];
      const eValues = [];
      chunk.forEach((s, k) => {
        for (const e of exercisesOf(s)) {
          eParams.push(ids[k].id, ...e);
          const b = eParams.length - 9;
          eValues.push(`(${Array.from({ length: 9 }, (_, x) => `$${b + x + 1}`).join(', ')})`);
          exercises++;
        }
      });
      await c.query(`INSERT INTO exercise_logs (session_id, exercise_name, order_index, sets, reps, reps_per_set, weight_kg, weight_unit, rpe) VALUES ${eValues.join(', ')}`, eParams);
    }
    await c.query('COMMIT');
    await c.query('ANALYZE workout_sessions; ANALYZE exercise_logs');
  });
  return { sessions: sessions.length, exercises };
}

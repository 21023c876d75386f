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

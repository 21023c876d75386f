/**
 * Legacy logs are read as they go: memory must not grow with the file. An import of 240 000
 * generated rows (a 17 MB exercise log, whose text alone takes 34 MB once read, plus check-ins)
 * runs with a V8 heap of 64 MB: holding the text, the records or a slice of every part of the
 * file would fail it (out of memory), without timing anything. Without a cap, the import keeps
 * its heap close to what it holds: its peak RSS was over 300 MB when V8 let garbage pile up.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'fittrack-md-mem-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const logs = path.join(dir, 'logs');
beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, 'bench/generate-legacy.mjs'), '--checkins', '40000', '--exercises', '200000', '--sessions-per-day', '3', '--out', logs, '--seed', '7']);
  expect(statSync(path.join(logs, 'exercise-log.md')).size).toBeGreaterThan(16_000_000);
}, 120_000);

/** Runs `fittrack import-md` of the generated logs into a new SQLite file, with extra node flags. */
function importLogs(name: string, nodeFlags: string[]) {
  const db = path.join(dir, `${name}.db`);
  const r = spawnSync(process.execPath, [...nodeFlags, path.join(ROOT, 'bin/fittrack.cjs'), 'import-md', logs, '--json'], {
    env: { ...process.env, FITTRACK_HOME: dir, DATABASE_URL: db },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(r.status, r.stderr.slice(-2000)).toBe(0);
  return { db, r };
}

it('imports 240 000 rows of legacy logs with a 64 MB heap', () => {
  const { db, r } = importLogs('capped', ['--max-old-space-size=64']);
  const report = JSON.parse(r.stdout);
  expect(report.totals).toMatchObject({ rows: 240_000, created: 240_000, errors: 0 });
  const conn = new Database(db, { readonly: true });
  try {
    expect(conn.prepare('select count(*) as n from exercise_logs').get()).toEqual({ n: 200_000 });
    expect(conn.prepare('select count(*) as n from health_metrics').get()).toEqual({ n: 40_000 });
  } finally {
    conn.close();
  }
}, 180_000);

it('imports them without a cap at a peak RSS well under the 300 MB of a heap left to grow', () => {
  const { r } = importLogs('uncapped', ['--require', path.join(ROOT, 'test/helpers/report-max-rss.cjs')]);
  expect(JSON.parse(r.stdout).totals).toMatchObject({ rows: 240_000, created: 240_000 });
  const kb = Number(/max-rss-kb (\d+)\s*$/.exec(r.stderr)?.[1]);
  expect(kb).toBeGreaterThan(0);
  expect(kb / 1024).toBeLessThan(220);
}, 180_000);

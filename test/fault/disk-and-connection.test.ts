/**
 * Disk and connection faults: a read-only database, a full disk, an export into a full or
 * read-only folder, and PostgreSQL stopped in the middle of an import. Each time: one clear
 * error line, a non-zero exit, and nothing half-written.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, resolveDbTarget } from '../../src/db/connection.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { dialects, useTestDb, type TestDb } from '../helpers/db.js';
import { cleanFailure, integrityProblems, runCliWithFileLimit, spawnCli, whenWriting } from '../helpers/fault-cli.js';
import { scratchMount, writesBlocked, type ScratchMount } from '../helpers/fault-fs.js';
import { dayAfter, writeCheckInLog, writeExerciseLog } from '../helpers/fault-files.js';
import { startEmbeddedPostgres } from '../helpers/embedded-pg.js';

async function count(db: Knex, table: string): Promise<number> {
  return Number((await db(table).count({ n: '*' }).first())?.n);
}

async function seedHealth(t: TestDb, rows: number): Promise<void> {
  const first = await runCli(['log-weight', '80kg', '--date', '1999-12-31'], { db: t.url, home: t.dir });
  expect(first.code, first.stderr).toBe(0);
  const user = (await t.db('users').first('id')) as { id: number };
  const now = new Date().toISOString();
  const data = Array.from({ length: rows - 1 }, (_, i) => ({ user_id: user.id, recorded_date: dayAfter('1800-01-01', i), weight_kg: 75, weight_unit: 'kg', notes: `a note long enough to take some room, row ${i}`, created_at: now, updated_at: now }));
  await t.db.batchInsert('health_metrics', data, 500);
}

describe('sqlite: a read-only database', () => {
  let m: ScratchMount;
  let home: string;
  beforeAll(() => {
    m = scratchMount(8192);
    home = mkdtempSync(path.join(os.tmpdir(), 'fittrack-ro-home-'));
  });
  afterAll(() => {
    m.release();
    rmSync(home, { recursive: true, force: true });
  });

  it('refuses writes with one clear line and changes nothing', async () => {
    const db = path.join(m.dir, 'fittrack.db');
    const opts = { db, home };
    expect((await runCli(['log-weight', '80kg', '--date', '2000-01-01'], opts)).code).toBe(0);
    const files = path.join(home, 'legacy');
    mkdirSync(files);
    writeCheckInLog(path.join(files, 'check-in-log.md'), 50, '1990-01-01');
    const how = m.setReadOnly(true);
    expect(writesBlocked(m.dir), how).toBe(true);

    const logged = await runCli(['log-weight', '81kg', '--date', '2000-01-02'], opts);
    expect(cleanFailure(logged)).toMatch(/read-only|permission|open/i);
    const imported = await runCli(['import-md', files], opts);
    expect(cleanFailure(imported)).toMatch(/read-only|permission|open/i);

    m.setReadOnly(false);
    const check = await createDb(resolveDbTarget(db));
    try {
      expect(await count(check, 'health_metrics')).toBe(1);
      expect(await count(check, 'import_batches')).toBe(0);
      expect(await integrityProblems(check)).toEqual([]);
    } finally {
      await check.destroy();
    }
  });
});

describe('sqlite: a full disk under the database', () => {
  let m: ScratchMount;
  let home: string;
  beforeAll(() => {
    m = scratchMount(1024);
    home = mkdtempSync(path.join(os.tmpdir(), 'fittrack-full-home-'));
  });
  afterAll(() => {
    m.release();
    rmSync(home, { recursive: true, force: true });
  });

  it('fails an import that does not fit with one clear line, and writes none of it', async () => {
    const db = path.join(m.dir, 'fittrack.db');
    const opts = { db, home };
    expect((await runCli(['log-weight', '80kg', '--date', '2000-01-01'], opts)).code).toBe(0);
    const files = path.join(home, 'legacy');
    mkdirSync(files);
    writeCheckInLog(path.join(files, 'check-in-log.md'), 8000, '1900-01-01');
    writeExerciseLog(path.join(files, 'exercise-log.md'), 8000, '1900-01-01');
    // On a plain folder the file-size limit stands in for the full disk.
    const limitKb = statSync(db).size / 1024 + 256;
    const r = m.kind === 'tmpfs' ? await runCli(['import-md', files], opts) : await runCliWithFileLimit(['import-md', files], limitKb, opts);
    expect(cleanFailure(r)).toMatch(/disk is full|no space|too large|file size|disk I\/O error/i);

    const check = await createDb(resolveDbTarget(db));
    try {
      expect(await count(check, 'health_metrics')).toBe(1);
      expect(await count(check, 'exercise_logs')).toBe(0);
      expect(await count(check, 'import_batches')).toBe(0);
      expect(await integrityProblems(check)).toEqual([]);
    } finally {
      await check.destroy();
    }
  });
});

for (const dialect of dialects) {
  describe(`${dialect}: export into a full or read-only folder`, () => {
    const t = useTestDb(dialect);
    let m: ScratchMount;
    beforeAll(() => {
      m = scratchMount(64);
    });
    afterAll(() => m.release());

    it('fails with one clear line and leaves no file behind', async () => {
      await seedHealth(t, 3000);
      const out = path.join(m.dir, 'health.csv');
      const args = ['export', '--format', 'csv', '--what', 'health', '--output', out];
      const full: CliResult = m.kind === 'tmpfs' ? await runCli(args, { db: t.url, home: t.dir }) : await runCliWithFileLimit(args, 64, { db: t.url, home: t.dir });
      expect(cleanFailure(full)).toMatch(/disk is full|no space|too large|file size|cannot write/i);
      expect(readdirSync(m.dir)).toEqual([]);

      const how = m.setReadOnly(true);
      expect(writesBlocked(m.dir), how).toBe(true);
      const ro = await runCli(args, { db: t.url, home: t.dir });
      expect(cleanFailure(ro)).toMatch(/read-only|permission|cannot write/i);
      m.setReadOnly(false);
      expect(readdirSync(m.dir)).toEqual([]);
    });
  });
}

describe('postgres: the server stops in the middle of an import', () => {
  let server: { start(): Promise<void>; stop(): Promise<void> };
  let dataDir: string;
  let url: string;
  let home: string;
  beforeAll(async () => {
    home = mkdtempSync(path.join(os.tmpdir(), 'fittrack-fault-pg-home-'));
    ({ server, dataDir, url } = await startEmbeddedPostgres({ prefix: 'fittrack-fault-pg-', persistent: true, postgresFlags: ['-c', 'fsync=off'] }));
  });
  afterAll(async () => {
    await server?.stop().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  it('exits 1 with one error line and no stack trace, and the import left nothing', async () => {
    const opts = { db: url, home };
    expect((await runCli(['log-weight', '80kg', '--date', '2000-01-01'], opts)).code).toBe(0);
    const files = path.join(home, 'legacy');
    mkdirSync(files);
    writeCheckInLog(path.join(files, 'check-in-log.md'), 6000, '1900-01-01');
    writeExerciseLog(path.join(files, 'exercise-log.md'), 6000, '1900-01-01');

    let db = await createDb(resolveDbTarget(url), { poolMax: 2 });
    const watch = whenWriting(db, null);
    const p = spawnCli(['import-md', files], opts);
    const writing = await Promise.race([watch.seen, p.done.then(() => false)]);
    watch.stop();
    expect(writing).toBe(true);
    await db.destroy();
    await server.stop();
    const r = await p.done;
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('fittrack: error:'))).toHaveLength(1);
    expect(r.stderr).not.toMatch(/^\s+at .+[:(]/m);

    await server.start();
    db = await createDb(resolveDbTarget(url));
    try {
      expect(await count(db, 'health_metrics')).toBe(1);
      expect(await count(db, 'workout_sessions')).toBe(0);
      expect(await count(db, 'import_batches')).toBe(0);
      expect(await integrityProblems(db)).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});

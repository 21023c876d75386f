/**
 * The database file itself: a dry run creates no database, a database file deleted or replaced
 * while a command writes makes the command fail, and a vanished database is never recreated
 * silently where fittrack ran before.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, promises as fsp, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDb, resolveDbTarget } from '../../src/db/connection.js';
import { MIGRATIONS, migratorConfig } from '../../src/db/migrate.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { createTestDb, dialects } from '../helpers/db.js';
import { spawnCli } from '../helpers/fault-cli.js';

const LEGACY = path.join(ROOT, 'fixtures', 'legacy');

function tmp(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'fittrack-dbfile-'));
}

async function countRows(file: string, table: string): Promise<number> {
  const db = await createDb(resolveDbTarget(file));
  try {
    return Number(((await db(table).count({ n: '*' }).first()) as { n: unknown }).n);
  } finally {
    await db.destroy();
  }
}

for (const dialect of dialects) {
  describe(`dry runs create no database on ${dialect}`, () => {
    async function emptyTarget() {
      const t = await createTestDb(dialect, { migrate: false });
      if (dialect === 'sqlite') {
        await t.db.destroy();
        rmSync(t.url, { force: true });
      }
      return t;
    }

    async function hasSchema(t: Awaited<ReturnType<typeof emptyTarget>>): Promise<boolean> {
      if (dialect === 'sqlite') return existsSync(t.url);
      return t.db.schema.hasTable('knex_migrations');
    }

    it('import-md --dry-run plans against an empty database and creates no file and no schema', async () => {
      const t = await emptyTarget();
      try {
        const r = await runCli(['import-md', LEGACY, '--dry-run'], { db: t.url, home: t.dir });
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toMatch(/dry run: nothing written\. [1-9]\d* rows? would be created/);
        expect(await hasSchema(t)).toBe(false);
        if (dialect === 'sqlite') expect(existsSync(`${t.url}-wal`)).toBe(false);
      } finally {
        await t.drop();
      }
    });

    it('import-json --dry-run and sessions cleanup --dry-run create nothing either', async () => {
      const source = await createTestDb(dialect);
      const t = await emptyTarget();
      try {
        expect((await runCli(['log-weight', '80kg', '--date', '2026-01-05'], { db: source.url, home: source.dir })).code).toBe(0);
        const file = path.join(source.dir, 'backup.json');
        const exp = await runCli(['export', '--format', 'json', '--output', file], { db: source.url, home: source.dir });
        expect(exp.code, exp.stderr).toBe(0);
        const r = await runCli(['import-json', file, '--dry-run'], { db: t.url, home: t.dir });
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toContain('would create');
        const c = await runCli(['sessions', 'cleanup', '--dry-run'], { db: t.url, home: t.dir });
        expect(c.code, c.stderr).toBe(0);
        const rb = await runCli(['db', 'rollback', '--dry-run'], { db: t.url, home: t.dir });
        expect(rb.code, rb.stderr).toBe(0);
        expect(await hasSchema(t)).toBe(false);
      } finally {
        await t.drop();
        await source.drop();
      }
    });
  });
}

describe('dry runs on an existing SQLite file that opening would write to', () => {
  it('leave an out-of-date schema as it is, and create no local profile', async () => {
    const dir = tmp();
    const file = path.join(dir, 'old.db');
    const db = await createDb(resolveDbTarget(file));
    try {
      await db.migrate.up(migratorConfig); // the first migration only: the rest are pending
      const r = await runCli(['import-md', LEGACY, '--dry-run'], { db: file, home: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/rows? would be created/);
      expect(await db('knex_migrations').pluck('name')).toEqual([MIGRATIONS[0]![0]]);
      expect(await db('users').count({ n: '*' }).first()).toMatchObject({ n: 0 });
      await db.migrate.latest(migratorConfig);
      const again = await runCli(['import-md', LEGACY, '--dry-run'], { db: file, home: dir });
      expect(again.code, again.stderr).toBe(0);
      expect(await db('users').count({ n: '*' }).first()).toMatchObject({ n: 0 });
    } finally {
      await db.destroy();
    }
  });
});

describe('a SQLite file deleted or replaced while import-md writes', () => {
  /**
   * The import reads its second file inside its transaction: a named pipe holds it there,
   * after the first file's rows are written, until the test has done its damage.
   */
  async function importWhile(damage: (dbFile: string, dir: string) => void) {
    const dir = tmp();
    const dbFile = path.join(dir, 'fittrack.db');
    const seeded = await runCli(['log-weight', '80kg', '--date', '2020-01-01'], { db: dbFile, home: dir });
    expect(seeded.code, seeded.stderr).toBe(0);
    const fifo = path.join(dir, 'meal-log.md');
    execFileSync('mkfifo', [fifo]);
    const p = spawnCli(['import-md', path.join(LEGACY, 'check-in-log.md'), fifo], { db: dbFile, home: dir });
    const writer = await fsp.open(fifo, 'w'); // opens once the import reads the pipe, mid-transaction
    damage(dbFile, dir);
    await writer.writeFile(readFileSync(path.join(LEGACY, 'meal-log.md')));
    await writer.close();
    return { r: await p.done, dbFile, dir };
  }

  it('fails with exit 1 when the file is deleted, instead of reporting an import', async () => {
    const { r, dbFile } = await importWhile((f) => {
      for (const x of [f, `${f}-wal`, `${f}-shm`]) rmSync(x, { force: true });
    });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`fittrack: error: the database file ${dbFile} was deleted or replaced while this command ran: nothing was saved`);
    expect(r.stderr).not.toContain('imported as batch');
  });

  it('fails with exit 1 when the file is replaced, and the replacement is left as it was', async () => {
    const { r, dbFile, dir } = await importWhile((f, d) => {
      const copy = path.join(d, 'copy.db');
      copyFileSync(f, copy);
      for (const x of [`${f}-wal`, `${f}-shm`]) rmSync(x, { force: true });
      execFileSync('mv', [copy, f]);
    });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('was deleted or replaced while this command ran');
    expect(existsSync(dbFile)).toBe(true);
    expect(await countRows(dbFile, 'meal_logs')).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('a database that vanished where fittrack ran before', () => {
  const NOTE = /^fittrack: note: creating a new database at (.+) \(none was there\)$/m;

  it('says so when the code cache shows fittrack ran here', async () => {
    const home = tmp();
    const first = await runCli(['log-weight', '80kg'], { home });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).not.toMatch(NOTE);
    mkdirSync(path.join(home, '.cache'), { recursive: true, mode: 0o700 });
    const again = await runCli(['log-weight', '81kg'], { home });
    expect(again.stderr).not.toMatch(NOTE);
    rmSync(path.join(home, 'fittrack.db'));
    const after = await runCli(['log-weight', '82kg'], { home });
    expect(after.code, after.stderr).toBe(0);
    expect(after.stderr.match(NOTE)?.[1]).toBe(path.join(home, 'fittrack.db'));
  });

  it('says so when a login session file is there', async () => {
    const home = tmp();
    writeFileSync(path.join(home, 'session'), 'x'.repeat(43), { mode: 0o600 });
    const r = await runCli(['report', 'weight'], { home, env: { FITTRACK_HOME: home } });
    expect(r.stderr).toMatch(NOTE);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { runCli } from '../helpers/cli.js';
import { seedUser } from '../helpers/seed.js';

type Db = TestDb & { drop(): Promise<void> };

describe('db copy from a SQLite file into PostgreSQL', () => {
  let src: Db;
  let dst: Db;
  beforeAll(async () => {
    src = await createTestDb('sqlite');
    dst = await createTestDb('postgres', { migrate: false });
    await seedUser(src.db, 'dana', { days: 8 });
    await seedUser(src.db, 'lee', { days: 4 });
  });
  afterAll(async () => {
    await src?.drop();
    await dst?.drop();
  });

  it('migrates the target, copies every row and reports per-table counts', async () => {
    const r = await runCli(['db', 'copy', '--to', dst.url, '--json'], { db: src.url, home: src.dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { to: string; tables: Array<{ table: string; source: number; inserted: number }> };
    expect(out.to).not.toContain(':postgres@');
    const byTable = Object.fromEntries(out.tables.map((t) => [t.table, t.inserted]));
    expect(byTable).toMatchObject({ users: 2, health_metrics: 12, meal_logs: 24, coaching_action_items: 4, import_batches: 2 });
    expect(Number((await dst.db('health_metrics').count({ n: '*' }).first())!.n)).toBe(12);

    // The copy answers the same export as the original.
    const a = await runCli(['export'], { db: src.url, home: src.dir });
    const b = await runCli(['export'], { db: dst.url, home: dst.dir });
    const strip = (s: string) => s.replace(/"exported_at": "[^"]*"/, '');
    expect(strip(b.stdout)).toBe(strip(a.stdout));
  });

  it('refuses a target that holds data, unless --merge', async () => {
    const r = await runCli(['db', 'copy', '--to', dst.url], { db: src.url, home: src.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('already holds data');
    expect(r.stderr).toContain('--merge');
    expect(r.stderr).not.toContain(':postgres@');
  });

  it('refuses to copy a database onto itself, with or without --merge, and changes nothing', async () => {
    const rows = async () => Number((await src.db('health_metrics').count({ n: '*' }).first())!.n) + Number((await src.db('users').count({ n: '*' }).first())!.n);
    const before = await rows();
    for (const extra of [[], ['--merge']]) {
      const r = await runCli(['db', 'copy', '--to', src.url, ...extra], { db: src.url, home: src.dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('fittrack: error: --to is the database being copied\ngive another database with --to\n');
    }
    expect(await rows()).toBe(before);
  });
});

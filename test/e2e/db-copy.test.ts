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

for (const [from, to] of [['sqlite', 'postgres'], ['postgres', 'sqlite']] as const) {
  describe(`db copy --merge into a ${to} database that already holds the same days (from ${from})`, () => {
    const LB = 0.45359237;
    let src: Db;
    let dst: Db;
    beforeAll(async () => {
      src = await createTestDb(from);
      dst = await createTestDb(to);
      await seedUser(dst.db, 'dana', { days: 5 });
      const dana = await seedUser(src.db, 'dana', { days: 3 });
      await src.db('health_metrics').where({ user_id: dana, recorded_date: '2025-03-04' }).update({ weight_kg: 230 * LB });
      await src.db('health_metrics').insert({ user_id: dana, recorded_date: '2025-03-20', weight_kg: 235 * LB, weight_unit: 'lb', created_at: '2025-06-01T09:30:00.000Z', updated_at: '2025-06-01T09:30:00.000Z' });
    });
    afterAll(async () => {
      await src?.drop();
      await dst?.drop();
    });
    const weightLb = async (date: string) => Number((await dst.db('health_metrics').where({ recorded_date: date }).first())?.weight_kg) / LB;
    const rows = async (table: string) => Number((await dst.db(table).count({ n: '*' }).first())!.n);

    it('skips what is already there, lists the conflict with both values and writes only new rows', async () => {
      const r = await runCli(['db', 'copy', '--to', dst.url, '--merge'], { db: src.url, home: src.dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('health_metrics: conflict: check-in of 2025-03-04 is already stored with weight 240.7 lb, body fat —; the source has weight 230 lb, body fat —');
      expect(r.stderr).toContain('health_metrics: 1 row copied, 2 already there, 1 conflicting, left as they are');
      expect(r.stderr).toMatch(/copied 1 row from .* \d+ already there, 0 updated, 1 conflicting; row counts verified/);
      expect(r.stderr).toContain('run again with --merge --update');
      expect(await rows('health_metrics')).toBe(6);
      expect(await rows('meal_logs')).toBe(10);
      expect(await rows('user_goals')).toBe(2);
      expect(await weightLb('2025-03-04')).toBeCloseTo(240.7, 6);
      expect(await weightLb('2025-03-20')).toBeCloseTo(235, 6);
    });

    it('--update takes the source values, in the same single pass, and says so', async () => {
      const bad = await runCli(['db', 'copy', '--to', dst.url, '--update'], { db: src.url, home: src.dir });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--update goes with --merge');

      const r = await runCli(['db', 'copy', '--to', dst.url, '--merge', '--update', '--json'], { db: src.url, home: src.dir });
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { tables: Array<{ table: string; inserted: number; matched: number; updated: number; conflicts: number }>; conflicts: unknown[] };
      expect(out.tables.find((t) => t.table === 'health_metrics')).toMatchObject({ inserted: 0, matched: 3, updated: 1, conflicts: 0 });
      expect(out.tables.reduce((n, t) => n + t.inserted, 0)).toBe(0);
      expect(await rows('health_metrics')).toBe(6);
      expect(await weightLb('2025-03-04')).toBeCloseTo(230, 6);
    });
  });
}

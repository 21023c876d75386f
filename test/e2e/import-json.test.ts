import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dialects, type TestDb } from '../helpers/db.js';
import { runCli } from '../helpers/cli.js';
import { seedUser } from '../helpers/seed.js';

type Db = TestDb & { drop(): Promise<void> };

/** The document without what may differ between databases: the export time. */
const comparable = (text: string) => {
  const doc = JSON.parse(text) as Record<string, unknown>;
  delete doc.exported_at;
  return doc;
};

for (const from of dialects) {
  const to = from === 'sqlite' ? 'postgres' : 'sqlite';
  describe(`${from} → ${to}`, () => {
    let src: Db;
    let dst: Db;
    beforeAll(async () => {
      src = await createTestDb(from);
      dst = await createTestDb(to);
      await seedUser(src.db, 'dana', { days: 15 });
      await seedUser(src.db, 'lee', { days: 4 });
    });
    afterAll(async () => {
      await src?.drop();
      await dst?.drop();
    });

    it('round-trips: export, import into an empty database, export again gives the same document', async () => {
      const file = path.join(src.dir, 'backup.json');
      const exp = await runCli(['export', '--format', 'json', '--output', file], { db: src.url, home: src.dir });
      expect(exp.stderr).toContain('exported');
      expect(exp.code).toBe(0);
      expect(exp.stdout).toBe('');
      const first = fs.readFileSync(file, 'utf8');

      const dry = await runCli(['import-json', file, '--dry-run'], { db: dst.url, home: dst.dir });
      expect(dry.code).toBe(0);
      expect(dry.stderr).toContain('dry run: nothing was written');
      expect(Number((await dst.db('users').count({ n: '*' }).first())!.n)).toBe(0);

      const imp = await runCli(['import-json', file, '--json'], { db: dst.url, home: dst.dir });
      expect(imp.stderr).toBe('');
      expect(imp.code).toBe(0);
      const summary = JSON.parse(imp.stdout) as { user: string; created: Record<string, number> };
      expect(summary.user).toBe('dana');
      expect(summary.created).toEqual({ health_metrics: 15, workout_sessions: 9, coaching_sessions: 1, meal_logs: 30, goals: 2, progress_photos: 1, imports: 1 });

      const again = await runCli(['export', '--format', 'json'], { db: dst.url, home: dst.dir });
      expect(again.code).toBe(0);
      expect(comparable(again.stdout)).toEqual(comparable(first));
      // Byte for byte apart from exported_at.
      expect(again.stdout.replace(/"exported_at": "[^"]*"/, '')).toBe(first.replace(/"exported_at": "[^"]*"/, ''));
    });

    it('is idempotent: a second run creates nothing', async () => {
      const file = path.join(src.dir, 'backup.json');
      const before = Number((await dst.db('exercise_logs').count({ n: '*' }).first())!.n);
      const r = await runCli(['import-json', file, '--json'], { db: dst.url, home: dst.dir });
      expect(r.code).toBe(0);
      const summary = JSON.parse(r.stdout) as { created: Record<string, number>; unchanged: Record<string, number> };
      expect(Object.values(summary.created).every((n) => n === 0)).toBe(true);
      expect(summary.unchanged.health_metrics).toBe(15);
      expect(summary.unchanged.workout_sessions).toBe(9);
      expect(Number((await dst.db('exercise_logs').count({ n: '*' }).first())!.n)).toBe(before);
    });

    it('refuses a malformed document with the JSON path and exit 2, writing nothing', async () => {
      const file = path.join(src.dir, 'backup.json');
      const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { health_metrics: Array<Record<string, unknown>>; format_version: number };
      doc.health_metrics[3]!.weight_kg = 'heavy';
      const bad = path.join(src.dir, 'bad.json');
      fs.writeFileSync(bad, JSON.stringify(doc));
      const r = await runCli(['import-json', bad], { db: dst.url, home: dst.dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('bad.json: $.health_metrics[3].weight_kg: expected a number or null, got "heavy"');

      doc.health_metrics[3]!.weight_kg = 100;
      doc.format_version = 2;
      fs.writeFileSync(bad, JSON.stringify(doc));
      const v = await runCli(['import-json', bad], { db: dst.url, home: dst.dir });
      expect(v.code).toBe(2);
      expect(v.stderr.split('\n')[0]).toBe(`fittrack: error: ${bad}: $.format_version: expected 1, got 2`);

      fs.writeFileSync(bad, '{"format": "fittrack-export",');
      const j = await runCli(['import-json', bad], { db: dst.url, home: dst.dir });
      expect(j.code).toBe(2);
      expect(j.stderr).toContain('not valid JSON');
    });
  });
}

describe('import-json by an admin', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb('sqlite');
    await seedUser(db.db, 'root', { days: 2, role: 'admin' });
  });
  afterAll(async () => db?.drop());

  it('restores into the user named in the document, creating the account', async () => {
    const file = path.join(db.dir, 'kim.json');
    const other = await createTestDb('sqlite');
    try {
      await seedUser(other.db, 'kim', { days: 3 });
      const exp = await runCli(['export', '--output', file], { db: other.url, home: other.dir });
      expect(exp.code).toBe(0);
    } finally {
      await other.drop();
    }
    const r = await runCli(['import-json', file], { db: db.url, home: db.dir });
    expect(r.code).toBe(0);
    const kim = await db.db('users').where('username', 'kim').first();
    expect(kim).toMatchObject({ role: 'user', display_name: 'Kim' });
    expect(Number((await db.db('health_metrics').where('user_id', kim.id).count({ n: '*' }).first())!.n)).toBe(3);
    const rootId = (await db.db('users').where('username', 'root').first()).id;
    expect(Number((await db.db('health_metrics').where('user_id', rootId).count({ n: '*' }).first())!.n)).toBe(2);
  });
});

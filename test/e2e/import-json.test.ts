import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dialects, type TestDb } from '../helpers/db.js';
import { runCli } from '../helpers/cli.js';
import { seedUser } from '../helpers/seed.js';
import { ADDED_IN_V2, type RecordKind } from '../../src/domain/export-document.js';

type Db = TestDb & { drop(): Promise<void> };

/** A version 2 document as version 1 wrote it: without the fields and sections version 2 added. */
function toVersion1(doc: Record<string, unknown>): Record<string, unknown> {
  const strip = (kind: RecordKind, rec: Record<string, unknown>) => {
    const out = { ...rec };
    for (const f of ADDED_IN_V2[kind] ?? []) delete out[f];
    if (Array.isArray(out.exercises)) out.exercises = (out.exercises as Array<Record<string, unknown>>).map((x) => strip('exercises', x));
    if (Array.isArray(out.action_items)) out.action_items = (out.action_items as Array<Record<string, unknown>>).map((x) => strip('action_items', x));
    return out;
  };
  const out: Record<string, unknown> = { ...doc, format_version: 1, user: strip('user', doc.user as Record<string, unknown>) };
  delete out.exercise_definitions;
  delete out.shares;
  for (const section of ['health_metrics', 'workout_sessions', 'coaching_sessions', 'meal_logs', 'goals', 'progress_photos', 'imports'] as const) {
    out[section] = (doc[section] as Array<Record<string, unknown>>).map((r) => strip(section, r));
  }
  return out;
}

/** The distinct exercise names of the seeded logs. */
const EXERCISE_NAMES = 4;

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
      expect(summary.created).toEqual({ exercise_definitions: EXERCISE_NAMES, health_metrics: 15, workout_sessions: 9, coaching_sessions: 1, meal_logs: 30, goals: 2, progress_photos: 1, imports: 1, shares: 0 });

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

    it('puts every restored exercise in the library', async () => {
      const r = await runCli(['exercise', 'show', 'BACK SQUAT', '--json'], { db: dst.url, home: dst.dir });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ name: 'Back Squat', category: 'compound' });
    });

    it('still reads a version 1 document, giving the same records again', async () => {
      const v2 = JSON.parse(fs.readFileSync(path.join(src.dir, 'backup.json'), 'utf8')) as Record<string, unknown>;
      const v1 = toVersion1(v2);
      const file = path.join(src.dir, 'backup-v1.json');
      fs.writeFileSync(file, JSON.stringify(v1, null, 2));
      const fresh = await createTestDb(to);
      try {
        const imp = await runCli(['import-json', file, '--json'], { db: fresh.url, home: fresh.dir });
        expect(imp.stderr).toBe('');
        expect(imp.code).toBe(0);
        const again = await runCli(['export', '--format', 'json'], { db: fresh.url, home: fresh.dir });
        expect(again.code).toBe(0);
        expect(comparable(JSON.stringify(toVersion1(JSON.parse(again.stdout) as Record<string, unknown>)))).toEqual(comparable(JSON.stringify(v1)));
        const show = await runCli(['exercise', 'show', 'plank', '--json'], { db: fresh.url, home: fresh.dir });
        expect(show.code).toBe(0);
      } finally {
        await fresh.drop();
      }
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
      doc.format_version = 3;
      fs.writeFileSync(bad, JSON.stringify(doc));
      const v = await runCli(['import-json', bad], { db: dst.url, home: dst.dir });
      expect(v.code).toBe(2);
      expect(v.stderr.split('\n')[0]).toBe(`fittrack: error: ${bad}: $.format_version: expected 1 or 2, got 3`);

      fs.writeFileSync(bad, '{"format": "fittrack-export",');
      const j = await runCli(['import-json', bad], { db: dst.url, home: dst.dir });
      expect(j.code).toBe(2);
      expect(j.stderr).toContain('not valid JSON');
    });
  });
}

describe('import-json by an admin', () => {
  let db: Db;
  let file = '';
  beforeAll(async () => {
    db = await createTestDb('sqlite');
    await seedUser(db.db, 'root', { days: 2, role: 'admin' });
    file = path.join(db.dir, 'kim.json');
    const other = await createTestDb('sqlite');
    try {
      await seedUser(other.db, 'kim', { days: 3, start: '2025-04-01' });
      const exp = await runCli(['export', '--output', file], { db: other.url, home: other.dir });
      expect(exp.code).toBe(0);
    } finally {
      await other.drop();
    }
  });
  afterAll(async () => db?.drop());

  const count = async (table: string, userId: number) => Number((await db.db(table).where('user_id', userId).count({ n: '*' }).first())!.n);

  it("a dry run about another user's file answers only about the runner's own account", async () => {
    const kimId = await seedUser(db.db, 'kim', { days: 3, start: '2025-04-01', startLb: 200 });
    const rootId = (await db.db('users').where('username', 'root').first()).id as number;
    const r = await runCli(['import-json', file, '--dry-run', '--json'], { db: db.url, home: db.dir });
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { user: string; conflicts: string[]; created: Record<string, number> };
    // kim's weigh-ins on these days differ from the file's: nothing about them is answered.
    expect(summary.user).toBe('root');
    expect(summary.conflicts).toEqual([]);
    expect(summary.created.health_metrics).toBe(3);
    expect(r.stderr).toContain('the file holds the data of "kim"; it is restored into your account "root"');
    expect(await count('health_metrics', kimId)).toBe(3);
    expect(await count('health_metrics', rootId)).toBe(2);
  });

  it("restores into the account of the user running it, never into the account the file names, and audits it", async () => {
    const kimId = (await db.db('users').where('username', 'kim').first()).id as number;
    const kimBefore = JSON.stringify(await db.db('health_metrics').where('user_id', kimId).orderBy('id'));
    const r = await runCli(['import-json', file], { db: db.url, home: db.dir });
    expect(r.code).toBe(0);
    const rootId = (await db.db('users').where('username', 'root').first()).id as number;
    expect(await count('health_metrics', rootId)).toBe(5);
    expect(JSON.stringify(await db.db('health_metrics').where('user_id', kimId).orderBy('id'))).toBe(kimBefore);
    expect(await db.db('users').where('role', 'admin').count({ n: '*' }).first()).toMatchObject({ n: 1 });
    const audit = await db.db('audit_log').where('action', 'import_json');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ user_id: rootId, entity: 'user', entity_id: String(rootId) });
    expect(JSON.parse(audit[0].details)).toMatchObject({ file: 'kim.json', format_version: 2 });
  });
});

/**
 * The import pipeline against real databases: parse → stored keys → plan → one transaction.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { dialects, useTestDb } from '../helpers/db.js';
import { ROOT } from '../helpers/cli.js';
import { loadLegacyRecords, loadStoredRecords } from '../../src/db/legacy-rows.js';
import { newBatchId } from '../../src/db/import-write.js';
import { writeImport } from '../helpers/write-import.js';
import { listImportBatches, revertImport } from '../../src/db/import-batches.js';
import { planImport } from '../../src/domain/import-plan.js';
import type { ImportPlan, ParsedFile } from '../../src/domain/import-plan.js';
import type { LegacyKind } from '../../src/domain/legacy-records.js';
import { parseLegacyFile } from '../../src/parse/legacy-file.js';
import { nowIso } from '../../src/clock.js';

const FIXTURES = path.join(ROOT, 'fixtures', 'legacy');
const FIXTURE_FILES: Array<[LegacyKind, string]> = [
  ['check-in', 'check-in-log.md'],
  ['workouts', 'exercise-log.md'],
  ['coaching', 'Coaching_sessions.md'],
  ['meals', 'meal-log.md'],
];

function parse(kind: LegacyKind, text: string, file: string): ParsedFile {
  const r = parseLegacyFile(kind, text, file, { defaultWeightUnit: 'lb' });
  return { file, kind, records: r.records, issues: r.issues, rowCount: r.rowCount };
}

function fixtures(): ParsedFile[] {
  return FIXTURE_FILES.map(([kind, name]) => parse(kind, readFileSync(path.join(FIXTURES, name), 'utf8'), name));
}

async function plan(db: Knex, userId: number, files: ParsedFile[], update = false): Promise<ImportPlan> {
  return planImport(files, await loadStoredRecords(db, userId), { update });
}

async function run(db: Knex, userId: number, files: ParsedFile[], update = false): Promise<{ plan: ImportPlan; batch: string }> {
  const p = await plan(db, userId, files, update);
  const batch = newBatchId();
  await writeImport(db, userId, p, { id: batch, files: files.map((f) => f.file), startedAt: nowIso() });
  return { plan: p, batch };
}

async function newUser(db: Knex, name: string): Promise<number> {
  const now = nowIso();
  await db('users').insert({ username: name, created_at: now, updated_at: now });
  return (await db('users').where({ username: name }).first('id')).id as number;
}

async function count(db: Knex, table: string, where: Record<string, unknown> = {}): Promise<number> {
  return Number(((await db(table).where(where).count({ n: '*' }).first()) as { n: number | string }).n);
}

const total = (p: ImportPlan, k: 'created' | 'unchanged' | 'updated' | 'conflicts' | 'errors') => p.files.reduce((n, f) => n + f[k], 0);

const checkIns = (rows: string) => `| Date | Weight (lbs) | Body Fat % | Notes |\n| --- | --- | --- | --- |\n${rows}`;

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);

    it('imports the fixtures with their provenance, and a second run creates nothing', async () => {
      const user = await newUser(t.db, 'fixtures');
      const first = await run(t.db, user, fixtures());
      expect(total(first.plan, 'errors')).toBe(0);
      expect(await count(t.db, 'health_metrics', { user_id: user })).toBe(48);
      expect(await count(t.db, 'coaching_sessions', { user_id: user })).toBe(29);
      expect(await count(t.db, 'meal_logs', { user_id: user })).toBe(80);
      const exercises = Number(((await t.db('exercise_logs as e').join('workout_sessions as s', 's.id', 'e.session_id').where('s.user_id', user).count({ n: '*' }).first()) as { n: number | string }).n);
      expect(exercises).toBe(166);
      const first3 = await t.db('health_metrics').where({ user_id: user }).orderBy('recorded_date').first();
      expect([first3.source_file, first3.source_line, first3.import_batch_id]).toEqual(['check-in-log.md', 8, first.batch]);

      const again = await plan(t.db, user, fixtures());
      expect([total(again, 'created'), total(again, 'updated'), total(again, 'conflicts')]).toEqual([0, 0, 1]); // the re-weigh inside the file
      expect(total(again, 'unchanged')).toBe(total(first.plan, 'created') + total(first.plan, 'unchanged'));
    });

    it('writes all or nothing: a row the database refuses rolls back the whole import', async () => {
      const user = await newUser(t.db, 'atomic');
      const files = [parse('check-in', checkIns('| 2025-03-03 | 241 | | |\n| 2025-03-04 | 240 | | |\n'), 'c.md'), parse('meals', '| Date | Meal | Food | Calories |\n|-|-|-|-|\n| 2025-03-04 | Lunch | soup | 300 |\n', 'm.md')];
      const p = await plan(t.db, user, files);
      (p.planned[1]!.record as { weightKg: number }).weightKg = 900; // past the CHECK constraint
      await expect(writeImport(t.db, user, p, { id: newBatchId(), files: ['c.md', 'm.md'], startedAt: nowIso() })).rejects.toThrow();
      expect(await count(t.db, 'health_metrics', { user_id: user })).toBe(0);
      expect(await count(t.db, 'meal_logs', { user_id: user })).toBe(0);
      expect(await count(t.db, 'import_batches', { user_id: user })).toBe(0);
    });

    it('reports a changed row as a conflict with both values, and takes the file’s value with update', async () => {
      const user = await newUser(t.db, 'conflicts');
      await run(t.db, user, [parse('check-in', checkIns('| 2025-03-03 | 241.0 | 29.5 | |\n| 2025-03-05 | 240.0 | | |\n'), 'c.md')]);
      const changed = [parse('check-in', checkIns('| 2025-03-03 | 245.0 | 29.5 | |\n| 2025-03-05 | 240.0 | | |\n| 2025-03-07 | 239.0 | | |\n'), 'c.md')];
      const p = await plan(t.db, user, changed);
      expect([total(p, 'created'), total(p, 'unchanged'), total(p, 'conflicts')]).toEqual([1, 1, 1]);
      expect(p.issues.filter((i) => i.severity === 'conflict').map((i) => `${i.file}:${i.line}: ${i.message}`)).toMatchInlineSnapshot(`
        [
          "c.md:3: check-in of 2025-03-03 is already stored with weight 241 lb, body fat 29.5 %; this row has weight 245 lb, body fat 29.5 %",
        ]
      `);
      const updated = await run(t.db, user, changed, true);
      expect([total(updated.plan, 'created'), total(updated.plan, 'updated'), total(updated.plan, 'unchanged')]).toEqual([1, 1, 1]);
      const row = await t.db('health_metrics').where({ user_id: user, recorded_date: '2025-03-03' }).first();
      expect(Number(row.weight_kg)).toBeCloseTo(245 * 0.45359237, 9);
      expect(total(await plan(t.db, user, changed), 'unchanged')).toBe(3);
    });

    it('replaces a workout’s exercises on update and keeps them with their session', async () => {
      const user = await newUser(t.db, 'workouts');
      const head = '| Date | Phase | Workout | Exercise | Sets x Reps | Notes |\n|-|-|-|-|-|-|\n';
      await run(t.db, user, [parse('workouts', `${head}| 2025-03-04 | | Upper | Row | 3x10 | |\n`, 'w.md')]);
      const p = await run(t.db, user, [parse('workouts', `${head}| 2025-03-04 | | Upper | Row | 3x12 | |\n| 2025-03-04 | | Upper | Dips | 3x8 | |\n`, 'w.md')], true);
      expect(total(p.plan, 'updated')).toBe(2);
      const stored = await loadLegacyRecords(t.db, user);
      expect(stored.workouts.map((w) => w.record.exercises.map((e) => `${e.exerciseName} ${e.raw}`))).toEqual([['Row 3x12', 'Dips 3x8']]);
    });

    it('reverts exactly what a batch created: not rows logged by hand, not rows changed since', async () => {
      const user = await newUser(t.db, 'revert');
      const a = await run(t.db, user, [parse('check-in', checkIns('| 2025-03-03 | 241 | | |\n| 2025-03-05 | 240 | | |\n| 2025-03-07 | 239 | | |\n'), 'c.md')]);
      const now = nowIso();
      await t.db('health_metrics').insert({ user_id: user, recorded_date: '2025-04-01', weight_kg: 100, weight_unit: 'kg', created_at: now, updated_at: now });
      await new Promise((r) => setTimeout(r, 5));
      const b = await run(t.db, user, [parse('check-in', checkIns('| 2025-03-07 | 238 | | re-measured |\n| 2025-03-09 | 237 | | |\n'), 'c2.md')], true);
      expect(total(b.plan, 'updated')).toBe(1);

      const r = await revertImport(t.db, user, a.batch);
      expect(r.deleted.health_metrics).toBe(2);
      expect(r.kept.health_metrics).toBe(1);
      const left = await t.db('health_metrics').where({ user_id: user }).orderBy('recorded_date').select('recorded_date', 'import_batch_id');
      expect(left.map((x) => [String(x.recorded_date).slice(0, 10), x.import_batch_id])).toEqual([
        ['2025-03-07', a.batch],
        ['2025-03-09', b.batch],
        ['2025-04-01', null],
      ]);
      const batches = await listImportBatches(t.db, user);
      expect(batches.map((x) => [x.id, x.created, x.updated, x.revertedAt !== null])).toEqual([
        [a.batch, 3, 0, true],
        [b.batch, 1, 1, false],
      ]);
      expect((await t.db('audit_log').where({ user_id: user }).orderBy('id').select('action', 'entity_id')).map((x) => `${x.action} ${x.entity_id}`)).toEqual([`import ${a.batch}`, `import ${b.batch}`, `import_revert ${a.batch}`]);
      await expect(revertImport(t.db, user, a.batch)).rejects.toThrow(/already reverted/);
      await expect(revertImport(t.db, user, 'imp-nope')).rejects.toThrow(/no import batch/);
    });

    it('a re-run of 25 000 check-ins and 25 000 exercise rows (several pages of stored rows) creates nothing', async () => {
      const user = await newUser(t.db, 'pages');
      const day = (i: number) => new Date(Date.UTC(1950, 0, 1 + i)).toISOString().slice(0, 10);
      const checkInText = checkIns(Array.from({ length: 25_000 }, (_, i) => `| ${day(i)} | ${180 + (i % 70)}.${i % 10} | ${20 + (i % 15)} | n${i} |`).join('\n'));
      const head = '| Date | Phase | Workout | Exercise | Sets x Reps | Notes |\n|-|-|-|-|-|-|\n';
      const exerciseText = head + Array.from({ length: 25_000 }, (_, i) => `| ${day(Math.floor(i / 2))} | P1 | Upper | ${i % 2 ? 'Row' : 'Bench'} | 3x${5 + (i % 7)} @ ${100 + (i % 50)} lbs | |`).join('\n');
      const files = () => [parse('check-in', checkInText, 'c.md'), parse('workouts', exerciseText, 'w.md')];
      const first = await run(t.db, user, files());
      expect(total(first.plan, 'created')).toBe(50_000);
      expect(await count(t.db, 'workout_sessions', { user_id: user })).toBe(12_500);
      const again = await plan(t.db, user, files());
      expect([total(again, 'created'), total(again, 'unchanged'), total(again, 'conflicts')]).toEqual([0, 50_000, 0]);
    }, 60_000);

    it('keeps one user’s keys apart from another’s', async () => {
      const u1 = await newUser(t.db, 'one');
      const u2 = await newUser(t.db, 'two');
      const file = [parse('check-in', checkIns('| 2025-03-03 | 241 | | |\n'), 'c.md')];
      await run(t.db, u1, file);
      expect(total(await plan(t.db, u2, file), 'created')).toBe(1);
      await expect(revertImport(t.db, u2, (await listImportBatches(t.db, u1))[0]!.id)).rejects.toThrow(/no import batch/);
    });
  });
}

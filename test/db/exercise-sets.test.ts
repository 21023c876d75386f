/**
 * Exercises logged set by set (`exercise_sets`): stored and read back exactly, on both engines,
 * and carried by every path that moves data: the JSON export and import-json, the markdown
 * export and import-md, db copy and db copy --merge; lift records read each set.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dialects, sqlVariants, useSqlTestDb, useTestDb, type TestDb } from '../helpers/db.js';
import { exportAccountText } from '../helpers/account-arb.js';
import { seedUser } from '../helpers/seed.js';
import { createWorkoutSession, getWorkoutSession, listWorkoutSessions, type WorkoutDraft } from '../../src/db/workout-repo.js';
import { copyDatabase } from '../../src/db/copy-repo.js';
import { createUserFromDocument, importAccount } from '../../src/db/account-repo.js';
import { loadLegacyRecords, loadStoredRecords } from '../../src/db/legacy-rows.js';
import { newBatchId } from '../../src/db/import-write.js';
import { writeImport } from '../helpers/write-import.js';
import { revertImport } from '../../src/db/import-batches.js';
import { createReportRepo } from '../../src/db/report-repo.js';
import { goalRepo } from '../../src/db/goal-repo.js';
import { listExerciseHistory, findDefinitionByName } from '../../src/db/exercise-repo.js';
import { nowIso } from '../../src/clock.js';
import { planImport, type ParsedFile } from '../../src/domain/import-plan.js';
import type { LegacyKind } from '../../src/domain/legacy-records.js';
import { KG_PER_LB, toKg } from '../../src/domain/units.js';
import { epley1rm, plainSet, type ExerciseEntry, type ExerciseSet } from '../../src/domain/workout.js';
import type { ExportDocument } from '../../src/domain/export-document.js';
import { exportMarkdown } from '../../src/export/md-exporter.js';
import { detectKind } from '../../src/parse/detect-kind.js';
import { parseLegacyFile } from '../../src/parse/legacy-file.js';
import { entryFromSpec } from '../../src/parse/exercise-spec.js';

type Db = TestDb & { drop(): Promise<void> };

const PYRAMID: ExerciseSet[] = [plainSet(8, 60), plainSet(6, 70), plainSet(4, 80, { rpe: 9 })];
/** In pounds, with a warm-up, a drop set and a set to failure: loads that are not round in kilograms. */
const POUNDS: ExerciseSet[] = [
  plainSet(10, toKg(95, 'lb'), { setType: 'warmup' }),
  plainSet(5, toKg(185, 'lb'), { rpe: 8 }),
  plainSet(3, toKg(202.5, 'lb'), { setType: 'failure', rpe: 10 }),
  plainSet(8, toKg(135, 'lb'), { setType: 'dropset' }),
];

/** An exercise logged from a spec, the way log-workout does. */
const fromSpec = (text: string): ExerciseEntry => entryFromSpec(text, 'kg');

function draft(title: string, date: string, exercises: ExerciseEntry[]): WorkoutDraft {
  return { sessionDate: date, title, sessionType: null, programPhase: null, programWeek: null, programDay: null, durationMinutes: null, intensity: null, fatigue: null, soreness: null, notes: null, exercises };
}

const BENCH = 'Bench 60kgx8, 70kgx6, 80kgx4@rpe9';
const SQUAT = 'Squat 95lbx10 warmup, 185lbx5@rpe8, 202.5lbx3@rpe10 failure, 135lbx8 drop';

async function newUser(db: Knex, name: string): Promise<number> {
  const now = nowIso();
  await db('users').insert({ username: name, created_at: now, updated_at: now });
  return (await db('users').where({ username: name }).first('id')).id as number;
}

async function logPyramids(db: Knex, userId: number, date = '2025-04-01'): Promise<void> {
  await createWorkoutSession(db, userId, draft('Push', date, [fromSpec(BENCH), fromSpec('Row 3x10@60kg'), fromSpec(SQUAT)]), () => 'strength');
}

const setsOfSession = (w: { exercises: Array<{ exerciseName: string; perSet?: ExerciseSet[] }> }) => Object.fromEntries(w.exercises.map((e) => [e.exerciseName, e.perSet ?? null]));

describe('the grammar gives the sets the tests below store', () => {
  it('reads the specs into these sets', () => {
    expect(fromSpec(BENCH).perSet).toEqual(PYRAMID);
    expect(fromSpec(SQUAT).perSet).toEqual(POUNDS);
  });
});

for (const variant of sqlVariants) {
  describe(`repository on ${variant.label}`, () => {
    const t = useSqlTestDb(variant);

    it('stores a pyramid set by set and reads it back exactly, with the summary beside it', async () => {
      const me = await newUser(t.db, 'ann');
      const w = await createWorkoutSession(t.on(), me, draft('Push', '2025-04-01', [fromSpec(BENCH), fromSpec('Row 3x10@60kg'), fromSpec(SQUAT)]), () => 'strength');
      expect(setsOfSession(w)).toEqual({ Bench: PYRAMID, Row: null, Squat: POUNDS });
      expect(w.exercises[0]).toMatchObject({ sets: 3, reps: null, repsPerSet: [8, 6, 4], weightKg: 80, weightUnit: 'kg', rpe: null });
      // The squat's load is its heaviest working set: the warm-up and the drop set are not it.
      expect(w.exercises[2]).toMatchObject({ sets: 4, repsPerSet: [10, 5, 3, 8], weightKg: toKg(202.5, 'lb'), weightUnit: 'lb' });
      expect(setsOfSession((await getWorkoutSession(t.on(), me, w.id))!)).toEqual(setsOfSession(w));
      const rows = await t.db('exercise_sets').orderBy(['exercise_log_id', 'set_index']).select('set_index', 'set_type');
      expect(rows.map((r) => [r.set_index, r.set_type])).toEqual([[1, 'normal'], [2, 'normal'], [3, 'normal'], [1, 'warmup'], [2, 'normal'], [3, 'failure'], [4, 'dropset']]);
    });
  });
}

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);

    it('lift records, history and e1RM read each set at its own load', async () => {
      const me = await newUser(t.db, 'lifter');
      await logPyramids(t.db, me);
      const lifts = await createReportRepo(t.db, me).liftSets('Bench');
      expect(lifts.map((s) => [s.weightKg, s.reps])).toEqual([[60, 8], [70, 6], [80, 4]]);
      const def = (await findDefinitionByName(t.db, 'Bench'))!;
      const [h] = await listExerciseHistory(t.db, me, def);
      expect(h!.perSet).toEqual(PYRAMID);
      // An e1rm goal measures the best set: 80 × 4, not the summary's 80 kg for 8 reps.
      expect(await goalRepo(t.db, me).current('e1rm:bench')).toEqual({ date: '2025-04-01', value: epley1rm(80, 4) });
    });

    it('the markdown export writes a pyramid as its sets, and import-md brings it back exactly', async () => {
      const a = await newUser(t.db, 'md-source');
      await logPyramids(t.db, a);
      const out = mkdtempSync(path.join(os.tmpdir(), 'fittrack-sets-md-'));
      await exportMarkdown(await loadLegacyRecords(t.db, a), out);
      const text = readFileSync(path.join(out, 'exercise-log.md'), 'utf8');
      expect(text).toContain('| Bench | 60kg x 8, 70kg x 6, 80kg x 4 @rpe9 |');
      expect(text).toContain('| Squat | 95lb x 10 warmup, 185lb x 5 @rpe8, 202.5lb x 3 @rpe10 failure, 135lb x 8 drop |');
      const b = await newUser(t.db, 'md-copy');
      const files: ParsedFile[] = readdirSync(out)
        .filter((n) => n === 'exercise-log.md')
        .map((name) => {
          const body = readFileSync(path.join(out, name), 'utf8');
          const kind = detectKind(name, body) as LegacyKind;
          const r = parseLegacyFile(kind, body, name, { defaultWeightUnit: 'lb' });
          return { file: name, kind, records: r.records, issues: r.issues, rowCount: r.rowCount };
        });
      const plan = planImport(files, await loadStoredRecords(t.db, b), { update: false });
      expect(plan.issues.filter((i) => i.severity === 'error')).toEqual([]);
      await writeImport(t.db, b, plan, { id: newBatchId(), files: files.map((f) => f.file), startedAt: nowIso() });
      const [copied] = await listWorkoutSessions(t.db, b);
      expect(setsOfSession(copied!)).toEqual({ Bench: PYRAMID, Row: null, Squat: POUNDS });
      const [original] = await listWorkoutSessions(t.db, a);
      const summary = (w: typeof original) => w!.exercises.map((e) => [e.sets, e.reps, e.repsPerSet, e.weightKg, e.weightUnit]);
      expect(summary(copied)).toEqual(summary(original));
      // Importing the same file again changes nothing: the sets are part of what is compared.
      const again = planImport(files, await loadStoredRecords(t.db, b), { update: false });
      expect(again.planned.map((p) => p.outcome)).toEqual(['unchanged']);
    });

    it('import-md --update replaces the sets of a session, and --revert puts the old ones back', async () => {
      const me = await newUser(t.db, 'updater');
      const log = (cell: string) => `# Exercise Log\n\n| Date | Phase | Workout | Exercise | Sets x Reps | Notes |\n| :--- | :--- | :--- | :--- | :--- | :--- |\n| 2025-03-04 | P1 | Push | Bench | ${cell} |  |\n| 2025-03-04 | P1 | Push | Dips | 3 x 10 |  |\n`;
      const importText = async (text: string, update: boolean) => {
        const r = parseLegacyFile('workouts', text, 'exercise-log.md', { defaultWeightUnit: 'kg' });
        const plan = planImport([{ file: 'exercise-log.md', kind: 'workouts', records: r.records, issues: r.issues, rowCount: r.rowCount }], await loadStoredRecords(t.db, me), { update });
        const id = newBatchId();
        await writeImport(t.db, me, plan, { id, files: ['exercise-log.md'], startedAt: nowIso() });
        return { id, outcomes: plan.planned.map((p) => p.outcome) };
      };
      const bench = async () => (await listWorkoutSessions(t.db, me))[0]!.exercises[0]!.perSet!.map((x) => [x.weightKg, x.reps]);
      await importText(log('60x8, 70x6, 80x4'), false);
      expect(await bench()).toEqual([[60, 8], [70, 6], [80, 4]]);
      // Only a set differs: a conflict, left alone without --update.
      expect((await importText(log('60x8, 70x6, 85x3'), false)).outcomes).toEqual(['conflict']);
      expect(await bench()).toEqual([[60, 8], [70, 6], [80, 4]]);
      const second = await importText(log('60x8, 70x6, 85x3'), true);
      expect(second.outcomes).toEqual(['update']);
      expect(await bench()).toEqual([[60, 8], [70, 6], [85, 3]]);
      const reverted = await revertImport(t.db, me, second.id);
      expect(reverted.restored).toEqual({ workout_sessions: 1 });
      expect(await bench()).toEqual([[60, 8], [70, 6], [80, 4]]);
      const mine = t.db('exercise_logs').whereIn('session_id', t.db('workout_sessions').where({ user_id: me }).select('id')).select('id');
      expect(Number((await t.db('exercise_sets').whereIn('exercise_log_id', mine).count({ n: '*' }).first())!.n)).toBe(3);
    });

    it('import-md refuses nothing and keeps the cell: a Sets cell written set by set becomes sets', async () => {
      const body = '# Exercise Log\n\n| Date | Phase | Workout | Exercise | Sets x Reps | Notes |\n| :--- | :--- | :--- | :--- | :--- | :--- |\n| 2025-03-04 | P1 | Push | Bench | 135x8, 155x6, 175x4 |  |\n';
      const r = parseLegacyFile('workouts', body, 'exercise-log.md', { defaultWeightUnit: 'lb' });
      const e = (r.records[0] as { exercises: Array<{ raw: string; perSet?: ExerciseSet[]; weightUnit: string }> }).exercises[0]!;
      expect(e.raw).toBe('135x8, 155x6, 175x4');
      expect(e.weightUnit).toBe('lb');
      expect(e.perSet!.map((s) => [Math.round((s.weightKg! / KG_PER_LB) * 1e6) / 1e6, s.reps])).toEqual([[135, 8], [155, 6], [175, 4]]);
    });
  });
}

for (const from of dialects) {
  const to = from === 'sqlite' ? 'postgres' : 'sqlite';
  describe(`${from} → ${to}`, () => {
    let src: Db;
    let dst: Db;
    beforeAll(async () => {
      src = await createTestDb(from);
      dst = await createTestDb(to);
    });
    afterAll(async () => {
      await src?.drop();
      await dst?.drop();
    });

    it('export → import-json → export gives the same document, per_set and all', async () => {
      const [src, dst] = [await createTestDb(from), await createTestDb(to)];
      try {
        await jsonRoundTrip(src, dst);
      } finally {
        await src.drop();
        await dst.drop();
      }
    });

    async function jsonRoundTrip(src: Db, dst: Db): Promise<void> {
      const me = await newUser(src.db, 'json');
      await logPyramids(src.db, me);
      const first = await exportAccountText(src.db, me);
      const doc = JSON.parse(first) as ExportDocument;
      const exercises = doc.workout_sessions![0]!.exercises;
      expect(exercises[0]!.per_set).toEqual([
        { set_type: 'normal', reps: 8, weight_kg: 60, rpe: null, duration_seconds: null, distance_km: null },
        { set_type: 'normal', reps: 6, weight_kg: 70, rpe: null, duration_seconds: null, distance_km: null },
        { set_type: 'normal', reps: 4, weight_kg: 80, rpe: 9, duration_seconds: null, distance_km: null },
      ]);
      // An exercise its summary says all about has no per_set.
      expect('per_set' in exercises[1]!).toBe(false);
      await createUserFromDocument(dst.db, doc.user);
      const dstId = (await dst.db('users').where({ username: 'json' }).first('id')).id as number;
      await importAccount(dst.db, dstId, doc);
      expect(await exportAccountText(dst.db, dstId)).toBe(first);
      expect(setsOfSession((await listWorkoutSessions(dst.db, dstId))[0]!)).toEqual({ Bench: PYRAMID, Row: null, Squat: POUNDS });
      // A second restore finds the session already there, sets included.
      const again = await importAccount(dst.db, dstId, doc);
      expect(again.unchanged.workout_sessions).toBe(1);
    }

    it('db copy carries the sets, and --merge carries them with their session', async () => {
      const dana = await seedUser(src.db, 'dana', { days: 3 });
      await logPyramids(src.db, dana, '2025-04-01');
      await copyDatabase(src.db, dst.db);
      const target = (await dst.db('users').where({ username: 'dana' }).first('id')).id as number;
      const pyramidDay = async () => setsOfSession((await listWorkoutSessions(dst.db, target, { from: '2025-04-01', to: '2025-04-01' }))[0]!);
      expect(await pyramidDay()).toEqual({ Bench: PYRAMID, Row: null, Squat: POUNDS });

      const other = await createTestDb(from);
      try {
        // The same account again: the pyramid session unchanged, and a new one on another day.
        const again = await seedUser(other.db, 'dana', { days: 3 });
        await logPyramids(other.db, again, '2025-04-01');
        await logPyramids(other.db, again, '2025-04-08');
        const merged = Object.fromEntries((await copyDatabase(other.db, dst.db, { merge: true })).map((r) => [r.table, r]));
        expect(merged.exercise_sets).toMatchObject({ source: 14, inserted: 7, matched: 7, conflicts: 0 });
        const week2 = (await listWorkoutSessions(dst.db, target, { from: '2025-04-08', to: '2025-04-08' }))[0]!;
        expect(setsOfSession(week2)).toEqual({ Bench: PYRAMID, Row: null, Squat: POUNDS });

        // One set of both sessions weighed differently: they are conflicts and keep their sets, unless --update.
        await other.db('exercise_sets').where({ set_index: 3, weight_kg: 80 }).update({ weight_kg: 82.5 });
        const conflicted = Object.fromEntries((await copyDatabase(other.db, dst.db, { merge: true })).map((r) => [r.table, r]));
        expect(conflicted.workout_sessions).toMatchObject({ conflicts: 2 });
        expect(conflicted.exercise_sets).toMatchObject({ inserted: 0, conflicts: 14, matched: 0 });
        expect((await pyramidDay()).Bench).toEqual(PYRAMID);
        const updated = Object.fromEntries((await copyDatabase(other.db, dst.db, { merge: true, update: true })).map((r) => [r.table, r]));
        expect(updated.exercise_sets).toMatchObject({ inserted: 14, matched: 0, conflicts: 0 });
        expect((await pyramidDay()).Bench!.map((s) => s.weightKg)).toEqual([60, 70, 82.5]);
        // The target's own sets of those sessions were replaced, not kept beside the new ones.
        expect(Number((await dst.db('exercise_sets').count({ n: '*' }).first())!.n)).toBe(14);
      } finally {
        await other.drop();
      }
    });
  });
}

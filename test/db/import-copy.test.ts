/**
 * How an import's rows reach the tables: on PostgreSQL streamed in with COPY (text format), or
 * with multi-row INSERTs where row-level security binds the connection's role (COPY FROM is
 * refused there); on SQLite with prepared multi-row INSERTs. Either way, what is read back is
 * exactly what was imported, and a row the database refuses leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { describe, expect, it, vi } from 'vitest';
import { dialects, useTestDb } from '../helpers/db.js';
import { runCli } from '../helpers/cli.js';
import { loadLegacyRecords } from '../../src/db/legacy-rows.js';
import { newBatchId } from '../../src/db/import-write.js';
import { writeImport } from '../helpers/write-import.js';
import { translateDbError } from '../../src/db/errors.js';
import { createDb, resolveDbTarget } from '../../src/db/connection.js';
import { bindSessionToken, detectGuard } from '../../src/db/rls-repo.js';
import { hashToken } from '../../src/domain/auth.js';
import { plainSet } from '../../src/domain/workout.js';
import type { ImportPlan, PlannedRecord } from '../../src/domain/import-plan.js';
import type { CheckInRecord, CoachingRecord, MealRecord, WorkoutRecord } from '../../src/domain/legacy-records.js';
import { nowIso } from '../../src/clock.js';
import * as pgAdapter from '../../src/db/adapter/pg-adapter.js';

vi.mock('../../src/db/adapter/pg-adapter.js', async (original) => {
  const real = await original<typeof import('../../src/db/adapter/pg-adapter.js')>();
  return { ...real, copyIn: vi.fn(real.copyIn) };
});

/** Text COPY's formats give a meaning to, and text a driver may mangle. */
const AWKWARD = ['tab\there', 'two\nlines\r\nand a CR\r', 'back\\slash \\\\ and \\t literally', '\\N', '\\.', 'quotes "double" \'single\' `back`', 'unicode: é ß 漢字 🏋️‍♀️ \u00a0nbsp', ',;|', ''];

const source = (line: number) => ({ file: 'awkward\tfile\\name ü.md', line });

function checkIn(i: number, notes: string | null): CheckInRecord {
  const day = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  return { recordedDate: day, weightKg: 70.1 + 0.2 + i / 10, weightUnit: 'kg', bodyFatPct: 15.35, lengthUnit: null, chestCm: null, waistCm: 80.123456789, hipsCm: null, neckCm: null, notes, source: source(i + 3) };
}

function meal(i: number, notes: string | null): MealRecord {
  const day = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  return { mealDate: day, mealType: 'lunch', mealLabel: null, description: notes !== null && notes.length > 100 ? 'long notes' : notes, calories: 612, proteinG: 40.5, carbsG: null, fatG: 0.3, fiberG: null, satietyBefore: null, satietyAfter: null, notes, source: source(i + 3) };
}

function workout(i: number, text: string): WorkoutRecord {
  const day = new Date(Date.UTC(2021, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  return {
    sessionDate: day,
    title: `W ${text}`,
    sessionType: 'strength',
    programPhase: null,
    notes: text,
    source: source(i + 3),
    exercises: [
      { exerciseName: `Squat ${i}`, supersetLabel: null, orderIndex: 0, sets: 2, reps: 5, repsPerSet: [5, 5], weightKg: 102.5, weightUnit: 'kg', durationSeconds: null, distanceKm: null, notes: text, raw: `2x5 ${text}`, perSet: [plainSet(5, 102.5), plainSet(5, 0.1 + 0.2, { rpe: 8.5 })], source: source(i + 4) },
      { exerciseName: 'Row', supersetLabel: 'A', orderIndex: 1, sets: null, reps: null, repsPerSet: null, weightKg: null, weightUnit: null, durationSeconds: 600, distanceKm: 2.0005, notes: null, raw: null, source: source(i + 5) },
    ],
  };
}

function coaching(i: number, text: string): CoachingRecord {
  const day = new Date(Date.UTC(2022, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  return { sessionDate: day, title: text, coachName: 'Zoë', subject: text, topics: [text, '"json" {braces}'], rating: 4, nextSessionDate: null, notes: text, actionItems: [{ text: `do ${text}`, done: true }, { text: 'later', done: false }], source: source(i + 3) };
}

function planOf(records: Array<[PlannedRecord['kind'], PlannedRecord['record']]>): ImportPlan {
  return { planned: records.map(([kind, record], i) => ({ kind, record, key: `k${i}`, outcome: 'create' as const })), issues: [], files: [] };
}

async function newUser(db: Knex, name: string): Promise<number> {
  const now = nowIso();
  await db('users').insert({ username: name, password_hash: 'x'.repeat(60), created_at: now, updated_at: now });
  return (await db('users').where({ username: name }).first('id')).id as number;
}

async function count(db: Knex, table: string): Promise<number> {
  return Number(((await db(table).count({ n: '*' }).first()) as { n: number | string }).n);
}

const awkwardPlan = () =>
  planOf([
    ...AWKWARD.map((t, i) => ['check-in', checkIn(i, t)] as [PlannedRecord['kind'], PlannedRecord['record']]),
    ['check-in', checkIn(AWKWARD.length, null)],
    ...AWKWARD.map((t, i) => ['meals', meal(i, t)] as [PlannedRecord['kind'], PlannedRecord['record']]),
    ...AWKWARD.map((t, i) => ['workouts', workout(i, t)] as [PlannedRecord['kind'], PlannedRecord['record']]),
    ...AWKWARD.map((t, i) => ['coaching', coaching(i, t)] as [PlannedRecord['kind'], PlannedRecord['record']]),
  ]);

/** What an import stored, as the records the import reads back (extra columns left out). */
async function readBack(db: Knex, userId: number) {
  const all = await loadLegacyRecords(db, userId);
  const strip = <R extends { extra?: unknown }>({ extra: _extra, ...r }: R) => r;
  return {
    checkIns: all.checkIns.map((r) => strip(r.record)),
    meals: all.meals.map((r) => strip(r.record)),
    workouts: all.workouts.map((r) => ({ ...strip(r.record), exercises: r.record.exercises.map(strip) })),
    coaching: all.coaching.map((r) => strip(r.record)),
    batches: [...new Set([...all.checkIns, ...all.meals, ...all.workouts, ...all.coaching].map((r) => r.batch))],
  };
}

function expected(plan: ImportPlan) {
  const of = <R>(kind: PlannedRecord['kind']) => plan.planned.filter((p) => p.kind === kind).map((p) => p.record as R);
  return {
    checkIns: of<CheckInRecord>('check-in'),
    meals: of<MealRecord>('meals').map((m) => ({ ...m, mealLabel: null })),
    workouts: of<WorkoutRecord>('workouts'),
    coaching: of<CoachingRecord>('coaching'),
  };
}

const copyCalls = () => vi.mocked(pgAdapter.copyIn).mock.calls.length;

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);

    it('reads back exactly the text and numbers imported: tabs, newlines, backslashes, \\N, quotes, unicode, JSON, flags', async () => {
      const userId = await newUser(t.db, 'awkward');
      const plan = awkwardPlan();
      const batch = newBatchId();
      const before = copyCalls();
      const counts = await writeImport(t.db, userId, plan, { id: batch, files: ['awkward.md'], startedAt: nowIso() });
      expect(counts.created).toBe(AWKWARD.length * 5 + 1);
      // On PostgreSQL the owner role is not bound by row-level security: the rows went by COPY.
      if (dialect === 'postgres') expect(copyCalls() - before).toBeGreaterThanOrEqual(6);
      else expect(copyCalls()).toBe(before);
      const { batches, ...stored } = await readBack(t.db, userId);
      expect(stored).toEqual(expected(plan));
      expect(batches).toEqual([batch]);
    });

    it('a row the database refuses late in the import leaves nothing behind, with the error an import reports', async () => {
      const userId = await newUser(t.db, 'refused');
      const tables = ['health_metrics', 'meal_logs', 'workout_sessions', 'exercise_logs', 'exercise_sets', 'coaching_sessions', 'import_batches'];
      const before = Object.fromEntries(await Promise.all(tables.map(async (x) => [x, await count(t.db, x)])));
      const many = 3000;
      const records: Array<[PlannedRecord['kind'], PlannedRecord['record']]> = [];
      for (let i = 0; i < many; i++) records.push(['check-in', checkIn(1000 + i, `n ${i}`)]);
      for (let i = 0; i < 10; i++) records.push(['workouts', workout(1000 + i, 'fine')]);
      // The meals come after the check-ins and workouts are written; the 2 500th is too long.
      for (let i = 0; i < many; i++) records.push(['meals', meal(1000 + i, i === 2499 ? 'x'.repeat(10_001) : 'ok')]);
      const err = await writeImport(t.db, userId, planOf(records), { id: newBatchId(), files: ['big.md'], startedAt: nowIso() }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).not.toBeNull();
      expect(translateDbError(err)?.message).toBe('the database refused text longer than 10000 characters in meal_logs.notes: nothing was written');
      const after = Object.fromEntries(await Promise.all(tables.map(async (x) => [x, await count(t.db, x)])));
      expect(after).toEqual(before);
      expect(await t.db('import_batches').where({ user_id: userId }).select()).toEqual([]);
    });

    it('imports running at the same time as other writers keep every exercise and set under its own session', async () => {
      const users = [await newUser(t.db, 'side-a'), await newUser(t.db, 'side-b')];
      const workouts = (from: number) => planOf(Array.from({ length: 300 }, (_, i) => ['workouts', workout(from + i, `s${i}`)] as [PlannedRecord['kind'], PlannedRecord['record']]));
      // A third writer takes ids from the same sequences one row at a time meanwhile.
      const byHand = async () => {
        for (let i = 0; i < 40; i++) {
          const [s] = await t.db('workout_sessions').insert({ user_id: users[0], session_date: '2030-01-01', title: `hand ${i}` }).returning('id');
          const sessionId = typeof s === 'object' ? (s as { id: number }).id : (s as number);
          await t.db('exercise_logs').insert({ session_id: sessionId, exercise_name: `hand ${i}`, order_index: 0 });
        }
      };
      await Promise.all([
        writeImport(t.db, users[0]!, workouts(2000), { id: newBatchId(), files: ['a.md'], startedAt: nowIso() }),
        writeImport(t.db, users[1]!, workouts(3000), { id: newBatchId(), files: ['b.md'], startedAt: nowIso() }),
        byHand(),
      ]);
      for (const [i, userId] of users.entries()) {
        const all = await loadLegacyRecords(t.db, userId);
        const imported = all.workouts.filter((w) => w.batch !== null);
        expect(imported.map((w) => w.record.title)).toEqual(Array.from({ length: 300 }, (_, k) => `W s${k}`));
        // Each session holds exactly its own two exercises, the first with its own two sets.
        for (const [k, w] of imported.entries()) {
          expect(w.record.exercises.map((e) => e.exerciseName)).toEqual([`Squat ${(i === 0 ? 2000 : 3000) + k}`, 'Row']);
          expect(w.record.exercises[0]!.perSet).toEqual([plainSet(5, 102.5), plainSet(5, 0.1 + 0.2, { rpe: 8.5 })]);
        }
      }
      expect((await loadLegacyRecords(t.db, users[0]!)).workouts.filter((w) => w.batch === null).map((w) => w.record.exercises.length)).toEqual(Array(40).fill(1));
    });

    if (dialect !== 'postgres') return;

    it('as an application role bound by row-level security, the rows go by INSERT and read back the same', async () => {
      const userId = await newUser(t.db, 'guarded');
      const role = `ft_app_${randomBytes(4).toString('hex')}`;
      await t.db.raw(`CREATE ROLE ${role} LOGIN PASSWORD 'app-pass-123'`);
      let app: Knex | undefined;
      try {
        const r = await runCli(['db', 'enable-rls', '--app-role', role], { db: t.url, home: t.dir });
        expect(r.code).toBe(0);
        const url = new URL(t.url);
        url.username = role;
        url.password = 'app-pass-123';
        app = await createDb(resolveDbTarget(url.toString()));
        const token = `copy-token-${randomBytes(16).toString('hex')}`;
        await t.db('user_sessions').insert({ user_id: userId, token_hash: hashToken(token), created_at: nowIso(), expires_at: new Date(Date.now() + 3_600_000).toISOString() });
        bindSessionToken(app, token);
        expect(await detectGuard(app)).toBe(true);

        const plan = awkwardPlan();
        const batch = newBatchId();
        const before = copyCalls();
        await writeImport(app, userId, plan, { id: batch, files: ['awkward.md'], startedAt: nowIso() });
        expect(copyCalls()).toBe(before);
        const { batches, ...stored } = await readBack(app, userId);
        expect(stored).toEqual(expected(plan));
        expect(batches).toEqual([batch]);
      } finally {
        await app?.destroy();
        await t.db.raw(`DROP OWNED BY ${role}`);
        await t.db.raw(`DROP ROLE ${role}`);
      }
    });
  });
}

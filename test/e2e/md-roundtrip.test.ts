/**
 * `export --format md` → `import-md` into a new database loses nothing: every column of a
 * check-in, workout (with its exercises), coaching session (with its action items) and meal
 * comes back, through the built CLI, on both engines.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createTestDb, dialects, type TestDb } from '../helpers/db.js';

type Db = TestDb & { drop(): Promise<void> };
type Row = Record<string, unknown>;

const LB = 0.45359237;
const NOW = '2025-06-01T09:30:00.000Z';

/** Columns the markdown logs do not carry by design: identity, ownership, provenance and links to other tables. */
const NOT_CARRIED = new Set(['id', 'user_id', 'session_id', 'created_at', 'updated_at', 'source_file', 'source_line', 'import_batch_id', 'raw', 'exercise_definition_id', 'coach_id', 'done_at', 'goal_id']);

async function insertId(db: Knex, table: string, row: Row): Promise<number> {
  const [r] = await db(table).insert(row).returning('id');
  return Number(typeof r === 'object' ? (r as { id: number }).id : r);
}

/** An account that fills every column the logs can carry, with edge values where they matter. */
async function fillAccount(db: Knex): Promise<void> {
  const user = await insertId(db, 'users', { username: 'tester', created_at: NOW, updated_at: NOW });
  const owned = { user_id: user, created_at: NOW, updated_at: NOW };
  const everyHealthColumn = {
    weight_kg: 80.4, weight_unit: 'kg', body_fat_pct: 21.5, muscle_mass_kg: 35.2, bmi: 24.1, length_unit: 'cm',
    chest_cm: 101.5, waist_cm: 86.5, hips_cm: 95.25, neck_cm: 38, left_arm_cm: 35, right_arm_cm: 35.5, left_thigh_cm: 58, right_thigh_cm: 58.5,
    resting_heart_rate: 58, blood_pressure_systolic: 121, blood_pressure_diastolic: 79, energy_level: 7, mood: 8, sleep_quality: 6, stress_level: 3, sleep_hours: 7.25,
  };
  await db('health_metrics').insert([
    { ...owned, recorded_date: '2025-03-03', ...everyHealthColumn, notes: 'felt good | after coffee' },
    { ...owned, recorded_date: '2025-03-04', weight_kg: 176.4 * LB, weight_unit: 'lb', sleep_hours: 0, notes: 'Жим лёжа — ünïcödé' },
    { ...owned, recorded_date: '2025-03-05', weight_kg: 80.123456789, weight_unit: 'kg', mood: 10, energy_level: 1 },
  ]);

  const upper = await insertId(db, 'workout_sessions', {
    ...owned, session_date: '2025-03-04', title: 'Upper A', session_type: 'strength', program_phase: 'Phase 1', program_week: 2, program_day: 9,
    duration_minutes: 65.5, intensity: 8, fatigue: 5, soreness: 3, notes: 'Good pump',
  });
  const exercise = (session: number, order: number, row: Row) => ({ session_id: session, order_index: order, created_at: NOW, ...row });
  await db('exercise_logs').insert([
    exercise(upper, 1, { exercise_name: 'Bench Press', sets: 3, reps: 8, reps_per_set: JSON.stringify([8, 8, 8]), weight_kg: 80, weight_unit: 'kg', rest_seconds: 120, rpe: 8.5, form_quality: 7, notes: 'paused reps' }),
    exercise(upper, 2, { exercise_name: 'Pull-up', superset_label: 'A1', sets: 3, rpe: 9, rest_seconds: 90 }),
    exercise(upper, 3, { exercise_name: 'Squat', sets: 4, reps_per_set: JSON.stringify([5, 5, 5, 3]), weight_kg: 100, weight_unit: 'kg', rpe: 7.5 }),
    exercise(upper, 4, { exercise_name: 'Curl', superset_label: 'B2', sets: 3, reps: 12, reps_per_set: JSON.stringify([12, 12, 12]), weight_kg: 30 * LB, weight_unit: 'lb', form_quality: 10 }),
  ]);
  const run = await insertId(db, 'workout_sessions', { ...owned, session_date: '2025-03-05', title: 'Easy run', session_type: 'cardio', program_week: 3 });
  await db('exercise_logs').insert(exercise(run, 1, { exercise_name: 'Run', duration_seconds: 2700, distance_km: 8.2, rpe: 4 }));
  const mobility = await insertId(db, 'workout_sessions', { ...owned, session_date: '2025-03-06', title: 'Evening', session_type: 'recovery', soreness: 6 });
  await db('exercise_logs').insert(exercise(mobility, 1, { exercise_name: 'Plank', sets: 3, duration_seconds: 60, rest_seconds: 30 }));

  const coaching = await insertId(db, 'coaching_sessions', {
    ...owned, session_date: '2025-03-12', title: 'Week 2 Review', coach_name: 'Coach Dana', subject: 'Two weeks in', topics: JSON.stringify(['protein', 'sleep']),
    notes: 'Weight is on plan.\n\nKeep the **deficit** small.', rating: 8, next_session_date: '2025-03-19', follow_up_required: true,
  });
  await db('coaching_action_items').insert([
    { session_id: coaching, position: 1, text: 'Protein first: 180 g a day', done: true },
    { session_id: coaching, position: 2, text: 'Walk after dinner', done: false },
  ]);
  await insertId(db, 'coaching_sessions', { ...owned, session_date: '2025-03-19', title: null, coach_name: 'Coach Dana', topics: JSON.stringify([]), follow_up_required: false });

  await db('meal_logs').insert([
    {
      ...owned, meal_date: '2025-03-04', meal_type: 'breakfast', description: '3 eggs, 2 slices toast', calories: 450, protein_g: 30.5, carbs_g: 40, fat_g: 18, fiber_g: 4.5,
      sugar_g: 6, sodium_mg: 520, water_ml: 300, adherence: 'off_plan', satisfaction: 9, hunger_before: 7, hunger_after: 2, satiety_before: 2, satiety_after: 8, notes: 'before the gym',
    },
    { ...owned, meal_date: '2025-03-04', meal_type: 'pre_workout', description: 'Banana', calories: 105, satiety_after: 5 },
    { ...owned, meal_date: '2025-03-04', meal_type: 'snack', description: 'Greek yogurt', protein_g: 17, notes: 'Approx 17g protein' },
  ]);
}

function plain(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && /^[[{]/.test(v)) return JSON.parse(v);
  return v;
}

/** Every carried column of the four logs' tables (children inside their parents), in a stable order. */
async function carried(db: Knex) {
  const rows = async (table: string, order: string[]) =>
    ((await db(table).orderBy(order)) as Row[]).map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !NOT_CARRIED.has(k)).map(([k, v]) => [k, plain(v)])));
  const withChildren = async (table: string, order: string[], child: string, childOrder: string[]) => {
    const parents = (await db(table).orderBy(order)) as Row[];
    const out: Row[] = [];
    const own = await rows(table, order);
    for (const [i, p] of parents.entries()) {
      const kids = ((await db(child).where({ session_id: p.id }).orderBy(childOrder)) as Row[]).map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !NOT_CARRIED.has(k)).map(([k, v]) => [k, plain(v)])));
      out.push({ ...own[i], children: kids });
    }
    return out;
  };
  return {
    health_metrics: await rows('health_metrics', ['recorded_date']),
    workout_sessions: await withChildren('workout_sessions', ['session_date', 'title'], 'exercise_logs', ['order_index']),
    coaching_sessions: await withChildren('coaching_sessions', ['session_date'], 'coaching_action_items', ['position']),
    meal_logs: await rows('meal_logs', ['meal_date', 'meal_type']),
  };
}

for (const dialect of dialects) {
  describe(dialect, () => {
    let a: Db;
    let b: Db;
    beforeAll(async () => {
      a = await createTestDb(dialect);
      b = await createTestDb(dialect);
      await fillAccount(a.db);
    });
    afterAll(async () => {
      await a?.drop();
      await b?.drop();
    });

    it('every column comes back through export --format md and import-md into a new database', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'fittrack-md-roundtrip-'));
      const exp = await runCli(['export', '--format', 'md', '--output', dir], { db: a.url, home: a.dir });
      expect(exp.code, exp.stderr).toBe(0);
      expect(readFileSync(path.join(dir, 'exercise-log.md'), 'utf8')).toContain('| 3 x AMRAP |');

      const imp = await runCli(['import-md', dir, '--json'], { db: b.url, home: b.dir });
      expect(imp.code, imp.stderr).toBe(0);
      expect(JSON.parse(imp.stdout).totals).toMatchObject({ errors: 0, conflicts: 0, created: 14 });

      const before = await carried(a.db);
      const after = await carried(b.db);
      expect(after.health_metrics).toHaveLength(3);
      expect(after).toEqual(before);

      // And a second export of the copy is the same text.
      const dir2 = mkdtempSync(path.join(os.tmpdir(), 'fittrack-md-roundtrip-'));
      const exp2 = await runCli(['export', '--format', 'md', '--output', dir2], { db: b.url, home: b.dir });
      expect(exp2.code, exp2.stderr).toBe(0);
      for (const name of ['check-in-log.md', 'exercise-log.md', 'Coaching_sessions.md', 'meal-log.md']) {
        expect(readFileSync(path.join(dir2, name), 'utf8'), name).toBe(readFileSync(path.join(dir, name), 'utf8'));
      }
    });
  });
}

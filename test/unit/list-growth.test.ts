/**
 * Lists and reports grow linearly with the rows they read, checked without a clock: the rows
 * handed to each step are wrapped so that every property read is counted, and the step runs on
 * n and on 4n rows. A linear step reads about 4× as much (n log n a little more); a step that
 * goes over every row again for each row (a filter per session, a moving window recomputed
 * per day, a rescan per column) reads 16×.
 */
import { describe, expect, it } from 'vitest';
import { weightListRows, weightListTable } from '../../src/cli/render/health-view.js';
import { renderTable, type Cell } from '../../src/cli/render/table.js';
import { workoutListTable } from '../../src/cli/render/workout-view.js';
import type { HealthShown } from '../../src/db/health-repo.js';
import type { Sql, SqlValue } from '../../src/db/sql.js';
import { listWorkoutSessions, listWorkoutsShown } from '../../src/db/workout-repo.js';
import { createReportRepo } from '../../src/db/report-repo.js';
import { goalRepo } from '../../src/db/goal-repo.js';
import { weightTrend } from '../../src/domain/weight-trend.js';
import { liftRecords, weeklyVolume } from '../../src/report/lifts.js';
import type { LiftSet } from '../../src/domain/workout.js';
import { summarize } from '../../src/report/summary.js';

/** Counts property reads of the objects (and arrays) it wraps. */
function counter() {
  let reads = 0;
  const wrap = <T extends object>(o: T): T =>
    new Proxy(o, {
      get(target, key, receiver) {
        reads++;
        return Reflect.get(target, key, receiver);
      },
    });
  return { wrap, reads: () => reads };
}

/** Reads at 4n over reads at n: about 4 when linear, 16 when quadratic. */
function growth(reads: (n: number) => number, n = 300): number {
  return reads(4 * n) / reads(n);
}

async function growthAsync(reads: (n: number) => Promise<number>, n = 300): Promise<number> {
  return (await reads(4 * n)) / (await reads(n));
}

const LINEAR = 5;
const day = (i: number) => new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

describe('lists grow linearly with their rows', () => {
  it('log-workout --list: each session gets its exercises without a scan of every exercise, in a fixed number of statements', async () => {
    for (const list of [listWorkoutsShown, listWorkoutSessions]) {
      let statements = 0;
      const readsFor = async (sessions: number) => {
        const c = counter();
        statements = 0;
        const sessionRows = Array.from({ length: sessions }, (_, i) => ({ id: i + 1, user_id: 1, session_date: day(i), title: `Upper ${i % 3}`, session_type: 'strength', program_phase: null, program_week: null, program_day: null, duration_minutes: 60, intensity: null, fatigue: null, soreness: null, notes: null, created_at: '', updated_at: '' }));
        const logs = sessionRows.flatMap((s) =>
          Array.from({ length: 6 }, (_, j) =>
            c.wrap({ id: s.id * 10 + j, session_id: s.id, exercise_definition_id: null, exercise_name: `Lift ${j}`, superset_label: null, order_index: j + 1, sets: 3, reps: 5, reps_per_set: null, weight_kg: 100, weight_unit: 'kg', rest_seconds: null, duration_seconds: null, distance_km: null, rpe: 8, form_quality: null, notes: null, raw: null }),
          ),
        );
        // Every third exercise logged set by set.
        const sets = logs.filter((_, k) => k % 3 === 0).flatMap((l) => [8, 6, 4].map((reps, k) => c.wrap({ exercise_log_id: (l as { id: number }).id, set_index: k + 1, set_type: 'normal', reps, weight_kg: 60 + k * 10, rpe: null, duration_seconds: null, distance_km: null })));
        const sql: Sql = {
          engine: 'sqlite',
          async all<T>(text: string) {
            statements++;
            if (text.includes('from exercise_sets')) return sets as T[];
            if (text.includes('from exercise_logs')) return logs as T[];
            return sessionRows.map((s) => c.wrap(s)) as T[];
          },
          async first<T>() {
            return undefined as T | undefined;
          },
          transaction: (fn) => fn(sql),
        };
        const listed = await list(sql, 1);
        expect(listed).toHaveLength(sessions);
        expect(listed.every((w) => w.exercises.length === 6 && w.exercises[0]!.perSet?.length === 3)).toBe(true);
        const table = workoutListTable(listed, 'kg');
        renderTable(table.head, table.rows, table.opts);
        return c.reads();
      };
      expect(await growthAsync(readsFor)).toBeLessThan(LINEAR);
      // Sessions, their exercises and their sets: three statements at any length.
      expect(statements).toBe(3);
    }
  });

  it('log-weight --list: the change since the previous weight and the derived numbers in one pass', () => {
    const readsFor = (n: number) => {
      const c = counter();
      const days: HealthShown[] = Array.from({ length: n }, (_, i) => c.wrap({ recorded_date: day(i), weight_kg: 80 + (i % 30) / 10, body_fat_pct: i % 2 ? 20 : null, bmi: null, waist_cm: 85, notes: i % 7 ? null : `note ${i}` }));
      const table = weightListTable(weightListRows(c.wrap(days), 180, 'kg', 'cm'));
      renderTable(table.head, table.rows, table.opts);
      return c.reads();
    };
    expect(growth(readsFor)).toBeLessThan(LINEAR);
  });

  it('tables: measuring, fitting a narrow terminal and padding read each cell a bounded number of times', () => {
    for (const width of [null, 60]) {
      const readsFor = (n: number) => {
        const c = counter();
        const rows: Cell[][] = Array.from({ length: n }, (_, i) => c.wrap([day(i), `${80 + (i % 9)}.0 kg`, i % 3 ? null : '+0.1 kg', `a note that is long enough to wrap at sixty columns, number ${i}`]));
        renderTable(['Date', 'Weight', 'Change', 'Note'], c.wrap(rows), { width, wrap: [3], priority: [undefined, undefined, 1, 2] });
        return c.reads();
      };
      expect(growth(readsFor)).toBeLessThan(LINEAR);
    }
  });

  it('report weight: the trend and weekly rate in one pass', () => {
    const readsFor = (n: number) => {
      const c = counter();
      const points = Array.from({ length: n }, (_, i) => c.wrap({ date: day(i + Math.floor(i / 5)), weightKg: 80 + Math.sin(i) }));
      weightTrend(c.wrap(points));
      return c.reads();
    };
    expect(growth(readsFor)).toBeLessThan(LINEAR);
  });

  it('report lifts and summary: records, weekly volume and averages in one pass', () => {
    const readsFor = (n: number) => {
      const c = counter();
      const sets: LiftSet[] = Array.from({ length: n }, (_, i) => c.wrap({ date: day(Math.floor(i / 24)), exercise: `Lift ${i % 6}`, weightKg: 60 + (i % 40), reps: 3 + (i % 8) }));
      liftRecords(c.wrap(sets));
      weeklyVolume(c.wrap(sets));
      const meals = Array.from({ length: n }, (_, i) => c.wrap({ date: day(Math.floor(i / 4)), calories: 500, proteinG: 30 }));
      summarize({ from: day(0), to: day(n), sessions: [], volumeKg: 0, weightsKg: [], meals: c.wrap(meals), openActions: [] });
      return c.reads();
    };
    expect(growth(readsFor)).toBeLessThan(LINEAR);
  });

  it('report lifts and e1RM goals: the sets of any number of exercises in a fixed number of statements', async () => {
    const statementsFor = async (logs: number) => {
      const c = counter();
      let statements = 0;
      const rows = Array.from({ length: logs }, (_, i) => c.wrap({ id: i + 1, session_date: day(Math.floor(i / 6)), exercise_name: 'Back Squat', weight_kg: 100 + (i % 20), sets: 3, reps: 5, reps_per_set: null }));
      const sql: Sql = {
        engine: 'sqlite',
        async all<T>(text: string) {
          statements++;
          return (text.includes('from exercise_sets') ? [] : rows) as T[];
        },
        async first<T>() {
          statements++;
          return rows[0] as T | undefined;
        },
        transaction: (fn) => fn(sql),
      };
      const sets = await createReportRepo(sql, 1).liftSets('back squat');
      expect(sets).toHaveLength(logs * 3);
      liftRecords(sets);
      weeklyVolume(sets);
      expect((await goalRepo(sql, 1).series('e1rm:back squat')).length).toBe(Math.ceil(logs / 6));
      return { statements, reads: c.reads() };
    };
    const [small, large] = [await statementsFor(600), await statementsFor(2400)];
    // The exact-name check, the logs and their sets; then the goal's logs and sets.
    expect(small.statements).toBe(5);
    expect(large.statements).toBe(5);
    expect(large.reads / small.reads).toBeLessThan(LINEAR);
  });

  it('the counting itself tells a quadratic step apart', () => {
    const readsFor = (n: number) => {
      const c = counter();
      const logs = c.wrap(Array.from({ length: n }, (_, i) => c.wrap({ session_id: i % (n / 6) })));
      for (let s = 0; s < n / 6; s++) logs.filter((l) => l.session_id === s);
      return c.reads();
    };
    expect(growth(readsFor)).toBeGreaterThan(12);
  });
});

/**
 * `fittrack log-workout` with sets written one by one (`Bench 60x8, 70x6, 80x4`): stored set by
 * set, shown compactly, counted set by set in volume, e1RM and `report lifts`; set text it
 * cannot read is refused with its position and nothing is written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { parseCsv } from '../helpers/csv.js';
import { createTestDb, dialects, useTestDb } from '../helpers/db.js';

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const cli = (args: string[]) => runCli(args, { db: t.url, home: t.dir });

    it('stores a pyramid set by set and counts each set at its own load', async () => {
      const r = await cli(['log-workout', 'Push', 'Bench 60x8, 70x6, 80x4@rpe9', 'Squat 40kgx10 warmup, 100kgx5 rpe 8, 90kgx5 drop', 'Row 3x10@60kg', '--date', '2025-03-04', '--json']);
      expect(r.code, r.stderr).toBe(0);
      // 60×8 + 70×6 + 80×4 = 1 220; 40×10 + 100×5 + 90×5 = 1 350; 3×10×60 = 1 800.
      expect(r.stderr.split('\n')[0]).toBe('Logged "Push" for 2025-03-04 (#1, strength): 3 exercises, 9 sets, volume 4 370 kg, avg RPE 8.5');
      const w = JSON.parse(r.stdout);
      expect(w.exercises[0]).toMatchObject({ exercise_name: 'Bench', sets: 3, reps: null, reps_per_set: [8, 6, 4], weight_kg: 80, weight_unit: 'kg', rpe: null, volume_kg: 1220 });
      expect(w.exercises[0].e1rm_kg).toBeCloseTo(80 * (1 + 4 / 30), 3);
      expect(w.exercises[0].per_set).toEqual([
        { set_index: 1, set_type: 'normal', reps: 8, weight_kg: 60, rpe: null, duration_seconds: null, distance_km: null },
        { set_index: 2, set_type: 'normal', reps: 6, weight_kg: 70, rpe: null, duration_seconds: null, distance_km: null },
        { set_index: 3, set_type: 'normal', reps: 4, weight_kg: 80, rpe: 9, duration_seconds: null, distance_km: null },
      ]);
      expect(w.exercises[1].per_set.map((s: { set_type: string }) => s.set_type)).toEqual(['warmup', 'normal', 'dropset']);
      expect(w.exercises[1]).toMatchObject({ weight_kg: 100, volume_kg: 1350 });
      expect(w.exercises[2].per_set).toEqual([]);
      const rows = await t.db('exercise_sets').orderBy(['exercise_log_id', 'set_index']).select('set_index', 'reps', 'weight_kg', 'rpe', 'set_type');
      expect(rows.map((x) => [x.set_index, x.reps, Number(x.weight_kg), x.rpe === null ? null : Number(x.rpe), x.set_type])).toEqual([
        [1, 8, 60, null, 'normal'],
        [2, 6, 70, null, 'normal'],
        [3, 4, 80, 9, 'normal'],
        [1, 10, 40, null, 'warmup'],
        [2, 5, 100, 8, 'normal'],
        [3, 5, 90, null, 'dropset'],
      ]);
    });

    it('shows the sets compactly in --list and --show', async () => {
      const list = await cli(['log-workout', '--list']);
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).toContain('Bench 60kg×8, 70kg×6, 80kg×4@rpe9, Squat 40kg×10 warmup, 100kg×5@rpe8, 90kg×5 drop, Row 3×10');
      const show = await cli(['log-workout', '--show', '1']);
      expect(show.stdout).toMatch(/1\s+Bench\s+60kg×8, 70kg×6, 80kg×4@rpe9\s+80 kg\s+1 220 kg\s+90.7 kg\s+9/);
    });

    it('reads the sets in lift records and exercise history', async () => {
      const lifts = JSON.parse((await cli(['report', 'lifts', 'Bench', '--json'])).stdout);
      expect(lifts.records).toEqual([
        expect.objectContaining({
          exercise: 'Bench',
          sets: 3,
          heaviest: { weight_kg: 80, reps: 4, date: '2025-03-04' },
          best_reps_at_load: [
            { weight_kg: 80, reps: 4, date: '2025-03-04' },
            { weight_kg: 70, reps: 6, date: '2025-03-04' },
            { weight_kg: 60, reps: 8, date: '2025-03-04' },
          ],
        }),
      ]);
      expect(lifts.records[0].e1rm_epley).toMatchObject({ weight_kg: 80, reps: 4 });
      expect(lifts.weekly_volume).toEqual([{ week: '2025-03-03', volume_kg: 1220, sets: 3 }]);
      const shown = JSON.parse((await cli(['exercise', 'show', 'Bench', '--json'])).stdout);
      expect(shown.best.heaviest).toMatchObject({ weight_kg: 80, reps: 4 });
      expect(shown.best.e1rm).toMatchObject({ weight_kg: 80, reps: 4 });
      expect(shown.history[0].per_set.map((s: { weight_kg: number }) => s.weight_kg)).toEqual([60, 70, 80]);
    });

    it('exports the sets as their own CSV table, in either units', async () => {
      const r = await cli(['export', '--format', 'csv', '--what', 'sets']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.split(/\r?\n/)[0]).toBe('session_date,session_title,order_index,exercise_name,set_index,set_type,reps,weight_kg,rpe,duration_seconds,distance_km');
      const rows = parseCsv(r.stdout);
      expect(rows.map((x) => [x.exercise_name, x.set_index, x.set_type, x.reps, x.weight_kg, x.rpe])).toEqual([
        ['Bench', '1', 'normal', '8', '60', ''],
        ['Bench', '2', 'normal', '6', '70', ''],
        ['Bench', '3', 'normal', '4', '80', '9'],
        ['Squat', '1', 'warmup', '10', '40', ''],
        ['Squat', '2', 'normal', '5', '100', '8'],
        ['Squat', '3', 'dropset', '5', '90', ''],
      ]);
      const lb = parseCsv((await cli(['export', '--format', 'csv', '--what', 'sets', '--units', 'imperial'])).stdout);
      expect(Number(lb[0]!.weight_lb)).toBeCloseTo(60 / 0.45359237, 5);
    });

    it('import-json restores the sets, and refuses a bad set with its JSON path', async () => {
      const file = path.join(t.dir, 'sets.json');
      expect((await cli(['export', '--format', 'json', '--output', file])).code).toBe(0);
      const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
      doc.workout_sessions[0].exercises[0].per_set[1].set_type = 'giant';
      const bad = path.join(t.dir, 'bad-sets.json');
      fs.writeFileSync(bad, JSON.stringify(doc));
      const r = await cli(['import-json', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('$.workout_sessions[0].exercises[0].per_set[1].set_type: expected one of normal, warmup, dropset, failure, got "giant"');
      // The file as exported is already there: nothing to restore, sets included.
      const same = await cli(['import-json', file, '--json']);
      expect(same.code, same.stderr).toBe(0);
      expect(JSON.parse(same.stdout)).toMatchObject({ created: { workout_sessions: 0 }, unchanged: { workout_sessions: 1 } });
    });

    it('export --format md, then import-md into another database, brings the pyramid back exactly', async () => {
      const dir = path.join(t.dir, 'md-sets');
      expect((await cli(['export', '--format', 'md', '--output', dir])).code).toBe(0);
      expect(fs.readFileSync(path.join(dir, 'exercise-log.md'), 'utf8')).toContain('| Bench | 60kg x 8, 70kg x 6, 80kg x 4 @rpe9 |');
      const other = await createTestDb(dialect);
      try {
        const imported = await runCli(['import-md', path.join(dir, 'exercise-log.md')], { db: other.url, home: other.dir });
        expect(imported.code, imported.stderr).toBe(0);
        const sets = async (url: string, home: string) =>
          (JSON.parse((await runCli(['log-workout', '--list', '--json'], { db: url, home })).stdout) as Array<{ exercises: Array<{ exercise_name: string; per_set: unknown[]; weight_kg: number; reps_per_set: number[] }> }>)
            .flatMap((w) => w.exercises)
            .map((e) => [e.exercise_name, e.per_set, e.weight_kg, e.reps_per_set]);
        expect(await sets(other.url, other.dir)).toEqual(await sets(t.url, t.dir));
      } finally {
        await other.drop();
      }
    });

    it('refuses set text it cannot read with its position, writing nothing', async () => {
      const before = await t.db('exercise_sets').count({ n: '*' }).first();
      for (const [spec, at] of [
        ['Bench 60x8, 70x6@80kg', 7],
        ['Bench 60x8, 70x6@rpe12', 7],
      ] as const) {
        const r = await cli(['log-workout', 'Bad', spec, '--date', '2025-03-05']);
        expect(r.code, spec).toBe(2);
        expect(r.stderr.split('\n')[0]).toBe(`fittrack: error: exercise "${spec}": cannot read "${spec.slice(6)}" at character ${at} as sets, reps, load, time or distance`);
      }
      expect(await t.db('exercise_sets').count({ n: '*' }).first()).toEqual(before);
      expect(await t.db('workout_sessions').where({ title: 'Bad' }).first()).toBeUndefined();
    });
  });
}

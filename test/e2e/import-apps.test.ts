/**
 * `fittrack import` of Strong, Hevy and Apple Health exports through the built CLI, on both
 * engines: what lands in the database, the guarantees import-md gives (dry run, re-runs, all or
 * nothing, --skip-errors, conflicts, revert), and the report.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

const fixture = (name: string) => path.resolve(__dirname, '../../fixtures/apps', name);
function file(name: string, text: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fittrack-apps-'));
  writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
}

async function sessions(db: Knex) {
  const rows = await db('workout_sessions as s')
    .join('exercise_logs as e', 'e.session_id', 's.id')
    .orderBy(['s.session_date', 's.title', 'e.order_index'])
    .select('s.session_date', 's.title', 's.session_type', 'e.exercise_name', 'e.superset_label', 'e.sets', 'e.reps_per_set', 'e.weight_kg', 'e.source_line');
  return rows.map((r) => `${String(r.session_date).slice(0, 10)} ${r.title} [${r.session_type}] ${r.superset_label ?? '-'} ${r.exercise_name} sets=${r.sets ?? '-'} top=${r.weight_kg === null ? '-' : Math.round(Number(r.weight_kg) * 100) / 100} line=${r.source_line}`);
}

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    beforeEach(async () => {
      for (const table of ['exercise_logs', 'workout_sessions', 'health_metrics', 'import_batch_changes', 'import_batches']) await t.db(table).del();
    });
    const cli = (args: string[]) => runCli(args, { db: t.url, home: t.dir });
    const json = async (args: string[], code = 0) => {
      const r = await cli([...args, '--json']);
      expect(r.code, r.stderr).toBe(code);
      return JSON.parse(r.stdout);
    };

    it('imports a Strong export once: names mapped to the library, sessions with their exercises, and a re-run creates nothing', async () => {
      const dry = await json(['import', fixture('strong-semicolon.csv'), '--dry-run']);
      expect(dry).toMatchObject({ dry_run: true, written: false, totals: { rows: 14, created: 6, errors: 0 } });
      expect(await sessions(t.db)).toEqual([]);

      const first = await json(['import', fixture('strong-semicolon.csv')]);
      expect(first).toMatchObject({ written: true, totals: { created: 6 } });
      expect(await sessions(t.db)).toEqual([
        '2024-03-04 Upper A [strength] - Bench Press sets=4 top=80 line=2',
        '2024-03-04 Upper A [strength] - Barbell Row sets=2 top=62.5 line=7',
        '2024-03-04 Upper A [strength] - Pull-up sets=1 top=- line=10',
        '2024-03-06 Conditioning [mixed] - Running sets=- top=- line=12',
        '2024-03-06 Conditioning [mixed] - Plank sets=- top=- line=13',
        '2024-03-08 Lower A [strength] - Back Squat sets=4 top=102.06 line=14',
      ]);
      // Set by set: the warm-up and the pyramid, each at its own load, RPE and type.
      const bench = await t.db('exercise_sets as x').join('exercise_logs as e', 'e.id', 'x.exercise_log_id').where('e.exercise_name', 'Bench Press').orderBy('x.set_index').select('x.set_index', 'x.set_type', 'x.weight_kg', 'x.reps', 'x.rpe');
      expect(bench.map((r) => [r.set_index, r.set_type, Number(r.weight_kg), r.reps, r.rpe === null ? null : Number(r.rpe)])).toEqual([
        [1, 'warmup', 40, 10, null],
        [2, 'normal', 60, 8, 7],
        [3, 'normal', 70, 6, 8],
        [4, 'normal', 80, 4, 9.5],
      ]);
      const lifts = await cli(['report', 'lifts', '--json']);
      expect(lifts.code, lifts.stderr).toBe(0);
      const benchRecord = (JSON.parse(lifts.stdout) as { records: Array<{ exercise: string; heaviest: { weight_kg: number; reps: number } }> }).records.find((r) => r.exercise === 'Bench Press');
      expect(benchRecord!.heaviest).toMatchObject({ weight_kg: 80, reps: 4 });
      const library = (await t.db('exercise_definitions').orderBy('name').pluck('name')) as string[];
      expect(library).toEqual(expect.arrayContaining(['Back Squat', 'Barbell Row', 'Bench Press', 'Plank', 'Pull-up', 'Running']));

      const again = await json(['import', fixture('strong-semicolon.csv')]);
      expect(again).toMatchObject({ written: false, totals: { created: 0, unchanged: 6 } });
    });

    it('imports Hevy supersets as labels and says which unit it assumed for a Strong export without unit columns', async () => {
      const r = await cli(['import', fixture('hevy.csv'), fixture('strong-comma.csv'), '--units', 'lb']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('strong-comma.csv:1: warning: weights read as lb and distances as mi: the file has no unit columns');
      const rows = await sessions(t.db);
      expect(rows.filter((x) => x.includes('Push Day'))).toEqual([
        '2024-01-21 Push Day [strength] - Bench Press sets=4 top=80 line=2',
        '2024-01-21 Push Day [strength] A Dumbbell Lateral Raise sets=1 top=10 line=6',
        '2024-01-21 Push Day [strength] A Dip sets=1 top=- line=7',
        '2024-01-21 Push Day [strength] A Dumbbell Lateral Raise sets=1 top=6 line=8',
        '2024-01-21 Push Day [strength] A Dip sets=1 top=- line=9',
      ]);
      expect(rows).toContain('2024-05-10 Late Push [strength] - Overhead Press sets=2 top=19.28 line=2');
    });

    it('imports Apple Health weigh-ins folded to one a day, and workouts, from the zip', async () => {
      const r = await json(['import', fixture('apple-health-export.zip'), '--daily', 'last']);
      expect(r.totals).toMatchObject({ created: 6, errors: 0 });
      const days = await t.db('health_metrics').orderBy('recorded_date').select('recorded_date', 'weight_kg', 'body_fat_pct', 'resting_heart_rate', 'blood_pressure_systolic');
      expect(days.map((d) => [String(d.recorded_date).slice(0, 10), Math.round(Number(d.weight_kg) * 100) / 100, d.body_fat_pct === null ? null : Number(d.body_fat_pct), d.resting_heart_rate, d.blood_pressure_systolic])).toEqual([
        ['2024-03-05', 83.6, 18.2, 58, null],
        ['2024-03-06', 82.1, null, null, 121],
        ['2024-03-10', 81.9, null, null, null],
      ]);
      expect(await sessions(t.db)).toEqual([
        '2024-03-05 Running [cardio] - Running sets=- top=- line=39',
        '2024-03-06 Traditional Strength Training [strength] - Traditional Strength Training sets=- top=- line=42',
        '2024-03-08 Cycling [cardio] - Cycling sets=- top=- line=45',
      ]);
      expect(Number((await t.db('health_metrics').where({ recorded_date: '2024-03-05' }).first()).lean_body_mass_kg)).toBe(67.4);
      expect((await t.db('workout_sessions').orderBy('session_date').pluck('energy_kcal')).map(Number)).toEqual([312.4, 260, 501.9]);
    });

    it('is all or nothing: a bad row stops the import with FILE:LINE, --skip-errors imports the rest, and --revert undoes it', async () => {
      const csv = file('strong.csv', 'Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2024-01-01 10:00:00,A,Squat (Barbell),1,100,5\n2024-01-01 10:00:00,A,Squat (Barbell),2,heavy,5\n');
      const blocked = await cli(['import', csv]);
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toContain(`${csv}:3: error: weight "heavy" is not a number`);
      expect(await sessions(t.db)).toEqual([]);
      const skipped = await json(['import', csv, '--skip-errors']);
      expect(skipped).toMatchObject({ written: true, totals: { created: 1, errors: 1 } });
      expect(await sessions(t.db)).toEqual(['2024-01-01 A [strength] - Back Squat sets=1 top=100 line=2']);
      const revert = await cli(['import', '--revert', skipped.batch]);
      expect(revert.code, revert.stderr).toBe(0);
      expect(await sessions(t.db)).toEqual([]);
    });

    it('reports a changed workout as a conflict and overwrites it only with --update', async () => {
      const head = 'Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n';
      await json(['import', file('strong.csv', `${head}2024-01-01 10:00:00,A,Deadlift,1,140,3\n`)]);
      const conflict = await json(['import', file('strong.csv', `${head}2024-01-01 10:00:00,A,Deadlift,1,150,3\n`)]);
      expect(conflict.totals).toMatchObject({ created: 0, conflicts: 1 });
      expect(await sessions(t.db)).toEqual(['2024-01-01 A [strength] - Deadlift sets=1 top=140 line=2']);
      const update = await json(['import', file('strong.csv', `${head}2024-01-01 10:00:00,A,Deadlift,1,150,3\n`), '--update']);
      expect(update.totals).toMatchObject({ updated: 1 });
      expect(await sessions(t.db)).toEqual(['2024-01-01 A [strength] - Deadlift sets=1 top=150 line=2']);
    });

    it('hands a markdown log given to it to the legacy readers', async () => {
      const r = await json(['import', path.resolve(__dirname, '../../fixtures/legacy/check-in-log.md'), '--dry-run']);
      expect(r.files).toMatchObject([{ kind: 'check-in', errors: 0 }]);
      expect(r.totals.created).toBeGreaterThan(0);
    });

    it('maps names with --map, and refuses what it cannot read with a fix', async () => {
      const map = file('names.txt', '# my names\nSquat (Barbell) = Low Bar Squat\n');
      await json(['import', file('strong.csv', 'Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2024-01-01 10:00:00,A,Squat (Barbell),1,100,5\n'), '--map', map]);
      expect(await sessions(t.db)).toEqual(['2024-01-01 A [strength] - Low Bar Squat sets=1 top=100 line=2']);

      const unknown = await cli(['import', file('data.csv', 'a,b\n1,2\n')]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/data\.csv: cannot tell which app wrote this file\n.*--from strong\|hevy\|apple-health/);
      const badFrom = await cli(['import', fixture('hevy.csv'), '--from', 'fitbit']);
      expect(badFrom.code).toBe(2);
      expect(badFrom.stderr).toContain('--from: "fitbit" is not an app fittrack reads');
      const badMap = await cli(['import', fixture('hevy.csv'), '--map', file('m.txt', 'no separator here\n')]);
      expect(badMap.code).toBe(2);
      expect(badMap.stderr).toContain('m.txt:1: not a name mapping');
    });
  });
}

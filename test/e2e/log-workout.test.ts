/**
 * `fittrack log-workout` as a user runs it: good sessions stored as typed with their derived
 * numbers, list and show, and bad input refused with exit 2, one line, and nothing written.
 */
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

const TABLES = ['users', 'workout_sessions', 'exercise_logs', 'exercise_definitions'];

async function dump(db: Knex): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) out[table] = await db(table).orderBy('id').select();
  return out;
}

const NASTY = `it's "fine"; DROP TABLE users; -- 💪 ✓`;
// Exactly the longest note fittrack takes (10 000 characters).
const LONG_NOTE = 'ten kB of notes. '.repeat(600).slice(0, 10_000);

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const cli = (args: string[], input?: string) => runCli(args, { db: t.url, home: t.dir, input });

    it('logs a strength session and says what it stored on one line', async () => {
      const r = await cli(['log-workout', 'Upper A', 'Bench 3x8@80kg rpe 8', 'Squat 5,5,5,3@100kg rpe 8', 'A1: Pull-up 3xAMRAP', '--date', '2025-03-04']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        [
          'Logged "Upper A" for 2025-03-04 (#1, strength): 3 exercises, 10 sets, volume 3 720 kg, avg RPE 8',
          'new exercise: Bench (added to the library; see: fittrack exercise list)',
          'new exercise: Squat (added to the library; see: fittrack exercise list)',
          'new exercise: Pull-up (added to the library; see: fittrack exercise list)',
          '',
        ].join('\n'),
      );
      const logs = await t.db('exercise_logs').orderBy('order_index');
      expect(logs.map((l: { exercise_name: string; superset_label: string | null; sets: number; reps: number | null }) => [l.exercise_name, l.superset_label, l.sets, l.reps])).toEqual([
        ['Bench', null, 3, 8],
        ['Squat', null, 4, null],
        ['Pull-up', 'A1', 3, null],
      ]);
      const defs = await t.db('exercise_definitions').orderBy('id').select('name', 'category');
      expect(defs).toEqual([
        { name: 'Bench', category: 'compound' },
        { name: 'Squat', category: 'compound' },
        { name: 'Pull-up', category: 'compound' },
      ]);
    });

    it('logs cardio with distance and time, infers the type and prints the stored record with --json', async () => {
      const r = await cli(['log-workout', 'Morning', 'Run 45min 4.2km', '--date', '2025-03-05', '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('4.2 km in 45 min (10:43 /km)');
      const w = JSON.parse(r.stdout);
      expect(w).toMatchObject({ id: 2, title: 'Morning', session_type: 'cardio', session_date: '2025-03-05', volume_kg: null });
      expect(w.exercises[0]).toMatchObject({ exercise_name: 'Run', duration_seconds: 2700, distance_km: 4.2, sets: null });
      expect(w.exercises[0].pace_seconds_per_km).toBeCloseTo(642.857, 2);
      const row = await cli(['log-workout', 'Erg', 'Row 2000m 7:45', '--date', '2025-03-05', '--json']);
      expect(JSON.parse(row.stdout)).toMatchObject({ session_type: 'cardio', exercises: [{ exercise_name: 'Row', distance_km: 2, duration_seconds: 465 }] });
    });

    it('stores every session field and text exactly as typed', async () => {
      const r = await cli([
        'log-workout',
        'Lower "B"; DROP TABLE x',
        'Deadlift 1x5@180kg form 7 "felt heavy"',
        'Curl 3x12@30lb rest 90s',
        '--type', 'strength', '--phase', 'Phase 1', '--week', '2', '--day', '3', '--duration', '1h15',
        '--intensity', '8', '--fatigue', '6', '--soreness', '4', '--note', NASTY, '--date', '2025-03-06', '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      const w = JSON.parse(r.stdout);
      expect(w).toMatchObject({ title: 'Lower "B"; DROP TABLE x', program_phase: 'Phase 1', program_week: 2, program_day: 3, duration_minutes: 75, intensity: 8, fatigue: 6, soreness: 4, notes: NASTY });
      expect(w.exercises[0]).toMatchObject({ exercise_name: 'Deadlift', form_quality: 7, notes: 'felt heavy', weight_kg: 180, e1rm_kg: 210 });
      expect(w.exercises[1]).toMatchObject({ weight_unit: 'lb', rest_seconds: 90 });
      expect(w.exercises[1].weight_kg).toBeCloseTo(30 * 0.45359237, 9);
      const long = await cli(['log-workout', 'Long', 'Plank 3x30s', '--note', LONG_NOTE, '--date', '2025-03-06', '--json']);
      expect(long.code, long.stderr).toBe(0);
      expect((await t.db('workout_sessions').where('title', 'Long').first()).notes).toBe(LONG_NOTE);
    });

    it('logs a class by its length alone, typed from the title', async () => {
      const r = await cli(['log-workout', 'Karate class', '--duration', '90', '--intensity', '7', '--date', '2025-03-07', '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('Logged "Karate class" for 2025-03-07 (#6, martial_arts): 0 exercises, 1 h 30 min in all\n');
      expect(JSON.parse(r.stdout)).toMatchObject({ session_type: 'martial_arts', duration_minutes: 90, intensity: 7, exercises: [] });
    });

    it('lists sessions in a date range and shows one with its exercises', async () => {
      const list = await cli(['log-workout', '--list', '--from', '2025-03-04', '--to', '2025-03-05']);
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).toMatch(/\s*1\s+2025-03-04\s+Upper A\s+strength\s+Bench 3×8, Squat 5,5,5,3, Pull-up 3×AMRAP\s+\s*10\s+3 720 kg \s*8/);
      expect(list.stdout).toContain('4.2 km · 10:43 /km');
      expect(list.stdout).not.toContain('Deadlift');
      const json = JSON.parse((await cli(['log-workout', '--list', '--json'])).stdout);
      expect(json.map((w: { title: string }) => w.title)).toEqual(['Upper A', 'Morning', 'Erg', 'Lower "B"; DROP TABLE x', 'Long', 'Karate class']);
      const show = await cli(['log-workout', '--show', '1']);
      expect(show.code, show.stderr).toBe(0);
      expect(show.stdout).toContain('Upper A — 2025-03-04 (#1)');
      expect(show.stdout).toContain('Summary: 3 exercises, 10 sets, volume 3 720 kg, avg RPE 8');
      expect(show.stdout).toMatch(/1\s+Bench\s+3×8\s+\s*80 kg\s+1 920 kg\s+101.3 kg \s*8/);
      expect(show.stdout).toMatch(/3\s+A1: Pull-up/);
      const shown = JSON.parse((await cli(['log-workout', '--show', '1', '--json'])).stdout);
      expect(shown).toMatchObject({ id: 1, total_sets: 10, volume_kg: 3720, average_rpe: 8 });
      const missing = await cli(['log-workout', '--show', '999']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toBe('fittrack: error: no workout session #999\nsee the ids with: fittrack log-workout --list\n');
    });
  });
}

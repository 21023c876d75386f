/**
 * `import-md` killed with SIGKILL at seeded random moments: the database holds none or all of
 * the killed import's rows, stays intact, and running the import again completes it.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb, type TestDb } from '../helpers/db.js';
import { integrityProblems, spawnCli, whenWriting } from '../helpers/fault-cli.js';
import { dayAfter, seededRandom, writeCheckInLog, writeExerciseLog } from '../helpers/fault-files.js';

const CHECK_INS = 1000;
const EXERCISES = 1000;
const SESSIONS = EXERCISES / 4;
const KILLS = 3;

/** The folder of attempt `j`: its own date range, so attempts never share a natural key. */
function attempt(t: TestDb, j: number): { dir: string; first: string; last: string } {
  const dir = path.join(t.dir, `attempt-${j}`);
  const first = dayAfter('1900-01-01', j * 5000);
  mkdirSync(dir, { recursive: true });
  writeCheckInLog(path.join(dir, 'check-in-log.md'), CHECK_INS, first);
  writeExerciseLog(path.join(dir, 'exercise-log.md'), EXERCISES, first);
  return { dir, first, last: dayAfter(first, 4999) };
}

async function countsIn(t: TestDb, a: { first: string; last: string }): Promise<{ health: number; sessions: number; exercises: number }> {
  const health = await t.db('health_metrics').whereBetween('recorded_date', [a.first, a.last]).count({ n: '*' }).first();
  const sessions = await t.db('workout_sessions').whereBetween('session_date', [a.first, a.last]).count({ n: '*' }).first();
  const exercises = await t.db('exercise_logs as e').join('workout_sessions as s', 's.id', 'e.session_id').whereBetween('s.session_date', [a.first, a.last]).count({ n: '*' }).first();
  return { health: Number(health?.n), sessions: Number(sessions?.n), exercises: Number(exercises?.n) };
}

const NONE = { health: 0, sessions: 0, exercises: 0 };
const ALL = { health: CHECK_INS, sessions: SESSIONS, exercises: EXERCISES };

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);

    it('leaves none or all of a killed import, intact, and a re-run completes it', async () => {
      const opts = { db: t.url, home: t.dir };
      const random = seededRandom(dialect === 'sqlite' ? 7 : 11);

      // An import run to the end tells how long one takes on this machine right now.
      const calibration = attempt(t, 0);
      const full = await spawnCli(['import-md', calibration.dir], opts).done;
      expect(full.code).toBe(0);
      expect(await countsIn(t, calibration)).toEqual(ALL);

      // Half the kills land at a random moment of the whole run, half at a random moment after
      // the import has begun writing, so some are sure to hit an open transaction.
      const attempts = [];
      let killedWhileWriting = 0;
      for (let j = 1; j <= KILLS; j++) {
        const a = attempt(t, j);
        const watch = whenWriting(t.db, dialect === 'sqlite' ? t.url : null);
        const p = spawnCli(['import-md', a.dir], opts);
        let writing = false;
        if (j % 2) p.killAfter(Math.round(full.wallMs * (0.2 + 0.8 * random())));
        else {
          void watch.seen.then((seen) => {
            writing = seen;
            if (seen) p.killAfter(Math.round(150 * random()));
          });
        }
        void watch.seen.then((seen) => (writing = seen));
        const r = await p.done;
        watch.stop();
        if (r.signal === 'SIGKILL' && writing) killedWhileWriting++;
        if (r.signal !== 'SIGKILL') expect(r.code).toBe(0);
        // One transaction: every table of the batch or none.
        expect([NONE, ALL]).toContainEqual(await countsIn(t, a));
        attempts.push(a);
      }
      expect(killedWhileWriting).toBeGreaterThan(0);
      expect(await integrityProblems(t.db)).toEqual([]);

      // Every batch on record is finished and holds exactly the rows it says it created.
      const batches = (await t.db('import_batches').select('id', 'finished_at', 'counts')) as Array<{ id: string; finished_at: string | null; counts: unknown }>;
      for (const b of batches) {
        expect(b.finished_at).not.toBeNull();
        const counts = (typeof b.counts === 'string' ? JSON.parse(b.counts) : b.counts) as { by_table: Record<string, number> };
        const health = await t.db('health_metrics').where('import_batch_id', b.id).count({ n: '*' }).first();
        const sessions = await t.db('workout_sessions').where('import_batch_id', b.id).count({ n: '*' }).first();
        const exercises = await t.db('exercise_logs').where('import_batch_id', b.id).count({ n: '*' }).first();
        expect({ health: Number(health?.n), sessions: Number(sessions?.n), exercises: Number(exercises?.n) }).toEqual({
          health: counts.by_table.health_metrics,
          sessions: counts.by_table.workout_sessions,
          exercises: counts.by_table.exercise_logs,
        });
      }
      const orphans = await t.db('health_metrics').whereNull('import_batch_id').count({ n: '*' }).first();
      expect(Number(orphans?.n)).toBe(0);

      // Running every attempt's files again completes what was killed; once more creates nothing.
      const dirs = attempts.map((a) => a.dir);
      const rerun = await runCli(['import-md', ...dirs, '--json'], { ...opts, timeoutMs: 120_000 });
      expect(rerun.code).toBe(0);
      for (const a of attempts) expect(await countsIn(t, a)).toEqual(ALL);
      const again = await runCli(['import-md', ...dirs, '--json'], { ...opts, timeoutMs: 120_000 });
      expect(again.code).toBe(0);
      expect((JSON.parse(again.stdout) as { totals: { created: number } }).totals.created).toBe(0);
      for (const a of attempts) expect(await countsIn(t, a)).toEqual(ALL);
      expect(await integrityProblems(t.db)).toEqual([]);
    });
  });
}

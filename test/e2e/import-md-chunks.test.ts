/**
 * An import plans and writes a long file a chunk of records at a time, against the stored rows
 * of each chunk's keys only: a re-run, a conflict, an update and a repeated day far apart in the
 * file come out as they would in one piece, and an error near the end still writes nothing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

const DAYS = 4500;
const HEAD = '| Date | Weight (kg) | Notes |\n| --- | --- | --- |\n';
const day = (i: number) => new Date(Date.UTC(1950, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
const row = (i: number, kg = 70 + (i % 20) / 2) => `| ${day(i)} | ${kg} | |`;
/** The line of day i's row in a file made by `log` (two header lines, and a title and a blank line). */
const lineOf = (i: number) => i + 5;

function log(rows: string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fittrack-chunks-'));
  const file = path.join(dir, 'check-in-log.md');
  writeFileSync(file, `# Check-ins\n\n${HEAD}${rows.join('\n')}\n`);
  return file;
}

async function weightOf(db: Knex, i: number): Promise<number> {
  return Number((await db('health_metrics').where({ recorded_date: day(i) }).first('weight_kg')).weight_kg);
}

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const json = async (args: string[], code = 0) => {
      const r = await runCli([...args, '--json'], { db: t.url, home: t.dir, timeoutMs: 120_000 });
      expect(r.code, r.stderr.slice(-2000)).toBe(code);
      return JSON.parse(r.stdout);
    };

    it('re-runs, conflicts, updates and repeats across chunks as in one piece', async () => {
      const all = Array.from({ length: DAYS }, (_, i) => row(i));
      const first = log(all);
      expect((await json(['import-md', first])).totals).toMatchObject({ rows: DAYS, created: DAYS });

      // The same file again: every row of every chunk is found stored and unchanged.
      expect((await json(['import-md', first])).totals).toMatchObject({ rows: DAYS, created: 0, unchanged: DAYS, conflicts: 0 });

      // A changed weight in the third chunk, and the first day repeated at the end as it was.
      const changed = [...all];
      changed[4300] = row(4300, 99.5);
      const second = log([...changed, row(0)]);
      const dry = await json(['import-md', second, '--dry-run']);
      expect(dry.totals).toMatchObject({ rows: DAYS + 1, created: 0, unchanged: DAYS, conflicts: 1 });
      const conflict = dry.issues.find((i: { severity: string }) => i.severity === 'conflict');
      expect(conflict).toMatchObject({ line: lineOf(4300) });
      expect(conflict.message).toContain(`check-in of ${day(4300)} is already stored with weight ${70 + (4300 % 20) / 2} kg`);
      const repeat = dry.issues.find((i: { line: number }) => i.line === lineOf(DAYS));
      expect(repeat).toMatchObject({ severity: 'warning', message: `the same check-in of ${day(0)} as ${second}:${lineOf(0)}; stored once` });

      const updated = await json(['import-md', second, '--update']);
      expect(updated.totals).toMatchObject({ created: 0, updated: 1, unchanged: DAYS });
      expect(await weightOf(t.db, 4300)).toBe(99.5);
      expect(await weightOf(t.db, 4299)).toBe(70 + (4299 % 20) / 2);
    }, 240_000);

    it('a bad row in the last chunk leaves the rows of the first chunks unwritten', async () => {
      const count = async (table: string) => Number(((await t.db(table).count({ n: '*' }).first()) as { n: number | string }).n);
      const [checkIns, batches] = [await count('health_metrics'), await count('import_batches')];
      // Days of their own, after those of the other test.
      const rows = Array.from({ length: DAYS }, (_, i) => row(DAYS + i));
      rows[DAYS - 2] = `| ${day(2 * DAYS - 2)} | 2400 | |`;
      const report = await json(['import-md', log(rows)], 1);
      expect(report.written).toBe(false);
      expect(report.totals).toMatchObject({ errors: 1 });
      expect(report.issues.filter((i: { severity: string }) => i.severity === 'error').map((i: { line: number }) => i.line)).toEqual([lineOf(DAYS - 2)]);
      expect(await count('health_metrics')).toBe(checkIns);
      expect(await count('import_batches')).toBe(batches);
    }, 240_000);

    it('a row the database refuses in a later chunk leaves nothing behind', async () => {
      const count = async (table: string) => Number(((await t.db(table).count({ n: '*' }).first()) as { n: number | string }).n);
      const [checkIns, batches] = [await count('health_metrics'), await count('import_batches')];
      const refused = day(40_000 + 2_500);
      // A rule of the database the file's reader does not know: the second chunk's write fails.
      if (dialect === 'sqlite') await t.db.raw(`CREATE TRIGGER refuse_one BEFORE INSERT ON health_metrics WHEN NEW.recorded_date = '${refused}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
      else {
        await t.db.raw(`CREATE FUNCTION refuse_one() RETURNS trigger AS $$ BEGIN IF NEW.recorded_date = DATE '${refused}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
        await t.db.raw('CREATE TRIGGER refuse_one BEFORE INSERT ON health_metrics FOR EACH ROW EXECUTE FUNCTION refuse_one()');
      }
      try {
        const r = await runCli(['import-md', log(Array.from({ length: DAYS }, (_, i) => row(40_000 + i)))], { db: t.url, home: t.dir, timeoutMs: 120_000 });
        expect(r.code, r.stderr.slice(-2000)).toBe(1);
        expect(r.stderr).toContain('refused by the test');
        expect(await count('health_metrics')).toBe(checkIns);
        expect(await count('import_batches')).toBe(batches);
      } finally {
        await t.db.raw('DROP TRIGGER IF EXISTS refuse_one' + (dialect === 'sqlite' ? '' : ' ON health_metrics'));
        if (dialect !== 'sqlite') await t.db.raw('DROP FUNCTION IF EXISTS refuse_one()');
      }
    }, 240_000);

    it("an exercise log whose session rows are apart is read again whole: the rows are still one session", async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'fittrack-split-'));
      const file = path.join(dir, 'exercise-log.md');
      const head = '| Date | Phase | Workout | Exercise | Sets x Reps | Notes |\n| --- | --- | --- | --- | --- | --- |\n';
      // 2 100 sessions, one a day (more than a chunk, so the first are written before the split is met), then a row of the first day's session.
      const days = Array.from({ length: 2100 }, (_, i) => `| ${day(20_000 + i)} | P1 | Upper A | ${i === 0 ? 'Bench' : 'Squat'} | 3x5@100kg | |`);
      writeFileSync(file, `${head}${days.join('\n')}\n| ${day(20_000)} | P1 | Upper A | Row | 3x8@60kg | |\n`);
      for (const args of [['--dry-run'], []]) {
        const report = await json(['import-md', file, ...args]);
        expect(report.totals).toMatchObject({ rows: 2101, created: 2101, conflicts: 0, errors: 0 });
      }
      const upper = await t.db('exercise_logs as e').join('workout_sessions as s', 's.id', 'e.session_id').where('s.session_date', day(20_000)).orderBy('e.order_index').select('e.exercise_name');
      expect(upper.map((e) => e.exercise_name)).toEqual(['Bench', 'Row']);
    });
  });
}

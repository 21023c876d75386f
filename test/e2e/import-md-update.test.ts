/**
 * `import-md --update` takes what the file says and nothing more (an empty cell never deletes),
 * and `--revert` of an update batch puts back the values it replaced, through the built CLI.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

function file(name: string, text: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fittrack-update-'));
  writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
}

const HEAD = '| Date | Weight (lbs) | Body Fat % | Notes |\n| --- | --- | --- | --- |\n';
const LB = 0.45359237;

async function day(db: Knex, date: string) {
  const r = await db('health_metrics').where({ recorded_date: date }).first();
  return r ? { weightLb: Math.round((Number(r.weight_kg) / LB) * 10) / 10, bodyFat: r.body_fat_pct === null ? null : Number(r.body_fat_pct), notes: r.notes, mood: r.mood } : undefined;
}

async function exercises(db: Knex) {
  return (await db('exercise_logs as e').join('workout_sessions as s', 's.id', 'e.session_id').orderBy(['s.session_date', 'e.order_index']).select('s.title', 'e.exercise_name', 'e.sets', 'e.reps', 'e.raw', 'e.notes')).map((r) => ({ ...r, sets: r.sets === null ? null : Number(r.sets), reps: r.reps === null ? null : Number(r.reps) }));
}

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const cli = (args: string[]) => runCli(args, { db: t.url, home: t.dir });
    const json = async (args: string[]) => {
      const r = await cli([...args, '--json']);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };

    it('an empty cell leaves the stored value (a note typed by hand survives --update)', async () => {
      await json(['import-md', file('check-in-log.md', `${HEAD}| 2025-03-03 | 241.0 | 29.5 |  |\n| 2025-03-05 | 240.0 |  |  |\n`)]);
      const note = await cli(['log-weight', '241lb', '--date', '2025-03-03', '--note', 'felt great']);
      expect(note.code, note.stderr).toBe(0);
      expect(await day(t.db, '2025-03-03')).toMatchObject({ weightLb: 241, bodyFat: 29.5, notes: 'felt great' });

      // The same day again, with nothing in the note or body-fat cells: nothing to do.
      const same = await json(['import-md', file('check-in-log.md', `${HEAD}| 2025-03-03 | 241.0 |  |  |\n`), '--update']);
      expect(same.totals).toMatchObject({ created: 0, updated: 0, unchanged: 1, conflicts: 0 });
      expect(await day(t.db, '2025-03-03')).toMatchObject({ weightLb: 241, bodyFat: 29.5, notes: 'felt great' });

      const update = await json(['import-md', file('check-in-log.md', `${HEAD}| 2025-03-03 | 250.0 |  |  |\n| 2025-03-05 | 240.0 |  |  |\n| 2025-03-07 | 239.0 |  | new |\n`), '--update']);
      expect(update.totals).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
      expect(await day(t.db, '2025-03-03')).toMatchObject({ weightLb: 250, bodyFat: 29.5, notes: 'felt great' });

      // Reverting the update batch: the row it created goes, the row it changed gets its values back.
      const revert = await cli(['import-md', '--revert', update.batch]);
      expect(revert.code, revert.stderr).toBe(0);
      expect(revert.stderr).toContain(`reverted ${update.batch}: deleted 1 health metric; put back the previous values of 1 health metric`);
      expect(await day(t.db, '2025-03-03')).toMatchObject({ weightLb: 241, bodyFat: 29.5, notes: 'felt great' });
      expect(await day(t.db, '2025-03-05')).toMatchObject({ weightLb: 240 });
      expect(await day(t.db, '2025-03-07')).toBeUndefined();
    });

    it('a row changed by hand since the update is reported and left alone by --revert', async () => {
      const update = await json(['import-md', file('check-in-log.md', `${HEAD}| 2025-03-03 | 252.0 |  |  |\n| 2025-03-05 | 238.0 |  |  |\n`), '--update']);
      expect(update.totals).toMatchObject({ updated: 2 });
      const edit = await cli(['log-weight', '253lb', '--date', '2025-03-03', '--mood', '7', '--replace']);
      expect(edit.code, edit.stderr).toBe(0);

      const revert = await json(['import-md', '--revert', update.batch]);
      expect(revert.restored).toEqual({ health_metrics: 1 });
      expect(revert.changed_since).toEqual([expect.objectContaining({ table: 'health_metrics', what: '2025-03-03' })]);
      expect(await day(t.db, '2025-03-03')).toMatchObject({ weightLb: 253, notes: 'felt great', mood: 7 });
      expect(await day(t.db, '2025-03-05')).toMatchObject({ weightLb: 240 });

      const text = await cli(['import-md', '--list', '--json']);
      expect(JSON.parse(text.stdout).find((b: { batch_id: string }) => b.batch_id === update.batch)).toMatchObject({ reverted: true });
    });

    it('reverting an update of a workout puts its exercises back as they were', async () => {
      const EX = '| Date | Phase | Workout | Exercise | Sets x Reps | Notes |\n| --- | --- | --- | --- | --- | --- |\n';
      await json(['import-md', file('exercise-log.md', `${EX}| 2025-03-04 | P1 | Lower A | Goblet Squat | 3 x 12 | 35 lb kettlebell |\n| 2025-03-04 | P1 | Lower A | Lunge | 3 x 10 |  |\n`)]);
      // The squat is linked to its library entry, which an update must not lose.
      await t.db('exercise_definitions').insert({ name: 'Goblet Squat (library)', created_at: '2025-01-01T00:00:00.000Z', updated_at: '2025-01-01T00:00:00.000Z' });
      const definition = (await t.db('exercise_definitions').where({ name: 'Goblet Squat (library)' }).first('id')).id;
      await t.db('exercise_logs').where({ exercise_name: 'Goblet Squat' }).update({ exercise_definition_id: definition });
      const linked = async () => (await t.db('exercise_logs').where({ exercise_name: 'Goblet Squat' }).first('exercise_definition_id')).exercise_definition_id;
      const before = await exercises(t.db);
      const update = await json(['import-md', file('exercise-log.md', `${EX}| 2025-03-04 | P1 | Lower A | Goblet Squat | 4 x 8 |  |\n`), '--update']);
      expect(update.totals).toMatchObject({ updated: 1 });
      expect(await linked()).toBe(definition);
      // The empty Notes cell kept the stored note; the file's one exercise replaced the two.
      expect(await exercises(t.db)).toEqual([{ title: 'Lower A', exercise_name: 'Goblet Squat', sets: 4, reps: 8, raw: '4 x 8', notes: '35 lb kettlebell' }]);
      const revert = await json(['import-md', '--revert', update.batch]);
      expect(revert.restored).toEqual({ workout_sessions: 1 });
      expect(await exercises(t.db)).toEqual(before);
      expect(await linked()).toBe(definition);
    });

    it('an update of a coaching session keeps when its items were ticked off and the goals they serve', async () => {
      const text = (notes: string) => `# Coaching Sessions\n\n## 2025-03-12: Week 2 Review\n\n**Coach:** Coach Lee\n\n${notes}\n\n**Action Items:**\n- [x] Walk after dinner\n- [ ] Log every meal\n`;
      await json(['import-md', file('Coaching_sessions.md', text('On plan.'))]);
      const user = (await t.db('users').first('id')).id;
      await t.db('user_goals').insert({ user_id: user, title: 'Walk daily', goal_type: 'habit', start_date: '2025-03-01', created_at: '2025-03-01T00:00:00.000Z', updated_at: '2025-03-01T00:00:00.000Z' });
      const goal = (await t.db('user_goals').where({ title: 'Walk daily' }).first('id')).id;
      await t.db('coaching_action_items').where({ text: 'Walk after dinner' }).update({ done_at: '2025-03-13T20:00:00.000Z', goal_id: goal });

      const update = await json(['import-md', file('Coaching_sessions.md', text('On plan, down 3 lb.')), '--update']);
      expect(update.totals).toMatchObject({ updated: 1 });
      const walk = await t.db('coaching_action_items').where({ text: 'Walk after dinner' }).first();
      expect([new Date(walk.done_at).toISOString(), walk.goal_id]).toEqual(['2025-03-13T20:00:00.000Z', goal]);
      expect((await t.db('coaching_sessions').first('notes')).notes).toContain('down 3 lb');
    });
  });
}

/**
 * Every free-text column has a size limit the database enforces on its own (a CHECK on
 * PostgreSQL, triggers on SQLite), with the numbers of TEXT_LIMITS: text at the limit is
 * stored, one character more is refused on insert and on update, counting characters.
 */
import type { Knex } from 'knex';
import { beforeAll, describe, expect, it } from 'vitest';
import { translateDbError } from '../../src/db/errors.js';
import { MIGRATIONS, migratorConfig, pendingMigrations } from '../../src/db/migrate.js';
import { TEXT_COLUMNS, TEXT_LIMITS } from '../../src/domain/validation.js';
import { DbError, UsageError } from '../../src/errors.js';
import { createTestDb, dialects, useTestDb } from '../helpers/db.js';

const JSON_COLUMNS = new Set(['exercise_definitions.muscle_groups', 'exercise_definitions.equipment', 'coaching_sessions.topics']);

/** Text of exactly `n` characters for the column (a JSON list for the list columns). */
function textOf(column: string, n: number, unit = 'x'): string {
  return JSON_COLUMNS.has(column) ? JSON.stringify([unit.repeat(n - 4)]) : unit.repeat(n);
}

async function insertId(db: Knex, table: string, row: Record<string, unknown>): Promise<number> {
  const [r] = await db(table).insert(row).returning('id');
  return Number(typeof r === 'object' ? (r as { id: number }).id : r);
}

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    let n = 0;
    const ids: Record<string, number> = {};
    /** A valid row of the table, unique where the table needs it. */
    const baseRow = (table: string): Record<string, unknown> => {
      n++;
      const day = new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
      switch (table) {
        case 'users':
          return { username: `u${n}` };
        case 'health_metrics':
          return { user_id: ids.user, recorded_date: day };
        case 'workout_sessions':
          return { user_id: ids.user, session_date: day, title: 'Upper' };
        case 'exercise_definitions':
          return { name: `Exercise ${n}` };
        case 'exercise_logs':
          return { session_id: ids.workout, exercise_name: 'Row', order_index: n };
        case 'user_goals':
          return { user_id: ids.user, title: 'Goal', goal_type: 'habit', start_date: day, status: 'active' };
        case 'coaching_sessions':
          return { user_id: ids.user, session_date: day };
        case 'coaching_action_items':
          return { session_id: ids.coaching, position: n, text: 'Sleep' };
        case 'progress_photos':
          return { user_id: ids.user, taken_on: day, file_path: '/p.jpg', sha256: 'a'.repeat(64) };
        case 'meal_logs':
          return { user_id: ids.user, meal_date: day, meal_type: 'lunch' };
        default:
          throw new Error(`no base row for ${table}`);
      }
    };

    beforeAll(async () => {
      ids.user = await insertId(t.db, 'users', baseRow('users'));
      ids.workout = await insertId(t.db, 'workout_sessions', baseRow('workout_sessions'));
      ids.coaching = await insertId(t.db, 'coaching_sessions', baseRow('coaching_sessions'));
    });

    it.each(Object.entries(TEXT_COLUMNS))('%s: stores text at the limit and refuses one character more, on insert and update', async (key, kind) => {
      const [table, column] = key.split('.') as [string, string];
      const limit = TEXT_LIMITS[kind];
      const id = await insertId(t.db, table, { ...baseRow(table), [column]: textOf(key, limit) });
      const stored = await t.db(table).where({ id }).first();
      const value = stored[column];
      expect(typeof value === 'string' ? value.length : JSON.stringify(value).length).toBe(limit);

      const insert = t.db(table).insert({ ...baseRow(table), [column]: textOf(key, limit + 1) });
      const refused = await insert.then(() => null, (err: unknown) => err);
      expect(refused, `${key} accepted ${limit + 1} characters`).not.toBeNull();
      const mapped = translateDbError(refused);
      expect(mapped).toBeInstanceOf(UsageError);
      // PostgreSQL's varchar(N) columns refuse before the CHECK, without naming the column.
      expect(mapped!.message).toMatch(new RegExp(`^the database refused text longer than ${limit} characters( in ${key})?: nothing was written$`));

      await expect(t.db(table).where({ id }).update({ [column]: textOf(key, limit + 1) })).rejects.toThrow(/max_length|value too long/);
      expect(await t.db(table).where({ id }).first()).toMatchObject({ [column]: stored[column] });
    });

    it('counts characters, not bytes or UTF-16 units', async () => {
      const limit = TEXT_LIMITS.coachingBody;
      // 100 000 characters outside the BMP: 200 000 UTF-16 units, 400 000 bytes of UTF-8.
      const id = await insertId(t.db, 'coaching_sessions', { ...baseRow('coaching_sessions'), notes: '💪'.repeat(limit) });
      expect([...(await t.db('coaching_sessions').where({ id }).first()).notes].length).toBe(limit);
      await expect(t.db('coaching_sessions').insert({ ...baseRow('coaching_sessions'), notes: `${'💪'.repeat(limit)}x` })).rejects.toThrow(/coaching_sessions_notes_max_length/);
    });

    it('will not add the limits over existing text that breaks them, naming it and changing nothing', async () => {
      const old = await createTestDb(dialect, { migrate: false });
      try {
        const last = MIGRATIONS.findIndex(([name]) => name === '20261201000500_text_limits.ts');
        for (let i = 0; i < last; i++) await old.db.migrate.up(migratorConfig);
        const [u] = await old.db('users').insert({ username: 'dana' }).returning('id');
        const userId = Number(typeof u === 'object' ? (u as { id: number }).id : u);
        await old.db('coaching_sessions').insert({ user_id: userId, session_date: '2025-03-03', notes: 'x'.repeat(100_001) });
        const err = await old.db.migrate.up(migratorConfig).then(() => null, (e: unknown) => e);
        expect(err).toBeInstanceOf(DbError);
        expect((err as DbError).message).toBe('cannot add the text size limits: coaching_sessions.notes: 1 row(s) longer than 100000 characters');
        expect(await pendingMigrations(old.db)).toContain('20261201000500_text_limits.ts');
        // Nothing was added: the long text can still be shortened, or another one stored.
        await old.db('coaching_sessions').insert({ user_id: userId, session_date: '2025-03-04', notes: 'y'.repeat(100_001) });
        await old.db('coaching_sessions').update({ notes: 'short now' });
        await old.db.migrate.up(migratorConfig);
        await expect(old.db('coaching_sessions').insert({ user_id: userId, session_date: '2025-03-05', notes: 'z'.repeat(100_001) })).rejects.toThrow(/max_length/);
      } finally {
        await old.drop();
      }
    });
  });
}

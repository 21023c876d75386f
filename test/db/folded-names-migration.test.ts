/**
 * The folded-names migration on a database written before it: usernames and library names get
 * their folded form, entries that fold alike are merged (logs moved, empty fields filled), and
 * every log without a library entry is linked to the entry of its name.
 */
import { describe, expect, it } from 'vitest';
import { dialects, useTestDb } from '../helpers/db.js';
import { migrateLatest, migratorConfig } from '../../src/db/migrate.js';

const NOW = '2025-01-01T00:00:00.000Z';

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect, { migrate: false });

    it('backfills folded names, merges entries that fold alike and links every log', async () => {
      await t.db.migrate.up(migratorConfig);
      await t.db.migrate.up(migratorConfig);
      const [u] = await t.db('users').insert({ username: 'Ana', created_at: NOW, updated_at: NOW }).returning('id');
      const userId = typeof u === 'object' ? (u as { id: number }).id : (u as number);
      const def = async (row: Record<string, unknown>) => {
        const [r] = await t.db('exercise_definitions').insert({ ...row, created_at: NOW, updated_at: NOW }).returning('id');
        return typeof r === 'object' ? (r as { id: number }).id : (r as number);
      };
      const first = await def({ name: 'Жим лёжа', category: 'compound' });
      const second = await def({ name: 'ЖИМ ЛЁЖА', description: 'flat bench' });
      const [s] = await t.db('workout_sessions').insert({ user_id: userId, session_date: '2025-01-02', title: 'A', created_at: NOW, updated_at: NOW }).returning('id');
      const sessionId = typeof s === 'object' ? (s as { id: number }).id : (s as number);
      await t.db('exercise_logs').insert([
        { session_id: sessionId, exercise_definition_id: second, exercise_name: 'ЖИМ ЛЁЖА', order_index: 1, created_at: NOW },
        { session_id: sessionId, exercise_definition_id: null, exercise_name: 'жим лёжа', order_index: 2, created_at: NOW },
        { session_id: sessionId, exercise_definition_id: null, exercise_name: 'Goblet Squat', order_index: 3, created_at: NOW },
      ]);

      expect((await migrateLatest(t.db))[0]).toBe('20261201000200_folded_names.ts');

      expect(await t.db('users').first('username_folded')).toEqual({ username_folded: 'ana' });
      const defs = await t.db('exercise_definitions').orderBy('id').select('id', 'name', 'name_folded', 'category', 'description', 'created_by');
      expect(defs).toEqual([
        { id: first, name: 'Жим лёжа', name_folded: 'жим лёжа', category: 'compound', description: 'flat bench', created_by: null },
        { id: expect.any(Number), name: 'Goblet Squat', name_folded: 'goblet squat', category: null, description: null, created_by: userId },
      ]);
      const logs = await t.db('exercise_logs').orderBy('order_index').select('exercise_definition_id');
      expect(logs.map((l) => l.exercise_definition_id)).toEqual([first, first, defs[1]!.id]);
    });
  });
}

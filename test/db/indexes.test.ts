/**
 * Every foreign key has an index that starts with it (deleting a user, a batch, a goal or an
 * exercise definition does not scan the referencing tables), and exercise logs are indexed by
 * their folded name, on both engines.
 */
import { describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { dialects, useTestDb, type Dialect } from '../helpers/db.js';

/** `table.column` of every foreign key, and of every column an index starts with. */
async function keysAndIndexes(db: Knex, dialect: Dialect): Promise<{ foreignKeys: string[]; indexed: Set<string>; indexNames: Set<string> }> {
  if (dialect === 'sqlite') {
    const tables = ((await db.raw("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'knex_%'")) as Array<{ name: string }>).map((r) => r.name);
    const foreignKeys: string[] = [];
    const indexed = new Set<string>();
    const indexNames = new Set<string>();
    for (const t of tables) {
      for (const fk of (await db.raw(`pragma foreign_key_list("${t}")`)) as Array<{ from: string }>) foreignKeys.push(`${t}.${fk.from}`);
      for (const idx of (await db.raw(`pragma index_list("${t}")`)) as Array<{ name: string }>) {
        indexNames.add(idx.name);
        const first = ((await db.raw(`pragma index_info("${idx.name}")`)) as Array<{ seqno: number; name: string | null }>).find((c) => c.seqno === 0);
        if (first?.name) indexed.add(`${t}.${first.name}`);
      }
    }
    return { foreignKeys, indexed, indexNames };
  }
  const fks = await db.raw(
    `select c.conrelid::regclass::text as t, a.attname as col from pg_constraint c
     join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
     where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`,
  );
  const idx = await db.raw(
    `select i.indrelid::regclass::text as t, a.attname as col, ic.relname as name from pg_index i
     join pg_class ic on ic.oid = i.indexrelid
     join pg_namespace n on n.oid = ic.relnamespace and n.nspname = current_schema()
     left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]`,
  );
  return {
    foreignKeys: fks.rows.map((r: { t: string; col: string }) => `${r.t.replace(/^"|"$/g, '')}.${r.col}`),
    indexed: new Set(idx.rows.filter((r: { col: string | null }) => r.col).map((r: { t: string; col: string }) => `${r.t.replace(/^"|"$/g, '')}.${r.col}`)),
    indexNames: new Set(idx.rows.map((r: { name: string }) => r.name)),
  };
}

for (const dialect of dialects) {
  describe(`indexes on ${dialect}`, () => {
    const t = useTestDb(dialect);

    it('every foreign key starts an index, and exercise names are indexed folded', async () => {
      const { foreignKeys, indexed, indexNames } = await keysAndIndexes(t.db, dialect);
      expect(foreignKeys).toContain('health_metrics.import_batch_id');
      expect(foreignKeys).toContain('coaching_action_items.goal_id');
      expect(foreignKeys.filter((fk) => !indexed.has(fk))).toEqual([]);
      expect(indexNames.has('exercise_logs_exercise_name_folded_index')).toBe(true);
    });

    it('reports a foreign key no index starts with, and not one an index starts with', async () => {
      await t.db.schema.createTable('fk_probe', (tb) => {
        tb.increments('id');
        tb.integer('user_id').references('id').inTable('users');
        tb.integer('goal_id').references('id').inTable('user_goals');
        tb.index(['goal_id', 'id'], 'fk_probe_goal_id_index');
      });
      try {
        const { foreignKeys, indexed } = await keysAndIndexes(t.db, dialect);
        expect(foreignKeys.filter((fk) => !indexed.has(fk))).toEqual(['fk_probe.user_id']);
      } finally {
        await t.db.schema.dropTable('fk_probe');
      }
    });
  });
}

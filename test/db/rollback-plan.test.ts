/** Planning a rollback reports what the real one drops and changes nothing. Both engines. */
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/db/migrate.js';
import { planRollback } from '../../src/db/rollback-plan.js';
import { dialects, useTestDb } from '../helpers/db.js';

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);

    it('lists every migration and table with its rows for --all, and leaves the schema and rows in place', async () => {
      await t.db('users').insert({ username: 'plan-me', role: 'user' });
      const plan = await planRollback(t.db, { all: true });
      expect(plan.migrations).toEqual(MIGRATIONS.map(([name]) => name).reverse());
      expect(plan.tables).toContainEqual({ table: 'users', rows: 1 });
      expect(plan.tables).toContainEqual({ table: 'health_metrics', rows: 0 });
      expect(plan.tables.map((x) => x.table)).not.toContain('knex_migrations');
      expect(await t.db.schema.hasTable('users')).toBe(true);
      expect(await t.db('users').where({ username: 'plan-me' }).first()).toBeTruthy();
      const applied = await t.db('knex_migrations').count({ n: '*' }).first();
      expect(Number((applied as { n: unknown }).n)).toBe(MIGRATIONS.length);
    });
  });
}

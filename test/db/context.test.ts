/**
 * The first data command on a brand-new database sets it up without being asked: schema and a
 * local profile named after $USER.
 */
import { describe, expect, it } from 'vitest';
import { withUser } from '../../src/cli/context.js';
import { dialects, useTestDb } from '../helpers/db.js';

for (const dialect of dialects) {
  describe(`a brand-new ${dialect} database`, () => {
    const t = useTestDb(dialect, { migrate: false });

    it('is migrated and gets a local profile named after $USER on first use', async () => {
      const saved = process.env.USER;
      process.env.USER = 'dana';
      try {
        const user = await withUser({ db: t.url }, async ({ user }) => user);
        expect(user.username).toBe('dana');
        expect(user.password_hash).toBeNull();
        expect(await t.db.schema.hasTable('health_metrics')).toBe(true);
        const again = await withUser({ db: t.url }, async ({ user }) => user);
        expect(again.id).toBe(user.id);
        expect(await t.db('users').count({ n: '*' }).first()).toEqual({ n: 1 });
      } finally {
        process.env.USER = saved;
      }
    });
  });
}

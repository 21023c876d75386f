/**
 * A transaction never reports a commit into a SQLite file that was deleted or replaced after it
 * was opened: it rolls back with DbError. PostgreSQL transactions are not affected.
 */
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openSqliteDirect } from '../../src/db/sqlite-direct.js';
import { resolveDbTarget } from '../../src/db/connection.js';
import { DbError } from '../../src/errors.js';
import { dialects, useTestDb } from '../helpers/db.js';

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);

    it('commits while the database is the one opened', async () => {
      await t.db.transaction((trx) => trx('app_config').insert({ key: 'identity-a', value: '1', updated_at: new Date().toISOString() }));
      expect(await t.db('app_config').where({ key: 'identity-a' }).first()).toBeTruthy();
    });

    if (dialect === 'sqlite') {
      it('refuses to commit into a file deleted since it was opened, through Knex and directly', async () => {
        const direct = openSqliteDirect(resolveDbTarget(t.url))!;
        const write = t.db.transaction(async (trx) => {
          await trx('app_config').insert({ key: 'identity-b', value: '1', updated_at: new Date().toISOString() });
          for (const f of [t.url, `${t.url}-wal`, `${t.url}-shm`]) rmSync(f, { force: true });
        });
        await expect(write).rejects.toThrow(DbError);
        await expect(write).rejects.toThrow(/was deleted or replaced while this command ran: nothing was saved/);
        await expect(direct.transaction(async (sql) => sql.all("insert into app_config (key, value, updated_at) values ('identity-c', '1', '2026-01-01')"))).rejects.toThrow(DbError);
        expect(() => direct.assertFileUnchanged('lost')).toThrow(DbError);
        direct.close();
      });
    }
  });
}

import { describe, expect, it, beforeAll } from 'vitest';
import type { Knex } from 'knex';
import { dialects, useTestDb } from '../helpers/db.js';
import { seedUser } from '../helpers/seed.js';
import { createDb, resolveDbTarget } from '../../src/db/connection.js';
import { createExportRepo } from '../../src/db/export-repo.js';
import type { HealthRecord } from '../../src/domain/export-document.js';

const dates = (page: unknown[]) => (page as HealthRecord[]).map((r) => r.recorded_date);

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    let dana = 0;
    let lee = 0;
    beforeAll(async () => {
      dana = await seedUser(t.db, 'dana', { days: 12 });
      lee = await seedUser(t.db, 'lee', { days: 5, start: '2025-03-05', startLb: 180 });
    });

    async function otherConnection<T>(fn: (db: Knex) => Promise<T>): Promise<T> {
      const db = await createDb(resolveDbTarget(t.url));
      try {
        return await fn(db);
      } finally {
        await db.destroy();
      }
    }

    it('reads weigh-ins in date order across pages, the same records whatever the page size, one user only', async () => {
      const repo = createExportRepo(t.db, dana);
      const whole: unknown[] = [];
      for await (const page of repo.pages('health_metrics')) whole.push(...page);
      const paged: unknown[][] = [];
      for await (const page of repo.pages('health_metrics', {}, 5)) paged.push(page);
      expect(paged.map((p) => p.length)).toEqual([5, 5, 2]);
      expect(paged.flat()).toEqual(whole);
      expect(dates(whole)).toEqual([...dates(whole)].sort());
      expect(whole).toHaveLength(12);
      const leeRows: unknown[] = [];
      for await (const page of createExportRepo(t.db, lee).pages('health_metrics', { from: '2025-03-06', to: '2025-03-08' }, 2)) leeRows.push(...page);
      expect(dates(leeRows)).toEqual(['2025-03-06', '2025-03-07', '2025-03-08']);
    });

    it('reads one snapshot: a weigh-in saved while an export runs is not half in it', async () => {
      const repo = createExportRepo(t.db, dana);
      const seen: string[] = [];
      let saved = false;
      for await (const page of repo.pages('health_metrics', {}, 4)) {
        seen.push(...dates(page));
        if (!saved) {
          await otherConnection((db) =>
            db('health_metrics').insert({ user_id: dana, recorded_date: '2099-01-01', weight_kg: 90, weight_unit: 'kg', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' }),
          );
          saved = true;
        }
      }
      expect(seen).toHaveLength(12);
      expect(seen).not.toContain('2099-01-01');
      const again: string[] = [];
      for await (const page of repo.pages('health_metrics')) again.push(...dates(page));
      expect(again).toHaveLength(13);
      await t.db('health_metrics').where({ user_id: dana, recorded_date: '2099-01-01' }).delete();
    });

    it('leaves the database usable after an export stops half-way', async () => {
      const repo = createExportRepo(t.db, dana);
      for await (const page of repo.pages('health_metrics', {}, 3)) {
        expect(page).toHaveLength(3);
        break;
      }
      await expect(
        (async () => {
          for await (const page of repo.pages('health_metrics', {}, 3)) {
            if (page.length > 0) throw new Error('disk full');
          }
        })(),
      ).rejects.toThrow('disk full');
      // No transaction is left open on the connection: a write is committed and seen elsewhere.
      await t.db('health_metrics').insert({ user_id: lee, recorded_date: '2099-02-02', weight_kg: 70, weight_unit: 'kg', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' });
      const n = await otherConnection(async (db) => Number((await db('health_metrics').where({ user_id: lee }).count({ n: '*' }).first())?.n));
      expect(n).toBe(6);
      await t.db('health_metrics').where({ user_id: lee, recorded_date: '2099-02-02' }).delete();
    });
  });
}

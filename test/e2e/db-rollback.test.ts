/**
 * `fittrack db rollback` never drops a table holding rows unless told to: it refuses, says how
 * to back up, and `--dry-run` lists what would go. Both engines.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createTestDb, dialects } from '../helpers/db.js';

for (const dialect of dialects) {
  describe(`db rollback on ${dialect}`, () => {
    async function withData() {
      const t = await createTestDb(dialect, { migrate: false });
      const logged = await runCli(['log-weight', '80.4kg', '--date', '2026-01-05'], { db: t.url, home: t.dir });
      expect(logged.code, logged.stderr).toBe(0);
      return t;
    }

    async function weights(t: Awaited<ReturnType<typeof withData>>): Promise<number> {
      const row = (await t.db('health_metrics').count({ n: '*' }).first()) as { n: unknown };
      return Number(row.n);
    }

    it('refuses to drop tables holding rows without --yes, says how to back up, and changes nothing', async () => {
      const t = await withData();
      try {
        for (const args of [['db', 'rollback'], ['db', 'rollback', '--all']]) {
          const r = await runCli(args, { db: t.url, home: t.dir });
          expect(r.code, args.join(' ')).toBe(2);
          expect(r.stderr).toMatch(/health_metrics \(1\)/);
          expect(r.stderr).toContain('fittrack export --format json');
          expect(await t.db.schema.hasTable('health_metrics')).toBe(true);
          expect(await weights(t)).toBe(1);
        }
        const status = await runCli(['db', 'status'], { db: t.url, home: t.dir });
        expect(status.stdout).toContain('schema is up to date');
        expect(status.stdout).not.toMatch(/^pending/m);
      } finally {
        await t.drop();
      }
    });

    it('--dry-run lists the tables that would be dropped with their rows, and changes nothing', async () => {
      const t = await withData();
      try {
        const r = await runCli(['db', 'rollback', '--all', '--dry-run'], { db: t.url, home: t.dir });
        expect(r.code, r.stderr).toBe(0);
        const lines = r.stdout.trim().split('\n');
        expect(lines).toContain('health_metrics\t1');
        expect(lines).toContain('users\t1');
        expect(lines).toContain('workout_sessions\t0');
        expect(r.stderr).toContain('dry run, nothing changed');
        expect(await weights(t)).toBe(1);
        const last = await runCli(['db', 'rollback', '--dry-run'], { db: t.url, home: t.dir });
        expect(last.code, last.stderr).toBe(0);
        expect(last.stdout).toContain('health_metrics\t1');
        expect(await weights(t)).toBe(1);
      } finally {
        await t.drop();
      }
    });

    it('rolls back with --yes', async () => {
      const t = await withData();
      try {
        const r = await runCli(['db', 'rollback', '--yes'], { db: t.url, home: t.dir });
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toContain('rolled back');
        expect(await t.db.schema.hasTable('health_metrics')).toBe(false);
      } finally {
        await t.drop();
      }
    });

    it('rolls back a database whose tables are all empty without asking', async () => {
      const t = await createTestDb(dialect, { migrate: false });
      try {
        expect((await runCli(['db', 'migrate'], { db: t.url, home: t.dir })).code).toBe(0);
        const r = await runCli(['db', 'rollback'], { db: t.url, home: t.dir });
        expect(r.code, r.stderr).toBe(0);
        expect(await t.db.schema.hasTable('health_metrics')).toBe(false);
      } finally {
        await t.drop();
      }
    });
  });
}

/**
 * A 50 MB legacy file, made at test time by the seeded generator: three bad rows somewhere in
 * 100 000 are all named with their lines and nothing is written.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

let dir = '';

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'fittrack-50mb-'));
  execFileSync(process.execPath, [path.join(ROOT, 'bench/generate-legacy.mjs'), '--checkins', '100000', '--exercises', '0', '--note-chars', '470', '--bad', '3', '--out', dir, '--seed', '3'], { stdio: 'ignore' });
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function count(db: Knex, table: string): Promise<number> {
  return Number(((await db(table).count({ n: '*' }).first()) as { n: number | string }).n);
}

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);

    it('names every bad row of a 50 MB file and writes nothing', async () => {
      const file = path.join(dir, 'check-in-log.md');
      expect(statSync(file).size).toBeGreaterThan(50_000_000);
      const r = await runCli(['import-md', file], { db: t.url, home: t.dir, timeoutMs: 120_000 });
      expect(r.code, r.stderr.slice(-2000)).toBe(1);
      const errors = r.stderr.split('\n').filter((l) => l.startsWith(`${file}:`) && l.includes(': error: '));
      expect(errors).toHaveLength(3);
      expect(errors.every((l) => /:\d+: error: (Date "2025-02-30" is not a date|Weight 2400 lb is outside the plausible range 20–500 kg)$/.test(l))).toBe(true);
      expect(r.stderr).toContain('nothing imported: 3 rows with errors in 1 file');
      expect(await count(t.db, 'health_metrics')).toBe(0);
      expect(await count(t.db, 'import_batches')).toBe(0);
    }, 120_000);
  });
}

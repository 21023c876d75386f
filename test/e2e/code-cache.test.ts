/**
 * The built CLI keeps compiled code of its CommonJS bundles (the `log-weight` entry, and Knex
 * and pg when a command loads them) in `$FITTRACK_HOME/.cache`: a missing, damaged, foreign or
 * unwritable cache never changes what a command does.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createTestDb, dialects, useTestDb } from '../helpers/db.js';

function cacheFiles(home: string): string[] {
  const dir = path.join(home, '.cache');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.v8')).map((f) => path.join(dir, f)) : [];
}

/** The bundle a cache file is for: `knex`, `pg`, `log-weight`. */
function library(file: string): string {
  return path.basename(file).replace(/-[A-Z0-9]+\.cjs-.*$/, '');
}

/** True when a cache file holds its two copies of the same data. */
function intact(file: string): boolean {
  const raw = fs.readFileSync(file);
  return raw.length > 0 && raw.length % 2 === 0 && raw.subarray(0, raw.length / 2).equals(raw.subarray(raw.length / 2));
}

for (const dialect of dialects) {
  describe(`code cache (${dialect})`, () => {
    const t = useTestDb(dialect);
    const logWeight = (date: string) => runCli(['log-weight', '80kg', '--date', date], { db: t.url, home: t.dir });

    it('is written on the first run and used by the next ones', async () => {
      const first = await logWeight('2024-01-01');
      expect(first.code).toBe(0);
      const files = cacheFiles(t.dir);
      // The first run creates the local profile, through Knex on either engine (and pg with it on PostgreSQL).
      expect(files.map(library).sort()).toEqual(dialect === 'sqlite' ? ['knex', 'log-weight'] : ['knex', 'log-weight', 'pg']);
      for (const f of files) expect(intact(f)).toBe(true);
      const written = files.map((f) => fs.statSync(f).mtimeMs);

      const second = await logWeight('2024-01-02');
      expect(second.code).toBe(0);
      expect(second.stderr).toBe('Logged 80 kg for 2024-01-02 (±0.0 kg since 2024-01-01 · 7-day average 80.0 kg)\n');
      expect(files.map((f) => fs.statSync(f).mtimeMs)).toEqual(written);

      // From then on, log-weight on SQLite does not load Knex at all (so makes no cache for it).
      for (const f of files) fs.rmSync(f);
      expect((await logWeight('2024-01-03')).code).toBe(0);
      expect(cacheFiles(t.dir).map(library).sort()).toEqual(dialect === 'sqlite' ? ['log-weight'] : ['knex', 'log-weight', 'pg']);
    });

    it('is not written by a run that creates the database, but by the next one', async () => {
      const fresh = await createTestDb(dialect, { migrate: false });
      try {
        const run = (date: string) => runCli(['log-weight', '80kg', '--date', date], { db: fresh.url, home: fresh.dir });
        expect((await run('2024-01-01')).code).toBe(0);
        expect(cacheFiles(fresh.dir)).toEqual([]);
        expect((await run('2024-01-02')).code).toBe(0);
        expect(cacheFiles(fresh.dir).map(library)).toContain('log-weight');
      } finally {
        await fresh.drop();
      }
    });

    it('ignores a truncated, corrupted or foreign cache and writes a good one', async () => {
      expect((await logWeight('2024-02-01')).code).toBe(0);
      // Once the profile exists, log-weight on SQLite runs without Knex (and leaves its cache alone).
      const used = () => cacheFiles(t.dir).filter((f) => dialect === 'postgres' || library(f) !== 'knex');
      const damage: Array<(data: Buffer) => Buffer> = [
        (data) => data.subarray(0, 10),
        (data) => Buffer.concat([data.subarray(0, 100), Buffer.from([data[100]! ^ 0xff]), data.subarray(101)]),
        // Two equal copies, so V8 itself has to refuse it.
        () => {
          const junk = randomBytes(4096);
          return Buffer.concat([junk, junk]);
        },
        // The same damage in both copies: V8 has to refuse it too.
        (data) => {
          const half = data.subarray(0, data.length / 2);
          const spoilt = Buffer.concat([half.subarray(0, 8), Buffer.alloc(8), half.subarray(16)]);
          return Buffer.concat([spoilt, spoilt]);
        },
      ];
      let day = 2;
      for (const spoil of damage) {
        for (const f of used()) fs.writeFileSync(f, spoil(fs.readFileSync(f)));
        const date = `2024-02-0${day++}`;
        const r = await logWeight(date);
        expect(r.code).toBe(0);
        expect(r.stderr).toMatch(new RegExp(`^Logged 80 kg for ${date} \\(`));
        expect(r.stderr.split('\n')).toHaveLength(2);
        for (const f of used()) expect(intact(f)).toBe(true);
      }
      const stored = await t.db('health_metrics').where('recorded_date', '>=', '2024-02-01').andWhere('recorded_date', '<', '2024-03-01').count({ n: '*' }).first();
      expect(Number(stored?.n)).toBe(5);
    });

    it('works when the cache folder cannot be created', async () => {
      fs.rmSync(path.join(t.dir, '.cache'), { recursive: true, force: true });
      fs.writeFileSync(path.join(t.dir, '.cache'), 'not a folder');
      const r = await logWeight('2024-03-01');
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('Logged 80 kg for 2024-03-01 (±0.0 kg since 2024-02-05)\n');
    });
  });
}

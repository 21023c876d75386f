/**
 * The built CLI keeps compiled code of its CommonJS bundles (the `log-weight` entry, and Knex
 * when a command loads it) in `$FITTRACK_HOME/.cache`: a missing, damaged, foreign or
 * unwritable cache never changes what a command does.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

function cacheFiles(home: string): string[] {
  const dir = path.join(home, '.cache');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.v8')).map((f) => path.join(dir, f)) : [];
}

/** The bundle a cache file is for: `knex`, `log-weight`. */
function library(file: string): string {
  return path.basename(file).replace(/-[A-Z0-9]+\.cjs-.*$/, '');
}

function checksumOk(file: string): boolean {
  const raw = fs.readFileSync(file);
  return raw.length > 32 && createHash('sha256').update(raw.subarray(32)).digest().equals(raw.subarray(0, 32));
}

for (const dialect of dialects) {
  describe(`code cache (${dialect})`, () => {
    const t = useTestDb(dialect);
    const logWeight = (date: string) => runCli(['log-weight', '80kg', '--date', date], { db: t.url, home: t.dir });

    it('is written on the first run and used by the next ones', async () => {
      const first = await logWeight('2024-01-01');
      expect(first.code).toBe(0);
      const files = cacheFiles(t.dir);
      // The first run creates the local profile, through Knex on either engine.
      expect(files.map(library).sort()).toEqual(['knex', 'log-weight']);
      for (const f of files) expect(checksumOk(f)).toBe(true);
      const written = files.map((f) => fs.statSync(f).mtimeMs);

      const second = await logWeight('2024-01-02');
      expect(second.code).toBe(0);
      expect(second.stderr).toBe('Logged 80 kg for 2024-01-02 (±0.0 kg since 2024-01-01 · 7-day average 80.0 kg)\n');
      expect(files.map((f) => fs.statSync(f).mtimeMs)).toEqual(written);

      // From then on, log-weight on SQLite does not load Knex at all (so makes no cache for it).
      for (const f of files) fs.rmSync(f);
      expect((await logWeight('2024-01-03')).code).toBe(0);
      expect(cacheFiles(t.dir).map(library).sort()).toEqual(dialect === 'sqlite' ? ['log-weight'] : ['knex', 'log-weight']);
    });

    it('ignores a truncated, corrupted or foreign cache and writes a good one', async () => {
      expect((await logWeight('2024-02-01')).code).toBe(0);
      // Once the profile exists, log-weight on SQLite runs without Knex (and leaves its cache alone).
      const used = () => cacheFiles(t.dir).filter((f) => dialect === 'postgres' || library(f) !== 'knex');
      const damage: Array<(data: Buffer) => Buffer> = [
        (data) => data.subarray(0, 10),
        (data) => Buffer.concat([data.subarray(0, 100), Buffer.from([data[100]! ^ 0xff]), data.subarray(101)]),
        // Passes the checksum, so V8 itself has to refuse it.
        () => {
          const junk = randomBytes(4096);
          return Buffer.concat([createHash('sha256').update(junk).digest(), junk]);
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
        for (const f of used()) expect(checksumOk(f)).toBe(true);
      }
      const stored = await t.db('health_metrics').where('recorded_date', '>=', '2024-02-01').andWhere('recorded_date', '<', '2024-03-01').count({ n: '*' }).first();
      expect(Number(stored?.n)).toBe(4);
    });

    it('works when the cache folder cannot be created', async () => {
      fs.rmSync(path.join(t.dir, '.cache'), { recursive: true, force: true });
      fs.writeFileSync(path.join(t.dir, '.cache'), 'not a folder');
      const r = await logWeight('2024-03-01');
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('Logged 80 kg for 2024-03-01 (±0.0 kg since 2024-02-04)\n');
    });
  });
}

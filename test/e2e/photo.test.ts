/**
 * `fittrack photo` as a user runs it: the image stays on disk (path and SHA-256 stored), the
 * day's weight and body fat are kept with it, two photos compare side by side, and refusals
 * write nothing.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('not really pixels')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(70_000, 7)]);

async function snapshot(db: Knex): Promise<string> {
  return JSON.stringify(await db('progress_photos').select('*').orderBy('id'));
}

for (const dialect of dialects) {
  describe(`photo (${dialect})`, () => {
    const t = useTestDb(dialect);
    const run = (args: string[]) => runCli(args, { db: t.url, home: t.dir, cwd: t.dir });
    let pics = '';
    beforeAll(() => {
      pics = path.join(t.dir, 'pics with spaces');
      mkdirSync(pics, { recursive: true });
      writeFileSync(path.join(pics, 'front.png'), PNG);
      writeFileSync(path.join(pics, 'side.jpg'), JPEG);
      writeFileSync(path.join(pics, 'notes.txt'), 'hello');
      mkdirSync(path.join(pics, 'folder.jpg'));
    });

    it('records the absolute path, SHA-256 and that day’s weight and body fat', async () => {
      expect((await run(['log-weight', '82kg', '--body-fat', '22', '--waist', '90cm', '--date', '2025-03-01'])).code).toBe(0);
      const r = await run(['photo', 'add', 'pics with spaces/front.png', '--date', '2025-03-01']);
      expect(r.code, r.stderr).toBe(0);
      const file = path.join(pics, 'front.png');
      expect(r.stderr).toBe(`Added photo #1 (front, 2025-03-01: 82.0 kg, 22.0 % body fat) — ${file}\n`);
      const row = await t.db('progress_photos').where('id', 1).first();
      expect(row).toMatchObject({ file_path: file, sha256: createHash('sha256').update(PNG).digest('hex'), taken_on: '2025-03-01', photo_type: 'front' });
      expect(Number(row.weight_kg)).toBe(82);
      expect(Number(row.body_fat_pct)).toBe(22);
      expect(Boolean(row.is_public)).toBe(false);
    });

    it('--json prints the stored record; --public, --type and --note are kept', async () => {
      expect((await run(['log-weight', '80kg', '--body-fat', '20', '--waist', '87cm', '--date', '2025-04-01'])).code).toBe(0);
      const note = `after "cut" 💪 '; DROP TABLE progress_photos; --`;
      const r = await run(['photo', 'add', path.join(pics, 'side.jpg'), '--date', '2025-04-01', '--type', 'side', '--public', '--note', note, '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ id: 2, photo_type: 'side', is_public: true, notes: note, weight_kg: 80, body_fat_pct: 20, sha256: createHash('sha256').update(JPEG).digest('hex') });
    });

    it('a day without a weigh-in stores no numbers; the same image again is refused unless --force', async () => {
      const refused = await run(['photo', 'add', path.join(pics, 'front.png'), '--date', '2025-05-01']);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('the same image is already recorded as photo #1 (2025-03-01)');
      const r = await run(['photo', 'add', path.join(pics, 'front.png'), '--date', '2025-05-01', '--force']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('fittrack: warning: the same image is also recorded as photo #1 (2025-03-01)');
      expect(r.stderr).toContain('Added photo #3 (front, 2025-05-01, no weigh-in that day)');
      const row = await t.db('progress_photos').where('id', 3).first();
      expect(row.weight_kg).toBeNull();
    });

    it('lists photos', async () => {
      const r = await run(['photo', 'list', '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as Array<{ id: number }>).map((p) => p.id)).toEqual([1, 2, 3]);
      const table = await run(['photo', 'list']);
      expect(table.stdout).toMatch(/#2\s+2025-04-01\s+side\s+80\.0 kg\s+20\.0 %\s+yes/);
    });

    it('compares two photos side by side with the change', async () => {
      const r = await run(['photo', 'compare', '1', '2', '--json']);
      expect(r.code, r.stderr).toBe(0);
      const c = JSON.parse(r.stdout) as { days: number; change: Record<string, number>; first: Record<string, number> };
      // 82 kg at 22 %: lean 63.96, fat 18.04; 80 kg at 20 %: lean 64, fat 16
      expect(c.days).toBe(31);
      expect(c.change.weight_kg).toBeCloseTo(-2, 10);
      expect(c.change.body_fat_pct).toBeCloseTo(-2, 10);
      expect(c.change.lean_mass_kg).toBeCloseTo(0.04, 10);
      expect(c.change.fat_mass_kg).toBeCloseTo(-2.04, 10);
      expect(c.change.waist_cm).toBeCloseTo(-3, 10);
      const table = await run(['photo', 'compare', '1', '2']);
      expect(table.stdout).toMatch(/Weight\s+\s*82\.0 kg \s*80\.0 kg \s*\u22122\.0 kg/);
      expect(table.stdout).toContain('Change (31 days)');
    });

    const bad: Array<[string, () => string[], string | (() => string), number?]> = [
      ['a missing file', () => ['photo', 'add', path.join(pics, 'nope.jpg')], () => `fittrack: error: <image-file>: ${path.join(pics, 'nope.jpg')} does not exist`],
      ['a folder', () => ['photo', 'add', path.join(pics, 'folder.jpg')], () => `fittrack: error: <image-file>: ${path.join(pics, 'folder.jpg')} is not a file`],
      ['a file that is not an image', () => ['photo', 'add', path.join(pics, 'notes.txt')], () => `fittrack: error: <image-file>: ${path.join(pics, 'notes.txt')} is not an image (JPEG, PNG, WebP, GIF or HEIC)`],
      ['an unknown type', () => ['photo', 'add', path.join(pics, 'front.png'), '--type', 'top'], 'fittrack: error: --type: "top" is not one of front, side, back, flex, comparison'],
      ['a future date', () => ['photo', 'add', path.join(pics, 'front.png'), '--date', '2999-01-01'], 'fittrack: error: --date: 2999-01-01 is in the future'],
      ['a bad date', () => ['photo', 'add', path.join(pics, 'front.png'), '--date', 'someday'], 'fittrack: error: --date: cannot read "someday" as a date'],
      ['no file given', () => ['photo', 'add'], "fittrack: error: missing required argument 'image-file'"],
      ['comparing a photo with itself', () => ['photo', 'compare', '1', '1'], 'fittrack: error: <id2>: photo #1 is the same as <id1>'],
      ['comparing with a bad number', () => ['photo', 'compare', '1', 'x'], 'fittrack: error: <id2>: "x" is not a photo number'],
      ['an empty note', () => ['photo', 'add', path.join(pics, 'front.png'), '--note', ''], 'fittrack: error: --note: is empty'],
      ['comparing with a photo that does not exist', () => ['photo', 'compare', '1', '99'], 'fittrack: error: photo #99 not found', 1],
    ];
    describe.concurrent('refuses', () => {
      for (const [name, args, message, code] of bad) {
        it(name, async () => {
          const before = await snapshot(t.db);
          const r = await run(args());
          expect(r.code, r.stderr).toBe(code ?? 2);
          expect(r.stderr.split('\n')[0]).toBe(typeof message === 'string' ? message : message());
          expect(r.stdout).toBe('');
          expect(await snapshot(t.db)).toBe(before);
        });
      }
    });
  });
}

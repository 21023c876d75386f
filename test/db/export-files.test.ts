/**
 * Export files are created through a temporary file that is new, random and exclusive: a
 * symlink planted where a temporary name could be guessed (by process id) is never followed,
 * and the file written is mode 0600 for every format.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createExportRepo } from '../../src/db/export-repo.js';
import { loadLegacyRecords } from '../../src/db/legacy-rows.js';
import { writeCsvTable } from '../../src/export/csv-exporter.js';
import { exportMarkdown } from '../../src/export/md-exporter.js';
import { fileSink, withSink } from '../../src/export/output-sink.js';
import { dialects, useTestDb } from '../helpers/db.js';
import { seedUser } from '../helpers/seed.js';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    let userId = 0;
    beforeAll(async () => {
      userId = await seedUser(t.db, 'dana', { days: 3 });
    });

    /** A file someone else cares about, and symlinks to it at every temporary name an export could guess. */
    function plant(dir: string, names: string[]): string {
      fs.mkdirSync(dir, { recursive: true });
      const victim = path.join(t.dir, `victim-${path.basename(dir)}.txt`);
      fs.writeFileSync(victim, 'precious\n', { mode: 0o644 });
      for (const name of names) fs.symlinkSync(victim, path.join(dir, name));
      return victim;
    }

    it('never writes through a symlink planted at a predictable temporary name (CSV, JSON, NDJSON, HTML)', async () => {
      const dir = path.join(t.dir, 'sink');
      const out = path.join(dir, 'health.csv');
      const victim = plant(dir, [`.health.csv.${process.pid}.tmp`, `health.csv.tmp-${process.pid}`, `health.csv.${process.pid}.tmp`]);
      const n = await withSink(fileSink(out), (s) => writeCsvTable(createExportRepo(t.db, userId), 'health_metrics', s));
      expect(n).toBe(3);
      expect(fs.readFileSync(victim, 'utf8')).toBe('precious\n');
      expect(modeOf(victim)).toBe(0o644);
      expect(fs.readFileSync(out, 'utf8').split('\r\n')).toHaveLength(5);
      expect(modeOf(out)).toBe(0o600);
    });

    it('never writes through a symlink planted at a predictable temporary name (markdown)', async () => {
      const dir = path.join(t.dir, 'md');
      const names = ['check-in-log.md', 'exercise-log.md', 'Coaching_sessions.md', 'meal-log.md'];
      const victim = plant(dir, names.flatMap((f) => [`${f}.tmp-${process.pid}`, `.${f}.${process.pid}.tmp`]));
      const files = await exportMarkdown(await loadLegacyRecords(t.db, userId), dir);
      expect(files.map((f) => path.basename(f)).sort()).toEqual([...names].sort());
      expect(fs.readFileSync(victim, 'utf8')).toBe('precious\n');
      for (const f of files) expect(modeOf(f)).toBe(0o600);
    });

    it('refuses to open a temporary file that already exists rather than reuse it', async () => {
      const dir = path.join(t.dir, 'excl');
      fs.mkdirSync(dir);
      const sinks = Array.from({ length: 20 }, () => fileSink(path.join(dir, 'same.csv')));
      const temps = fs.readdirSync(dir);
      // Twenty sinks in one process for one target: twenty distinct, random temporary names.
      expect(new Set(temps).size).toBe(20);
      for (const f of temps) expect(f).toMatch(/^\.same\.csv\.[0-9a-f]{16}\.tmp$/);
      for (const s of sinks) await s.abort();
      expect(fs.readdirSync(dir)).toEqual([]);
    });
  });
}

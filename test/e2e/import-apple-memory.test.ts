/**
 * An Apple Health export is read as a stream: memory must not grow with the file. The import of
 * a generated 150 MB export.xml runs with a V8 heap capped well below what keeping a part of
 * every chunk would take, so a leak fails it (out of memory) without timing anything.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'fittrack-apple-mem-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('imports a 150 MB export.xml with a 64 MB heap', () => {
  const xml = path.join(dir, 'export.xml');
  execFileSync(process.execPath, [path.join(ROOT, 'bench/generate-apps.mjs'), '--apple-mb', '150', '--out', xml]);
  const r = spawnSync(process.execPath, ['--max-old-space-size=64', path.join(ROOT, 'bin/fittrack.cjs'), 'import', xml, '--dry-run', '--json'], {
    env: { ...process.env, FITTRACK_HOME: dir, DATABASE_URL: path.join(dir, 'fittrack.db') },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(r.status, r.stderr.slice(-2000)).toBe(0);
  const report = JSON.parse(r.stdout);
  expect(report.totals.errors).toBe(0);
  expect(report.totals.created).toBeGreaterThan(1000);
}, 120_000);

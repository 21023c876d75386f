/**
 * The progress bar of import-md: on a terminal it shows rows and rows/s on stderr; without a
 * terminal, or with --json, nothing of it is printed. The delay before a bar appears (about a
 * second) is shortened to 0 here, so that the test does not depend on the machine's speed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';
import { plain, spawnCliPty } from '../helpers/pty.js';

const ROWS = 3000;
const dir = mkdtempSync(path.join(os.tmpdir(), 'ft-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A check-in log of `ROWS` days from `start`. */
function checkInLog(name: string, start: string): string {
  const day0 = Date.parse(`${start}T00:00:00Z`);
  const lines = ['# Check-in Log', '', '| Date | Weight (kg) | Body Fat % | Notes |', '| --- | --- | --- | --- |'];
  for (let i = 0; i < ROWS; i++) lines.push(`| ${new Date(day0 + i * 86_400_000).toISOString().slice(0, 10)} | ${(80 + (i % 40) / 10).toFixed(1)} | 20.${i % 10} | |`);
  const file = path.join(dir, name, 'check-in-log.md');
  rmSync(path.dirname(file), { recursive: true, force: true });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const NOW = { FITTRACK_TEST_MODE: '1', FITTRACK_PROGRESS_DELAY_MS: '0' };
const BAR = /import \[[█░]+\] \d+% \| [\d ]+\/[\d ]+ rows \| [\d ]+ rows\/s/;

for (const dialect of dialects) {
  describe(`import-md progress (${dialect})`, () => {
    const t = useTestDb(dialect);

    it('shows a bar with rows and rows/s on a terminal (NO_COLOR set: it has no colour to remove)', async () => {
      const file = checkInLog(`${dialect}-tty`, '1990-01-01');
      const p = spawnCliPty(['import-md', file], { db: t.url, home: t.dir, env: NOW });
      expect(await p.exit).toBe(0);
      const screen = plain(p.output());
      expect(screen).toMatch(BAR);
      expect(screen).toContain('3 000/3 000 rows');
      expect(screen).toContain(`${ROWS} rows created`);
    });

    it('shows no bar at a terminal with --json', async () => {
      const file = checkInLog(`${dialect}-json`, '2000-01-01');
      const p = spawnCliPty(['import-md', file, '--json'], { db: t.url, home: t.dir, env: NOW });
      expect(await p.exit).toBe(0);
      expect(plain(p.output())).not.toMatch(/rows\/s|\[[█░]+\]/);
    });

    it('prints nothing of it without a terminal: stderr holds only the report', async () => {
      const file = checkInLog(`${dialect}-pipe`, '2010-01-01');
      const r = await runCli(['import-md', file], { db: t.url, home: t.dir, env: NOW });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`${ROWS} rows created`);
      expect(r.stderr).not.toMatch(/\[[█░]+\]|\x1b|\r/);
      expect(r.stderr.match(/rows\/s/g)).toHaveLength(1); // the summary line's own rate
    });
  });
}

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects, useTestDb } from '../helpers/db.js';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { parseCsv } from '../helpers/csv.js';
import { addDaysIso, seedUser } from '../helpers/seed.js';
import { plain, spawnCliPty } from '../helpers/pty.js';

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    beforeAll(async () => {
      await seedUser(t.db, 'dana', { days: 10 });
      await seedUser(t.db, 'lee', { days: 3, startLb: 150 });
    });
    const run = (args: string[]) => runCli(args, { db: t.url, home: t.dir });

    it('prints one CSV table on stdout and nothing else', async () => {
      const r = await run(['export', '--format', 'csv', '--what', 'health', '--units', 'imperial']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const rows = parseCsv(r.stdout);
      expect(rows).toHaveLength(10);
      expect(rows[0]).toMatchObject({ recorded_date: '2025-03-03', weight_lb: '241', weight_unit: 'lb', waist_in: '42' });
      expect(r.stdout.startsWith('recorded_date,weight_lb,weight_unit,')).toBe(true);
    });

    it('writes one CSV file per table into a folder, with no temporary file left', async () => {
      const dir = path.join(t.dir, 'csv-out');
      const r = await run(['export', '--format', 'csv', '--output', dir]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      expect(fs.readdirSync(dir).sort()).toEqual(
        ['action_items', 'coaching_sessions', 'exercise_sets', 'exercises', 'goals', 'health_metrics', 'imports', 'meal_logs', 'progress_photos', 'workout_sessions'].map((n) => `${n}.csv`),
      );
      expect(parseCsv(fs.readFileSync(path.join(dir, 'meal_logs.csv'), 'utf8'))).toHaveLength(20);
      expect(parseCsv(fs.readFileSync(path.join(dir, 'meal_logs.csv'), 'utf8'))[1]!.description).toBe('chicken, rice\nand greens');
      expect(parseCsv(fs.readFileSync(path.join(dir, 'exercises.csv'), 'utf8'))).toHaveLength(16);
    });

    it('exports only the acting user, filtered by date, as NDJSON', async () => {
      const r = await run(['export', '--format', 'ndjson', '--what', 'health', '--from', '2025-03-10', '--to', '2025-03-20']);
      expect(r.code).toBe(0);
      const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; recorded_date: string; weight_kg: number });
      expect(lines.map((l) => l.recorded_date)).toEqual(['2025-03-10', '2025-03-11', '2025-03-12']);
      // lee weighs 150 lb or less; dana's weights never drop that low.
      expect(lines.every((l) => l.weight_kg > 100)).toBe(true);
      const all = await run(['export']);
      expect(all.stdout).toContain('dana@example.com');
      expect(all.stdout).not.toContain('lee@example.com');
      expect(all.stdout).not.toContain('batch-lee');
    });

    it('writes the legacy markdown logs into a folder', async () => {
      const dir = path.join(t.dir, 'md-out');
      const r = await run(['export', '--format', 'md', '--output', dir]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      expect(fs.readdirSync(dir).sort()).toEqual(['Coaching_sessions.md', 'check-in-log.md', 'exercise-log.md', 'meal-log.md']);
      expect(fs.readFileSync(path.join(dir, 'check-in-log.md'), 'utf8')).toContain('2025-03-03');
      expect(fs.readFileSync(path.join(dir, 'exercise-log.md'), 'utf8')).toContain('Back Squat');
      const noDir = await run(['export', '--format', 'md']);
      expect(noDir.code).toBe(2);
      expect(noDir.stderr).toContain('--output DIR');
    });

    it('refuses bad usage with exit 2 and a hint', async () => {
      const several = await run(['export', '--format', 'csv', '--what', 'all']);
      expect(several.code).toBe(2);
      expect(several.stderr).toContain('needs --output DIR');
      const badDate = await run(['export', '--from', 'someday soon']);
      expect(badDate.code).toBe(2);
      expect(badDate.stderr).toContain('--from');
      const badFormat = await run(['export', '--format', 'xml']);
      expect(badFormat.code).toBe(2);
    });
  });
}

describe('an interrupted export', () => {
  const t = useTestDb('sqlite');
  beforeAll(async () => {
    const userId = await seedUser(t.db, 'dana', { days: 1 });
    const rows = Array.from({ length: 60_000 }, (_, i) => ({ user_id: userId, recorded_date: addDaysIso('1600-01-01', i), weight_kg: 80 + (i % 50) / 10, weight_unit: 'kg', notes: 'x'.repeat(40) }));
    for (let i = 0; i < rows.length; i += 500) await t.db('health_metrics').insert(rows.slice(i, i + 500));
  }, 120_000);

  it('never leaves a file with the final name, and removes its temporary file on Ctrl-C', async () => {
    const out = path.join(t.dir, 'big.csv');
    const child = spawn(process.execPath, [BIN, 'export', '--format', 'csv', '--what', 'health', '--output', out], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: t.dir, USER: 'tester', FITTRACK_HOME: t.dir, DATABASE_URL: t.url, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Wait until the temporary file has data, then interrupt.
    const started = Date.now();
    let tmp: string | undefined;
    while (Date.now() - started < 30_000) {
      tmp = fs.readdirSync(t.dir).find((f) => f.startsWith('.big.csv.') && f.endsWith('.tmp'));
      if (tmp && fs.statSync(path.join(t.dir, tmp)).size > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(tmp).toBeDefined();
    expect(fs.existsSync(out)).toBe(false);
    child.kill('SIGINT');
    const code = await closed;
    expect(code).toBe(130);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(t.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const done = await runCli(['export', '--format', 'csv', '--what', 'health', '--output', out], { db: t.url, home: t.dir });
    expect(done.code).toBe(0);
    expect(fs.readFileSync(out, 'utf8').trimEnd().split('\r\n')).toHaveLength(60_002);
  });

  it('shows a progress bar with rows/s on a terminal, NO_COLOR or not (it has no colour), and none without a terminal', async () => {
    const out = path.join(t.dir, 'tty.csv');
    // The bar appears after about a second; shortened to 0 so the test does not depend on the machine's speed.
    const now = { FITTRACK_TEST_MODE: '1', FITTRACK_PROGRESS_DELAY_MS: '0' };
    for (const noColor of ['', '1']) {
      const tty = spawnCliPty(['export', '--format', 'csv', '--what', 'health', '--output', out], { db: t.url, home: t.dir, env: { ...now, NO_COLOR: noColor } });
      expect(await tty.exit).toBe(0);
      expect(plain(tty.output())).toMatch(/export \[[█░]+\] \d+% \| [\d ]+\/60 001 rows \| [\d ]+ rows\/s/);
    }
    const piped = await runCli(['export', '--format', 'csv', '--what', 'health', '--output', out], { db: t.url, home: t.dir, env: now });
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe(`exported 60001 rows to ${out}\n`);
  });
});

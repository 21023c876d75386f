/**
 * `export --output FILE` killed with SIGKILL at seeded random moments: the final name holds
 * either nothing or a complete file (the previous one, or the new one), never a truncated one;
 * whatever the kill leaves behind cannot be taken for the real file.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb, type TestDb } from '../helpers/db.js';
import { spawnCli } from '../helpers/fault-cli.js';
import { dayAfter, seededRandom } from '../helpers/fault-files.js';

const ROWS = 6000;
const MORE = 700;

async function seedHealth(t: TestDb, userId: number, from: number, count: number): Promise<void> {
  const now = new Date().toISOString();
  const rows = Array.from({ length: count }, (_, k) => {
    const i = from + k;
    return { user_id: userId, recorded_date: dayAfter('1800-01-01', i), weight_kg: 70 + (i % 300) / 10, weight_unit: 'kg', body_fat_pct: 20, notes: `row ${i}`, created_at: now, updated_at: now };
  });
  await t.db.batchInsert('health_metrics', rows, 500);
}

/** The data rows of a complete CSV export, or throws saying how it is incomplete. */
function csvDataRows(file: string): number {
  const text = readFileSync(file, 'utf8');
  if (!text.endsWith('\n')) throw new Error(`${file} does not end with a newline: truncated`);
  const lines = text.slice(0, -1).split('\n');
  const fields = lines[0]!.split(',').length;
  lines.forEach((line, n) => {
    if (line.split(',').length !== fields) throw new Error(`${file}:${n + 1}: ${line.split(',').length} fields, header has ${fields}`);
  });
  return lines.length - 1;
}

async function healthCount(t: TestDb): Promise<number> {
  return Number((await t.db('health_metrics').count({ n: '*' }).first())?.n);
}

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);

    it('leaves no file or a complete one under the final name', async () => {
      const opts = { db: t.url, home: t.dir };
      const random = seededRandom(dialect === 'sqlite' ? 3 : 5);
      const first = await runCli(['log-weight', '80kg', '--date', '2000-01-01'], opts);
      expect(first.code).toBe(0);
      const user = (await t.db('users').first('id')) as { id: number };
      await seedHealth(t, user.id, 0, ROWS - 1);
      expect(await healthCount(t)).toBe(ROWS);

      const outDir = path.join(t.dir, 'out');
      mkdirSync(outDir);
      const full = path.join(outDir, 'full.csv');
      const calibration = await spawnCli(['export', '--format', 'csv', '--what', 'health', '--output', full], opts).done;
      expect(calibration.code).toBe(0);
      expect(csvDataRows(full)).toBe(ROWS);

      const out = path.join(outDir, 'out.csv');
      let killedWhileWriting = 0;
      const killOnce = async (j: number): Promise<void> => {
        const p = spawnCli(['export', '--format', 'csv', '--what', 'health', '--output', out], opts);
        let tempSeen = false;
        // Odd attempts die at a random moment of the run; even ones a random moment after the
        // temporary file appears, so some are sure to land mid-write.
        if (j % 2) p.killAfter(Math.round(calibration.wallMs * (0.1 + 0.9 * random())));
        const poll = setInterval(() => {
          if (tempSeen || !readdirSync(outDir).some((f) => f.endsWith('.tmp'))) return;
          tempSeen = true;
          if (j % 2 === 0) p.killAfter(Math.round(100 * random()));
        }, 2);
        const r = await p.done;
        clearInterval(poll);
        if (r.signal === 'SIGKILL' && tempSeen) killedWhileWriting++;
        if (r.signal !== 'SIGKILL') expect(r.code).toBe(0);
      };

      // No file yet: after a kill there is none, or a complete one.
      for (let j = 1; j <= 2; j++) {
        await killOnce(j);
        if (existsSync(out)) expect(csvDataRows(out)).toBe(ROWS);
      }
      // A complete file exists: a killed export leaves it whole, or replaces it whole.
      const good = await runCli(['export', '--format', 'csv', '--what', 'health', '--output', out], opts);
      expect(good.code).toBe(0);
      expect(csvDataRows(out)).toBe(ROWS);
      await seedHealth(t, user.id, ROWS, MORE);
      for (let j = 3; j <= 4; j++) {
        await killOnce(j);
        expect([ROWS, ROWS + MORE]).toContain(csvDataRows(out));
      }
      expect(killedWhileWriting).toBeGreaterThan(0);

      // What the kills left behind is a hidden temporary name, never the final one or a look-alike.
      for (const f of readdirSync(outDir)) {
        if (f === 'out.csv' || f === 'full.csv') continue;
        expect(f).toMatch(/^\.out\.csv\.[0-9a-f]{16}\.tmp$/);
      }
      const last = await runCli(['export', '--format', 'csv', '--what', 'health', '--output', out], opts);
      expect(last.code).toBe(0);
      expect(csvDataRows(out)).toBe(await healthCount(t));
    });
  });
}

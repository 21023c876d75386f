/**
 * `fittrack log-workout TITLE` with no exercises in a terminal asks for them one at a time,
 * offering the last session of the same title as defaults; without a terminal it refuses
 * with exit 2 instead of waiting for an answer.
 */
import { spawn, type IPty } from 'node-pty';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

interface Term {
  pty: IPty;
  output(): string;
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>;
  exit: Promise<number>;
}

function openTerm(args: string[], env: Record<string, string>): Term {
  const pty = spawn(process.execPath, [BIN, ...args], {
    name: 'xterm',
    cols: 120,
    rows: 40,
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: env.FITTRACK_HOME!, USER: 'tester', LANG: 'C.UTF-8', TZ: 'UTC', NO_COLOR: '1', FITTRACK_BCRYPT_COST: '4', FITTRACK_TEST_MODE: '1', ...env },
  });
  let out = '';
  let seen = 0;
  pty.onData((d) => {
    out += d;
  });
  const exit = new Promise<number>((resolve) => pty.onExit(({ exitCode }) => resolve(exitCode)));
  return {
    pty,
    output: () => out,
    // Looks only at output that arrived after the last match, so a repeated prompt is a new match.
    async waitFor(re, timeoutMs = 20_000) {
      const start = Date.now();
      for (;;) {
        const rest = out.slice(seen);
        const m = re.exec(rest);
        if (m) {
          seen += m.index + m[0].length;
          return;
        }
        if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${re} in:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    exit,
  };
}

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);

    it('asks for each exercise with last time as the default, re-asks after a bad answer, and stores the answers', async () => {
      const first = await runCli(['log-workout', 'Upper A', 'Bench 3x8@80kg rpe 8', 'Row 3x10@60kg', '--date', '2025-03-04'], { db: t.url, home: t.dir });
      expect(first.code, first.stderr).toBe(0);

      const term = openTerm(['log-workout', 'Upper A', '--date', '2025-03-11'], { FITTRACK_HOME: t.dir, DATABASE_URL: t.url });
      await term.waitFor(/Exercise 1 \(Bench 3x8@80kg rpe 8\)/);
      term.pty.write('\r');
      await term.waitFor(/Exercise 2 \(Row 3x10@60kg\)/);
      term.pty.write('Curl 3xx12\r');
      await term.waitFor(/cannot read "3xx12"/);
      term.pty.write('\x7f'.repeat(20) + 'Curl 3x12@20kg rpe 9\r');
      await term.waitFor(/Exercise 3 \(done\)/);
      term.pty.write('\r');
      expect(await term.exit, term.output()).toBe(0);
      expect(term.output()).toContain('Logged "Upper A" for 2025-03-11 (#2, strength): 2 exercises, 6 sets, volume 2 640 kg, avg RPE 8.5');

      const rows = await t.db('exercise_logs').where('session_id', 2).orderBy('order_index');
      expect(rows.map((r: { exercise_name: string; sets: number; reps: number; weight_kg: number; rpe: number | null }) => [r.exercise_name, r.sets, r.reps, r.weight_kg, r.rpe])).toEqual([
        ['Bench', 3, 8, 80, 8],
        ['Curl', 3, 12, 20, 9],
      ]);
    });

    it('does not ask with --no-input, even in a terminal, and without a terminal: exit 2, nothing written', async () => {
      const term = openTerm(['log-workout', 'Upper A', '--no-input'], { FITTRACK_HOME: t.dir, DATABASE_URL: t.url });
      expect(await term.exit).toBe(2);
      expect(term.output()).toContain('fittrack: error: "Upper A": no exercises given');
      const piped = await runCli(['log-workout', 'Upper A'], { db: t.url, home: t.dir, input: 'Bench 3x8@80kg\n', timeoutMs: 20_000 });
      expect(piped.signal).toBeNull();
      expect(piped.code).toBe(2);
      expect(piped.stderr).toContain('"Upper A": no exercises given');
      expect(Number((await t.db('workout_sessions').count({ n: '*' }))[0]!.n)).toBe(2);
    });
  });
}

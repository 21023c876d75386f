/**
 * Hostile input: SQL, shell metacharacters, control characters, NUL bytes, invalid UTF-8,
 * very long lines and 10 000 levels of markdown nesting, given to `log-weight --note`,
 * `log-meal` and `import-md`. Each is stored verbatim or refused cleanly (exit 2 with a
 * message), never executed, never a crash; the database stays intact.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli, type CliResult } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';
import { cliEnv, integrityProblems } from '../helpers/fault-cli.js';
import { dayAfter, hostileLegacyFiles } from '../helpers/fault-files.js';

/** Exit 0, 1 or 2 and, when not 0, one error line without a stack trace or a bug report. */
function expectHandled(r: CliResult, what: string): void {
  expect([0, 1, 2], `${what}: exit ${r.code ?? r.signal}\n${r.stderr.slice(0, 2000)}`).toContain(r.code);
  expect(r.stderr, what).not.toMatch(/^\s+at .+[:(]/m);
  expect(r.stderr, what).not.toMatch(/unexpected error|this is a bug|RangeError|Maximum call stack/i);
  if (r.code !== 0) expect(r.stderr.split('\n').filter((l) => l.startsWith('fittrack: error:')), what).toHaveLength(1);
}

/** Runs the CLI through bash, so an argument can hold bytes that are not UTF-8. */
function runCliBytes(args: string[], rawArg: string, opts: { db: string; home: string }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', `exec "$0" "$@" "$(printf '${rawArg}')"`, process.execPath, BIN, ...args], { env: cliEnv(opts), cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);

    it('stores hostile arguments verbatim or refuses them cleanly, and runs none of them', async () => {
      const opts = { db: t.url, home: t.dir };
      const canaries = [1, 2, 3, 4].map((i) => path.join(t.dir, `pwned-${i}`));
      // Arguments cannot hold NUL, and one argument is at most 128 KiB on Linux: those go in files.
      const hostile = [
        "'); DROP TABLE users; --",
        `$(touch ${canaries[0]})`,
        `\`touch ${canaries[1]}\``,
        `; touch ${canaries[2]} && echo | cat`,
        '\u202e reversed \u0007 bell \u001b[31m red \u001b[0m',
        'x'.repeat(100_000),
      ];
      for (const [i, text] of hostile.entries()) {
        const date = dayAfter('2010-01-01', i);
        const r = await runCli(['log-weight', '80kg', '--date', date, '--note', text], opts);
        expectHandled(r, `log-weight --note #${i}`);
        if (r.code === 0) {
          const row = (await t.db('health_metrics').where('recorded_date', date).first('notes')) as { notes: string };
          expect(row.notes, `note #${i}`).toBe(text);
        } else expect(r.code).toBe(2);
        const meal = await runCli(['log-meal', 'lunch', text, '--date', date, '--calories', '500'], opts);
        expectHandled(meal, `log-meal #${i}`);
        if (meal.code === 0) {
          const row = (await t.db('meal_logs').where('meal_date', date).first('description')) as { description: string };
          expect(row.description, `meal #${i}`).toBe(text);
        } else expect(meal.code).toBe(2);
      }
      for (const c of canaries) expect(existsSync(c), c).toBe(false);
      expect(Number((await t.db('users').count({ n: '*' }).first())?.n)).toBe(1);
      expect(await integrityProblems(t.db)).toEqual([]);
    }, 120_000);

    it('reads hostile legacy files or refuses them cleanly, and runs none of it', async () => {
      const opts = { db: t.url, home: t.dir };
      const canaries = [1, 2, 3, 4].map((i) => path.join(t.dir, `pwned-${i}`));
      // Arguments that are not valid UTF-8 are read the way every UTF-8 decoder reads them: each
      // byte that cannot be decoded becomes U+FFFD, and the rest of the text is stored as typed.
      const badBytes = await runCliBytes(['log-weight', '80kg', '--date', '2011-01-01', '--note'], 'bad \\377\\376 bytes', opts);
      expect(badBytes.code, badBytes.stderr).toBe(0);
      const badNote = (await t.db('health_metrics').where('recorded_date', '2011-01-01').first('notes')) as { notes: string } | undefined;
      expect(badNote?.notes).toBe('bad \uFFFD\uFFFD bytes');
      const mealBytes = await runCliBytes(['log-meal', 'dinner', '--date', '2011-01-01', '--calories', '400'], 'soup \\377 bytes', opts);
      expect(mealBytes.code, mealBytes.stderr).toBe(0);
      const badMeal = (await t.db('meal_logs').where('meal_date', '2011-01-01').first('description')) as { description: string } | undefined;
      expect(badMeal?.description).toBe('soup \uFFFD bytes');

      // Legacy files: each imported on its own, so one refusal does not hide another file's crash.
      const files = path.join(t.dir, 'hostile');
      const docs = hostileLegacyFiles(canaries[3]!);
      for (const [name, bytes] of Object.entries(docs)) {
        mkdirSync(path.join(files, path.dirname(name)), { recursive: true });
        writeFileSync(path.join(files, name), bytes);
      }
      for (const name of Object.keys(docs)) {
        const r = await runCli(['import-md', path.join(files, name)], { ...opts, timeoutMs: 60_000 });
        expectHandled(r, `import-md ${name}`);
      }
      // The plain hostile files import, with the text as it was written.
      const sqlNote = (await t.db('health_metrics').where('recorded_date', '2012-01-01').first('notes')) as { notes: string } | undefined;
      expect(sqlNote?.notes).toBe("'); DROP TABLE users; --");
      // The meal log's second row has a 1 MB note: the line is read up to 20 000 characters (with
      // a warning), and its note is still over the 10 000-character limit, so the row is refused
      // at that line, and with --skip-errors the first row imports.
      const meals = await runCli(['import-md', path.join(files, 'meals/meal-log.md'), '--skip-errors'], { ...opts, timeoutMs: 60_000 });
      expectHandled(meals, 'import-md meals --skip-errors');
      expect(meals.stderr).toMatch(/meal-log\.md:(\d+): warning: the line is longer than 20000 characters; only its first 20000 were read/);
      expect(meals.stderr).toMatch(/meal-log\.md:\d+: error: notes: \d{5} characters is too long \(allowed up to 10000\)/);
      const sqlMeal = (await t.db('meal_logs').where('meal_date', '2012-07-01').first('description')) as { description: string } | undefined;
      expect(sqlMeal?.description).toBe("'); DROP TABLE meal_logs; --");

      for (const c of canaries) expect(existsSync(c), c).toBe(false);
      expect(Number((await t.db('users').count({ n: '*' }).first())?.n)).toBe(1);
      expect(await integrityProblems(t.db)).toEqual([]);
    }, 120_000);
  });
}

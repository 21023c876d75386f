/**
 * The logging commands, their lists and the reports start from their own bundles (dist/hot/,
 * see src/cli/hot-start.ts): the rules that keeps fast, checked on the built files, and each
 * command line run through both entries, the hot bundle and the full CLI, storing the same rows
 * and saying the same things.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { hotCommand } from '../../src/cli/command-line.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { builtHotBundles } from '../helpers/hot-bundles.js';
import { dialects, useTestDb, type TestDb } from '../helpers/db.js';

const HOT_DIR = path.join(ROOT, 'dist', 'hot');
const FULL_CLI = path.join(ROOT, 'dist', 'cli', 'main.js');

/** The commands with an entry of their own: every `src/cli/<command>-entry.ts`. */
const HOT_COMMANDS = fs
  .readdirSync(path.join(ROOT, 'src', 'cli'))
  .flatMap((f) => /^(.*)-entry\.ts$/.exec(f)?.slice(1) ?? [])
  .sort();

/** The bundle of each hot command, as the built dist/hot/start.cjs names it. */
const hotBundles = builtHotBundles;

/** The arguments of every `import(…)` call in a JavaScript file (read as code, not as text). */
function dynamicImports(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) found.push(node.arguments[0]?.getText(source) ?? '');
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the built hot bundles', () => {
  it('exist for every command with an entry of its own', () => {
    expect(HOT_COMMANDS).toEqual(['log-meal', 'log-weight', 'log-workout', 'report']);
    expect(Object.keys(hotBundles()).sort()).toEqual(HOT_COMMANDS);
  });

  it('make no dynamic import (code run through the code cache has no module loader); the start only of the full CLI', () => {
    for (const [command, file] of Object.entries(hotBundles())) expect(dynamicImports(path.join(HOT_DIR, file)), command).toEqual([]);
    expect(dynamicImports(path.join(HOT_DIR, 'start.cjs'))).toEqual(['"../cli/main.js"']);
  });

  it('the check sees an import() written in code, and not one written in a string', () => {
    const file = path.join(fs.mkdtempSync(path.join(ROOT, '.tmp-hot-')), 'x.cjs');
    try {
      fs.writeFileSync(file, 'const s = "import(\'a\')"; void import("./b.js").then(() => require("c"));\n');
      expect(dynamicImports(file)).toEqual(['"./b.js"']);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});

/**
 * Each command line with a bundle of its own, plain and with a global option first: logging on
 * distinct days, so one never updates another, then the lists and the reports of what was logged.
 */
const LINES: Record<string, string[][]> = {
  'log-weight': [
    ['log-weight', '80.4kg', '--body-fat', '21.5', '--waist', '86.5cm', '--date', '2025-03-01'],
    ['--no-color', 'log-weight', '176.4lb', '--date', '2025-03-02', '--sleep-hours', '7.5', '--mood', '8'],
    ['--wide', 'log-weight', '80.1', '--date', '2025-03-03', '--json'],
    ['--no-color', 'log-weight', 'eighty', '--date', '2025-03-04'],
    ['log-weight', '--list'],
    ['--wide', 'log-weight', '--list', '--from', '2025-03-02', '--json'],
  ],
  'log-meal': [
    ['log-meal', 'breakfast', '3 eggs, 2 slices toast', '--calories', '450', '--protein', '30', '--date', '2025-03-01'],
    ['--no-color', 'log-meal', 'snack', 'Greek yogurt', '--protein', '17', '--carbs', '6', '--fat', '0', '--date', '2025-03-02'],
    ['--no-color', 'log-meal', 'elevenses', 'cake', '--date', '2025-03-03'],
    ['log-meal', '--list', '--date', '2025-03-01'],
  ],
  'log-workout': [
    ['log-workout', 'Upper A', 'Bench 3x8@80kg rpe 8', 'Squat 5,5,5,3@100kg', 'A1: Pull-up 3xAMRAP', '--week', '2', '--date', '2025-03-01'],
    ['--no-color', 'log-workout', 'Easy run', 'Run 45min 8.2km', '--date', '2025-03-02'],
    ['--wide', 'log-workout', 'Pull A', '-e', 'Row 3x10@60kg', '-e', 'Curl 3x12@12kg', '--date', '2025-03-03', '--type', 'strength'],
    ['--no-color', 'log-workout', 'Bad', 'Curl x8', '--date', '2025-03-04'],
    ['log-workout', '--list'],
  ],
  report: [
    ['report', 'weight', '--since', '2025-01-01'],
    ['--no-color', 'report', 'lifts'],
    ['report', 'lifts', 'squat', '--json'],
    ['report', 'goals'],
    ['report', 'summary', '--month'],
    ['report'],
  ],
};

/** The tables the logging commands write, each in a fixed order. */
const TABLES: Array<[string, string[]]> = [
  ['health_metrics', ['recorded_date']],
  ['meal_logs', ['meal_date', 'id']],
  ['workout_sessions', ['session_date', 'id']],
  ['exercise_logs', ['session_id', 'order_index']],
  ['exercise_definitions', ['id']],
];

/** Every row of those tables, without the columns that tell when a row was written. */
async function storedRows(t: TestDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of TABLES) {
    const rows = (await t.db(table).orderBy(order).select('*')) as Array<Record<string, unknown>>;
    out[table] = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !k.endsWith('_at'))));
  }
  return out;
}

/** What a run said, its timestamps (when a row was written) left out. */
const said = (r: { code: number | null; stdout: string; stderr: string }) => {
  const untimed = (text: string) => text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>');
  return { code: r.code, stdout: untimed(r.stdout), stderr: untimed(r.stderr) };
};

for (const dialect of dialects) {
  describe(`each logging command through both entries (${dialect})`, () => {
    const hot = useTestDb(dialect);
    const full = useTestDb(dialect);

    it('the hot bundle and the full CLI store the same rows and say the same', async () => {
      expect(Object.keys(LINES).sort()).toEqual(HOT_COMMANDS);
      for (const [command, lines] of Object.entries(LINES)) {
        for (const args of lines) {
          // bin/fittrack.cjs starts this line from the command's own bundle…
          expect(hotCommand(['node', 'fittrack', ...args], HOT_COMMANDS), args.join(' ')).toBe(command);
          const a = await runCli(args, { db: hot.url, home: hot.dir });
          // …and dist/cli/main.js is the full CLI.
          const b = await runCli(args, { db: full.url, home: full.dir, script: FULL_CLI });
          expect(said(a), args.join(' ')).toEqual(said(b));
        }
      }
      const [a, b] = [await storedRows(hot), await storedRows(full)];
      expect(a.health_metrics).toHaveLength(3);
      expect(a.meal_logs).toHaveLength(2);
      expect(a.workout_sessions).toHaveLength(3);
      expect(b).toEqual(a);
    });
  });
}

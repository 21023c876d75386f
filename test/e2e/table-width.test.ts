/**
 * Tables fit the terminal: every list and show command, rendered in a pseudo-terminal 80 and
 * 120 columns wide, prints no line longer than the terminal. Piped (not a terminal) or with
 * --wide the same tables come out at full width. The style is compact: one rule under the
 * header, none between rows.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';
import { plain, spawnCliPty } from '../helpers/pty.js';

const LIST_COMMANDS: string[][] = [
  ['log-weight', '--list'],
  ['log-workout', '--list'],
  ['log-workout', '--show', '1'],
  ['log-meal', '--list', '--date', '2025-03-04'],
  ['exercise', 'list'],
  ['exercise', 'show', 'Barbell Back Squat'],
  ['goal', 'list'],
  ['goal', 'show', '1'],
  ['coach-note', 'list'],
  ['coach-note', 'actions'],
  ['coach-note', 'show', '1'],
  ['import-md', '--list'],
  ['config', 'list'],
  ['report', 'weight'],
  ['report', 'lifts'],
  ['report', 'summary', '--month'],
];

const LONG_NOTE = 'slept badly after a late dinner with friends, knee a bit sore on the stairs, otherwise fine and ready for the week';

for (const dialect of dialects) {
  describe(`tables fit the terminal (${dialect})`, () => {
    const t = useTestDb(dialect);
    const cli = (args: string[]) => runCli(args, { db: t.url, home: t.dir });

    it('seeds a bit of everything', async () => {
      const seeds: string[][] = [
        ['config', 'set', 'height', '183cm'],
        ['log-weight', '81.2kg', '--body-fat', '21.5', '--waist', '86.5cm', '--date', '2025-03-03', '--note', LONG_NOTE],
        ['log-weight', '80.4kg', '--body-fat', '21.2', '--waist', '86cm', '--date', '2025-03-04', '--note', 'ok'],
        ['log-workout', 'Upper A with a rather long session title', 'Barbell Bench Press 3x8@80kg rpe 8', 'Barbell Back Squat 5,5,5,3@100kg', 'A1: Weighted Pull-up 3x6@10kg', 'A2: Dumbbell Incline Press 3x10@26kg "slow eccentric, pause at the bottom"', 'Run 20min 4.1km', '--date', '2025-03-04', '--note', LONG_NOTE],
        ['log-meal', 'lunch', `chicken salad with quinoa, roasted vegetables, feta and a lemon dressing, ${LONG_NOTE}`, '--calories', '650', '--protein', '45', '--carbs', '60', '--fat', '22', '--fiber', '9', '--water', '500', '--date', '2025-03-04'],
        ['goal', 'add', 'Cut to 75 before the summer holidays start in June', '--metric', 'weight', '--target', '75kg', '--by', '2099-06-01'],
        ['coach-note', 'add', '--title', 'Week 2 Review of nutrition and training load', '--coach', 'Coach Dana Example-Longname', '--topic', 'nutrition', '--topic', 'sleep', '--action', `Protein first: 180 g a day, ${LONG_NOTE}`, '--date', '2025-03-04', 'Weight is on plan.'],
      ];
      for (const args of seeds) {
        const r = await cli(args);
        expect(r.stderr, args.join(' ')).not.toMatch(/error/);
        expect(r.code, args.join(' ')).toBe(0);
      }
    });

    for (const cols of [80, 120]) {
      it(`every list at ${cols} columns: no line longer than the terminal`, async () => {
        const tooLong: string[] = [];
        for (const args of LIST_COMMANDS) {
          const p = spawnCliPty(args, { db: t.url, home: t.dir, cols });
          const code = await p.exit;
          const lines = plain(p.output()).split('\n');
          expect(code, `${args.join(' ')}\n${lines.join('\n')}`).toBe(0);
          for (const line of lines) if ([...line].length > cols) tooLong.push(`${args.join(' ')}: ${[...line].length} > ${cols}: ${line}`);
        }
        expect(tooLong).toEqual([]);
      });
    }

    it('the list keeps the essentials at 80 columns and names what it left out', async () => {
      const p = spawnCliPty(['log-weight', '--list'], { db: t.url, home: t.dir, cols: 80 });
      expect(await p.exit).toBe(0);
      const screen = plain(p.output());
      expect(screen).toMatch(/^Date\s+Weight/m);
      expect(screen).toMatch(/^─+ +─+/m);
      expect(screen).toMatch(/^2025-03-04\s+80\.4 kg/m);
      expect(screen).toMatch(/slept badly\s+after/);
      expect(screen).toMatch(/on the\s+stairs/);
      expect(screen).toMatch(/left out to fit the terminal: .*--wide shows every column/);
    });

    it('is full width when piped or with --wide, with no rule between rows', async () => {
      const piped = await cli(['log-workout', '--list']);
      expect(piped.code).toBe(0);
      expect(Math.max(...piped.stdout.split('\n').map((l) => [...l].length))).toBeGreaterThan(120);
      expect(piped.stdout.split('\n').filter((l) => /^[─ ]+$/.test(l))).toHaveLength(1);
      expect(piped.stdout).not.toMatch(/[│┌┐└┘├┤]/);

      const wide = spawnCliPty(['log-weight', '--list', '--wide'], { db: t.url, home: t.dir, cols: 80 });
      expect(await wide.exit).toBe(0);
      const screen = plain(wide.output());
      expect(screen).toMatch(/Lean mass\s+Fat mass\s+BMI/);
      expect(screen).not.toContain('left out to fit');
    });
  });
}

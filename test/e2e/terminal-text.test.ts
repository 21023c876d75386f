/**
 * Control sequences stored in text (a clipboard write, a screen clear, C1 controls, bidi
 * overrides) never reach the terminal: `show` views, lists, messages and errors print them
 * escaped, while JSON and CSV keep the text exact.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { parseCsv } from '../helpers/csv.js';
import { dialects, useTestDb } from '../helpers/db.js';
import { spawnCliPty } from '../helpers/pty.js';

const OSC52 = '\x1b]52;c;cm0gLXJmIH4K\x07';
const CLEAR = '\x1b[2J\x1b[H';
const C1 = '\x9b2J';
const BIDI = '\u202e';
const TITLE = `Week 3${CLEAR}`;
const BODY = `Squats went well.${OSC52}\n\n${CLEAR}Deload next week, then ${BIDI}txt.exe\n\n| Lift | Note |\n| --- | --- |\n| Squat | ok${C1} |\n`;
const DESCRIPTION = `Pull to the hip${OSC52}${CLEAR}`;

/** True when the text holds a character a terminal would act on (TAB and LF aside). */
const hasControl = (text: string) => /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/.test(text);

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const cli = (args: string[], input?: string, env?: NodeJS.ProcessEnv) => runCli(args, { db: t.url, home: t.dir, input, env });

    beforeAll(async () => {
      const note = await cli(['coach-note', 'add', '--title', TITLE, '--coach', `Dana${BIDI}`, '--action', `Sleep 8 h${OSC52}`, '--date', '2025-03-12', '-'], BODY);
      expect(note.code, note.stderr).toBe(0);
      expect(hasControl(note.stderr)).toBe(false);
      expect(note.stderr).toContain('Saved coaching session "Week 3\\x1b[2J\\x1b[H"');
      const ex = await cli(['exercise', 'add', `Evil Row${BIDI}`, '--description', DESCRIPTION, '--tips', `\x1b]0;owned\x07keep the back flat`]);
      expect(ex.code, ex.stderr).toBe(0);
      expect(hasControl(ex.stderr)).toBe(false);
    });

    it('shows a coaching note with its control characters escaped', async () => {
      const r = await cli(['coach-note', 'show', '1']);
      expect(r.code, r.stderr).toBe(0);
      expect(hasControl(r.stdout)).toBe(false);
      expect(r.stdout).toContain('Week 3\\x1b[2J\\x1b[H — 2025-03-12');
      expect(r.stdout).toContain('Squats went well.\\x1b]52;c;cm0gLXJmIH4K\\x07');
      expect(r.stdout).toContain('Coach: Dana\\u202e');
      expect(r.stdout).toContain('\\u202etxt.exe');
      expect(r.stdout).toContain('ok\\x9b2J');
      expect(r.stdout).toContain('Sleep 8 h\\x1b]52;');
    });

    it('lists coaching notes and action items with the control characters escaped', async () => {
      for (const args of [['coach-note', 'list'], ['coach-note', 'actions']]) {
        const r = await cli(args);
        expect(r.code, r.stderr).toBe(0);
        expect(hasControl(r.stdout)).toBe(false);
        expect(r.stdout).toContain('\\x1b');
      }
    });

    it('shows and lists an exercise with its control characters escaped', async () => {
      const show = await cli(['exercise', 'show', `evil row${BIDI}`]);
      expect(show.code, show.stderr).toBe(0);
      expect(hasControl(show.stdout)).toBe(false);
      expect(show.stdout).toContain('Description: Pull to the hip\\x1b]52;c;cm0gLXJmIH4K\\x07\\x1b[2J\\x1b[H');
      expect(show.stdout).toContain('Tips: \\x1b]0;owned\\x07keep the back flat');
      const list = await cli(['exercise', 'list']);
      expect(list.code, list.stderr).toBe(0);
      expect(hasControl(list.stdout)).toBe(false);
      expect(list.stdout).toContain('Evil Row\\u202e');
    });

    it('escapes control characters quoted in error messages, commander errors included', async () => {
      const missing = await cli(['exercise', 'show', `nope${OSC52}`]);
      expect(missing.code).toBe(1);
      expect(hasControl(missing.stderr)).toBe(false);
      expect(missing.stderr).toContain('no exercise "nope\\x1b]52;c;cm0gLXJmIH4K\\x07"');
      const unknown = await cli(['export', `--bogus${CLEAR}`]);
      expect(unknown.code).toBe(2);
      expect(hasControl(unknown.stderr)).toBe(false);
      expect(unknown.stderr).toContain('--bogus\\x1b[2J');
      const badDate = await cli(['coach-note', 'add', '--title', 'x', '--date', `${C1}soon`, 'body']);
      expect(badDate.code).toBe(2);
      expect(hasControl(badDate.stderr)).toBe(false);
    });

    it('keeps its own colours on a colour terminal, and still escapes the stored sequences', async () => {
      const r = await cli(['coach-note', 'show', '1'], undefined, { NO_COLOR: undefined, FORCE_COLOR: '1' });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/\x1b\[\d+m/);
      expect(r.stdout).not.toContain(OSC52);
      expect(r.stdout).not.toContain('\x1b[2J');
      expect(r.stdout).not.toContain('\x9b');
      expect(r.stdout).toContain('\\x1b]52;c;');
    });

    it('asks questions with stored text escaped, and Enter still takes the stored value', async () => {
      const first = await cli(['log-workout', `Pull${OSC52}`, `Evil${CLEAR}Row 3x8@60kg`, '--date', '2025-03-10']);
      expect(first.code, first.stderr).toBe(0);
      expect(hasControl(first.stderr)).toBe(false);
      const term = spawnCliPty(['log-workout', `Pull${OSC52}`, '--date', '2025-03-11'], { db: t.url, home: t.dir });
      await term.waitFor(/Exercise 1 \(Evil\\x1b\[2J\\x1b\[HRow 3x8@60kg\)/);
      term.write('\r');
      await term.waitFor(/Exercise 2/);
      term.write('done\r');
      expect(await term.exit, term.output()).toBe(0);
      // What reached the terminal: fittrack's own cursor and colour codes, none of the stored ones.
      expect(term.output()).not.toContain(OSC52);
      expect(term.output()).not.toContain('\x1b[2J');
      expect(term.output()).toContain('Pull\\x1b]52;');
      const logged = await t.db('exercise_logs').join('workout_sessions', 'workout_sessions.id', 'exercise_logs.session_id').where('workout_sessions.session_date', '2025-03-11').select('exercise_name');
      expect(logged).toEqual([{ exercise_name: `Evil${CLEAR}Row` }]);
    });

    it('keeps the text exact in JSON and CSV', async () => {
      const json = await cli(['coach-note', 'show', '1', '--json']);
      expect(JSON.parse(json.stdout)).toMatchObject({ title: TITLE, coach_name: `Dana${BIDI}`, notes: BODY });
      const ex = await cli(['exercise', 'show', `evil row${BIDI}`, '--json']);
      expect(JSON.parse(ex.stdout)).toMatchObject({ description: DESCRIPTION });
      const csv = await cli(['export', '--format', 'csv', '--what', 'coaching']);
      expect(csv.code, csv.stderr).toBe(0);
      expect(parseCsv(csv.stdout)[0]).toMatchObject({ title: TITLE, notes: BODY });
    });
  });
}

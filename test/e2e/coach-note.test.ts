/**
 * `fittrack coach-note`: coaching sessions with their notes and action items, the markdown
 * body rendered for the terminal, ticking items off, and bad input refused with nothing written.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { spawn } from 'node-pty';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

async function dump(db: Knex): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of ['users', 'coaching_sessions', 'coaching_action_items']) out[table] = await db(table).orderBy('id').select();
  return out;
}

const BODY = `Weight is moving at about **1.5 lb** a week, which is *on plan*.

### Training
Squat depth improved; keep the \`tempo\`.

| Meal | kcal |
| :--- | ---: |
| Breakfast | 450 |

* **Protein first:** 180 g a day.
* Sleep: lights out by 22:30.
`;

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const cli = (args: string[], input?: string) => runCli(args, { db: t.url, home: t.dir, input });

    it('adds a session with every field, its body as an argument and numbered action items', async () => {
      const r = await cli([
        'coach-note', 'add', '--title', 'Week 2 Review', '--coach', 'Coach Dana', '--subject', 'First fortnight numbers',
        '--topic', 'nutrition', '--topic', 'sleep', '--action', 'Protein first: 180 g a day', '--action', 'Lights out by 22:30',
        '--rating', '8', '--next', '2099-01-05', '--date', '2025-03-12', BODY, '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('Saved coaching session "Week 2 Review" for 2025-03-12 (#1): 2 action items, next session 2099-01-05\n');
      expect(JSON.parse(r.stdout)).toMatchObject({
        id: 1,
        session_date: '2025-03-12',
        title: 'Week 2 Review',
        coach_name: 'Coach Dana',
        subject: 'First fortnight numbers',
        topics: ['nutrition', 'sleep'],
        rating: 8,
        next_session_date: '2099-01-05',
        follow_up_required: true,
        notes: BODY,
        action_items: [
          { id: 1, position: 1, text: 'Protein first: 180 g a day', done: false, done_at: null },
          { id: 2, position: 2, text: 'Lights out by 22:30', done: false, done_at: null },
        ],
      });
    });

    it('reads the body from --file and from stdin exactly as written, and stores none without a terminal', async () => {
      const file = path.join(t.dir, 'notes.md');
      const nasty = `it's "fine"; DROP TABLE users; -- 💪\n${'ten kB. '.repeat(1300)}`;
      writeFileSync(file, nasty);
      const fromFile = await cli(['coach-note', 'add', '--title', 'From file', '--file', file, '--date', '2025-03-13', '--action', 'Walk daily']);
      expect(fromFile.code, fromFile.stderr).toBe(0);
      const fromStdin = await cli(['coach-note', 'add', '--title', 'From stdin', '-', '--date', '2025-03-14'], '# Piped\nbody\n');
      expect(fromStdin.code, fromStdin.stderr).toBe(0);
      const none = await cli(['coach-note', 'add', '--title', 'No body', '--date', '2025-03-15']);
      expect(none.code, none.stderr).toBe(0);
      expect(none.stderr).toBe('Saved coaching session "No body" for 2025-03-15 (#4): 0 action items, no notes\n');
      const rows = await t.db('coaching_sessions').orderBy('id').select('title', 'notes');
      expect(rows.slice(1)).toEqual([
        { title: 'From file', notes: nasty },
        { title: 'From stdin', notes: '# Piped\nbody\n' },
        { title: 'No body', notes: null },
      ]);
    });

    it('opens $EDITOR on a temp file when there is no body and a terminal', async () => {
      const editor = path.join(t.dir, 'editor.sh');
      writeFileSync(editor, '#!/bin/sh\nprintf "## Written in the editor\\n* one\\n" > "$1"\n');
      chmodSync(editor, 0o755);
      const pty = spawn(process.execPath, [BIN, 'coach-note', 'add', '--title', 'Edited', '--date', '2025-03-16'], {
        cols: 100,
        rows: 30,
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: t.dir, USER: 'tester', TZ: 'UTC', NO_COLOR: '1', FITTRACK_HOME: t.dir, DATABASE_URL: t.url, EDITOR: editor },
      });
      let out = '';
      pty.onData((d) => (out += d));
      const code = await new Promise<number>((resolve) => pty.onExit(({ exitCode }) => resolve(exitCode)));
      expect(code, out).toBe(0);
      expect((await t.db('coaching_sessions').where('title', 'Edited').first()).notes).toBe('## Written in the editor\n* one\n');
    });

    it('lists sessions and shows one with its markdown rendered as plain text', async () => {
      const list = await cli(['coach-note', 'list']);
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).toMatch(/\s*1\s+2025-03-12\s+Week 2 Review\s+Coach Dana\s+nutrition, sleep \s*8\/10 \s*2\/2\s+2099-01-05/);
      expect(JSON.parse((await cli(['coach-note', 'list', '--json'])).stdout).map((s: { title: string }) => s.title)).toEqual(['Week 2 Review', 'From file', 'From stdin', 'No body', 'Edited']);
      const show = await cli(['coach-note', 'show', '1']);
      expect(show.code, show.stderr).toBe(0);
      expect(show.stdout).toContain('Week 2 Review — 2025-03-12 (#1)\nCoach: Coach Dana\nSubject: First fortnight numbers\nTopics: nutrition, sleep\nRating: 8/10\nNext session: 2099-01-05');
      expect(show.stdout).toContain('Weight is moving at about 1.5 lb a week, which is on plan.');
      expect(show.stdout).toContain('Training\n--------');
      expect(show.stdout).toMatch(/Breakfast \s*450/);
      expect(show.stdout).toContain('  • Protein first: 180 g a day.\n  • Sleep: lights out by 22:30.');
      expect(show.stdout).not.toMatch(/\*\*|###|`/);
      expect(show.stdout).toContain('Action items:\n  [ ] Protein first: 180 g a day  (id 1)\n  [ ] Lights out by 22:30  (id 2)');
      const missing = await cli(['coach-note', 'show', '99']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toBe('fittrack: error: no coaching session #99\nsee the ids with: fittrack coach-note list\n');
    });

    it('ticks action items off and on again', async () => {
      const done = await cli(['coach-note', 'done', '2']);
      expect(done.code, done.stderr).toBe(0);
      expect(done.stderr).toBe('Marked action item #2 done: "Lights out by 22:30"\n');
      const row = await t.db('coaching_action_items').where('id', 2).first();
      expect(Boolean(row.done)).toBe(true);
      expect(row.done_at).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect((await cli(['coach-note', 'done', '2'])).stderr).toBe('Action item #2 was already done: "Lights out by 22:30"\n');
      const open = JSON.parse((await cli(['coach-note', 'actions', '--open', '--json'])).stdout);
      expect(open.map((a: { id: number; text: string }) => [a.id, a.text])).toEqual([
        [1, 'Protein first: 180 g a day'],
        [3, 'Walk daily'],
      ]);
      const all = await cli(['coach-note', 'actions']);
      expect(all.stdout).toMatch(/\s*2\s+✓ \d{4}-\d\d-\d\d\s+Week 2 Review\s+2025-03-12\s+2\s+Lights out by 22:30/);
      const undone = await cli(['coach-note', 'undone', '2', '--json']);
      expect(undone.code, undone.stderr).toBe(0);
      expect(JSON.parse(undone.stdout)).toMatchObject({ id: 2, done: false, done_at: null });
      const missing = await cli(['coach-note', 'done', '42']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toBe('fittrack: error: no action item #42\nsee the ids with: fittrack coach-note actions\n');
    });

    const bad: Array<[string[], string]> = [
      [['add', 'body only'], 'missing --title'],
      [['add', '--title', '', 'x'], '--title: is empty'],
      [['add', '--title', 'x'.repeat(301)], '--title: 301 characters is too long (allowed up to 300)'],
      [['add', '--title', 'T', '--rating', '11'], '--rating: 11 is out of range (allowed 1–10)'],
      [['add', '--title', 'T', '--rating', 'great'], '--rating: "great" is not a number'],
      [['add', '--title', 'T', '--date', 'tomorrow'], 'is in the future'],
      [['add', '--title', 'T', '--date', '2025-03-12', '--next', '2025-03-01'], '--next: 2025-03-01 is before the session date 2025-03-12'],
      [['add', '--title', 'T', '--next', 'someday maybe'], '--next: cannot read "someday maybe" as a date'],
      [['add', '--title', 'T', '--file', '/nonexistent/notes.md'], '--file: cannot read "/nonexistent/notes.md": no such file'],
      [['add', '--title', 'T', '--file', '/tmp', 'x'], 'give the notes either as an argument or with --file, not both'],
      [['add', '--title', 'T', '--action', ''], '--action: is empty'],
      [['done', 'abc'], '<action-id>: "abc" is not an id'],
      [['undone', '0'], '<action-id>: "0" is not an id'],
      [['show', '1.5'], '<id>: "1.5" is not an id'],
    ];
    for (const [args, message] of bad) {
      it.concurrent(`refuses coach-note ${JSON.stringify(args).slice(0, 60)} with exit 2 and writes nothing`, async ({ expect }) => {
        const before = await dump(t.db);
        const r = await cli(['coach-note', ...args]);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stdout).toBe('');
        const lines = r.stderr.trimEnd().split('\n');
        expect(lines[0]).toMatch(/^fittrack: error: /);
        expect(lines[0]).toContain(message);
        expect(lines.length).toBe(2);
        expect(await dump(t.db)).toEqual(before);
      });
    }
  });
}

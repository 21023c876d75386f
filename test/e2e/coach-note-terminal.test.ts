/**
 * `coach-note add` at a terminal: a missing --title is asked for, and leaving the editor without
 * saving notes (or with an error) cancels the way Ctrl+C at a question does: nothing written,
 * "cancelled: nothing was written", exit 130. Without a terminal a missing --title is a usage error.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';
import { plain, spawnCliPty } from '../helpers/pty.js';

/** The one session the first test saves; every later test leaves the table so. */
const FIRST = [{ title: 'Asked for', notes: 'Notes from the editor\n' }];

for (const dialect of dialects) {
  describe(`coach-note add at a terminal (${dialect})`, () => {
    const t = useTestDb(dialect);
    const editorScript = (name: string, body: string) => {
      const file = path.join(t.dir, name);
      writeFileSync(file, `#!/bin/sh\n${body}\n`);
      chmodSync(file, 0o755);
      return file;
    };
    const pty = (args: string[], env: Record<string, string> = {}) => spawnCliPty(['coach-note', 'add', '--date', '2025-03-16', ...args], { db: t.url, home: t.dir, env });
    const sessions = async () => (await t.db('coaching_sessions').orderBy('id').select('title', 'notes')) as Array<{ title: string; notes: string | null }>;

    it('asks for a missing --title, then opens the editor for the notes', async () => {
      const editor = editorScript('writes.sh', 'printf "Notes from the editor\\n" > "$1"');
      const p = pty([], { EDITOR: editor });
      await p.waitFor(/Title/);
      p.write('Asked for\r');
      expect(await p.exit, plain(p.output())).toBe(0);
      expect(plain(p.output())).toContain('Saved coaching session "Asked for" for 2025-03-16');
      expect(await sessions()).toEqual(FIRST);
    });

    it('Ctrl+C at the title question writes nothing', async () => {
      const p = pty(['Body given']);
      await p.waitFor(/Title/);
      p.write('half\x03');
      expect(await p.exit).toBe(130);
      expect(plain(p.output())).toContain('fittrack: error: cancelled: nothing was written');
      expect(await sessions()).toEqual(FIRST);
    });

    it('without a terminal, or with --no-input, a missing --title is a usage error naming --title', async () => {
      const r = await runCli(['coach-note', 'add', 'Body given'], { db: t.url, home: t.dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('fittrack: error: missing --title\ngive the session a title, e.g. fittrack coach-note add --title "Week 2 Review" "notes…"\n');
      const p = spawnCliPty(['--no-input', 'coach-note', 'add', 'Body given'], { db: t.url, home: t.dir });
      expect(await p.exit).toBe(2);
      expect(plain(p.output())).toContain('fittrack: error: missing --title (--no-input forbids asking for it)');
      expect(await sessions()).toEqual(FIRST);
    });

    it('quitting the editor without saving cancels: nothing written, exit 130', async () => {
      const p = pty(['--title', 'Not saved'], { EDITOR: editorScript('quits.sh', 'exit 0') });
      expect(await p.exit).toBe(130);
      const screen = plain(p.output());
      expect(screen).toContain('fittrack: error: cancelled: nothing was written\nthe editor was closed with no notes saved');
      expect(screen).not.toContain('Saved coaching session');
      expect(await sessions()).toEqual(FIRST);
    });

    it('an editor that exits with an error (vi :cq) cancels too, even after writing', async () => {
      const p = pty(['--title', 'Aborted'], { EDITOR: editorScript('fails.sh', 'printf "half written\\n" > "$1"; exit 1') });
      expect(await p.exit).toBe(130);
      expect(plain(p.output())).toMatch(/fittrack: error: cancelled: nothing was written\nthe editor ".*fails\.sh" exited with status 1/);
      expect(await sessions()).toEqual(FIRST);
    });
  });
}

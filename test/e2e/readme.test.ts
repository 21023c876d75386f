/**
 * The README's examples, run as written. Every `fittrack …` line of README.md's code blocks runs,
 * in order, in one fresh home (FITTRACK_HOME empty, a scratch working folder holding the
 * `fixtures/` the README names), and must exit 0 unless its comment says otherwise.
 *
 * Markers, in a line's trailing comment (all visible in the README):
 *   `# exit N`          the line is expected to exit N (e.g. `# not logged in: exit 3`)
 *   `# needs: postgres` the line's `postgres://…` URL is replaced by a fresh database on the test server
 *   `# needs: terminal` the line runs in a pseudo-terminal; password prompts are answered with $PW,
 *                       yes/no questions with yes
 * In a ```crontab block the five schedule fields are dropped and the command runs.
 *
 * What the reader brings and the test supplies: `$PW` (a password), the photos named in the tour.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pty from 'node-pty';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDb, resolveDbTarget } from '../../src/db/connection.js';
import { BIN, ROOT } from '../helpers/cli.js';
import { plain } from '../helpers/pty.js';

export interface ReadmeLine {
  /** 1-based line number in README.md (of the first physical line). */
  line: number;
  /** The shell text to run (continuations joined, crontab schedule dropped). */
  command: string;
  expectedExit: number;
  needs: Array<'postgres' | 'terminal'>;
}

const COMMAND_RE = /(?:^|[|;&(`]\s*|\$\(\s*|\bnpx\s+)fittrack\s/;

/** Every `fittrack …` line of the markdown's fenced code blocks, in order. */
export function extractReadmeLines(markdown: string): ReadmeLine[] {
  const lines = markdown.split('\n');
  const out: ReadmeLine[] = [];
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const open = /^```(\S*)/.exec(raw);
    if (open) {
      fence = fence === null ? open[1]! : null;
      continue;
    }
    if (fence === null) continue;
    let text = raw.trim();
    const first = i + 1;
    while (text.endsWith('\\') && i + 1 < lines.length) text = `${text.slice(0, -1)} ${lines[++i]!.trim()}`;
    if (!text || text.startsWith('#')) continue;
    if (/^npm\s/.test(text)) continue; // installing and testing fittrack itself, not a use of it
    if (fence === 'crontab') text = text.split(/\s+/).slice(5).join(' ');
    if (!COMMAND_RE.test(text)) continue;
    const comment = /\s#\s(.*)$/.exec(text)?.[1] ?? '';
    const exit = /\bexit (\d+)\b/.exec(comment);
    const needs = [...comment.matchAll(/\bneeds: (postgres|terminal)\b/g)].map((m) => m[1] as 'postgres' | 'terminal');
    out.push({ line: first, command: text, expectedExit: exit ? Number(exit[1]) : 0, needs });
  }
  return out;
}

const PW = 'readme-test-password';
const dirs: string[] = [];
const databases: string[] = [];

afterAll(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  if (databases.length) {
    const admin = await createDb(resolveDbTarget(inject('pgUrl')), { poolMax: 1 });
    for (const name of databases) await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.destroy();
  }
});

async function freshPgUrl(): Promise<string> {
  const name = `ft_readme_${randomBytes(5).toString('hex')}`;
  const admin = await createDb(resolveDbTarget(inject('pgUrl')), { poolMax: 1 });
  await admin.raw(`CREATE DATABASE ${name}`);
  await admin.destroy();
  databases.push(name);
  const u = new URL(inject('pgUrl'));
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh home: `fittrack` on PATH, a working folder with the fixtures, the tour's photos. */
function makeHome(): { work: string; env: Record<string, string>; state: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'fittrack-readme-'));
  dirs.push(root);
  const home = path.join(root, 'home');
  const work = path.join(root, 'work');
  const bin = path.join(root, 'bin');
  for (const d of [home, work, bin, path.join(home, '.local', 'state'), path.join(home, 'photos')]) mkdirSync(d, { recursive: true });
  symlinkSync(path.join(ROOT, 'fixtures'), path.join(work, 'fixtures'));
  writeFileSync(path.join(bin, 'fittrack'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  // `npx fittrack` runs the package's own bin, which is what `fittrack` is here.
  writeFileSync(path.join(bin, 'npx'), `#!/bin/sh\nexec "$@"\n`);
  chmodSync(path.join(bin, 'fittrack'), 0o755);
  chmodSync(path.join(bin, 'npx'), 0o755);
  for (const name of ['2026-11-25-front.jpg', '2026-12-01-front.jpg']) writeFileSync(path.join(home, 'photos', name), Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(name)]));
  const env: Record<string, string> = {
    PATH: `${bin}:${process.env.PATH}`,
    HOME: home,
    USER: 'tester',
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    NO_COLOR: '1',
    FITTRACK_BCRYPT_COST: '4',
    FITTRACK_HOME: path.join(home, '.local', 'share', 'fittrack'),
    PW,
    EDITOR: 'true',
  };
  const state = path.join(root, 'state.sh');
  writeFileSync(state, '');
  return { work, env, state };
}

/** The line as a script that starts from, and saves, the exported variables of the lines before. */
function wrap(command: string, state: string): string {
  return `. '${state}'\n${command}\nrc=$?\nexport -p > '${state}'\nexit $rc\n`;
}

function runPlain(command: string, h: ReturnType<typeof makeHome>): { code: number; output: string } {
  const r = spawnSync('bash', ['-c', wrap(command, h.state)], { cwd: h.work, env: h.env, input: '', encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

function runInTerminal(command: string, h: ReturnType<typeof makeHome>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const p = pty.spawn('bash', ['-c', wrap(command, h.state)], { name: 'xterm-256color', cols: 120, rows: 30, cwd: h.work, env: { ...h.env, TERM: 'xterm-256color' } });
    let out = '';
    let seen = 0;
    p.onData((d) => {
      out += d;
      // An open question starts with "?" (an answered one with "✔"): answer each once.
      const fresh = plain(out.slice(seen));
      const q = /\?\s[^\n]*?(password|repeat it|\(y\/n\))/i.exec(fresh);
      if (q) {
        seen = out.length;
        p.write(/\(y\/n\)/i.test(q[0]) ? 'y\r' : `${PW}\r`);
      }
    });
    const timer = setTimeout(() => p.kill(), 60_000);
    p.onExit((e) => {
      clearTimeout(timer);
      resolve({ code: e.exitCode, output: plain(out) });
    });
  });
}

describe('README examples', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const examples = extractReadmeLines(readme);

  it('finds the tour in the README', () => {
    expect(examples.length).toBeGreaterThan(40);
    expect(examples.some((e) => e.needs.includes('postgres'))).toBe(true);
    expect(examples.some((e) => e.needs.includes('terminal'))).toBe(true);
  });

  it('runs every fittrack line in order with the exit code the README shows', async () => {
    const h = makeHome();
    const failures: string[] = [];
    for (const ex of examples) {
      let command = ex.command;
      if (ex.needs.includes('postgres')) {
        const url = await freshPgUrl();
        command = command.replace(/postgres(?:ql)?:\/\/\S+/g, url);
      }
      const r = ex.needs.includes('terminal') ? await runInTerminal(command, h) : runPlain(command, h);
      if (r.code !== ex.expectedExit) failures.push(`README.md:${ex.line}: exit ${r.code} (README shows ${ex.expectedExit}): ${ex.command}\n${r.output.trim()}`);
    }
    expect(failures.join('\n\n')).toBe('');
  }, 600_000);
});

describe('extractReadmeLines', () => {
  it('reads markers, continuations, pipes and crontab lines', () => {
    const md = [
      'text fittrack not-code',
      '```sh',
      'fittrack a --x   # exit 3',
      'printf x | fittrack b \\',
      '  --y             # needs: terminal',
      '# fittrack comment',
      'npm ci && npx fittrack c',
      'npx fittrack d --db postgres://me@h/db   # needs: postgres',
      '```',
      '```crontab',
      '17 * * * * fittrack e >> log 2>&1',
      '```',
    ].join('\n');
    expect(extractReadmeLines(md)).toEqual([
      { line: 3, command: 'fittrack a --x   # exit 3', expectedExit: 3, needs: [] },
      { line: 4, command: 'printf x | fittrack b  --y             # needs: terminal', expectedExit: 0, needs: ['terminal'] },
      { line: 8, command: 'npx fittrack d --db postgres://me@h/db   # needs: postgres', expectedExit: 0, needs: ['postgres'] },
      { line: 11, command: 'fittrack e >> log 2>&1', expectedExit: 0, needs: [] },
    ]);
  });
});


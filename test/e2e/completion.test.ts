/**
 * `fittrack completion bash|zsh|fish` prints a script that completes commands, subcommands,
 * options and known values. The bash script is loaded into a real bash and asked, the way the
 * shell asks when Tab is pressed; the zsh and fish scripts are syntax-checked by those shells
 * (CI installs them; a machine without one skips its check rather than fail for want of a shell).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, cliEnv, runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
const dir = mkdtempSync(path.join(os.tmpdir(), 'fittrack-completion-'));

describe('fittrack completion', () => {
  const scripts: Record<string, string> = {};
  beforeAll(async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const r = await runCli(['completion', shell], { home: dir });
      expect(r.code, r.stderr).toBe(0);
      scripts[shell] = path.join(dir, `fittrack.${shell}`);
      writeFileSync(scripts[shell]!, r.stdout);
    }
  });

  /** What bash offers for the words typed so far (the last one being completed). */
  const complete = (...words: string[]) =>
    execFileSync('bash', ['-c', `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _fittrack; printf '%s\\n' "\${COMPREPLY[@]}"`, 'bash', scripts.bash!, 'fittrack', ...words], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);

  it('registers itself for fittrack in bash', () => {
    expect(execFileSync('bash', ['-c', `source "${scripts.bash}"; complete -p fittrack`], { encoding: 'utf8' }).trim()).toBe('complete -o default -F _fittrack fittrack');
  });

  it('completes commands and subcommands', () => {
    expect(complete('log-w')).toEqual(['log-weight', 'log-workout']);
    expect(complete('goal', '')).toEqual(expect.arrayContaining(['add', 'list', 'show', 'update']));
    expect(complete('--db', 'x.db', 'coach-note', 'ac')).toEqual(['actions']);
  });

  it('completes options and known values', () => {
    expect(complete('export', '--format', '')).toEqual(['csv', 'json', 'ndjson', 'md']);
    expect(complete('export', '--u')).toEqual(expect.arrayContaining(['--units', '--user']));
    expect(complete('export', '--units', '')).toEqual(['metric', 'imperial']);
    expect(complete('log-meal', 'pre')).toEqual(['pre_workout']);
    expect(complete('log-workout', '--type', 'c')).toEqual(['cardio']);
    expect(complete('config', 'set', '')).toEqual(['units', 'height', 'date-order']);
    expect(complete('log-workout', '-e', 'x', '--ex')).toEqual(['--exercise']);
  });

  it.skipIf(!has('zsh'))('zsh accepts its script (zsh -n)', () => {
    expect(spawnSync('zsh', ['-n', scripts.zsh!]).status).toBe(0);
  });

  it.skipIf(!has('fish'))('fish accepts its script (fish -n)', () => {
    expect(spawnSync('fish', ['-n', scripts.fish!]).status).toBe(0);
  });

  it('bash -n accepts the bash script, and an unknown shell is a usage error', async () => {
    expect(spawnSync('bash', ['-n', scripts.bash!]).status).toBe(0);
    const r = await runCli(['completion', 'tcsh'], { home: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('<shell>: "tcsh" is not one of bash, zsh, fish');
  });
});

for (const dialect of dialects) {
  describe(`completion of names from the database (${dialect})`, () => {
    const t = useTestDb(dialect);

    it('completes exercise names and goal ids through the hidden __complete', async () => {
      const opts = { db: t.url, home: t.dir };
      expect((await runCli(['exercise', 'add', 'Bench Press'], opts)).code).toBe(0);
      expect((await runCli(['exercise', 'add', 'Back Squat'], opts)).code).toBe(0);
      expect((await runCli(['goal', 'add', 'Cut', '--metric', 'weight', '--target', '75kg'], opts)).code).toBe(0);
      const bin = path.join(t.dir, 'bin');
      mkdirSync(bin, { recursive: true });
      writeFileSync(path.join(bin, 'fittrack'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
      chmodSync(path.join(bin, 'fittrack'), 0o755);
      const script = path.join(t.dir, 'fittrack.bash');
      writeFileSync(script, (await runCli(['completion', 'bash'], opts)).stdout);
      const env = { ...cliEnv(opts), PATH: `${bin}:${process.env.PATH}` };
      const complete = (...words: string[]) =>
        execFileSync('bash', ['-c', `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _fittrack; printf '%s\\n' "\${COMPREPLY[@]}"`, 'bash', script, 'fittrack', ...words], { encoding: 'utf8', env })
          .split('\n')
          .filter(Boolean);
      expect(complete('exercise', 'show', 'B')).toEqual(['Back Squat', 'Bench Press']);
      expect(complete('report', 'lifts', 'Be')).toEqual(['Bench Press']);
      expect(complete('goal', 'show', '')).toEqual(['1']);
    });
  });
}

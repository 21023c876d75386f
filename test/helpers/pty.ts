/**
 * Runs the built CLI in a pseudo-terminal, the way a person at a terminal does, to test
 * questions: wait for a prompt, type an answer, read the screen, get the exit code.
 *
 * @example const p = spawnCliPty(['log-weight'], { db: t.url, home: t.dir }); await p.waitFor(/Weight/); p.write('80kg\r'); expect(await p.exit).toBe(0)
 */
import type { IPty } from 'node-pty';
import pty from 'node-pty';
import { BIN, ROOT } from './cli.js';

export interface PtyRun {
  /** Everything written to the terminal so far (ANSI sequences included). */
  output(): string;
  /** Waits until the output (after the last match) matches, or fails after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Types text; `\r` is Enter, `\x03` Ctrl+C, `\x1b[B` the down arrow, `\x7f` backspace. */
  write(text: string): void;
  /** The exit code, once the process ends. */
  exit: Promise<number>;
}

/** Strips ANSI escape sequences from terminal output. */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r/g, '');
}

export function spawnCliPty(args: string[], opts: { db?: string; home?: string; env?: Record<string, string>; cols?: number } = {}): PtyRun {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: opts.home ?? process.env.HOME ?? '',
    USER: 'tester',
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    TERM: 'xterm-256color',
    NO_COLOR: '1',
    ...(opts.home ? { FITTRACK_HOME: opts.home } : {}),
    ...(opts.db ? { DATABASE_URL: opts.db } : {}),
    ...opts.env,
  };
  const proc: IPty = pty.spawn(process.execPath, [BIN, ...args], { name: 'xterm-256color', cols: opts.cols ?? 120, rows: 30, cwd: ROOT, env });
  let out = '';
  let seen = 0;
  const listeners = new Set<() => void>();
  proc.onData((d) => {
    out += d;
    for (const l of listeners) l();
  });
  const exit = new Promise<number>((resolve) => proc.onExit((e) => resolve(e.exitCode)));
  const killer = setTimeout(() => proc.kill(), 60_000);
  void exit.then(() => clearTimeout(killer));
  return {
    output: () => out,
    write: (text) => proc.write(text),
    exit,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const rest = plain(out.slice(seen));
          const m = pattern.exec(rest);
          if (m) {
            seen = out.length;
            listeners.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${pattern}; the terminal shows:\n${plain(out)}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
  };
}

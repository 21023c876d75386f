/**
 * Reading secrets and confirmations from the person: a hidden prompt on a terminal, or the
 * first line(s) of stdin with --password-stdin. Secrets are never echoed or logged.
 */
import { UsageError } from '../errors.js';
import type { GlobalOptions } from './context.js';

/** True when fittrack may ask questions: stdin is a terminal and --no-input was not given. */
export function canPrompt(globals: GlobalOptions): boolean {
  return globals.input !== false && Boolean(process.stdin.isTTY);
}

let stdinLines: string[] | null = null;

/** The lines of stdin (read once, whole). */
export async function readStdinLines(): Promise<string[]> {
  if (stdinLines) return stdinLines;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  stdinLines = Buffer.concat(chunks).toString('utf8').split(/\r?\n/);
  return stdinLines;
}

/**
 * Gets a password: line `line` of stdin with --password-stdin, else a hidden prompt.
 *
 * @example await readPassword(globals, { fromStdin: true, message: 'Password' })
 */
export async function readPassword(
  globals: GlobalOptions,
  opts: { fromStdin?: boolean; message: string; line?: number; confirm?: boolean; /** Rules checked before it is asked again (too short…). */ check?: (password: string) => void },
): Promise<string> {
  if (opts.fromStdin) {
    const lines = await readStdinLines();
    const value = lines[opts.line ?? 0] ?? '';
    if (!value) throw new UsageError(`--password-stdin: no password on line ${(opts.line ?? 0) + 1} of stdin`, 'pipe the password in, e.g. printf "%s\\n" "$PW" | fittrack …');
    return value;
  }
  if (!canPrompt(globals)) {
    if (globals.input === false) throw new UsageError('a password is needed and --no-input forbids asking for it', 'pass it on stdin with --password-stdin, or leave out --no-input');
    throw new UsageError('a password is needed and there is no terminal to ask on', 'pass it on stdin with --password-stdin');
  }
  const { password } = await import('@inquirer/prompts');
  const value = await password({ message: opts.message }, { output: process.stderr });
  opts.check?.(value);
  if (opts.confirm) {
    const again = await password({ message: 'Repeat it' }, { output: process.stderr });
    if (again !== value) throw new UsageError('the two passwords differ', 'run the command again and type the same password twice');
  }
  return value;
}

/** Asks a yes/no question on the terminal (default no). */
export async function confirmOnTty(message: string): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  return confirm({ message, default: false }, { output: process.stderr });
}

/** Asks for a line of text on the terminal. */
export async function askText(message: string): Promise<string> {
  const { input } = await import('@inquirer/prompts');
  return input({ message }, { output: process.stderr });
}

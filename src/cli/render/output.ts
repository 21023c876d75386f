/**
 * The terminal edge: stdout carries data only; messages go to stderr. Colour only on a TTY
 * and never with NO_COLOR or --no-color. Text printed as lines and messages goes through
 * `terminalText`, so control characters in stored text never reach the terminal.
 */
import fs from 'node:fs';
import { jsonDecimalsOf, round } from '../../domain/units.js';
import { terminalText } from './terminal-text.js';

let stdoutGuarded = false;

/**
 * process.stdout, set up so that a closed pipe (`fittrack export | head`) ends the command
 * quietly instead of as an error. Every write to stdout goes through it, and only a command that
 * writes data sets stdout up at all (it costs a few milliseconds of a start).
 *
 * @example stdout().write('a,b\n')
 */
export function stdout(): NodeJS.WriteStream {
  const out = process.stdout;
  if (!stdoutGuarded) {
    stdoutGuarded = true;
    out.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  return out;
}

/**
 * Writes to stderr straight through its file descriptor: the same synchronous write Node's
 * stderr stream makes on a terminal, file or pipe, without setting that stream up for a
 * one-line message. A pipe that cannot take it all at once gets the rest through the stream;
 * a closed one is ignored (nobody is reading).
 *
 * @example writeStderr('Logged 80 kg for 2025-03-04\n')
 */
export function writeStderr(text: string): void {
  const bytes = Buffer.from(text);
  let done = 0;
  try {
    while (done < bytes.length) done += fs.writeSync(2, bytes, done);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') return;
    if (code !== 'EAGAIN') throw err;
    process.stderr.write(bytes.subarray(done));
  }
}

/** True when colour may be used on the given stream. */
export function colorEnabled(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.argv.includes('--no-color')) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

/** A fraction in a printed document at the precision its field states (see jsonDecimalsOf), not float noise. */
function statedPrecision(key: string, value: unknown): unknown {
  return typeof value === 'number' && Number.isFinite(value) && !Number.isInteger(value) ? round(value, jsonDecimalsOf(key)) : value;
}

/**
 * Prints exactly one JSON document on stdout, each fraction at the precision its field states
 * (BMI 0.01, derived kilograms 0.001, …), never float noise.
 *
 * @example printJson({ ok: true })
 */
export function printJson(value: unknown): void {
  stdout().write(`${JSON.stringify(value, statedPrecision, 2)}\n`);
}

/** Prints a line of text on stdout, control characters escaped (see terminalText). */
export function printLine(text = ''): void {
  stdout().write(`${terminalText(text, { keepStyles: () => colorEnabled(process.stdout) })}\n`);
}

/** Prints a message for the person (confirmations, summaries, warnings) on stderr. */
export function say(text: string): void {
  writeStderr(`${terminalText(text, { keepStyles: () => colorEnabled(process.stderr) })}\n`);
}

/** Prints a warning on stderr in the `fittrack: warning: …` form. */
export function warn(text: string): void {
  writeStderr(`fittrack: warning: ${terminalText(text)}\n`);
}

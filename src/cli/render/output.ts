/**
 * The terminal edge: stdout carries data only; messages go to stderr. Colour only on a TTY
 * and never with NO_COLOR or --no-color.
 */

/** True when colour may be used on the given stream. */
export function colorEnabled(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.argv.includes('--no-color')) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

/** Prints exactly one JSON document on stdout. @example printJson({ ok: true }) */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints a line of data on stdout. */
export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}

/** Prints a message for the person (confirmations, summaries, warnings) on stderr. */
export function say(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Prints a warning on stderr in the `fittrack: warning: …` form. */
export function warn(text: string): void {
  process.stderr.write(`fittrack: warning: ${text}\n`);
}

/**
 * Running a command line: the ONE place where errors become messages and exit codes (0 ok,
 * 1 failure, 2 bad usage or input, 3 authentication). Every entry uses it: the full CLI
 * (main.ts) and the lighter ones of the logging commands (`<command>-entry.ts`).
 */
import { CommanderError, type Command } from 'commander';
import { maskSecrets } from '../domain/secret-text.js';
import { FittrackError } from '../errors.js';
import { createProgram } from './base-program.js';
import { isPromptCancel, promptCancelled } from './prompt.js';
import { writeStderr } from './render/output.js';
import { terminalText } from './render/terminal-text.js';

const debug = process.argv.includes('--debug') || process.env.FITTRACK_DEBUG === '1';

/** Messages quote what was typed or stored: control characters in them are shown escaped. */
function printError(message: string, hint?: string): void {
  writeStderr(maskSecrets(terminalText(`fittrack: error: ${message}\n${hint ? `${hint}\n` : ''}`)));
}

async function report(err: unknown): Promise<number> {
  // Ctrl+C at any question, whichever command asked it: nothing is written before a question is answered.
  if (isPromptCancel(err)) err = promptCancelled();
  if (err instanceof CommanderError) {
    // A command that needs a subcommand, given none, shows its help: a usage error like any other.
    if (err.code === 'commander.help') return 2;
    if (['commander.helpDisplayed', 'commander.version'].includes(err.code)) return err.exitCode;
    return err.exitCode === 0 ? 0 : 2;
  }
  let known: FittrackError | null = err instanceof FittrackError ? err : null;
  if (!known) {
    const { translateDbError } = await import('../db/errors.js');
    known = translateDbError(err);
  }
  if (known) {
    printError(known.message, known.hint);
    if (debug && known.stack) writeStderr(`${maskSecrets(terminalText((err as Error).stack ?? known.stack))}\n`);
    return known.exitCode;
  }
  const e = err as Error;
  printError(`unexpected error: ${e?.message ?? String(err)}`, debug ? undefined : 'this is a bug in fittrack; run the command again with --debug to see the details');
  if (debug && e?.stack) writeStderr(`${maskSecrets(terminalText(e.stack))}\n`);
  return 1;
}

/**
 * Parses `process.argv` with the program `build` makes and sets the exit code.
 *
 * @example await runCli(buildProgram)
 */
export async function runCli(build: (argv: readonly string[]) => Command): Promise<void> {
  try {
    await build(process.argv).parseAsync(process.argv);
  } catch (err) {
    process.exitCode = await report(err);
  }
}

/**
 * Runs a program that holds one command: the entries of the logging commands.
 *
 * @example void runCommand(register) // register from commands/log-weight.ts
 */
export function runCommand(register: (program: Command) => void): Promise<void> {
  return runCli(() => {
    const program = createProgram();
    register(program);
    return program;
  });
}

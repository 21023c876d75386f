/**
 * The `fittrack` program without its commands: name, version, global options and help. Every
 * entry (main.ts, the logging commands' `<command>-entry.ts`) starts from it.
 */
import { Command, Option } from 'commander';
import { setDateOrderSource } from '../domain/dates.js';
import { VERSION } from '../version.js';
import { readInputSettings } from './input-settings.js';
import { stdout, writeStderr } from './render/output.js';

/** A new program with the global options and no command. @example const p = createProgram(); register(p) */
export function createProgram(): Command {
  const program = new Command('fittrack');
  // Read only when an ambiguous slash date is typed.
  setDateOrderSource(() => readInputSettings().dateOrder ?? null);
  program
    .description('Track body weight, measurements, workouts, meals, goals and coaching notes from the terminal.')
    .version(VERSION, '-V, --version', 'print the fittrack version')
    .addOption(new Option('--db <url-or-path>', 'database: a SQLite file path or a postgres:// URL (default: $DATABASE_URL, else $FITTRACK_HOME/fittrack.db)'))
    .option('--no-input', 'never prompt; fail instead when a value is missing')
    .option('--no-color', 'no colour in the output')
    .option('--debug', 'show stack traces for errors')
    .option('--wide', 'print tables at full width even on a narrow terminal')
    .option('--user <name>', "act on another user's data: read commands and coach notes, once they shared it with you")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (str) => stdout().write(str),
      writeErr: (str) => writeStderr(str),
      outputError: (str, write) => write(str.replace(/^error: /, 'fittrack: error: ')),
    })
    .addHelpText(
      'after',
      `
Examples:
  $ fittrack log-weight 80.4kg --body-fat 21.5
  $ fittrack log-workout "Upper A" "Bench 3x8@80kg" "Row 3x10@60kg"
  $ fittrack import-md ~/Health_and_Fitness/data --dry-run
  $ fittrack report weight`,
    );

  return program;
}

/**
 * The `fittrack` program without its commands: name, version, global options and help. Every
 * entry (main.ts, the logging commands' `<command>-entry.ts`) starts from it.
 */
import { Command, Option } from 'commander';
import { maskSecrets } from '../domain/secret-text.js';
import { setDateOrderSource } from '../domain/dates.js';
import { VERSION } from '../version.js';
import { readInputSettings } from './input-settings.js';
import { stdout, writeStderr } from './render/output.js';
import { terminalText } from './render/terminal-text.js';

/**
 * Commander's error text in fittrack's form: `fittrack: error: …`, and for a value outside an
 * option's choices the choices on a line of their own, as the fix.
 *
 * @example fittrackWording("error: option '--format <format>' argument 'xml' is invalid. Allowed choices are csv, json.\n")
 *   → 'fittrack: error: --format: "xml" is not one of csv, json\ngive one of: csv, json\n'
 */
export function fittrackWording(str: string): string {
  const choice = /^error: option '(-\S+?)(?:, (--\S+))? <[^>]*>' argument '(.*)' is invalid\. Allowed choices are (.*)\.\n?$/s.exec(str);
  if (choice) {
    const [, first, second, value, choices] = choice;
    return `fittrack: error: ${second ?? first}: "${value}" is not one of ${choices}\ngive one of: ${choices}\n`;
  }
  return str.replace(/^error: /, 'fittrack: error: ');
}

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
      writeOut: (str) => stdout().write(terminalText(str)),
      // Commander's errors quote the arguments typed: control characters in them are escaped,
      // and a secret typed after an option ("unknown option '--password=…'") is never echoed back.
      writeErr: (str) => writeStderr(maskSecrets(terminalText(str))),
      outputError: (str, write) => write(fittrackWording(str)),
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

/**
 * The one look at a command line before commander parses it: which command it runs. The
 * process entry (hot-start.ts) asks it which bundle to start, the full CLI (program.ts) which
 * command file to register; test/unit/hot-start.test.ts checks it against the program's options.
 */

/** The global options that take a value (the word after them is not the command). */
export const GLOBAL_VALUE_OPTIONS: readonly string[] = ['--db', '--user'];

/**
 * Options that make a command explain itself, or show one logged session: the full CLI runs
 * those. Lists (`--list`) and reports start from their command's bundle as logging does: over
 * years of history, starting the full CLI (ES modules without a code cache) costs more than
 * `node -e 0` itself.
 */
const FULL_CLI_OPTIONS = new Set(['--show', '--help', '-h']);

/**
 * The command a command line runs, when it can be told without parsing it: the first operand
 * after the global options, unless help is asked for or `--` ends the options. Undefined means
 * "any".
 *
 * @example commandNamed(['node', 'fittrack', '--db', 'x.db', 'log-weight', '80kg']) → 'log-weight'
 */
export function commandNamed(argv: readonly string[]): string | undefined {
  const args = argv.slice(2);
  if (args.some((a) => a === '--help' || a === '-h' || a === '--')) return undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (GLOBAL_VALUE_OPTIONS.includes(a)) i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/**
 * The command a command line runs from its own bundle: one of `commands`, not asked to show a
 * session or explain; else undefined (the full CLI).
 *
 * @example hotCommand(['node', 'fittrack', '--no-color', 'log-weight', '--list'], ['log-weight']) → 'log-weight'
 */
export function hotCommand(argv: readonly string[], commands: readonly string[]): string | undefined {
  const command = commandNamed(argv);
  if (command === undefined || !commands.includes(command)) return undefined;
  return argv.slice(2).some((a) => FULL_CLI_OPTIONS.has(a) || a.startsWith('--show=')) ? undefined : command;
}

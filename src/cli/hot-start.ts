/**
 * What bin/fittrack.cjs runs. The logging commands, typed right after a workout, a meal or a
 * weigh-in, start from their own small CommonJS bundle (`<command>-entry.ts`, built into
 * dist/hot/ with its content hash in its name), run through the code cache; every other
 * command line starts the full CLI (main.ts).
 */
import { fileURLToPath } from 'node:url';
import { loadCompiled } from '../code-cache.js';

/** Set by scripts/build.mjs: each logging command's bundle file in dist/hot/. */
declare const __FITTRACK_HOT_BUNDLES__: Readonly<Record<string, string>>;

/** Options that make a logging command read or explain rather than log: the full CLI runs those. */
const NOT_LOGGING = new Set(['--list', '--show', '--help', '-h']);

/**
 * The command a command line runs from its own bundle: a logging command named first, not asked
 * to list, show or explain; else undefined (the full CLI).
 *
 * @example hotCommand(['node', 'fittrack', 'log-weight', '80kg'], ['log-weight']) → 'log-weight'
 */
export function hotCommand(argv: readonly string[], commands: readonly string[]): string | undefined {
  const [command, ...rest] = argv.slice(2);
  if (command === undefined || !commands.includes(command)) return undefined;
  return rest.some((a) => NOT_LOGGING.has(a) || a.startsWith('--show=') || a.startsWith('--list=')) ? undefined : command;
}

if (typeof __FITTRACK_HOT_BUNDLES__ === 'object') {
  const command = hotCommand(process.argv, Object.keys(__FITTRACK_HOT_BUNDLES__));
  if (command) loadCompiled(fileURLToPath(new URL(`./${__FITTRACK_HOT_BUNDLES__[command]}`, import.meta.url)));
  else void import('../cli/main.js');
}

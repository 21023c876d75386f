/**
 * What bin/fittrack.cjs runs. The logging commands, typed right after a workout, a meal or a
 * weigh-in, their lists, and the reports start from their own small CommonJS bundle
 * (`<command>-entry.ts`, built into dist/hot/ with its content hash in its name), run through
 * the code cache; every other command line starts the full CLI (main.ts). Which is which:
 * `hotCommand` (command-line.ts).
 */
import { fileURLToPath } from 'node:url';
import { loadCompiled } from '../code-cache.js';
import { hotCommand } from './command-line.js';

/** Set by scripts/build.mjs: the bundle file in dist/hot/ of each command that has one. */
declare const __FITTRACK_HOT_BUNDLES__: Readonly<Record<string, string>>;

if (typeof __FITTRACK_HOT_BUNDLES__ === 'object') {
  const command = hotCommand(process.argv, Object.keys(__FITTRACK_HOT_BUNDLES__));
  if (command) loadCompiled(fileURLToPath(new URL(`./${__FITTRACK_HOT_BUNDLES__[command]}`, import.meta.url)));
  else void import('../cli/main.js');
}

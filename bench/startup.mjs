// Start-up time of `fittrack --version` and `fittrack log-weight 80kg --date <d>` on an existing
// SQLite database, as a ratio to `node -e 0`, measured in interleaved rounds (so that machine load
// hits every variant alike) and reported as medians.
//
//   node bench/startup.mjs [--rounds 15] [entry.js ...]
//
// Each entry is a built CLI entry (default: bin/fittrack.cjs, as installed); several entries are measured in
// the same rounds, which makes an A/B comparison of two builds fair.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
let rounds = 15;
const entries = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--rounds') rounds = Number(args[++i]);
  else entries.push(path.resolve(args[i]));
}
if (entries.length === 0) entries.push(path.join(root, 'bin/fittrack.cjs'));

const home = mkdtempSync(path.join(os.tmpdir(), 'fittrack-startup-'));
const env = { ...process.env, FITTRACK_HOME: home, NO_COLOR: '1' };
delete env.DATABASE_URL;

function run(argv, dbFile) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { env: dbFile ? { ...env, FITTRACK_HOME: dbFile } : env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

// One database per entry, created (and migrated) before the timing starts.
const homes = entries.map((_, i) => path.join(home, String(i)));
let day = Date.UTC(2015, 0, 1);
const nextDate = () => {
  day += 86_400_000;
  return new Date(day).toISOString().slice(0, 10);
};
entries.forEach((e, i) => run([e, 'log-weight', '80kg', '--date', nextDate()], homes[i]));

const times = { node: [] };
entries.forEach((_, i) => {
  times[`version#${i}`] = [];
  times[`log-weight#${i}`] = [];
});
for (let r = 0; r < rounds; r++) {
  times.node.push(run(['-e', '0']));
  const date = nextDate();
  entries.forEach((e, i) => {
    times[`version#${i}`].push(run([e, '--version'], homes[i]));
    times[`log-weight#${i}`].push(run([e, 'log-weight', '80kg', '--date', date], homes[i]));
  });
}
rmSync(home, { recursive: true, force: true });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const base = median(times.node);
console.log(`load: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}; rounds: ${rounds}`);
console.log(`node -e 0: ${base.toFixed(1)} ms`);
entries.forEach((e, i) => {
  const v = median(times[`version#${i}`]);
  const l = median(times[`log-weight#${i}`]);
  console.log(`${path.relative(root, e)}: --version ${v.toFixed(1)} ms (${(v / base).toFixed(2)}x), log-weight ${l.toFixed(1)} ms (${(l / base).toFixed(2)}x)`);
});

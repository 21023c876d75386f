#!/usr/bin/env node
// `fittrack log-weight <value>…`, typed right after a weigh-in, starts from a small CommonJS
// bundle holding only that command (src/cli/log-weight-main.ts); every other command line,
// `log-weight --list` and help included, from the full CLI (src/cli/main.ts).
const args = process.argv.slice(2);
if (args[0] === 'log-weight' && !args.some((a) => a === '--list' || a === '--help' || a === '-h')) {
  require('../dist/hot/start.cjs');
} else {
  import('../dist/cli/main.js');
}

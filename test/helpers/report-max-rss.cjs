// Preloaded with `node --require` into a CLI run by a test: writes the process's peak resident
// memory (kB) as the last line of stderr when it exits.
process.on('exit', () => {
  require('node:fs').writeSync(2, `\nmax-rss-kb ${process.resourceUsage().maxRSS}\n`);
});

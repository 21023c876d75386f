#!/usr/bin/env node
// Picks the entry for the command line: see src/cli/hot-start.ts.
require('../dist/hot/start.cjs');

/**
 * The process entry for `fittrack log-weight <value>…`, the command typed most, right after a
 * weigh-in: the same program and command as the full CLI, built on its own into one CommonJS
 * file (dist/hot/) that holds only this command, so that it starts in little more than Node's
 * own start-up time. bin/fittrack.cjs picks it; everything else goes to main.ts.
 */
import { createProgram } from './base-program.js';
import { register } from './commands/log-weight.js';
import { runCli } from './run.js';

void runCli(() => {
  const program = createProgram();
  register(program);
  return program;
});

/** The process entry of the full CLI: every command. */
import { buildProgram } from './program.js';
import { runCli } from './run.js';

await runCli(buildProgram);

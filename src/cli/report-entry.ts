/** The entry of `fittrack report …` (see hot-start.ts): the program with only that command. */
import { register } from './commands/report.js';
import { runCommand } from './run.js';

void runCommand(register);

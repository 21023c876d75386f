/** The entry of `fittrack log-weight <value>…` (see hot-start.ts): the program with only that command. */
import { register } from './commands/log-weight.js';
import { runCommand } from './run.js';

void runCommand(register);

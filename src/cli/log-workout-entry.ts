/** The entry of `fittrack log-workout <title> <exercise>…` (see hot-start.ts): the program with only that command. */
import { register } from './commands/log-workout.js';
import { runCommand } from './run.js';

void runCommand(register);

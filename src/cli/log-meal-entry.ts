/** The entry of `fittrack log-meal <type> <description>…` (see hot-start.ts): the program with only that command. */
import { register } from './commands/log-meal.js';
import { runCommand } from './run.js';

void runCommand(register);

import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function register(program: Command): void {
  program.command('log-meal').description('log a meal with calories and macros').argument('[meal-type]').argument('[description]').action(() => notYet('log-meal'));
}

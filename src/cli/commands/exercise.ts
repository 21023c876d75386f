import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function register(program: Command): void {
  program.command('exercise').description('manage the exercise library and see your history per exercise').argument('[args...]').action(() => notYet('exercise'));
}

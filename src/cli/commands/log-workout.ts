import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function register(program: Command): void {
  program.command('log-workout').description('log a workout session and its exercises').argument('[title]').argument('[exercises...]').action(() => notYet('log-workout'));
}

import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function register(program: Command): void {
  program.command('import-md').description('import legacy markdown logs (check-ins, workouts, coaching, meals)').argument('[paths...]').action(() => notYet('import-md'));
}

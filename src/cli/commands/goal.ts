import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function register(program: Command): void {
  program.command('goal').description('set goals and follow their progress').argument('[args...]').action(() => notYet('goal'));
}

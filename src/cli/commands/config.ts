import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function register(program: Command): void {
  program.command('config').description('show or change your settings (units, height)').argument('[args...]').action(() => notYet('config'));
}

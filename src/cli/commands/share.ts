import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function register(program: Command): void {
  program.command('share').description('let a coach read your data, or stop it').argument('[args...]').action(() => notYet('share'));
}

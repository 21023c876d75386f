import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function register(program: Command): void {
  program.command('sessions').description('list, revoke and clean up login sessions').argument('[args...]').action(() => notYet('sessions'));
}

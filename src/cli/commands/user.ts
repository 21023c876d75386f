import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function register(program: Command): void {
  program.command('user').description('manage users: add, list, show, passwd, edit, lock, unlock, remove').argument('[args...]').action(() => notYet('user'));
}

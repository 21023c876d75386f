import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function register(program: Command): void {
  program.command('photo').description('record progress photos (path and checksum) with that day\'s numbers').argument('[args...]').action(() => notYet('photo'));
}

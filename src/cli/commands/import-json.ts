import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function register(program: Command): void {
  program.command('import-json').description('restore a full-account JSON export').argument('[file]').action(() => notYet('import-json'));
}

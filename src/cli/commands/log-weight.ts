import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function register(program: Command): void {
  program.command('log-weight').description('log a weigh-in and body measurements').argument('[weight]', 'weight with unit, e.g. 80kg or 176.4lb').action(() => notYet('log-weight'));
}

import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function register(program: Command): void {
  program.command('coach-note').description('record coaching sessions and tick off their action items').argument('[args...]').action(() => notYet('coach-note'));
}

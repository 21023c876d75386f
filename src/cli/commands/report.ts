import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function register(program: Command): void {
  program.command('report').description('weight trend, lift records, goals and summaries, in the terminal or as HTML').argument('[args...]').action(() => notYet('report'));
}

import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function register(program: Command): void {
  program.command('export').description('export your data as CSV, JSON, NDJSON or markdown').action(() => notYet('export'));
}

import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function register(program: Command): void {
  program.command('audit').description('show the audit log (admins)').action(() => notYet('audit'));
}

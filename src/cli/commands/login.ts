import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function register(program: Command): void {
  program.command('login').description('log in and start a session').argument('[username]').action(() => notYet('login'));
  program.command('logout').description('end the current session').action(() => notYet('logout'));
  program.command('whoami').description('show who you are acting as').action(() => notYet('whoami'));
}

import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';

export function register(program: Command): void {
  const share = program.command('share').description('let a coach read your data, or stop it');
  share
    .command('grant')
    .description('let a user (your coach) read your data with --user <you> and add coaching notes')
    .argument('<username>')
    .action(async (username: string, _opts: unknown, cmd: Command) => {
      const { runShareGrant } = await import('./share-actions.js');
      await runShareGrant(cmd.optsWithGlobals<GlobalOptions>(), username);
    });
  share
    .command('revoke')
    .description('stop sharing your data with a user')
    .argument('<username>')
    .action(async (username: string, _opts: unknown, cmd: Command) => {
      const { runShareRevoke } = await import('./share-actions.js');
      await runShareRevoke(cmd.optsWithGlobals<GlobalOptions>(), username);
    });
  share
    .command('list')
    .description('who you share with, and who shares with you')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { runShareList } = await import('./share-actions.js');
      await runShareList(cmd.optsWithGlobals<GlobalOptions>(), opts);
    });
}

import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';

export function register(program: Command): void {
  const sessions = program.command('sessions').description('list, revoke and clean up login sessions');

  sessions
    .command('list')
    .description('list your active sessions (this one marked *)')
    .option('--all', 'include expired and revoked sessions')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean; all?: boolean }, cmd: Command) => {
      const { runSessionsList } = await import('./sessions-actions.js');
      await runSessionsList(cmd.optsWithGlobals<GlobalOptions>(), opts);
    });

  sessions
    .command('revoke')
    .description('end one of your sessions, or all the others with --all')
    .argument('[id]', 'session ID from `sessions list`')
    .option('--all', 'end every session except this one')
    .action(async (id: string | undefined, opts: { all?: boolean }, cmd: Command) => {
      const { runSessionsRevoke } = await import('./sessions-actions.js');
      await runSessionsRevoke(cmd.optsWithGlobals<GlobalOptions>(), id, opts);
    });

  sessions
    .command('cleanup')
    .description('delete sessions expired or revoked more than --grace ago, in batches (for cron; needs no login)')
    .option('--grace <age>', 'keep ended sessions this long, e.g. 7d, 12h', '7d')
    .option('--batch-size <n>', 'rows deleted per batch (each its own transaction)', '5000')
    .option('--dry-run', 'only count what would be deleted')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nCrontab example (hourly):\n  17 * * * * fittrack sessions cleanup --grace 7d >> ~/.local/state/fittrack-cleanup.log 2>&1')
    .action(async (opts: { grace?: string; batchSize?: string; dryRun?: boolean; json?: boolean }, cmd: Command) => {
      const { runSessionsCleanup } = await import('./sessions-actions.js');
      await runSessionsCleanup(cmd.optsWithGlobals<GlobalOptions>(), opts);
    });
}

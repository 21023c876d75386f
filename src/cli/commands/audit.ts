import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';

export function register(program: Command): void {
  program
    .command('audit')
    .description('show the audit log: logins, lockouts, user and share changes, imports, cleanups (admins)')
    .option('--user <username>', 'only entries by or about this user')
    .option('--since <date>', 'only entries from this day on')
    .option('--action <action>', 'only this action, e.g. login_failure, lockout, user_add, share_grant, sessions_cleanup')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { user?: string; since?: string; action?: string; json?: boolean }, cmd: Command) => {
      const { runAudit } = await import('./audit-actions.js');
      // `--user` here filters the log (commander may file it under the global option of that name);
      // the audit log is never read "as" another user.
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await runAudit({ ...globals, user: undefined }, { ...opts, user: opts.user ?? globals.user });
    });
}

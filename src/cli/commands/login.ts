import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';

export function register(program: Command): void {
  program
    .command('login')
    .description('log in and start a session (multi-user databases)')
    .argument('[username]', 'who to log in as (asked for when omitted)')
    .option('--remember', 'keep the session alive with use for up to 30 days (default: 24 hours)')
    .option('--password-stdin', 'read the password from the first line of stdin')
    .option('--print-token', 'print the session token for FITTRACK_TOKEN instead of saving it')
    .addHelpText('after', '\nExamples:\n  $ fittrack login alice\n  $ printf "%s\\n" "$PW" | fittrack login alice --password-stdin --remember\n  $ export FITTRACK_TOKEN=$(fittrack login alice --print-token)')
    .action(async (username: string | undefined, opts: { remember?: boolean; passwordStdin?: boolean; printToken?: boolean }, cmd: Command) => {
      const { runLogin } = await import('./login-actions.js');
      await runLogin(cmd.optsWithGlobals<GlobalOptions>(), username, opts);
    });
  program
    .command('logout')
    .description('end the current session and delete the saved session file')
    .action(async (_opts: unknown, cmd: Command) => {
      const { runLogout } = await import('./login-actions.js');
      await runLogout(cmd.optsWithGlobals<GlobalOptions>());
    });
  program
    .command('whoami')
    .description('show who you are acting as')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { runWhoami } = await import('./login-actions.js');
      await runWhoami(cmd.optsWithGlobals<GlobalOptions>(), opts);
    });
}

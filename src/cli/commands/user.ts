import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';

type Actions = typeof import('./user-actions.js');
const load = (): Promise<Actions> => import('./user-actions.js');

export function register(program: Command): void {
  const user = program
    .command('user')
    .description('manage users: add, list, show, passwd, edit, lock, unlock, remove')
    .addHelpText(
      'after',
      '\nThe first user given a password becomes the admin and takes over the local profile\'s data;\nfrom then on every command needs a login (fittrack login) and only admins add, lock or remove users.\nPasswords (10+ characters) are hashed with bcrypt, cost 12; test suites may lower it with\nFITTRACK_BCRYPT_COST, honoured only with FITTRACK_TEST_MODE=1.',
    );

  user
    .command('add')
    .description('add a user (the first one becomes the admin); the password is asked for, or read with --password-stdin')
    .argument('<username>')
    .option('--email <email>', 'e-mail address')
    .option('--role <role>', 'user, coach or admin (default: user)')
    .option('--units <system>', 'metric or imperial')
    .option('--height <height>', 'height, e.g. 183cm or 72in')
    .option('--password-stdin', 'read the password from the first line of stdin')
    .action(async (username: string, opts: import('./user-actions.js').UserAddOptions, cmd: Command) => {
      await (await load()).runUserAdd(cmd.optsWithGlobals<GlobalOptions>(), username, opts);
    });

  user
    .command('list')
    .description('list the users')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await (await load()).runUserList(cmd.optsWithGlobals<GlobalOptions>(), opts);
    });

  user
    .command('show')
    .description('show a profile (your own; admins any)')
    .argument('[username]')
    .option('--json', 'print the result as JSON')
    .action(async (username: string | undefined, opts: { json?: boolean }, cmd: Command) => {
      await (await load()).runUserShow(cmd.optsWithGlobals<GlobalOptions>(), username, opts);
    });

  user
    .command('passwd')
    .description('change a password (yours: current then new; admins may reset anyone\'s)')
    .argument('[username]')
    .option('--password-stdin', 'read the passwords from stdin: for your own, the current on line 1 and the new on line 2')
    .action(async (username: string | undefined, opts: { passwordStdin?: boolean }, cmd: Command) => {
      await (await load()).runUserPasswd(cmd.optsWithGlobals<GlobalOptions>(), username, opts);
    });

  user
    .command('edit')
    .description('edit a profile (your own; admins any, and roles); an empty value clears a field')
    .argument('[username]')
    .option('--display-name <name>', 'name shown in reports')
    .option('--bio <text>', 'a few words about you')
    .option('--photo-url <url>', 'profile picture')
    .option('--units <system>', 'metric or imperial')
    .option('--height <height>', 'height, e.g. 183cm or 72in')
    .option('--email <email>', 'e-mail address')
    .option('--role <role>', 'user, coach or admin (admins only; audited)')
    .action(async (username: string | undefined, opts: import('./user-actions.js').UserEditOptions, cmd: Command) => {
      await (await load()).runUserEdit(cmd.optsWithGlobals<GlobalOptions>(), username, opts);
    });

  user
    .command('lock')
    .description('lock a user out: no login, sessions ended (admins)')
    .argument('<username>')
    .action(async (username: string, _opts: unknown, cmd: Command) => {
      await (await load()).runUserLock(cmd.optsWithGlobals<GlobalOptions>(), username, true);
    });

  user
    .command('unlock')
    .description('unlock a user, also after too many failed logins (admins)')
    .argument('<username>')
    .action(async (username: string, _opts: unknown, cmd: Command) => {
      await (await load()).runUserLock(cmd.optsWithGlobals<GlobalOptions>(), username, false);
    });

  user
    .command('remove')
    .description('remove a user and ALL their data (admins); asks first, or --yes')
    .argument('<username>')
    .option('--yes', 'do not ask for confirmation')
    .action(async (username: string, opts: { yes?: boolean }, cmd: Command) => {
      await (await load()).runUserRemove(cmd.optsWithGlobals<GlobalOptions>(), username, opts);
    });
}

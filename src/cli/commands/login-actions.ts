import { logIn } from '../../db/login-repo.js';
import { endSessionByToken } from '../../db/session-repo.js';
import { loadModeAndLocal } from '../../db/users-repo.js';
import { UsageError } from '../../errors.js';
import { resolveCaller, withDatabase, type GlobalOptions } from '../context.js';
import { printJson, printLine, say } from '../render/output.js';
import { formatLocalTime } from '../render/format.js';
import { askText, canPrompt, readPassword } from '../secret-input.js';
import { readSessionToken, removeSessionFile, writeSessionFile } from '../session-file.js';

export interface LoginOptions {
  remember?: boolean;
  passwordStdin?: boolean;
  printToken?: boolean;
}

export async function runLogin(globals: GlobalOptions, usernameArg: string | undefined, opts: LoginOptions): Promise<void> {
  await withDatabase(globals, async ({ db, target }) => {
    const mode = await loadModeAndLocal(db);
    if (!mode.multiUser) {
      throw new UsageError(`${target.display} is in local mode: no user has a password, there is nothing to log in to`, 'to protect it with a password: fittrack user passwd (or fittrack user add <name>)');
    }
    let username = usernameArg?.trim();
    if (!username) {
      if (!canPrompt(globals) || opts.passwordStdin) throw new UsageError('login: no username given', 'run: fittrack login <username>');
      username = (await askText('Username')).trim();
    }
    const password = await readPassword(globals, { fromStdin: opts.passwordStdin, message: 'Password' });
    const { token, expiresAt } = await logIn(db, username, password, { remember: opts.remember });
    if (opts.printToken) {
      printLine(token);
      say(`logged in as ${username} until ${formatLocalTime(expiresAt)}; use the token above as FITTRACK_TOKEN`);
    } else {
      // The session this login replaces in the file is ended rather than left alive, unseen.
      const previous = readSessionToken({ ...process.env, FITTRACK_TOKEN: '' });
      if (previous) await endSessionByToken(db, previous.token, 'replaced');
      const file = writeSessionFile(token);
      say(`logged in as ${username} (session saved in ${file}, valid until ${formatLocalTime(expiresAt)}${opts.remember ? ', extended with use up to 30 days' : ''})`);
    }
  });
}

export async function runLogout(globals: GlobalOptions): Promise<void> {
  const found = readSessionToken();
  if (!found) {
    say('not logged in: nothing to do');
    return;
  }
  await withDatabase(globals, async ({ db }) => {
    await endSessionByToken(db, found.token, 'logout');
  });
  if (found.source === 'file') {
    removeSessionFile();
    say('logged out');
  } else {
    say('logged out; the token in FITTRACK_TOKEN no longer works (unset it)');
  }
}

export async function runWhoami(globals: GlobalOptions, opts: { json?: boolean }): Promise<void> {
  await withDatabase(globals, async (ctx) => {
    const caller = await resolveCaller(ctx, globals);
    const expiresAt = caller.sessionExpiresAt;
    const u = caller.actor;
    const info = {
      username: u.username,
      displayName: u.display_name,
      role: u.role,
      mode: caller.multiUser ? 'multi-user' : 'local',
      sessionId: caller.sessionId,
      sessionExpiresAt: expiresAt,
      database: ctx.target.display,
    };
    if (opts.json) printJson(info);
    else printLine(caller.multiUser ? `${u.username} (${u.role}) — session ${caller.sessionId} until ${formatLocalTime(expiresAt)}` : `${u.username} (local profile, no password)`);
  });
}

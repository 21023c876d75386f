/**
 * The error family of fittrack. Thrown anywhere, turned into a message and an exit code
 * only in `src/cli/main.ts`.
 *
 * @example throw new UsageError('--date: "tomorrow" is in the future', 'give today or an earlier date')
 */
export class FittrackError extends Error {
  /** Process exit code this error maps to. */
  readonly exitCode: number = 1;
  /** One line telling the user how to fix it, printed under the message. */
  readonly hint?: string;

  constructor(message: string, hint?: string) {
    super(message);
    this.name = new.target.name;
    this.hint = hint;
  }
}

/** Bad command-line usage or a bad value typed by the user (exit 2). */
export class UsageError extends FittrackError {
  override readonly exitCode = 2;
}

/** A problem in an input file, located by file and line (exit 2). */
export class InputError extends FittrackError {
  override readonly exitCode = 2;
  readonly file?: string;
  readonly line?: number;

  constructor(message: string, opts: { file?: string; line?: number; hint?: string } = {}) {
    const where = opts.file ? `${opts.file}${opts.line ? `:${opts.line}` : ''}: ` : '';
    super(`${where}${message}`, opts.hint);
    this.file = opts.file;
    this.line = opts.line;
  }
}

/** Not logged in, wrong password, locked account, not allowed (exit 3). */
export class AuthError extends FittrackError {
  override readonly exitCode = 3;
}

/** The thing asked for does not exist, or not for this user (exit 1). */
export class NotFoundError extends FittrackError {
  override readonly exitCode = 1;
}

/** The database could not be reached or refused an operation (exit 1). */
export class DbError extends FittrackError {
  override readonly exitCode = 1;
}

/** A failure that is not the user's fault and not a bug: disk full, file unreadable (exit 1). */
export class RuntimeFailure extends FittrackError {
  override readonly exitCode = 1;
}

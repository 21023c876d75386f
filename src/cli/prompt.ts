/**
 * Asking for missing values. fittrack asks only when a person is there to answer: stdin AND
 * stdout are terminals and `--no-input` was not given. Otherwise a missing required value is a
 * UsageError, so scripts and cron jobs never hang. @inquirer/prompts is loaded only when a
 * question is actually asked.
 */
import { FittrackError, UsageError } from '../errors.js';
import type { GlobalOptions } from './context.js';
import { terminalText } from './render/terminal-text.js';

/** The user pressed Ctrl+C at a question (exit 130, like an interrupted shell command). */
export class PromptCancelled extends FittrackError {
  override readonly exitCode = 130;
}

/**
 * True when fittrack may ask questions: both stdin and stdout are terminals and `--no-input`
 * was not given.
 *
 * @example if (canPrompt(globals)) weight = await askText({ … })
 */
export function canPrompt(globals: Pick<GlobalOptions, 'input'>, streams: { stdin: { isTTY?: boolean }; stdout: { isTTY?: boolean } } = process): boolean {
  return globals.input !== false && Boolean(streams.stdin.isTTY) && Boolean(streams.stdout.isTTY);
}

/** What a required value is called and how it is given on the command line. */
export interface RequiredValue {
  /** The argument name as in the usage line, without brackets: `weight`. */
  name: string;
  /** A full example command that gives it: `fittrack log-weight 80kg`. */
  example: string;
}

/**
 * The error for a required value that is missing where fittrack may not ask.
 *
 * @example missingValue({ name: 'weight', example: 'fittrack log-weight 80kg' }, globals).message
 *   → 'missing <weight> — give it as an argument (e.g. fittrack log-weight 80kg) or run in a terminal to be asked'
 */
export function missingValue(what: RequiredValue, globals: Pick<GlobalOptions, 'input'> = {}): UsageError {
  const askHow = globals.input === false ? 'or leave out --no-input in a terminal to be asked' : 'or run in a terminal to be asked';
  return new UsageError(`missing <${what.name}> — give it as an argument (e.g. ${what.example}) ${askHow}`, `see: ${what.example.split(' ').slice(0, 2).join(' ')} --help`);
}

/**
 * True for @inquirer's "the person left the question" errors (Ctrl+C, a closed terminal).
 * `src/cli/run.ts` turns them into `PromptCancelled`, whichever prompt raised them.
 *
 * @example isPromptCancel(Object.assign(new Error('x'), { name: 'ExitPromptError' })) → true
 */
export function isPromptCancel(err: unknown): boolean {
  const name = (err as { name?: string })?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError';
}

/** The one cancellation every prompt ends in. */
export function promptCancelled(): PromptCancelled {
  return new PromptCancelled('cancelled: nothing was written');
}

/** Turns a parser that throws UsageError into an inquirer validator returning the message. */
function validatorOf(parse?: (text: string) => unknown): ((text: string) => true | string) | undefined {
  if (!parse) return undefined;
  return (text: string) => {
    try {
      parse(text);
      return true;
    } catch (err) {
      if (err instanceof FittrackError) return terminalText(err.message);
      throw err;
    }
  };
}

export interface AskTextOptions<T> {
  /** The question: `Weight`. */
  message: string;
  /** Pre-filled answer taken on Enter (e.g. the last weight logged). */
  default?: string;
  /** Reads the answer; a thrown UsageError is shown under the question and it is asked again. */
  parse: (text: string) => T;
}

/**
 * Asks for one value as text and returns it parsed.
 *
 * @example const q = await askText({ message: 'Weight', default: '80.4 kg', parse: (t) => parseWeightInput(t) })
 */
export async function askText<T>(opts: AskTextOptions<T>): Promise<T> {
  const { input } = await import('@inquirer/prompts');
  // The question and its default may quote stored text: shown with control characters escaped.
  const message = terminalText(opts.message);
  const shown = opts.default === undefined ? undefined : terminalText(opts.default);
  if (shown === opts.default) return opts.parse(await input({ message, default: opts.default, required: true, validate: validatorOf(opts.parse) }));
  // A default holding control characters is shown escaped in the question, and Enter still
  // takes it exactly as stored.
  const fallback = opts.default!;
  const validate = validatorOf((text: string) => opts.parse(text === '' ? fallback : text));
  const answer = await input({ message: `${message} (${shown})`, required: false, validate });
  return opts.parse(answer === '' ? fallback : answer);
}

/**
 * Asks to pick one of a list.
 *
 * @example await askChoice({ message: 'Meal', choices: [{ value: 'lunch', name: 'lunch' }], default: 'lunch' })
 */
export async function askChoice<T extends string>(opts: { message: string; choices: Array<{ value: T; name?: string }>; default?: T }): Promise<T> {
  const { select } = await import('@inquirer/prompts');
  const choices = opts.choices.map((c) => ({ value: c.value, name: terminalText(c.name ?? c.value) }));
  return select<T>({ message: terminalText(opts.message), choices, default: opts.default });
}

/**
 * Asks a yes/no question.
 *
 * @example if (await askConfirm({ message: 'Replace?', default: false })) …
 */
export async function askConfirm(opts: { message: string; default?: boolean }): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  return confirm({ message: terminalText(opts.message), default: opts.default });
}

/**
 * Returns the value given on the command line parsed, or asks for it when it is missing and a
 * person can answer, or throws the "missing <name>" UsageError. `defaultFrom` (e.g. reading the
 * last entry) runs only when the question is asked.
 *
 * @example const weight = await requireValue(arg, globals, { name: 'weight', example: 'fittrack log-weight 80kg', message: 'Weight', parse })
 */
export async function requireValue<T>(
  given: string | undefined,
  globals: Pick<GlobalOptions, 'input'>,
  opts: RequiredValue & AskTextOptions<T> & { defaultFrom?: () => Promise<string | undefined> },
): Promise<T> {
  if (given !== undefined) return opts.parse(given);
  if (!canPrompt(globals)) throw missingValue(opts, globals);
  const fallback = opts.default ?? (opts.defaultFrom ? await opts.defaultFrom() : undefined);
  return askText({ ...opts, default: fallback });
}

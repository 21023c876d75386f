/**
 * Which command lines start from a logging command's own bundle, and which from the full CLI.
 */
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/base-program.js';
import { commandNamed, GLOBAL_VALUE_OPTIONS, hotCommand } from '../../src/cli/command-line.js';

const HOT_COMMANDS = ['log-weight', 'log-meal', 'log-workout', 'report'];
const argv = (...args: string[]) => ['node', 'fittrack', ...args];

describe('hotCommand', () => {
  it.each([
    [['log-weight', '80kg'], 'log-weight'],
    [['log-weight'], 'log-weight'],
    [['log-weight', '176lb', '--date', 'yesterday', '--json'], 'log-weight'],
    [['log-meal', 'lunch', 'soup', '--calories', '300'], 'log-meal'],
    [['log-workout', 'Upper A', 'Bench 3x5@100kg'], 'log-workout'],
    // a note that merely mentions an option is still a value
    [['log-weight', '80kg', '--note', 'list'], 'log-weight'],
    // global options first, as commander takes them
    [['--no-color', 'log-weight', '80kg'], 'log-weight'],
    [['--db', '/tmp/x.db', 'log-weight', '80kg'], 'log-weight'],
    [['--user', 'log-weight', 'log-meal', 'lunch', 'soup'], 'log-meal'],
    [['--wide', '--debug', 'log-workout', 'Legs', 'Squat 3x5@100kg'], 'log-workout'],
    // lists and reports read years of history: they start as fast as logging does
    [['--no-color', 'log-weight', '--list'], 'log-weight'],
    [['log-weight', '--list', '--from', '2025-03-01'], 'log-weight'],
    [['log-meal', '--list', '--date', 'yesterday'], 'log-meal'],
    [['log-workout', '--list'], 'log-workout'],
    [['report', 'lifts', 'back squat'], 'report'],
    [['--db', '/tmp/x.db', 'report', '--html', 'r.html'], 'report'],
  ])('%j → its own bundle', (args, expected) => {
    expect(hotCommand(argv(...args), HOT_COMMANDS)).toBe(expected);
  });

  it.each([
    [[]],
    [['--version']],
    [['export', '--format', 'csv']],
    [['--db', '/tmp/x.db', 'export', '--format', 'csv']],
    [['log-weight', '80kg', '--', '--list']],
    [['log-workout', '--show', '3']],
    [['log-workout', '--show=3']],
    [['log-weight', '--help']],
    [['log-meal', '-h']],
    [['report', 'weight', '--help']],
    [['log-weights', '80kg']],
  ])('%j → the full CLI', (args) => {
    expect(hotCommand(argv(...args), HOT_COMMANDS)).toBeUndefined();
  });
});

describe('the pre-parser and the program agree', () => {
  it('on which global options take a value', () => {
    const valued = createProgram()
      .options.filter((o) => o.required || o.optional)
      .map((o) => o.long);
    expect([...GLOBAL_VALUE_OPTIONS].sort()).toEqual(valued.sort());
  });

  it('on the command a line runs, global options first or not', async () => {
    const program = createProgram();
    let ran: string | undefined;
    for (const name of ['log-weight', 'export']) program.command(name).allowUnknownOption().allowExcessArguments().action(() => void (ran = name));
    program.exitOverride();
    for (const args of [['--db', 'log-weight', 'export'], ['--no-color', '--user', 'export', 'log-weight', '80kg'], ['--wide', 'export', 'log-weight']]) {
      ran = undefined;
      await program.parseAsync(argv(...args));
      expect(commandNamed(argv(...args)), args.join(' ')).toBe(ran);
    }
  });
});

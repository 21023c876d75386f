/**
 * Which command lines start from a logging command's own bundle, and which from the full CLI.
 */
import { describe, expect, it } from 'vitest';
import { hotCommand } from '../../src/cli/hot-start.js';

const LOGGING = ['log-weight', 'log-meal', 'log-workout'];
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
  ])('%j → its own bundle', (args, expected) => {
    expect(hotCommand(argv(...args), LOGGING)).toBe(expected);
  });

  it.each([
    [[]],
    [['--version']],
    [['export', '--format', 'csv']],
    [['--db', '/tmp/x.db', 'log-weight', '80kg']],
    [['log-weight', '--list']],
    [['log-weight', '--list', '--from', '2025-03-01']],
    [['log-meal', '--list', '--date', 'yesterday']],
    [['log-workout', '--show', '3']],
    [['log-workout', '--show=3']],
    [['log-weight', '--help']],
    [['log-meal', '-h']],
    [['log-weights', '80kg']],
  ])('%j → the full CLI', (args) => {
    expect(hotCommand(argv(...args), LOGGING)).toBeUndefined();
  });
});

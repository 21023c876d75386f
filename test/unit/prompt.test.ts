import { describe, expect, it } from 'vitest';
import { canPrompt, missingValue, requireValue } from '../../src/cli/prompt.js';
import { parseWeightInput } from '../../src/domain/quantity-input.js';
import { UsageError } from '../../src/errors.js';

const tty = { isTTY: true };
const pipe = { isTTY: undefined };

describe('canPrompt', () => {
  it('only when stdin and stdout are terminals and --no-input was not given', () => {
    expect(canPrompt({}, { stdin: tty, stdout: tty })).toBe(true);
    expect(canPrompt({ input: true }, { stdin: tty, stdout: tty })).toBe(true);
    expect(canPrompt({ input: false }, { stdin: tty, stdout: tty })).toBe(false);
    expect(canPrompt({}, { stdin: pipe, stdout: tty })).toBe(false);
    expect(canPrompt({}, { stdin: tty, stdout: pipe })).toBe(false);
  });
});

describe('missing values', () => {
  const weight = { name: 'weight', example: 'fittrack log-weight 80kg' };
  it('says how to give the value', () => {
    const e = missingValue(weight);
    expect(e).toBeInstanceOf(UsageError);
    expect(e.exitCode).toBe(2);
    expect(e.message).toBe('missing <weight> — give it as an argument (e.g. fittrack log-weight 80kg) or run in a terminal to be asked');
    expect(e.hint).toBe('see: fittrack log-weight --help');
  });
  it('mentions --no-input when that is why it did not ask', () => {
    expect(missingValue(weight, { input: false }).message).toContain('or leave out --no-input in a terminal to be asked');
  });
  it('requireValue parses a given value without asking, and never asks with --no-input', async () => {
    const parse = (t: string) => parseWeightInput(t);
    await expect(requireValue('80kg', { input: false }, { ...weight, message: 'Weight', parse })).resolves.toMatchObject({ value: 80, unit: 'kg' });
    await expect(requireValue(undefined, { input: false }, { ...weight, message: 'Weight', parse })).rejects.toThrow('missing <weight>');
    await expect(requireValue('abc', {}, { ...weight, message: 'Weight', parse })).rejects.toThrow('<weight>: "abc" is not a weight');
  });
});

/**
 * One duration grammar (parseDurationSeconds): the typed durations of log-workout and
 * log-weight, the rest times of the set grammar and the session ages of `sessions cleanup`
 * read the same text the same way; they differ only in what a bare number counts.
 */
import { describe, expect, it } from 'vitest';
import { parseAgeMs } from '../../src/domain/auth.js';
import { parseDurationInput } from '../../src/domain/quantity-input.js';
import { parseDurationSeconds } from '../../src/domain/units.js';
import { parseExerciseSpec } from '../../src/parse/exercise-spec.js';

describe('durations', () => {
  it.each([
    ['90s', 90],
    ['2min', 120],
    ['1:30', 90],
    ['1h30', 5400],
    ['12h', 43_200],
    ['7d', 604_800],
    ['2 weeks', 1_209_600],
  ])('%s is %i seconds on every path', (text, seconds) => {
    expect(parseDurationSeconds(text)).toBe(seconds);
    expect(parseDurationInput(text).value).toBe(seconds);
    expect(parseAgeMs(text)).toBe(seconds * 1000);
  });

  it('a bare number counts what each input says', () => {
    expect(parseDurationSeconds('90')).toBeNull();
    expect(parseDurationInput('45').value).toBe(45 * 60);
    expect(parseDurationInput('7.5', { bareUnit: 'h' }).value).toBe(7.5 * 3600);
    expect(parseAgeMs('7')).toBe(7 * 86_400_000);
  });

  it('rest times in the set grammar use the same grammar, bare numbers in seconds', () => {
    const rest = (text: string) => parseExerciseSpec(`Bench 3x8@80kg rest ${text}`).restSeconds;
    expect(rest('90')).toBe(90);
    expect(rest('2min')).toBe(parseDurationSeconds('2min'));
    expect(rest('1:30')).toBe(parseDurationSeconds('1:30'));
  });
});

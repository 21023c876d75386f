/**
 * An exercise log read session by session as it goes (`handOver`) gives exactly the sessions of
 * the whole-file read, in the same order, or says it cannot (a session's rows apart, after
 * later days): never a different answer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exerciseLogRecords, parseExerciseLog, SplitSessionError } from '../../src/parse/exercise-log-parser.js';
import { streamLegacyFile, parseLegacyFile } from '../../src/parse/legacy-file.js';
import { collectRecords } from '../../src/parse/table-file.js';

const HEADER = '| Date | Phase | Workout | Exercise | Sets x Reps | Notes |\n| --- | --- | --- | --- | --- | --- |';
const row = (day: number, workout: string, exercise: string) => `| 2025-03-${String(day).padStart(2, '0')} | Phase 1 | ${workout} | ${exercise} | 3 x ${8 + day} | |`;

function handedOver(text: string) {
  try {
    return collectRecords(exerciseLogRecords(text, 'exercise-log.md', {}, true));
  } catch (err) {
    if (err instanceof SplitSessionError) return 'split' as const;
    throw err;
  }
}

describe('exercise log read with hand-over', () => {
  it('gives the whole-file sessions, in order, or refuses (never another answer)', () => {
    const rowArb = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom('Upper A', 'Lower B', 'Run'), fc.constantFrom('Squat', 'Bench', 'Row', 'Walking'));
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 30 }), fc.boolean(), (rows, sorted) => {
        const list = sorted ? [...rows].sort((a, b) => a[0] - b[0]) : rows;
        const text = `${HEADER}\n${list.map(([d, w, e]) => row(d, w, e)).join('\n')}\n`;
        const whole = parseExerciseLog(text, 'exercise-log.md');
        const streamed = handedOver(text);
        // A file in date order is always read as it goes.
        if (sorted) expect(streamed).not.toBe('split');
        if (streamed !== 'split') expect(streamed).toEqual(whole);
      }),
      { numRuns: 400 },
    );
  });

  it('refuses a session whose rows are apart, after a later day', () => {
    const text = `${HEADER}\n${row(1, 'Upper A', 'Squat')}\n${row(2, 'Run', 'Walking')}\n${row(1, 'Upper A', 'Bench')}\n`;
    expect(handedOver(text)).toBe('split');
    // Read whole, the two rows are one session.
    expect(parseExerciseLog(text, 'exercise-log.md').records.map((r) => r.exercises.length)).toEqual([2, 1]);
  });

  it('hands the sessions of a day over once a later day is read', () => {
    const text = `${HEADER}\n${row(1, 'Upper A', 'Squat')}\n${row(1, 'Upper A', 'Bench')}\n${row(2, 'Run', 'Walking')}\n${row(3, 'Upper A', 'Row')}\n`;
    const records = streamLegacyFile('workouts', text, 'exercise-log.md', {}, true);
    const first = records.next();
    // The first session comes as soon as the row of day 2 is read, before the rest of the file.
    expect(first.done).toBe(false);
    expect(first.value).toMatchObject({ sessionDate: '2025-03-01', exercises: [{ exerciseName: 'Squat' }, { exerciseName: 'Bench' }] });
    expect(collectRecords(records).records.map((r) => ('sessionDate' in r ? r.sessionDate : ''))).toEqual(['2025-03-02', '2025-03-03']);
    expect(parseLegacyFile('workouts', text, 'exercise-log.md').records).toHaveLength(3);
  });
});

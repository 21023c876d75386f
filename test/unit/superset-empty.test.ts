/**
 * One superset label rule and one list of empty markers, shared by the legacy import grammar
 * and log-workout's exercise specs.
 */
import { describe, expect, it } from 'vitest';
import { parseExerciseSpec } from '../../src/parse/exercise-spec.js';
import { parseExerciseLog } from '../../src/parse/exercise-log-parser.js';
import { isEmptyCell } from '../../src/parse/cell-values.js';
import { parseSetsReps } from '../../src/parse/sets-reps.js';

const HEAD = '| Date | Phase | Workout | Exercise | Sets x Reps | Notes |\n| :--- | :---- | :------ | :------- | :---------- | :---- |\n';

function imported(exercise: string, setsReps = '3 x 8'): { label: string | null; name: string; sets: number | null; issues: number } {
  const { records, issues } = parseExerciseLog(`${HEAD}| 2025-03-04 | Phase 1 | Upper | ${exercise} | ${setsReps} | |\n`, 'exercise-log.md');
  const e = records[0]!.exercises[0]!;
  return { label: e.supersetLabel, name: e.exerciseName, sets: e.sets, issues: issues.length };
}

describe('superset labels', () => {
  it.each([
    ['A1: Pull-up', 'A1', 'Pull-up'],
    ['b) Dips', 'B', 'Dips'],
    ['C12) Face Pull', 'C12', 'Face Pull'],
    ['a2: Curl', 'A2', 'Curl'],
    ['AB: Curl', null, 'AB: Curl'],
    ['A123) Curl', null, 'A123) Curl'],
  ])('%s has the same label on import and in log-workout', (text, label, name) => {
    expect(imported(text)).toMatchObject({ label, name });
    const spec = parseExerciseSpec(`${text} 3x8`);
    expect({ label: spec.supersetLabel, name: spec.name }).toEqual({ label, name });
  });
});

describe('empty markers', () => {
  it.each(['--', '-', '—', 'n/a', 'N/A', 'none', '?', 'tbd', ''])('%j is empty in every cell and in the set grammar', (text) => {
    expect(isEmptyCell(text)).toBe(true);
    // Read as "nothing recorded", not as a cell that could not be read.
    expect(parseSetsReps(text)).toMatchObject({ sets: null, reps: null, weightKg: null, durationSeconds: null, distanceKm: null, understood: true });
    if (text !== '') expect(imported('Bench Press', text)).toMatchObject({ sets: null, issues: 0 });
  });
});

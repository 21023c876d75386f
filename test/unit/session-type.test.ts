/**
 * One session-type inference: the importer and log-workout give the same type for the same
 * workout, from one keyword table.
 */
import { describe, expect, it } from 'vitest';
import { decideSessionType, guessExerciseCategory } from '../../src/domain/exercise.js';
import { inferSessionType, namedKind } from '../../src/domain/session-type.js';
import { entryFromSpec } from '../../src/parse/exercise-spec.js';
import { parseExerciseLog } from '../../src/parse/exercise-log-parser.js';

const HEAD = '| Date | Phase | Workout | Exercise | Sets x Reps | Notes |\n| :--- | :---- | :------ | :------- | :---------- | :---- |\n';

/** The type the importer gives a one-exercise workout. */
function imported(title: string, exercise: string, setsReps: string): string {
  const { records } = parseExerciseLog(`${HEAD}| 2025-03-04 | Phase 1 | ${title} | ${exercise} | ${setsReps} | |\n`, 'exercise-log.md');
  expect(records).toHaveLength(1);
  return records[0]!.sessionType;
}

/** The type log-workout gives the same workout (a new exercise takes its guessed category). */
function logged(title: string, spec: string): string {
  const e = entryFromSpec(spec, 'kg');
  return decideSessionType(title, [{ name: e.exerciseName, category: guessExerciseCategory(e.exerciseName), distanceKm: e.distanceKm, sets: e.sets }]);
}

describe('session type', () => {
  const cases: Array<[string, string, string, string, string]> = [
    // title, exercise, legacy sets×reps cell, log-workout spec, type
    ['Lower Body A', 'Walking Lunge', '3 x 12', 'Walking Lunge 3x12', 'strength'],
    ['Lower Body A', "Farmer's Walk", '4 x 40m', "Farmer's Walk 4x40m", 'strength'],
    ['Lower Body A', 'Bulgarian Split Squat', '3 x 8', 'Bulgarian Split Squat 3x8', 'strength'],
    ['Session', 'Treadmill Run', '30 min', 'Treadmill Run 30min', 'cardio'],
    ['Evening Walk', 'Walk', '45 min', 'Walk 45min', 'cardio'],
    ['Session', 'Yoga Flow', '20 min', 'Yoga Flow 20min', 'flexibility'],
    ['Session', 'Heavy Bag', '5 x 3 min', 'Heavy Bag 5x3min', 'martial_arts'],
  ];
  for (const [title, exercise, cell, spec, type] of cases) {
    it(`${exercise} in "${title}" is ${type} on import and in log-workout`, () => {
      expect(imported(title, exercise, cell)).toBe(type);
      expect(logged(title, spec)).toBe(type);
    });
  }

  it('reads one keyword table for session types and exercise categories', () => {
    expect(namedKind('Walking Lunge')).toBeNull();
    expect(inferSessionType('Walking Lunge')).toBe('strength');
    expect(guessExerciseCategory('Walking Lunge')).toBe('compound');
    expect(guessExerciseCategory('Bulgarian Split Squat')).toBe('compound');
    expect(guessExerciseCategory('Flutter Kicks')).toBe('core');
    expect(guessExerciseCategory('Hanging Leg Raise')).toBe('core');
    expect(inferSessionType('Jump rope')).toBe('cardio');
    expect(guessExerciseCategory('Jump rope')).toBe('cardio');
    expect(inferSessionType('Foam rolling')).toBe('recovery');
  });
});

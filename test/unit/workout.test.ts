import { describe, expect, it } from 'vitest';
import {
  averageRpe,
  bestE1rm,
  bestE1rmOfSets,
  plainSet,
  summarizeSets,
  brzycki1rm,
  epley1rm,
  exerciseVolumeKg,
  formatPace,
  isValidRpe,
  paceSecondsPerKm,
  paceSecondsPerMile,
  sessionVolumeKg,
  totalSets,
} from '../../src/domain/workout.js';
import { decideSessionType, exerciseSessionType, guessExerciseCategory } from '../../src/domain/exercise.js';
import { entryFromSpec } from '../../src/parse/exercise-spec.js';
import { specOf } from '../../src/cli/render/workout-view.js';
import { groupThousands } from '../../src/cli/render/format.js';

const bench = { sets: 3, reps: 8, repsPerSet: [8, 8, 8], weightKg: 80, rpe: 8 };
const squat = { sets: 4, reps: null, repsPerSet: [5, 5, 5, 3], weightKg: 100, rpe: 9 };
const pullUp = { sets: 3, reps: null, repsPerSet: null, weightKg: null, rpe: null };
const run = { sets: null, reps: null, repsPerSet: null, weightKg: null, rpe: 6.5 };

describe('derived workout numbers', () => {
  it('volume is Σ reps × load', () => {
    expect(exerciseVolumeKg(bench)).toBe(1920); // 3 × 8 × 80
    expect(exerciseVolumeKg(squat)).toBe(1800); // (5+5+5+3) × 100
    expect(exerciseVolumeKg({ sets: 2, reps: 10, repsPerSet: null, weightKg: 22.5 })).toBe(450);
    expect(exerciseVolumeKg(pullUp)).toBeNull();
    expect(exerciseVolumeKg(run)).toBeNull();
    expect(sessionVolumeKg([bench, squat, pullUp, run])).toBe(3720);
    expect(sessionVolumeKg([pullUp, run])).toBeNull();
  });

  it('counts sets', () => {
    expect(totalSets([bench, squat, pullUp, run])).toBe(10);
  });

  it('averages RPE over the exercises that have one', () => {
    expect(averageRpe([bench, squat, pullUp, run])).toBeCloseTo((8 + 9 + 6.5) / 3, 10);
    expect(averageRpe([pullUp])).toBeNull();
  });

  it('pace per km and per mile', () => {
    expect(paceSecondsPerKm(2700, 4.2)).toBeCloseTo(642.857142857, 6); // 45 min / 4.2 km = 10:43 /km
    expect(formatPace(paceSecondsPerKm(2700, 4.2)!)).toBe('10:43');
    expect(paceSecondsPerKm(465, 2)).toBe(232.5);
    expect(paceSecondsPerMile(1500, 5)).toBeCloseTo(300 * 1.609344, 9);
    expect(formatPace(300 * 1.609344)).toBe('8:03');
    expect(paceSecondsPerKm(null, 5)).toBeNull();
    expect(paceSecondsPerKm(1500, 0)).toBeNull();
    expect(formatPace(3725)).toBe('1:02:05');
  });

  it('Epley is w × (1 + r/30), a single is its own maximum', () => {
    expect(epley1rm(100, 5)).toBeCloseTo(116.6666667, 6);
    expect(epley1rm(80, 8)).toBeCloseTo(101.3333333, 6);
    expect(epley1rm(140, 1)).toBe(140);
    expect(epley1rm(0, 5)).toBeNull();
    expect(epley1rm(100, 0)).toBeNull();
  });

  it('Brzycki is w × 36 / (37 − r)', () => {
    expect(brzycki1rm(100, 5)).toBe(112.5);
    expect(brzycki1rm(80, 8)).toBeCloseTo(99.3103448, 6);
    expect(brzycki1rm(100, 1)).toBe(100);
    expect(brzycki1rm(100, 37)).toBeNull();
  });

  it('best e1RM is the best Epley over sets of at most 12 reps', () => {
    expect(bestE1rm(squat)).toBeCloseTo(116.6666667, 6);
    expect(bestE1rm({ sets: 1, reps: 20, repsPerSet: [20], weightKg: 60 })).toBeNull();
    expect(bestE1rm(pullUp)).toBeNull();
  });

  it('RPE is 1–10 in halves', () => {
    expect([1, 7.5, 10].map(isValidRpe)).toEqual([true, true, true]);
    expect([0.5, 7.3, 10.5, Number.NaN].map(isValidRpe)).toEqual([false, false, false, false]);
  });

  it('groups thousands with a space', () => {
    expect(groupThousands('5760')).toBe('5 760');
    expect(groupThousands('1234567.5')).toBe('1 234 567.5');
    expect(groupThousands('999')).toBe('999');
  });
});

describe('exercise categories and session types', () => {
  const cases: Array<[string, string | null]> = [
    ['Barbell Bench Press', 'compound'],
    ['Back Squat', 'compound'],
    ['Row', 'compound'],
    ['Pull-up', 'compound'],
    ['Hanging Leg Raise', 'core'],
    ['Lateral Raise', 'isolation'],
    ['Bicep Curl', 'isolation'],
    ['Plank', 'core'],
    ['Box Jump', 'plyometric'],
    ['Run', 'cardio'],
    ['Rowing Machine', 'cardio'],
    ['Hamstring Stretch', 'flexibility'],
    ['Heian Shodan Kata', 'martial_arts'],
    ['Turkish get-up', null],
  ];
  for (const [name, category] of cases) it(`${name} → ${category}`, () => expect(guessExerciseCategory(name)).toBe(category));

  it('a distance without sets is cardio', () => {
    expect(exerciseSessionType('Row', 'compound', { distanceKm: 2, sets: null })).toBe('cardio');
    expect(exerciseSessionType('Row', 'compound', { distanceKm: null, sets: 3 })).toBe('strength');
  });

  it('the title wins when it names a kind of training, else the exercises decide', () => {
    const ex = (name: string, category: ReturnType<typeof guessExerciseCategory>, distanceKm: number | null = null, sets: number | null = 3) => ({ name, category, distanceKm, sets });
    expect(decideSessionType('Upper A', [ex('Bench', 'compound'), ex('Row', 'compound')])).toBe('strength');
    expect(decideSessionType('Morning', [ex('Run', 'cardio', 4.2, null)])).toBe('cardio');
    expect(decideSessionType('Full body', [ex('Bench', 'compound'), ex('Run', 'cardio', 4.2, null)])).toBe('mixed');
    expect(decideSessionType('Karate class', [ex('Push-up', 'compound'), ex('Kata', 'martial_arts')])).toBe('martial_arts');
    expect(decideSessionType('Evening Walk', [])).toBe('cardio');
  });
});

describe('numbers from sets logged one by one', () => {
  const pyramid = { sets: 3, reps: null, repsPerSet: [8, 6, 4], weightKg: 80, rpe: null, perSet: [plainSet(8, 60), plainSet(6, 70), plainSet(4, 80, { rpe: 9 })] };

  it('volume is Σ reps × load over the sets, each at its own load', () => {
    expect(exerciseVolumeKg(pyramid)).toBe(8 * 60 + 6 * 70 + 4 * 80);
    // The summary alone would say 18 reps at 80 kg.
    expect(exerciseVolumeKg({ ...pyramid, perSet: undefined })).toBe(18 * 80);
    expect(sessionVolumeKg([pyramid, bench])).toBe(1220 + 1920);
  });

  it('e1RM is the best set’s, by the one rule', () => {
    expect(bestE1rm(pyramid)).toBeCloseTo(epley1rm(80, 4)!, 9);
    expect(bestE1rmOfSets(pyramid.perSet)).toEqual({ e1rmKg: epley1rm(80, 4), reps: 4, weightKg: 80 });
    // A set above 12 reps does not count, whatever its load.
    expect(bestE1rmOfSets([plainSet(15, 100), plainSet(3, 90)])).toEqual({ e1rmKg: epley1rm(90, 3), reps: 3, weightKg: 90 });
  });

  it('an exercise without an RPE of its own takes its hardest set’s', () => {
    expect(averageRpe([pyramid, bench])).toBe(8.5);
  });

  it('the summary is the set count, the reps of each and the heaviest working load', () => {
    expect(summarizeSets(pyramid.perSet)).toEqual({ sets: 3, reps: null, repsPerSet: [8, 6, 4], weightKg: 80 });
    expect(summarizeSets([plainSet(5, 120, { setType: 'warmup' }), plainSet(5, 100), plainSet(5, 100)])).toEqual({ sets: 3, reps: 5, repsPerSet: [5, 5, 5], weightKg: 100 });
    expect(summarizeSets([plainSet(10, 40, { setType: 'warmup' })]).weightKg).toBe(40);
    expect(summarizeSets([plainSet(null, null, { durationSeconds: 30 })])).toEqual({ sets: 1, reps: null, repsPerSet: null, weightKg: null });
  });
});

describe('specs as defaults for the next session', () => {
  const round = ['Bench 60kgx8, 70kgx6, 80kgx4@rpe9', 'Squat rpe 8 40kgx10 warmup, 100kgx5, 90kgx5 drop', 'Bench 3x8@80kg rpe 8', 'A1: Pull-up 3xAMRAP', 'Squat 5,5,5,3@100kg form 7', 'Run 2700s 4.2km', 'Plank 3x30s', 'Curl 3x12@30lb rest 90s'];
  for (const text of round) {
    it(`writes back ${text}`, () => {
      const e = entryFromSpec(text, 'kg');
      expect(specOf(e)).toBe(text);
      expect(entryFromSpec(specOf(e), 'kg')).toEqual(e);
    });
  }
});

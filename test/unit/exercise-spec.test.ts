import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExerciseSpec } from '../../src/parse/exercise-spec.js';
import { KG_PER_LB } from '../../src/domain/units.js';
import { UsageError } from '../../src/errors.js';

describe('parseExerciseSpec', () => {
  const good: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
    ['Bench 3x8@80kg rpe 8', { name: 'Bench', supersetLabel: null, rpe: 8, formQuality: null, notes: null, setsText: '3x8@80kg' }, { sets: 3, reps: 8, repsPerSet: [8, 8, 8], weightKg: 80, weightUnit: 'kg' }],
    ['Squat 5,5,5,3@100kg', { name: 'Squat', rpe: null }, { sets: 4, reps: null, repsPerSet: [5, 5, 5, 3], weightKg: 100 }],
    ['A1: Pull-up 3xAMRAP', { name: 'Pull-up', supersetLabel: 'A1' }, { sets: 3, amrap: true, reps: null }],
    ['b2) Dips 3x10', { name: 'Dips', supersetLabel: 'B2' }, { sets: 3, reps: 10 }],
    ['Run 45min 4.2km', { name: 'Run' }, { durationSeconds: 2700, distanceKm: 4.2, sets: null }],
    ['Row 2000m 7:45', { name: 'Row' }, { distanceKm: 2, durationSeconds: 465 }],
    ['Deadlift 1x5@180kg form 7 "felt heavy"', { name: 'Deadlift', formQuality: 7, notes: 'felt heavy' }, { sets: 1, reps: 5, weightKg: 180 }],
    ['Romanian Deadlift 3 sets of 10 @ 60kg rpe 7.5 rest 90s', { name: 'Romanian Deadlift', rpe: 7.5, restSeconds: 90 }, { sets: 3, reps: 10, weightKg: 60 }],
    ['Plank 3x30s', { name: 'Plank' }, { sets: 3, durationSeconds: 30 }],
    ['Stretching', { name: 'Stretching', setsText: '' }, { sets: null, reps: null }],
    ['Pull-up AMRAP', { name: 'Pull-up', setsText: 'AMRAP' }, { amrap: true }],
    ['Curl 3x12 "l\'épaule ✓ 💪" rest 1:30', { name: 'Curl', notes: "l'épaule ✓ 💪", restSeconds: 90 }, { sets: 3, reps: 12 }],
    ['Farmer\'s Walk 4x40m', { name: "Farmer's Walk" }, { }],
  ];
  for (const [text, spec, setsReps] of good) {
    it(`reads ${text}`, () => {
      const got = parseExerciseSpec(text);
      expect(got).toMatchObject(spec);
      expect(got.setsReps).toMatchObject(setsReps);
    });
  }

  it('reads a bare load in the default unit', () => {
    const got = parseExerciseSpec('Bench 3x8@176', { defaultWeightUnit: 'lb' });
    expect(got.setsReps.weightUnit).toBe('lb');
    expect(got.setsReps.weightKg).toBeCloseTo(176 * KG_PER_LB, 6);
  });

  const bad: Array<[string, string]> = [
    ['Bench 3x8@80kg rpe 11', 'exercise "Bench 3x8@80kg rpe 11": rpe 11 is out of range'],
    ['Bench 3x8 rpe 7.3', 'exercise "Bench 3x8 rpe 7.3": rpe 7.3 is out of range'],
    ['Bench 3x8 rpe 0', 'exercise "Bench 3x8 rpe 0": rpe 0 is out of range'],
    ['Bench 3x8 rpe', 'exercise "Bench 3x8 rpe": rpe needs a number'],
    ['Bench 3x8 form 11', 'exercise "Bench 3x8 form 11": form 11 is out of range'],
    ['Bench 3x8 form 6.5', 'exercise "Bench 3x8 form 6.5": form 6.5 is out of range'],
    ['3x8@80kg', 'exercise "3x8@80kg": no exercise name'],
    ['Bench 3xx8', 'exercise "Bench 3xx8": cannot read "3xx8" at character 7 as sets, reps, load, time or distance'],
    ['Bench 3x8@2000kg', 'exercise "Bench 3x8@2000kg": cannot read "3x8@2000kg" at character 7 as sets, reps, load, time or distance'],
    ['Bench 3x8 "unclosed', 'exercise "Bench 3x8 "unclosed": the note has no closing quote'],
    ['Bench 3x8 rest forever', 'exercise "Bench 3x8 rest forever": cannot read "3x8 rest forever" at character 7 as sets, reps, load, time or distance'],
    [`${'x'.repeat(201)} 3x8`, `the name is longer than 200 characters`],
  ];
  for (const [text, message] of bad) {
    it(`refuses ${text.slice(0, 40)}`, () => {
      let caught: unknown;
      try {
        parseExerciseSpec(text);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(UsageError);
      expect((caught as Error).message).toContain(message);
    });
  }
});

describe('parseExerciseSpec properties', () => {
  it('either reads a spec or refuses it with a UsageError naming it; nothing else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        try {
          const spec = parseExerciseSpec(text);
          expect(spec.name.length).toBeGreaterThan(0);
        } catch (err) {
          expect(err).toBeInstanceOf(UsageError);
          expect((err as Error).message.startsWith(`exercise "${text}"`)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back every generated NAME SETSxREPS@LOAD rpe N form N', () => {
    const name = fc.constantFrom('Bench', 'Back Squat', 'Pull-up', "Farmer's Walk", 'Overhead Press');
    fc.assert(
      fc.property(name, fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 2, max: 20 }), fc.integer({ min: 1, max: 10 }), (n, sets, reps, kg, rpe2, form) => {
        const spec = parseExerciseSpec(`${n} ${sets}x${reps}@${kg}kg rpe ${rpe2 / 2} form ${form}`);
        expect(spec).toMatchObject({ name: n, rpe: rpe2 / 2, formQuality: form });
        expect(spec.setsReps).toMatchObject({ sets, reps, weightKg: kg, weightUnit: 'kg' });
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseExerciseSpec: sets written one by one', () => {
  it('reads load × reps per set after the name', () => {
    const got = parseExerciseSpec('Bench 60x8, 70x6, 80x4');
    expect(got).toMatchObject({ name: 'Bench', rpe: null, setsText: '60x8, 70x6, 80x4' });
    expect(got.setsReps.perSet!.map((s) => [s.weightKg, s.reps])).toEqual([[60, 8], [70, 6], [80, 4]]);
  });

  it('gives an RPE after a set of the list to that set, and one before the list to the exercise', () => {
    const perSet = parseExerciseSpec('Bench 60kgx8 rpe 7, 70kgx6 rpe 8, 80kgx4 rpe 9');
    expect(perSet.rpe).toBeNull();
    expect(perSet.setsReps.perSet!.map((s) => s.rpe)).toEqual([7, 8, 9]);
    const attached = parseExerciseSpec('Bench 60x8@rpe7, 70x6@rpe8, 80x4@rpe9');
    expect(attached.setsReps.perSet!.map((s) => s.rpe)).toEqual([7, 8, 9]);
    const whole = parseExerciseSpec('Bench rpe 8 60x8, 70x6, 80x4');
    expect(whole.rpe).toBe(8);
    expect(whole.setsReps.perSet!.map((s) => s.rpe)).toEqual([null, null, null]);
    // Outside a list nothing changes: a trailing rpe is the exercise's, a comma in the name is no list.
    expect(parseExerciseSpec('Bench 3x8@80kg rpe 8').rpe).toBe(8);
    expect(parseExerciseSpec('Curl, hammer 3x12 rpe 8')).toMatchObject({ name: 'Curl, hammer', rpe: 8 });
  });

  it.each([
    ['Bench 60x8, 70x6@80kg', 'exercise "Bench 60x8, 70x6@80kg": cannot read "60x8, 70x6@80kg" at character 7 as sets, reps, load, time or distance'],
    ['Bench 60x8, 70x6@rpe11', 'exercise "Bench 60x8, 70x6@rpe11": cannot read "60x8, 70x6@rpe11" at character 7 as sets, reps, load, time or distance'],
  ])('refuses %j with the position', (text, message) => {
    expect(() => parseExerciseSpec(text)).toThrow(message);
  });
});

describe('parseExerciseSpec: set-like text outside the grammar', () => {
  it.each([
    ['Bench -3x8@80kg', 'exercise "Bench -3x8@80kg": cannot read "-3x8@80kg" at character 7 as sets, reps or load'],
    ['Curl x8', 'exercise "Curl x8": cannot read "x8" at character 6 as sets, reps or load'],
    ['A1: Dip x10 rpe 8', 'exercise "A1: Dip x10 rpe 8": cannot read "x10" at character 9 as sets, reps or load'],
  ])('refuses %j with the position', (text, message) => {
    expect(() => parseExerciseSpec(text)).toThrow(message);
  });

  it('keeps names that only look close', () => {
    expect(parseExerciseSpec('Box Jump 3x5').name).toBe('Box Jump');
    expect(parseExerciseSpec('T-Bar Row 3x8@40kg').name).toBe('T-Bar Row');
    expect(parseExerciseSpec('X-Band Walk 2x20').name).toBe('X-Band Walk');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSetsReps } from '../../src/parse/sets-reps.js';
import type { SetsReps } from '../../src/parse/sets-reps.js';
import { KG_PER_LB } from '../../src/domain/units.js';

const none: SetsReps = {
  sets: null,
  reps: null,
  repsPerSet: null,
  weightKg: null,
  weightUnit: null,
  bodyweight: false,
  durationSeconds: null,
  holdSeconds: null,
  distanceKm: null,
  toFailure: false,
  amrap: false,
  understood: true,
};

const cases: Array<[string, Partial<SetsReps>]> = [
  ['3x10', { sets: 3, reps: 10, repsPerSet: [10, 10, 10] }],
  ['3 x 10', { sets: 3, reps: 10, repsPerSet: [10, 10, 10] }],
  ['3X10', { sets: 3, reps: 10, repsPerSet: [10, 10, 10] }],
  ['3 × 10', { sets: 3, reps: 10, repsPerSet: [10, 10, 10] }],
  ['3 sets of 10', { sets: 3, reps: 10, repsPerSet: [10, 10, 10] }],
  ['3 sets of 10 reps', { sets: 3, reps: 10, repsPerSet: [10, 10, 10] }],
  ['3 sets: 15, 12, 10 reps', { sets: 3, reps: null, repsPerSet: [15, 12, 10] }],
  ['12/10/8', { sets: 3, reps: null, repsPerSet: [12, 10, 8] }],
  ['5,5,5,3', { sets: 4, reps: null, repsPerSet: [5, 5, 5, 3] }],
  ['8/8/8', { sets: 3, reps: 8, repsPerSet: [8, 8, 8] }],
  ['3x8 @ 135 lbs', { sets: 3, reps: 8, repsPerSet: [8, 8, 8], weightKg: 135 * KG_PER_LB, weightUnit: 'lb' }],
  ['5x5@100kg', { sets: 5, reps: 5, repsPerSet: [5, 5, 5, 5, 5], weightKg: 100, weightUnit: 'kg' }],
  ['4 x 6 (bodyweight)', { sets: 4, reps: 6, repsPerSet: [6, 6, 6, 6], bodyweight: true }],
  ['2 hours', { durationSeconds: 7200 }],
  ['45 minutes', { durationSeconds: 2700 }],
  ['45 min', { durationSeconds: 2700 }],
  ['1h30', { durationSeconds: 5400 }],
  ['3 sets, hold for 30 seconds', { sets: 3, holdSeconds: 30, durationSeconds: 30 }],
  ['3 x 30s', { sets: 3, holdSeconds: 30, durationSeconds: 30 }],
  ['to failure', { toFailure: true }],
  ['AMRAP', { amrap: true }],
  ['3xAMRAP', { sets: 3, amrap: true }],
  ['3 x 10 to failure', { sets: 3, reps: 10, repsPerSet: [10, 10, 10], toFailure: true }],
  ['N/A', {}],
  ['', {}],
  ['5km', { distanceKm: 5 }],
  ['4.2km', { distanceKm: 4.2 }],
  ['2000m', { distanceKm: 2 }],
  ['3 mi', { distanceKm: 3 * 1.609344 }],
  ['Row 2000m 7:45', { distanceKm: 2, durationSeconds: 465 }],
  ['5 km in 28 min', { distanceKm: 5, durationSeconds: 1680 }],
];

describe('parseSetsReps', () => {
  for (const [text, expected] of cases) {
    it(`reads ${JSON.stringify(text)}`, () => {
      expect(parseSetsReps(text)).toEqual({ ...none, ...expected });
    });
  }

  it('gives a bare load the default unit passed in', () => {
    expect(parseSetsReps('3x8 @ 135', { defaultWeightUnit: 'lb' })).toMatchObject({ weightKg: 135 * KG_PER_LB, weightUnit: 'lb' });
    expect(parseSetsReps('3x8 @ 60')).toMatchObject({ weightKg: 60, weightUnit: 'kg' });
  });

  it('reports text it cannot read as not understood, with no numbers', () => {
    for (const text of ['pyramid up to a heavy single', '3 sets: 10, 8 reps', '500x10', 'x', '3x8 @ 99999 kg']) {
      expect(parseSetsReps(text), text).toEqual({ ...none, understood: false });
    }
  });

  it('never throws and keeps its invariants on any text', () => {
    const pieces = fc.constantFrom('3', '10', 'x', ' ', '×', '@', 'kg', 'lbs', 'sets', 'of', 'reps', ':', ',', '/', 'min', 'h', 'km', 'm', 'amrap', 'failure', '(bodyweight)', '.', '-');
    const text = fc.oneof(fc.string({ maxLength: 60 }), fc.array(pieces, { maxLength: 12 }).map((a) => a.join('')));
    fc.assert(
      fc.property(text, (t) => {
        const r = parseSetsReps(t);
        if (!r.understood) expect(r).toEqual({ ...none, understood: false });
        if (r.sets !== null) expect(r.sets).toBeGreaterThanOrEqual(1);
        if (r.sets !== null) expect(r.sets).toBeLessThanOrEqual(100);
        if (r.repsPerSet) expect(r.repsPerSet.length).toBe(r.sets);
        if (r.reps !== null && r.repsPerSet) expect(r.repsPerSet.every((x) => x === r.reps)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('parseSetsReps: a cell written set by set', () => {
  const set = (weightKg: number, reps: number, more: Record<string, unknown> = {}) => ({ setType: 'normal', reps, weightKg, rpe: null, durationSeconds: null, distanceKm: null, ...more });

  it('reads a pyramid, load × reps per set, with the summary beside it', () => {
    expect(parseSetsReps('60x8, 70x6, 80x4')).toEqual({
      ...none,
      sets: 3,
      reps: null,
      repsPerSet: [8, 6, 4],
      weightKg: 80,
      weightUnit: 'kg',
      perSet: [set(60, 8), set(70, 6), set(80, 4)],
    });
  });

  it('reads units, RPE and set types on each set', () => {
    expect(parseSetsReps('60kg x 8, 70kg x 6 @rpe8, 80kgx4@rpe9.5').perSet).toEqual([set(60, 8), set(70, 6, { rpe: 8 }), set(80, 4, { rpe: 9.5 })]);
    expect(parseSetsReps('135lbx5 rpe 7, 155lbx3').perSet).toEqual([set(135 * KG_PER_LB, 5, { rpe: 7 }), set(155 * KG_PER_LB, 3)]);
    const typed = parseSetsReps('40x10 warmup, 100x5, 100x3 failure, 70x8 drop');
    expect(typed.perSet!.map((s) => s.setType)).toEqual(['warmup', 'normal', 'failure', 'dropset']);
    // A warm-up is not the exercise's load: the heaviest working set is.
    expect(parseSetsReps('120x2 warmup, 100x5').weightKg).toBe(100);
  });

  it('gives bare loads the default unit, and the unit written on one set to the others', () => {
    expect(parseSetsReps('135x5, 155x3', { defaultWeightUnit: 'lb' })).toMatchObject({ weightUnit: 'lb', weightKg: 155 * KG_PER_LB });
    expect(parseSetsReps('60x8, 70kgx6', { defaultWeightUnit: 'lb' })).toMatchObject({ weightUnit: 'kg', weightKg: 70 });
  });

  it('takes one set only with its unit: a bare 100x5 stays a hundred sets of five', () => {
    expect(parseSetsReps('100kg x 5')).toMatchObject({ sets: 1, reps: 5, weightKg: 100, perSet: [set(100, 5)] });
    expect(parseSetsReps('100x5')).toMatchObject({ sets: 100, reps: 5 });
    expect(parseSetsReps('100x5').perSet).toBeUndefined();
    expect(parseSetsReps('3x8@80kg').perSet).toBeUndefined();
  });

  it('refuses a list it cannot read whole rather than read a part of it', () => {
    for (const text of ['60x8, 70x6@80kg', '60x8, 70x6 @rpe 11', '60x8, 2000x1', '60x8, 70x6@rpe7.25', '3x8@80, 3x6@90']) expect(parseSetsReps(text), text).toEqual({ ...none, understood: false });
  });

  it('keeps the summary consistent with the sets on any list', () => {
    const item = fc.tuple(fc.integer({ min: 0, max: 400 }), fc.constantFrom('', 'kg', 'lb'), fc.integer({ min: 0, max: 50 }), fc.constantFrom('', ' @rpe8', ' warmup', '@rpe6.5 drop'));
    fc.assert(
      fc.property(fc.array(item, { minLength: 2, maxLength: 12 }), (items) => {
        const r = parseSetsReps(items.map(([w, u, reps, tail]) => `${w}${u}x${reps}${tail}`).join(', '));
        expect(r.understood).toBe(true);
        expect(r.perSet!.length).toBe(items.length);
        expect(r.sets).toBe(items.length);
        expect(r.repsPerSet).toEqual(items.map(([, , reps]) => reps));
        expect(r.weightKg).toBe(Math.max(...r.perSet!.filter((s) => s.setType !== 'warmup').map((s) => s.weightKg!), ...(r.perSet!.every((s) => s.setType === 'warmup') ? r.perSet!.map((s) => s.weightKg!) : [])));
      }),
      { numRuns: 500 },
    );
  });
});

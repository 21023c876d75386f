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

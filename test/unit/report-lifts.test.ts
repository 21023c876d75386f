import { describe, expect, it } from 'vitest';
import { brzycki1rm, epley1rm } from '../../src/domain/workout.js';
import { liftRecords, liftRecordsInDateOrder, weekStart, weeklyVolume, weeklyVolumeOf } from '../../src/report/lifts.js';
import { liftSetsOf, type LiftSet } from '../../src/domain/workout.js';

const sets: LiftSet[] = [
  { date: '2025-03-03', exercise: 'Back Squat', weightKg: 100, reps: 5 },
  { date: '2025-03-05', exercise: 'back squat', weightKg: 110, reps: 3 },
  { date: '2025-03-10', exercise: 'Back Squat', weightKg: 100, reps: 6 },
  { date: '2025-03-10', exercise: 'Bench Press', weightKg: 60, reps: 8 },
];

describe('one-rep max estimates', () => {
  it('follows Epley w·(1 + r/30) and Brzycki w·36/(37 − r)', () => {
    expect(epley1rm(100, 5)).toBeCloseTo(116.6667, 4);
    expect(epley1rm(110, 3)).toBeCloseTo(121, 10);
    expect(brzycki1rm(100, 5)).toBe(112.5);
    expect(brzycki1rm(110, 3)).toBeCloseTo(116.4706, 4);
    expect(brzycki1rm(50, 37)).toBeNull();
  });
});

describe('liftRecords', () => {
  it('finds the heaviest load, best reps per load and best e1RM per exercise, names compared case-insensitively', () => {
    const [squat, bench] = liftRecords(sets);
    expect(bench!.exercise).toBe('Bench Press');
    expect(squat!.exercise).toBe('Back Squat');
    expect(squat!.sets).toBe(3);
    expect(squat!.heaviest).toEqual({ weightKg: 110, reps: 3, date: '2025-03-05' });
    expect(squat!.bestRepsAtLoad).toEqual([
      { weightKg: 110, reps: 3, date: '2025-03-05' },
      { weightKg: 100, reps: 6, date: '2025-03-10' },
    ]);
    // Epley: 100×5 → 116.67, 110×3 → 121, 100×6 → 120.
    expect(squat!.bestEpley).toMatchObject({ weightKg: 110, reps: 3, date: '2025-03-05' });
    expect(squat!.bestEpley!.e1rmKg).toBeCloseTo(121, 10);
    // Brzycki: 112.5, 116.47, 116.13.
    expect(squat!.bestBrzycki!.e1rmKg).toBeCloseTo(116.4706, 4);
  });

  it('estimates by the one e1RM rule: a single is its own maximum, sets over 12 reps do not count', () => {
    const [bench, row] = liftRecords([
      { date: '2025-03-03', exercise: 'Bench Press', weightKg: 100, reps: 1 },
      { date: '2025-03-04', exercise: 'Row', weightKg: 60, reps: 15 },
    ]);
    expect(bench!.bestEpley).toEqual({ e1rmKg: 100, weightKg: 100, reps: 1, date: '2025-03-03' });
    expect(bench!.bestBrzycki).toEqual({ e1rmKg: 100, weightKg: 100, reps: 1, date: '2025-03-03' });
    expect(row!.bestEpley).toBeNull();
    expect(row!.bestBrzycki).toBeNull();
  });

  it('splits logged exercises into sets', () => {
    expect(liftSetsOf({ date: 'd', exercise: 'Row', weightKg: 50, sets: 3, reps: 10, repsPerSet: null }).map((s) => s.reps)).toEqual([10, 10, 10]);
    expect(liftSetsOf({ date: 'd', exercise: 'Row', weightKg: 50, sets: 3, reps: null, repsPerSet: [8, 7, 6] }).map((s) => s.reps)).toEqual([8, 7, 6]);
    expect(liftSetsOf({ date: 'd', exercise: 'Plank', weightKg: null, sets: null, reps: null, repsPerSet: null })).toEqual([]);
  });
});

describe('weeklyVolume', () => {
  it('sums load × reps per Monday-started week, empty weeks included', () => {
    expect(weekStart('2025-03-09')).toBe('2025-03-03');
    expect(weekStart('2025-03-10')).toBe('2025-03-10');
    expect(weeklyVolume([...sets, { date: '2025-03-26', exercise: 'Back Squat', weightKg: 100, reps: 1 }])).toEqual([
      { week: '2025-03-03', volumeKg: 830, sets: 2 },
      { week: '2025-03-10', volumeKg: 1080, sets: 2 },
      { week: '2025-03-17', volumeKg: 0, sets: 0 },
      { week: '2025-03-24', volumeKg: 100, sets: 1 },
    ]);
  });
});

describe('records and weekly volume folded a set at a time', () => {
  it('give what liftRecords and weeklyVolume give of the same sets in date order', () => {
    const many: LiftSet[] = [];
    for (let d = 0; d < 60; d++) {
      const date = `2025-0${1 + Math.floor(d / 28)}-${String((d % 28) + 1).padStart(2, '0')}`;
      for (const [k, exercise] of ['Back Squat', 'bench press', 'Bench Press ', 'Deadlift'].entries()) {
        for (let set = 0; set < 3; set++) many.push({ date, exercise, weightKg: 60 + ((d * 7 + k * 13 + set * 5) % 40), reps: 1 + ((d + set) % 12) });
      }
    }
    const records = liftRecordsInDateOrder();
    const volume = weeklyVolumeOf();
    for (const s of many) {
      records.add(s);
      volume.add(s);
    }
    expect(records.records()).toEqual(liftRecords(many));
    expect(volume.weeks()).toEqual(weeklyVolume(many));
    expect(liftRecordsInDateOrder().records()).toEqual([]);
    expect(weeklyVolumeOf().weeks()).toEqual([]);
  });
});

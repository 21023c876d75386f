import { describe, expect, it } from 'vitest';
import { computeBmi, deriveHealth, fatMassKg, leanMassKg, mergeHealthValues, movingAverageKg, trendPerDay } from '../../src/domain/health.js';

describe('derived body numbers', () => {
  it('BMI is kg / m²', () => {
    expect(computeBmi(80, 180)).toBeCloseTo(24.691358, 6); // 80 / 3.24
    expect(computeBmi(100, 200)).toBe(25);
  });
  it('fat and lean mass split the weight by body fat', () => {
    expect(fatMassKg(80, 20)).toBe(16);
    expect(leanMassKg(80, 20)).toBe(64);
    expect(fatMassKg(82, 22)).toBeCloseTo(18.04, 10);
    expect(leanMassKg(82, 22)).toBeCloseTo(63.96, 10);
  });
  it('deriveHealth prefers the stored BMI, else computes it from the height', () => {
    expect(deriveHealth({ weight_kg: 80, body_fat_pct: 20, bmi: null }, 180)).toEqual({ leanMassKg: 64, fatMassKg: 16, bmi: 80 / 3.24 });
    expect(deriveHealth({ weight_kg: 80, body_fat_pct: null, bmi: 30 }, 180)).toEqual({ leanMassKg: null, fatMassKg: null, bmi: 30 });
    expect(deriveHealth({ weight_kg: 80, body_fat_pct: null, bmi: null }, null).bmi).toBeNull();
    expect(deriveHealth({ weight_kg: null, body_fat_pct: 20, bmi: null }, 180)).toEqual({ leanMassKg: null, fatMassKg: null, bmi: null });
  });
  it('the 7-day average takes the days from date−6 to date', () => {
    const w = [
      { date: '2025-03-04', weightKg: 80 },
      { date: '2025-03-01', weightKg: 81 },
      { date: '2025-02-26', weightKg: 82 }, // 6 days before: in
      { date: '2025-02-25', weightKg: 90 }, // 7 days before: out
    ];
    expect(movingAverageKg(w, '2025-03-04')).toBe(81);
    expect(movingAverageKg(w, '2025-01-01')).toBeNull();
  });
  it('the trend is the least-squares slope per day', () => {
    expect(trendPerDay([{ date: '2025-03-01', value: 81 }, { date: '2025-03-11', value: 80 }])).toBeCloseTo(-0.1, 12);
    // points (0,3) (1,5) (2,4) (3,8): slope = Σ(x−1.5)(y−5) / Σ(x−1.5)² = (3 + 0 − 0.5 + 4.5) / 5 = 1.4
    expect(trendPerDay([{ date: '2025-01-01', value: 3 }, { date: '2025-01-02', value: 5 }, { date: '2025-01-03', value: 4 }, { date: '2025-01-04', value: 8 }])).toBeCloseTo(1.4, 12);
    expect(trendPerDay([{ date: '2025-01-01', value: 3 }])).toBeNull();
  });
});

describe('mergeHealthValues', () => {
  const stored = { weight_kg: 80, weight_unit: 'kg' as const, body_fat_pct: null, waist_cm: 86, length_unit: 'cm' as const, notes: 'morning' };
  it('adds fields that were empty and leaves equal ones alone', () => {
    expect(mergeHealthValues(stored, { weight_kg: 80, weight_unit: 'kg', body_fat_pct: 21 }, false)).toEqual({ patch: { body_fat_pct: 21 }, conflicts: [] });
  });
  it('treats the same weight typed in lb as equal', () => {
    expect(mergeHealthValues({ weight_kg: 176.4 * 0.45359237 }, { weight_kg: 176.4 * 0.45359237, weight_unit: 'lb' }, false).patch).toEqual({});
  });
  it('reports different values as conflicts', () => {
    const m = mergeHealthValues(stored, { weight_kg: 81, weight_unit: 'kg', waist_cm: 85, notes: 'evening' }, false);
    expect(m.patch).toEqual({});
    expect(m.conflicts).toEqual([
      { field: 'weight_kg', stored: 80, given: 81 },
      { field: 'waist_cm', stored: 86, given: 85 },
      { field: 'notes', stored: 'morning', given: 'evening' },
    ]);
  });
  it('with replace, writes the different values with their units', () => {
    expect(mergeHealthValues(stored, { weight_kg: 178, weight_unit: 'lb', waist_cm: 86.36, length_unit: 'in' }, true)).toEqual({
      patch: { weight_kg: 178, weight_unit: 'lb', waist_cm: 86.36, length_unit: 'in' },
      conflicts: [],
    });
  });
});

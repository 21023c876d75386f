import { describe, expect, it } from 'vitest';
import { latestWeeklyRate, weightTrend } from '../../src/domain/weight-trend.js';

describe('weightTrend', () => {
  it('starts at the first weight and moves a tenth of the way each day', () => {
    const t = weightTrend([
      { date: '2025-03-01', weightKg: 100 },
      { date: '2025-03-02', weightKg: 90 },
      { date: '2025-03-03', weightKg: 95 },
    ]);
    expect(t.map((p) => p.trendKg)).toEqual([100, 99, 98.6]);
  });

  it('reads the weekly rate from the trend against the last weigh-in at least 7 days earlier', () => {
    const t = weightTrend([
      { date: '2025-03-01', weightKg: 100 },
      { date: '2025-03-02', weightKg: 90 },
      { date: '2025-03-08', weightKg: 90 },
      { date: '2025-03-15', weightKg: 90 },
    ]);
    expect(t[0]!.weeklyRateKg).toBeNull();
    expect(t[1]!.weeklyRateKg).toBeNull();
    // 03-08: trend 99 + 0.1·(90 − 99) = 98.1, against 03-01's 100 → −1.9 a week.
    expect(t[2]!.trendKg).toBeCloseTo(98.1, 10);
    expect(t[2]!.weeklyRateKg).toBeCloseTo(-1.9, 10);
    // 03-15: trend 98.1 − 0.81 = 97.29, against 03-08 (exactly 7 days) → −0.81.
    expect(t[3]!.weeklyRateKg).toBeCloseTo(-0.81, 10);
    expect(latestWeeklyRate(t)).toBeCloseTo(-0.81, 10);
  });

  it('scales the rate to 7 days across gaps', () => {
    const t = weightTrend([
      { date: '2025-03-01', weightKg: 80 },
      { date: '2025-03-15', weightKg: 70 },
    ]);
    // trend 80 → 79 over 14 days: −0.5 a week.
    expect(t[1]!.weeklyRateKg).toBeCloseTo(-0.5, 10);
  });

  it('gives nothing for no data', () => {
    expect(weightTrend([])).toEqual([]);
    expect(latestWeeklyRate([])).toBeNull();
  });
});

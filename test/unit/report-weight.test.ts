import { describe, expect, it } from 'vitest';
import { latestWeeklyRate, rateBand, weeklyRatePct, weightTrend } from '../../src/domain/weight-trend.js';
import { requiredRatePerDay } from '../../src/domain/goal.js';

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

describe('rate against the recommended band', () => {
  it('reads a weekly change as % of body weight', () => {
    expect(weeklyRatePct(-0.8, 80)).toBeCloseTo(-1, 12);
  });
  it('places a rate below, within or above 0.5–1.0 % a week in the direction of the cut or gain', () => {
    expect(rateBand(-0.3, -1)).toBe('below');
    expect(rateBand(-0.5, -1)).toBe('within');
    expect(rateBand(-1.004, -1)).toBe('within');
    expect(rateBand(-1.2, -1)).toBe('above');
    expect(rateBand(0.7, 1)).toBe('within');
    // Moving the wrong way is below the band.
    expect(rateBand(0.8, -1)).toBe('below');
    // Without a goal, the rate's own sign is the direction.
    expect(rateBand(1.5)).toBe('above');
    expect(rateBand(-0.7)).toBe('within');
  });
  it('the rate a goal needs by its date, and none when the date has passed', () => {
    expect(requiredRatePerDay({ target_value: 80, target_date: '2025-03-11' }, 81, '2025-03-01')).toBeCloseTo(-0.1, 12);
    expect(requiredRatePerDay({ target_value: 80, target_date: '2025-03-01' }, 81, '2025-03-01')).toBeNull();
    expect(requiredRatePerDay({ target_value: 80, target_date: null }, 81, '2025-03-01')).toBeNull();
  });
});

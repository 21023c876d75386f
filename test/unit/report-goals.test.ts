import { describe, expect, it } from 'vitest';
import { goalProgress, type GoalInput } from '../../src/report/goals.js';
import { summarize } from '../../src/report/summary.js';

const weightGoal: GoalInput = { title: 'Reach 100 kg', goalType: 'weight_loss', metric: 'weight_kg', unit: 'kg', startValue: 110, targetValue: 100, currentValue: 108, startDate: '2025-03-01', targetDate: null, status: 'active' };

describe('goalProgress', () => {
  it('measures a body-weight goal on the trend and projects its weekly rate', () => {
    const p = goalProgress(weightGoal, { today: '2025-04-01', trendKg: 105, weeklyRateKg: -0.7 });
    expect(p.measuredValue).toBe(105);
    expect(p.progressPct).toBe(50);
    // 5 kg to go at 0.1 kg a day → 50 days.
    expect(p.projectedDate).toBe('2025-05-21');
  });

  it('gives no date when the trend moves away from the target', () => {
    expect(goalProgress(weightGoal, { today: '2025-04-01', trendKg: 105, weeklyRateKg: 0.2 }).projectedDate).toBeNull();
  });

  it('projects other goals from their average rate since the start', () => {
    const g: GoalInput = { title: 'Squat 150', goalType: 'strength', metric: 'Back Squat', unit: 'kg', startValue: 100, targetValue: 150, currentValue: 120, startDate: '2025-03-01', targetDate: null, status: 'active' };
    const p = goalProgress(g, { today: '2025-03-21' });
    expect(p.progressPct).toBe(40);
    expect(p.ratePerDay).toBe(1);
    expect(p.projectedDate).toBe('2025-04-20');
  });

  it('converts the trend for goals kept in pounds, and marks reached goals', () => {
    const g: GoalInput = { ...weightGoal, unit: 'lb', startValue: 250, targetValue: 220 };
    const p = goalProgress(g, { today: '2025-04-01', trendKg: 99.79032140000001, weeklyRateKg: -0.5 });
    expect(p.measuredValue).toBeCloseTo(220, 6);
    expect(p.reached).toBe(true);
    expect(p.projectedDate).toBeNull();
  });
});

describe('summarize', () => {
  it('averages weight over weigh-ins and food over days with meals', () => {
    const s = summarize({
      from: '2025-03-01',
      to: '2025-03-07',
      sessions: [{ date: '2025-03-02', title: 'A' }, { date: '2025-03-04', title: 'B' }],
      volumeKg: 5400,
      weightsKg: [80, 81, 82],
      meals: [
        { date: '2025-03-01', calories: 500, proteinG: 30 },
        { date: '2025-03-01', calories: 700, proteinG: null },
        { date: '2025-03-03', calories: 1800, proteinG: 150 },
      ],
      openActions: [{ date: '2025-03-01', text: 'Sleep 7 hours' }],
    });
    expect(s).toEqual({ from: '2025-03-01', to: '2025-03-07', sessions: 2, volumeKg: 5400, averageWeightKg: 81, mealDays: 2, caloriesPerDay: 1500, proteinGPerDay: 90, openActions: [{ date: '2025-03-01', text: 'Sleep 7 hours' }] });
    expect(summarize({ from: 'a', to: 'b', sessions: [], volumeKg: 0, weightsKg: [], meals: [], openActions: [] }).caloriesPerDay).toBeNull();
  });
});

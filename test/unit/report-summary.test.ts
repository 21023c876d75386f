import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/report/summary.js';

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

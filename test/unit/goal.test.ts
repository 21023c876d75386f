import { describe, expect, it } from 'vitest';
import { goalDirection, goalMetricOf, goalProgressPct, goalReached, inferGoalType, metricColumnOf, assessGoal } from '../../src/domain/goal.js';

describe('goal metrics', () => {
  it('reads --metric', () => {
    expect(['weight', 'Body Fat', 'body-fat', 'waist', 'e1rm:Bench Press', 'custom', 'height', 'e1rm:'].map(metricColumnOf)).toEqual([
      'weight_kg', 'body_fat_pct', 'body_fat_pct', 'waist_cm', 'e1rm:Bench Press', 'custom', null, null,
    ]);
  });
  it('maps stored metrics back', () => {
    expect(goalMetricOf('waist_cm')).toEqual({ kind: 'health', column: 'waist_cm', unit: 'cm' });
    expect(goalMetricOf('e1rm:Squat')).toEqual({ kind: 'e1rm', exercise: 'Squat', unit: 'kg' });
    expect(goalMetricOf(null)).toEqual({ kind: 'custom' });
  });
  it('infers the goal type', () => {
    expect(inferGoalType('weight_kg', 90, 80)).toBe('weight_loss');
    expect(inferGoalType('weight_kg', 70, 80)).toBe('muscle_gain');
    expect(inferGoalType('body_fat_pct', 25, 18)).toBe('weight_loss');
    expect(inferGoalType('e1rm:Bench', 80, 100)).toBe('strength');
    expect(inferGoalType(null, 0, 12)).toBe('habit');
  });
});

describe('goal progress', () => {
  it('is the share of the way from start to target, 0–100, one decimal', () => {
    expect(goalProgressPct(109.3, 99.8, 104.1)).toBe(54.7); // 5.2 / 9.5
    expect(goalProgressPct(0, 12, 6)).toBe(50);
    expect(goalProgressPct(80, 75, 82)).toBe(0);
    expect(goalProgressPct(80, 75, 74)).toBe(100);
    expect(goalProgressPct(null, 75, 74)).toBeNull();
  });
  it('knows which way is progress and when it is reached', () => {
    const loss = { start_value: 90, target_value: 80, goal_type: 'weight_loss' as const };
    expect(goalDirection(loss)).toBe(-1);
    expect(goalReached(loss, 80)).toBe(true);
    expect(goalReached(loss, 80.1)).toBe(false);
    const gain = { start_value: 100, target_value: 120, goal_type: 'strength' as const };
    expect(goalReached(gain, 119.9)).toBe(false);
    expect(goalReached(gain, 120)).toBe(true);
    expect(goalDirection({ start_value: null, target_value: 80, goal_type: 'weight_loss' })).toBe(-1);
  });
  it('has no percentage when start equals target', () => {
    expect(goalProgressPct(80, 80, 80)).toBeNull();
    expect(goalProgressPct(80, 80, 82)).toBeNull();
  });
});

describe('assessGoal', () => {
  const goal = { metric: 'weight_kg', goal_type: 'weight_loss' as const, start_value: 82, target_value: 80, current_value: 82, start_date: '2025-03-01', status: 'active' as const };
  const weights = [
    { date: '2025-03-01', value: 82 },
    { date: '2025-03-11', value: 81 },
  ];

  it('measures body weight on the smoothed trend and projects its weekly rate', () => {
    // trend 82 → 81.9; −0.07 kg a week = −0.01 kg a day; 1.9 kg to go from 2025-03-11 → 190 days
    const a = assessGoal(goal, weights, '2025-03-11');
    expect(a.current_value).toBeCloseTo(81.9, 9);
    expect(a.rate_per_day).toBeCloseTo(-0.01, 9);
    expect(a.progress_pct).toBe(5);
    expect(a.projected_date).toBe('2025-09-17');
    expect(a.reached).toBe(false);
  });
  it('never projects a day before today, and none while moving away or without a week of data', () => {
    expect(assessGoal({ ...goal, target_value: 81.89 }, weights, '2025-03-20').projected_date).toBe('2025-03-20');
    expect(assessGoal({ ...goal, target_value: 85 }, weights, '2025-03-11').projected_date).toBeNull();
    expect(assessGoal(goal, weights.slice(0, 1), '2025-03-11').projected_date).toBeNull();
    expect(assessGoal({ ...goal, status: 'paused' }, weights, '2025-03-11').projected_date).toBeNull();
  });
  it('reads the start from the data when it was not given', () => {
    expect(assessGoal({ ...goal, start_value: null, start_date: '2025-03-05' }, weights, '2025-03-11').start_value).toBeCloseTo(81.9, 9);
  });
  it('measures an estimated 1RM by its best and other metrics as logged, over the last 28 days', () => {
    const lift = { ...goal, metric: 'e1rm:Bench Press', goal_type: 'strength' as const, start_value: 90, target_value: 110 };
    const e1rm = [
      { date: '2025-03-01', value: 95 },
      { date: '2025-03-11', value: 100 },
      { date: '2025-03-21', value: 99 },
    ];
    const a = assessGoal(lift, e1rm, '2025-03-21');
    expect(a.current_value).toBe(100);
    expect(a.progress_pct).toBe(50);
    expect(a.rate_per_day).toBeCloseTo(0.2, 9);
    // 10 kg to go at 0.2 kg a day from the latest session → 50 days
    expect(a.projected_date).toBe('2025-05-10');
    const waist = assessGoal({ ...goal, metric: 'waist_cm', start_value: 90, target_value: 85 }, [{ date: '2025-03-01', value: 90 }, { date: '2025-03-11', value: 89 }], '2025-03-11');
    expect(waist.current_value).toBe(89);
    expect(waist.projected_date).toBe('2025-04-20');
  });
  it('keeps the value a completed goal was completed at, and a custom goal the value set by hand', () => {
    expect(assessGoal({ ...goal, status: 'completed', current_value: 79.9 }, weights, '2025-03-11')).toMatchObject({ current_value: 79.9, progress_pct: 100, reached: true, projected_date: null });
    const books = { ...goal, metric: null, goal_type: 'habit' as const, start_value: 0, target_value: 12, current_value: 6 };
    expect(assessGoal(books, [], '2025-03-11')).toMatchObject({ current_value: 6, progress_pct: 50, projected_date: null, rate_per_day: null });
  });
  it('gives start = target no percentage, and counts it reached when there', () => {
    expect(assessGoal({ ...goal, start_value: 80, target_value: 80 }, [{ date: '2025-03-11', value: 80 }], '2025-03-11')).toMatchObject({ progress_pct: null, reached: true, projected_date: null });
  });
});

import { describe, expect, it } from 'vitest';
import { goalDirection, goalMetricOf, goalProgressPct, goalReached, inferGoalType, metricColumnOf, projectGoalDate } from '../../src/domain/goal.js';

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
  it('projects the date at the recent pace', () => {
    // −0.1 kg/day, 1 kg to go from 2025-03-11 → 10 days
    expect(projectGoalDate([{ date: '2025-03-01', value: 82 }, { date: '2025-03-11', value: 81 }], 80, '2025-03-11')).toBe('2025-03-21');
    // going the wrong way, or flat: no date
    expect(projectGoalDate([{ date: '2025-03-01', value: 80 }, { date: '2025-03-11', value: 81 }], 75, '2025-03-11')).toBeNull();
    expect(projectGoalDate([{ date: '2025-03-01', value: 80 }, { date: '2025-03-11', value: 80 }], 75, '2025-03-11')).toBeNull();
    expect(projectGoalDate([{ date: '2025-03-11', value: 80 }], 75, '2025-03-11')).toBeNull();
  });
});

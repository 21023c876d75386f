/**
 * Goals: what a goal measures, which way is progress, how far along it is and when, at the
 * recent pace, it will be reached. Pure.
 *
 * Metric goals keep their values in canonical units (`weight_kg` in kg, `body_fat_pct` in %,
 * `waist_cm` in cm, `e1rm:<exercise>` in kg); custom goals keep the number and unit typed.
 */
import { addDays, daysBetween } from './dates.js';
import { trendPerDay } from './health.js';

export const GOAL_TYPES = ['weight_loss', 'muscle_gain', 'strength', 'endurance', 'flexibility', 'skill', 'habit', 'nutrition'] as const;
export type GoalType = (typeof GOAL_TYPES)[number];
export const GOAL_STATUSES = ['active', 'completed', 'paused', 'abandoned'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** What a goal measures: a column of health_metrics, an exercise's estimated 1RM, or a custom count. */
export type GoalMetric = { kind: 'health'; column: 'weight_kg' | 'body_fat_pct' | 'waist_cm'; unit: 'kg' | '%' | 'cm' } | { kind: 'e1rm'; exercise: string; unit: 'kg' } | { kind: 'custom' };

/** A stored goal, as the repository returns it. */
export interface GoalRecord {
  id: number;
  title: string;
  goal_type: GoalType;
  metric: string | null;
  start_value: number | null;
  target_value: number | null;
  current_value: number | null;
  unit: string | null;
  start_date: string;
  target_date: string | null;
  status: GoalStatus;
  completed_at: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * Reads the stored `metric` column back into a GoalMetric.
 *
 * @example goalMetricOf('e1rm:Bench Press') → { kind: 'e1rm', exercise: 'Bench Press', unit: 'kg' }
 */
export function goalMetricOf(metric: string | null): GoalMetric {
  if (metric === 'weight_kg') return { kind: 'health', column: 'weight_kg', unit: 'kg' };
  if (metric === 'body_fat_pct') return { kind: 'health', column: 'body_fat_pct', unit: '%' };
  if (metric === 'waist_cm') return { kind: 'health', column: 'waist_cm', unit: 'cm' };
  if (metric?.startsWith('e1rm:')) return { kind: 'e1rm', exercise: metric.slice(5), unit: 'kg' };
  return { kind: 'custom' };
}

/**
 * The `metric` column value for a metric as typed with `--metric`, or null when it is not one.
 *
 * @example metricColumnOf('body-fat') → 'body_fat_pct'
 */
export function metricColumnOf(text: string): string | null {
  const t = text.trim();
  const m = /^e1rm:(.+)$/i.exec(t);
  if (m) return m[1]!.trim() ? `e1rm:${m[1]!.trim()}` : null;
  const k = t.toLowerCase().replace(/[\s-]+/g, '_');
  if (k === 'weight' || k === 'weight_kg') return 'weight_kg';
  if (k === 'body_fat' || k === 'bodyfat' || k === 'body_fat_pct') return 'body_fat_pct';
  if (k === 'waist' || k === 'waist_cm') return 'waist_cm';
  if (k === 'custom') return 'custom';
  return null;
}

/**
 * Guesses a goal's type from what it measures and which way it goes.
 *
 * @example inferGoalType('weight_kg', 90, 80) → 'weight_loss'
 */
export function inferGoalType(metric: string | null, start: number | null, target: number | null): GoalType {
  const m = goalMetricOf(metric);
  if (m.kind === 'e1rm') return 'strength';
  if (m.kind === 'custom') return 'habit';
  if (start !== null && target !== null && target > start) return 'muscle_gain';
  return 'weight_loss';
}

/**
 * Which way is progress: -1 when the number must go down, +1 when up. From start and target
 * when both are known, else from the goal type (weight loss goes down).
 *
 * @example goalDirection({ start_value: 90, target_value: 80, goal_type: 'weight_loss' }) → -1
 */
export function goalDirection(g: Pick<GoalRecord, 'start_value' | 'target_value' | 'goal_type'>): -1 | 1 {
  if (g.start_value !== null && g.target_value !== null && g.start_value !== g.target_value) return g.target_value < g.start_value ? -1 : 1;
  return g.goal_type === 'weight_loss' ? -1 : 1;
}

/**
 * True when `value` has reached the goal's target in its direction.
 *
 * @example goalReached({ start_value: 90, target_value: 80, goal_type: 'weight_loss' }, 79.9) → true
 */
export function goalReached(g: Pick<GoalRecord, 'start_value' | 'target_value' | 'goal_type'>, value: number): boolean {
  if (g.target_value === null) return false;
  return goalDirection(g) < 0 ? value <= g.target_value + 1e-9 : value >= g.target_value - 1e-9;
}

/**
 * Progress from start to target in percent, 0–100, one decimal; null without start, target
 * and current values.
 *
 * @example goalProgressPct(109.3, 99.8, 104.1) → 54.7
 */
export function goalProgressPct(start: number | null, target: number | null, current: number | null): number | null {
  if (start === null || target === null || current === null) return null;
  if (start === target) return current === target ? 100 : 0;
  const pct = ((current - start) / (target - start)) * 100;
  return Math.round(Math.min(100, Math.max(0, pct)) * 10) / 10;
}

/**
 * The day the target will be reached at the recent pace (least-squares trend of the points,
 * typically the last 28 days), or null when the trend is flat or going the wrong way.
 *
 * @example projectGoalDate([{ date: '2025-03-01', value: 82 }, { date: '2025-03-11', value: 81 }], 80, '2025-03-11') → '2025-03-21'
 */
export function projectGoalDate(points: Array<{ date: string; value: number }>, target: number, today: string): string | null {
  const slope = trendPerDay(points);
  const last = points[points.length - 1];
  if (slope === null || !last || slope === 0) return null;
  const remaining = target - last.value;
  if (remaining === 0) return last.date;
  if (Math.sign(remaining) !== Math.sign(slope)) return null;
  const days = Math.ceil(remaining / slope);
  if (days > 365 * 20) return null;
  const date = addDays(last.date, days);
  return daysBetween(today, date) < 0 ? today : date;
}

/**
 * Goals: what a goal measures, which way is progress, how far along it is and when, at the
 * recent pace, it will be reached. Pure.
 *
 * Metric goals keep their values in canonical units (`weight_kg` in kg, `body_fat_pct` in %,
 * `waist_cm` in cm, `e1rm:<exercise>` in kg); custom goals keep the number and unit typed.
 */
import { addDays, daysBetween } from './dates.js';
import { trendPerDay } from './health.js';
import { latestWeeklyRate, weightTrend, type TrendPoint } from './weight-trend.js';

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
 * and current values, and when start equals target (there is no distance to cover: whether
 * such a goal is met is `goalReached`'s question, not a percentage).
 *
 * @example goalProgressPct(109.3, 99.8, 104.1) → 54.7
 */
export function goalProgressPct(start: number | null, target: number | null, current: number | null): number | null {
  if (start === null || target === null || current === null || start === target) return null;
  const pct = ((current - start) / (target - start)) * 100;
  return Math.round(Math.min(100, Math.max(0, pct)) * 10) / 10;
}

/** A metric's value on a day. */
export interface DatedValue {
  date: string;
  value: number;
}

/** Days of data the pace of a goal not on body weight is read from. */
export const GOAL_PACE_DAYS = 28;

/** Projections further away than this are "not on track". */
const MAX_PROJECTION_DAYS = 365 * 20;

/**
 * The values a goal is measured on, oldest first: body weight on its smoothed trend (the one
 * `report weight` shows), every other metric as logged.
 *
 * @example measuredSeries('weight_kg', [{ date: '2025-03-01', value: 100 }, { date: '2025-03-02', value: 90 }])[1].value → 99
 */
export function measuredSeries(metric: string | null, series: DatedValue[]): DatedValue[] {
  return metric === 'weight_kg' ? trendSeries(weightTrendOf(series)) : series;
}

/** Body weight values smoothed into the trend of `report weight` (computed once per goal: see `assessGoal`). */
function weightTrendOf(series: DatedValue[]): TrendPoint[] {
  return weightTrend(series.map((p) => ({ date: p.date, weightKg: p.value })));
}

function trendSeries(trend: TrendPoint[]): DatedValue[] {
  return trend.map((p) => ({ date: p.date, value: p.trendKg }));
}

/**
 * Where a metric stands now, from its values (oldest first): body weight's latest trend value,
 * an estimated 1RM's best ever, any other metric's latest value; undefined without data or for
 * custom goals. `measured`: what `measuredSeries` gives for it, when already at hand.
 *
 * @example currentGoalValue('e1rm:Bench Press', [{ date: '2025-03-01', value: 100 }, { date: '2025-03-08', value: 97 }]) → { date: '2025-03-01', value: 100 }
 */
export function currentGoalValue(metric: string | null, series: DatedValue[], measured?: DatedValue[]): DatedValue | undefined {
  const m = goalMetricOf(metric);
  if (m.kind === 'custom' || series.length === 0) return undefined;
  if (m.kind === 'e1rm') return series.reduce((best, p) => (p.value > best.value ? p : best));
  return (measured ?? measuredSeries(metric, series)).at(-1);
}

/**
 * How fast a metric moves, per day: body weight by the trend's latest weekly rate, other
 * metrics by the least-squares slope of their last 28 days up to `today`; null when unknown.
 * `trend`: body weight's trend (`weightTrend` of the series), when already at hand.
 *
 * @example goalPacePerDay('waist_cm', [{ date: '2025-03-01', value: 90 }, { date: '2025-03-11', value: 89 }], '2025-03-11') → -0.1
 */
export function goalPacePerDay(metric: string | null, series: DatedValue[], today: string, trend?: TrendPoint[]): number | null {
  const m = goalMetricOf(metric);
  if (m.kind === 'custom') return null;
  if (metric === 'weight_kg') {
    const weekly = latestWeeklyRate(trend ?? weightTrendOf(series));
    return weekly === null ? null : weekly / 7;
  }
  const from = addDays(today, -GOAL_PACE_DAYS);
  return trendPerDay(series.filter((p) => p.date >= from && p.date <= today));
}

/** A goal's standing, as every command shows it. */
export interface GoalAssessment {
  /** The stored start value, else the measured value on the first day with data from the start date on. */
  start_value: number | null;
  /** See `currentGoalValue`; a completed goal keeps the value it was completed at, a custom goal the value set by hand. */
  current_value: number | null;
  /** See `goalProgressPct`. */
  progress_pct: number | null;
  /** Change per day the projection uses (goal units); null when unknown. */
  rate_per_day: number | null;
  /** When an active goal is reached at that pace, counted from the latest data and not before today; null when it is not moving towards the target (or would take over 20 years). */
  projected_date: string | null;
  /** Completed, or the current value is at or past the target. */
  reached: boolean;
}

/**
 * The one computation of a goal's progress and projected date, from the goal and the values of
 * its metric (oldest first, as `GoalRepo.series` returns them; empty for custom goals).
 *
 * @example assessGoal(goal, [{ date: '2025-03-01', value: 82 }, …], '2025-03-11').projected_date → '2025-05-02'
 */
export function assessGoal(
  g: Pick<GoalRecord, 'metric' | 'goal_type' | 'start_value' | 'target_value' | 'current_value' | 'start_date' | 'status'>,
  series: DatedValue[],
  today: string,
): GoalAssessment {
  const m = goalMetricOf(g.metric);
  // Body weight is smoothed once, and its measured values, current value and pace all read that one trend.
  const trend = g.metric === 'weight_kg' ? weightTrendOf(series) : undefined;
  const measured = m.kind === 'custom' ? [] : trend ? trendSeries(trend) : series;
  const start = g.start_value ?? measured.find((p) => p.date >= g.start_date)?.value ?? null;
  const now = g.status === 'completed' ? undefined : currentGoalValue(g.metric, series, measured);
  const current = now?.value ?? g.current_value;
  const target = g.target_value;
  const reached = g.status === 'completed' || (target !== null && current !== null && goalReached({ ...g, start_value: start }, current));
  const rate = goalPacePerDay(g.metric, series, today, trend);
  let projected: string | null = null;
  const last = measured.at(-1);
  if (g.status === 'active' && !reached && target !== null && current !== null && rate !== null && rate !== 0 && last) {
    const days = Math.ceil((target - current) / rate - 1e-6); // float noise must not add a day
    if (days > 0 && days <= MAX_PROJECTION_DAYS) {
      const date = addDays(last.date, days);
      projected = daysBetween(today, date) < 0 ? today : date;
    }
  }
  return { start_value: start, current_value: current, progress_pct: goalProgressPct(start, target, current), rate_per_day: rate, projected_date: projected, reached };
}

/**
 * The change per day a goal needs to reach its target on its target date, from `current` on
 * `today`; null when the goal has no target or target date, or the date is not after today.
 *
 * @example requiredRatePerDay({ target_value: 80, target_date: '2025-03-11' }, 81, '2025-03-01') → -0.1
 */
export function requiredRatePerDay(g: Pick<GoalRecord, 'target_value' | 'target_date'>, current: number | null, today: string): number | null {
  if (g.target_value === null || g.target_date === null || current === null) return null;
  const days = daysBetween(today, g.target_date);
  return days > 0 ? (g.target_value - current) / days : null;
}

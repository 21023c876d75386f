/**
 * Goal progress and a projected finish date from the recent trend.
 */
import { addDays, daysBetween } from '../domain/dates.js';

export interface GoalInput {
  title: string;
  goalType: string;
  metric: string | null;
  unit: string | null;
  startValue: number | null;
  targetValue: number | null;
  currentValue: number | null;
  startDate: string;
  targetDate: string | null;
  status: string;
}

export interface GoalProgress extends GoalInput {
  /** The value progress is measured at: the weight trend for body-weight goals, else the goal's current value. */
  measuredValue: number | null;
  /** 0–100, unrounded; null when start, target or current is missing. */
  progressPct: number | null;
  /** Change per day the projection uses (goal units). */
  ratePerDay: number | null;
  /** When the goal is reached at that rate; null when not moving towards it. */
  projectedDate: string | null;
  reached: boolean;
}

/** True for goals measured on the body-weight trend. */
export function isWeightGoal(g: GoalInput): boolean {
  return g.metric === 'weight_kg' || ((g.goalType === 'weight_loss' || g.goalType === 'muscle_gain') && (g.metric === null || /weight/i.test(g.metric)));
}

/**
 * Progress towards a goal and when it will be reached. Body-weight goals use the latest trend
 * and its weekly rate; other goals the average rate since the start date.
 *
 * @example goalProgress(goal, { today: '2025-04-01', trendKg: 104, weeklyRateKg: -0.7 }).projectedDate
 */
export function goalProgress(g: GoalInput, ctx: { today: string; trendKg?: number | null; weeklyRateKg?: number | null }): GoalProgress {
  const weight = isWeightGoal(g);
  const lbFactor = g.unit === 'lb' ? 1 / 0.45359237 : 1;
  const measured = weight && ctx.trendKg !== undefined && ctx.trendKg !== null ? ctx.trendKg * lbFactor : g.currentValue;
  const { startValue: start, targetValue: target } = g;
  let pct: number | null = null;
  if (start !== null && target !== null && measured !== null && start !== target) pct = Math.min(100, Math.max(0, ((measured - start) / (target - start)) * 100));
  const reached = g.status === 'completed' || (pct !== null && pct >= 100);
  let rate: number | null = null;
  if (weight && ctx.weeklyRateKg !== undefined && ctx.weeklyRateKg !== null) rate = (ctx.weeklyRateKg * lbFactor) / 7;
  else if (!weight && start !== null && measured !== null) {
    const days = daysBetween(g.startDate, ctx.today);
    if (days > 0) rate = (measured - start) / days;
  }
  let projected: string | null = null;
  if (!reached && g.status === 'active' && target !== null && measured !== null && rate !== null && rate !== 0) {
    const days = (target - measured) / rate;
    if (days > 0 && days < 365 * 20) projected = addDays(ctx.today, Math.ceil(days - 1e-9)); // float noise must not add a day
  }
  return { ...g, measuredValue: measured, progressPct: pct, ratePerDay: rate, projectedDate: projected, reached };
}

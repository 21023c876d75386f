/**
 * The weight trend of *The Hacker's Diet*: an exponentially weighted moving average that sees
 * through day-to-day water swings, and the weekly rate of change read from it.
 */
import { epochDay } from './dates.js';

/** Smoothing factor: each day's weight moves the trend a tenth of the way towards it. */
export const TREND_SMOOTHING = 0.1;

export interface WeightPoint {
  date: string;
  weightKg: number;
}

export interface TrendPoint extends WeightPoint {
  trendKg: number;
  /** Change of the trend per 7 days, measured against the last weigh-in at least a week earlier; null in the first week. */
  weeklyRateKg: number | null;
}

/**
 * Smooths weights (sorted by date) into a trend: trend₁ = w₁, trendₙ = trendₙ₋₁ + 0.1·(wₙ − trendₙ₋₁).
 *
 * @example weightTrend([{ date: '2025-03-01', weightKg: 100 }, { date: '2025-03-02', weightKg: 90 }])[1].trendKg → 99
 */
export function weightTrend(points: WeightPoint[], smoothing = TREND_SMOOTHING): TrendPoint[] {
  const out: TrendPoint[] = [];
  let trend: number | null = null;
  for (const p of points) {
    trend = trend === null ? p.weightKg : trend + smoothing * (p.weightKg - trend);
    out.push({ date: p.date, weightKg: p.weightKg, trendKg: trend, weeklyRateKg: null });
  }
  // Weekly rate: against the latest point at least 7 days before (two pointers, points sorted;
  // each date read once).
  const day = out.map((p) => epochDay(p.date));
  let j = -1;
  for (let i = 0; i < out.length; i++) {
    const cur = out[i]!;
    while (j + 1 < i && day[i]! - day[j + 1]! >= 7) j++;
    if (j >= 0) {
      const ref = out[j]!;
      cur.weeklyRateKg = ((cur.trendKg - ref.trendKg) / (day[i]! - day[j]!)) * 7;
    }
  }
  return out;
}

/** The latest weekly rate of a trend, or null when there is less than a week of data. */
export function latestWeeklyRate(trend: TrendPoint[]): number | null {
  return trend.length === 0 ? null : trend[trend.length - 1]!.weeklyRateKg;
}

/**
 * The weekly rate coaches recommend for a cut or a gain, as a percentage of body weight per
 * week (magnitude): slower is barely measurable, faster costs muscle on a cut and adds mostly
 * fat on a gain.
 */
export const RECOMMENDED_WEEKLY_RATE_PCT = { min: 0.5, max: 1.0 } as const;

/** Where a rate stands against the recommended band. */
export type RateBand = 'below' | 'within' | 'above';

/**
 * A weekly change as a percentage of body weight (signed, like the change).
 *
 * @example weeklyRatePct(-0.8, 80) → -1
 */
export function weeklyRatePct(weeklyRateKg: number, bodyWeightKg: number): number {
  return (weeklyRateKg / bodyWeightKg) * 100;
}

/**
 * Whether a weekly rate (% of body weight) is below, within or above the recommended band, in
 * the direction of the cut (-1) or gain (+1): a rate the wrong way round is below it. Without a
 * direction, the rate's own sign is the direction.
 *
 * @example rateBand(-0.7, -1) → 'within'
 */
export function rateBand(weeklyPct: number, direction?: -1 | 1): RateBand {
  const dir = direction ?? (weeklyPct < 0 ? -1 : 1);
  const along = weeklyPct * dir;
  // Compared at the precision shown (two decimals), so 1.004 % reads as "1.00 %, within".
  const shown = Math.round(along * 100) / 100;
  if (shown < RECOMMENDED_WEEKLY_RATE_PCT.min) return 'below';
  if (shown > RECOMMENDED_WEEKLY_RATE_PCT.max) return 'above';
  return 'within';
}

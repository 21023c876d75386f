/**
 * The summary of a period: training, body weight, food and open coaching actions.
 */
import type { PeriodActivity } from '../domain/period-activity.js';

export interface Summary {
  from: string;
  to: string;
  sessions: number;
  volumeKg: number;
  averageWeightKg: number | null;
  /** Days with at least one meal logged. */
  mealDays: number;
  caloriesPerDay: number | null;
  proteinGPerDay: number | null;
  openActions: Array<{ date: string; text: string }>;
}

/**
 * Folds a period's records into its summary; food averages are per day with meals logged.
 *
 * @example summarize({ from, to, sessions: [], volumeKg: 0, weightsKg: [80, 82], meals: [], openActions: [] }).averageWeightKg → 81
 */
export function summarize(input: PeriodActivity): Summary {
  const mealDates = new Set(input.meals.map((m) => m.date));
  const days = mealDates.size;
  const sum = (xs: Array<number | null>) => xs.reduce<number>((a, b) => a + (b ?? 0), 0);
  const anyCal = input.meals.some((m) => m.calories !== null);
  const anyProtein = input.meals.some((m) => m.proteinG !== null);
  return {
    from: input.from,
    to: input.to,
    sessions: input.sessions.length,
    volumeKg: input.volumeKg,
    averageWeightKg: input.weightsKg.length ? input.weightsKg.reduce((a, b) => a + b, 0) / input.weightsKg.length : null,
    mealDays: days,
    caloriesPerDay: days && anyCal ? sum(input.meals.map((m) => m.calories)) / days : null,
    proteinGPerDay: days && anyProtein ? sum(input.meals.map((m) => m.proteinG)) / days : null,
    openActions: input.openActions,
  };
}

/**
 * The ranges a set read from another app's export must meet: the same rules (`RULES`) the
 * command line and the schema enforce, turned into an import problem instead of an exception.
 */
import { FittrackError } from '../errors.js';
import { checkRange, RULES } from '../domain/validation.js';
import type { AppSet } from './app-workouts.js';

/**
 * The first rule a set breaks, as a message and a fix, or null.
 *
 * @example checkSet({ reps: 8, weightKg: 2000, … })?.message → 'weight: 2000 kg is out of range (allowed 0–1000 kg)'
 */
export function checkSet(set: AppSet): { message: string; hint?: string } | null {
  const checks: Array<[string, number | null, (typeof RULES)[keyof typeof RULES]]> = [
    ['reps', set.reps, RULES.reps],
    ['weight', set.weightKg, RULES.liftWeightKg],
    ['RPE', set.rpe, RULES.rpe],
    ['distance', set.distanceKm, RULES.distanceKm],
    ['seconds', set.durationSeconds, RULES.exerciseDurationSeconds],
  ];
  for (const [field, value, rule] of checks) {
    if (value === null) continue;
    try {
      checkRange(field, value, rule);
    } catch (e) {
      if (e instanceof FittrackError) return { message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
      throw e;
    }
  }
  return null;
}

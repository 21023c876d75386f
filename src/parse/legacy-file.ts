/**
 * One entry point for any legacy file: detect (or take) its kind and run its parser.
 */
import type { LegacyKind, LegacyParseResult } from '../domain/legacy-records.js';
import type { WeightUnit } from '../domain/units.js';
import { parseCheckInLog } from './check-in-parser.js';
import { parseCoachingLog } from './coaching-parser.js';
import { parseExerciseLog } from './exercise-log-parser.js';
import { parseMealLog } from './meal-log-parser.js';

export interface LegacyParseOptions {
  /** The unit of weights written without any unit. */
  defaultWeightUnit?: WeightUnit;
}

/**
 * Parses a legacy file of the given kind.
 *
 * @example parseLegacyFile('check-in', text, 'check-in-log.md').records.length
 */
export function parseLegacyFile(kind: LegacyKind, text: string, fileName: string, options: LegacyParseOptions = {}): LegacyParseResult {
  switch (kind) {
    case 'check-in':
      return { kind, ...parseCheckInLog(text, fileName, { defaultWeightUnit: options.defaultWeightUnit, defaultLengthUnit: options.defaultWeightUnit === 'kg' ? 'cm' : 'in' }) };
    case 'workouts':
      return { kind, ...parseExerciseLog(text, fileName, { defaultWeightUnit: options.defaultWeightUnit }) };
    case 'coaching':
      return { kind, ...parseCoachingLog(text, fileName) };
    case 'meals':
      return { kind, ...parseMealLog(text, fileName) };
  }
}

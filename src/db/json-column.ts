/**
 * The one reader of JSON columns (text on SQLite, parsed already on PostgreSQL's jsonb). Stored
 * JSON that does not parse, or a list that holds the wrong things, is an error naming the table
 * and column, never a silent null: a backup must not drop data it cannot read.
 */
import { DbError } from '../errors.js';

function corrupt(where: string, value: unknown, what: string): DbError {
  const shown = typeof value === 'string' ? JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value) : typeof value;
  return new DbError(`${where}: the stored value ${shown} is not ${what}; the database was changed outside fittrack`, 'restore the row from a backup (fittrack import-json), or fix or delete it with the database’s own tools');
}

/**
 * A JSON column's value, parsed; null for SQL NULL.
 *
 * @example readJsonColumn('[8,6,4]', 'exercise_logs.reps_per_set') → [8, 6, 4]
 */
export function readJsonColumn(value: unknown, where: string): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw corrupt(where, value, 'valid JSON');
  }
}

/** A JSON list of numbers, or null. @example readNumberList('[8,6]', 'exercise_logs.reps_per_set') → [8, 6] */
export function readNumberList(value: unknown, where: string): number[] | null {
  const parsed = readJsonColumn(value, where);
  if (parsed === null) return null;
  if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'number' && Number.isFinite(x))) throw corrupt(where, value, 'a list of numbers');
  return parsed as number[];
}

/** A JSON list of strings, or null. @example readStringList('["legs"]', 'exercise_definitions.muscle_groups') → ['legs'] */
export function readStringList(value: unknown, where: string): string[] | null {
  const parsed = readJsonColumn(value, where);
  if (parsed === null) return null;
  if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) throw corrupt(where, value, 'a list of texts');
  return parsed as string[];
}

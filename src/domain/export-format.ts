/**
 * The constants of the full-account export document (see docs/export-format.md): its format
 * marker and versions, the names of its sections and what `--what` selects. Kept apart from the
 * document's schema (export-document.ts) so that exporting, which does not validate, never loads
 * the schema library.
 */

export const EXPORT_FORMAT = 'fittrack-export';
export const EXPORT_FORMAT_VERSION = 2;
/** The versions `import-json` reads. */
export const READABLE_FORMAT_VERSIONS = [1, 2] as const;

/** An inclusive date range; either end may be open. */
export interface DateRange {
  from?: string;
  to?: string;
}

/** The array sections of the document, in document order. */
export const SECTIONS = ['exercise_definitions', 'health_metrics', 'workout_sessions', 'coaching_sessions', 'meal_logs', 'goals', 'progress_photos', 'imports', 'shares'] as const;
export type Section = (typeof SECTIONS)[number];

/** What `--what` accepts. */
export const WHATS = ['health', 'workouts', 'exercises', 'sets', 'meals', 'coaching', 'actions', 'goals', 'all'] as const;
export type What = (typeof WHATS)[number];

/** The document sections a `--what` selects. @example sectionsFor('exercises') → ['workout_sessions'] */
export function sectionsFor(what: What): Section[] {
  switch (what) {
    case 'health':
      return ['health_metrics'];
    case 'workouts':
    case 'exercises':
    case 'sets':
      return ['exercise_definitions', 'workout_sessions'];
    case 'meals':
      return ['meal_logs'];
    case 'coaching':
    case 'actions':
      return ['coaching_sessions'];
    case 'goals':
      return ['goals'];
    case 'all':
      return [...SECTIONS];
  }
}

/** The date a record of a section is filed under (for `--from`/`--to` and sorting). */
export const SECTION_DATE_FIELD: Record<Section, string> = {
  health_metrics: 'recorded_date',
  workout_sessions: 'session_date',
  coaching_sessions: 'session_date',
  meal_logs: 'meal_date',
  goals: 'start_date',
  progress_photos: 'taken_on',
  imports: 'started_at',
  exercise_definitions: 'name',
  shares: 'granted_at',
};

/**
 * How many rows an import batch created, whatever shape its `counts` has: a number, an object
 * with `rows_created`, or an object of per-table numbers (possibly nested under `created`).
 *
 * @example rowsCreatedOf({ health_metrics: 3, workout_sessions: 2 }) → 5
 */
export function rowsCreatedOf(counts: unknown): number {
  if (typeof counts === 'number') return counts;
  if (!counts || typeof counts !== 'object') return 0;
  const o = counts as Record<string, unknown>;
  if (typeof o.rows_created === 'number') return o.rows_created;
  if (o.created !== undefined) return rowsCreatedOf(o.created);
  let sum = 0;
  for (const v of Object.values(o)) if (typeof v === 'number') sum += v;
  return sum;
}

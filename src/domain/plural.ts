/**
 * Counts in words: the one place user-facing text says "1 row" or "3 rows" (never "row(s)").
 * Pure; used by the parsers' messages and by every command.
 */

/**
 * A count with its noun, singular for exactly one.
 *
 * @example plural(1, 'exercise') → '1 exercise'; plural(3, 'health metric') → '3 health metrics'; plural(2, 'entry', 'entries') → '2 entries'
 */
export function plural(count: number, noun: string, nounPlural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nounPlural}`;
}

/**
 * A count of rows of a table, the table named in words.
 *
 * @example pluralOfTable(1, 'health_metrics') → '1 health metric'; pluralOfTable(2, 'meal_logs') → '2 meal logs'
 */
export function pluralOfTable(count: number, table: string): string {
  const words = table.replace(/_/g, ' ');
  return plural(count, words.replace(/s$/, ''), words);
}

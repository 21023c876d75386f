/**
 * Which legacy log a file is: from its name first, else from its first table's header or,
 * for coaching logs, from `##` headings with dates.
 */
import path from 'node:path';
import type { LegacyKind } from '../domain/legacy-records.js';
import { DATE_PATTERN } from './cell-values.js';
import { isCheckInHeader } from './check-in-parser.js';
import { isExerciseHeader } from './exercise-log-parser.js';
import { guardSource, lexBlocks, tableOf } from './markdown-reader.js';
import { isMealHeader } from './meal-log-parser.js';

/** The kind a file name says, or null. @example kindFromFileName('progress-check-in-log.md') → 'workouts' */
export function kindFromFileName(fileName: string): LegacyKind | null {
  const base = path.basename(fileName).toLowerCase().replace(/\.(md|markdown|txt)$/, '').replace(/[\s_]+/g, '-');
  if (/(exercise|workout|training|progress-check-in)/.test(base)) return 'workouts';
  if (/(check-?in|weigh|weight|body)/.test(base)) return 'check-in';
  if (/coach/.test(base)) return 'coaching';
  if (/(meal|food|nutrition|diet)/.test(base)) return 'meals';
  return null;
}

/** The kind the content shows, or null. */
export function kindFromContent(text: string): LegacyKind | null {
  // The start of a file tells its kind; lexing all of a large one would only cost time.
  const head = text.length > 64_000 ? text.slice(0, text.lastIndexOf('\n', 64_000) + 1 || 64_000) : text;
  const blocks = lexBlocks(guardSource(head).text);
  let datedHeadings = 0;
  for (const b of blocks) {
    if (b.token.type === 'table') {
      const header = tableOf(b).header;
      if (isExerciseHeader(header)) return 'workouts';
      if (isMealHeader(header)) return 'meals';
      if (isCheckInHeader(header)) return 'check-in';
    } else if (b.token.type === 'heading' && new RegExp(DATE_PATTERN, 'i').test(b.token.text as string)) datedHeadings++;
  }
  return datedHeadings > 0 ? 'coaching' : null;
}

/**
 * Detects the kind of a legacy file, from its name, else from its content.
 *
 * @example detectKind('meal-log.md', text) → 'meals'
 */
export function detectKind(fileName: string, text: string): LegacyKind | null {
  return kindFromFileName(fileName) ?? kindFromContent(text);
}

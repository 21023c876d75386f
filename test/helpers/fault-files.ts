/**
 * Legacy markdown files for the fault tests: large, valid, deterministic check-in and exercise
 * logs, and a seeded random source for choosing kill moments.
 *
 * @example writeCheckInLog(path.join(dir, 'check-in-log.md'), 20_000)
 */
import { writeFileSync } from 'node:fs';

const DAY_MS = 86_400_000;

/** The i-th day after `start`, as YYYY-MM-DD. @example dayAfter('2000-01-01', 1) → '2000-01-02' */
export function dayAfter(start: string, i: number): string {
  return new Date(Date.parse(`${start}T00:00:00Z`) + i * DAY_MS).toISOString().slice(0, 10);
}

/** A check-in log with `rows` daily weigh-ins from `start` (one row per date). */
export function checkInLog(rows: number, start = '1990-01-01'): string {
  const lines = ['| Date | Weight (lbs) | Body Fat % | Waist (inches) | Notes |', '| :--- | :--- | :--- | :--- | :--- |'];
  for (let i = 0; i < rows; i++) {
    lines.push(`| ${dayAfter(start, i)} | ${(180 + (i % 400) / 10).toFixed(1)} | ${(20 + (i % 100) / 10).toFixed(1)} | ${(34 + (i % 40) / 10).toFixed(1)} | ${i % 9 === 0 ? `row ${i}` : ''} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `checkInLog(rows, start)` to `file`. */
export function writeCheckInLog(file: string, rows: number, start?: string): void {
  writeFileSync(file, checkInLog(rows, start));
}

/** An exercise log with `rows` exercise rows, four to a session, one session per day. */
export function exerciseLog(rows: number, start = '1990-01-01'): string {
  const lines = ['| Date | Phase | Workout | Exercise | Sets x Reps | Notes |', '| :--- | :--- | :--- | :--- | :--- | :--- |'];
  const names = ['Goblet Squat', 'Bench Press', 'Barbell Row', 'Plank'];
  for (let i = 0; i < rows; i++) {
    lines.push(`| ${dayAfter(start, Math.floor(i / 4))} | Phase 1 | Full Body | ${names[i % 4]} | 3 x ${8 + (i % 5)} | ${i % 7 === 0 ? '25 lb dumbbells' : ''} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `exerciseLog(rows, start)` to `file`. */
export function writeExerciseLog(file: string, rows: number, start?: string): void {
  writeFileSync(file, exerciseLog(rows, start));
}

/** A small seeded pseudo-random generator (mulberry32): the same seed gives the same moments. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Legacy files full of hostile content, by relative path: SQL and shell text in cells, NUL
 * bytes, invalid UTF-8, 1 MiB lines, 10 000 levels of blockquote and list nesting. Any shell
 * command in them would create `canary`.
 */
export function hostileLegacyFiles(canary: string): Record<string, Buffer> {
  const docs: Record<string, Buffer> = {};
  const table = (header: string, rows: string[]) => `${header}\n${rows.join('\n')}\n`;
  const checkHeader = '| Date | Weight (kg) | Body Fat % | Notes |\n| :--- | :--- | :--- | :--- |';
  docs['sql/check-in-log.md'] = Buffer.from(table(checkHeader, ["| 2012-01-01 | 80 | 20 | '); DROP TABLE users; -- |", `| 2012-01-02 | 80 | 20 | $(touch ${canary}) \`touch ${canary}\` |`]));
  docs['nul/check-in-log.md'] = Buffer.from(table(checkHeader, ['| 2012-02-01 | 80 | 20 | before\u0000after |', '| 2012-02-02 | 80\u0000 | 20 | |']));
  docs['bytes/check-in-log.md'] = Buffer.concat([Buffer.from(`${checkHeader}\n| 2012-03-01 | 80 | 20 | caf`), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(' |\n')]);
  docs['long/check-in-log.md'] = Buffer.from(table(checkHeader, [`| 2012-04-01 | 80 | 20 | ${'y'.repeat(1_048_576)} |`, `${'z'.repeat(1_048_576)}`]));
  docs['quotes/check-in-log.md'] = Buffer.from(`${'> '.repeat(10_000)}deep\n\n${checkHeader}\n| 2012-05-01 | 80 | 20 | ${'>'.repeat(10_000)} |\n`);
  docs['lists/check-in-log.md'] = Buffer.from(`${'- '.repeat(10_000)}deep\n\n${'1. '.repeat(10_000)}deeper\n\n${checkHeader}\n| 2012-06-01 | 80 | 20 | ${'- '.repeat(10_000)} |\n`);
  docs['meals/meal-log.md'] = Buffer.from(table('| Date | Meal | Food/Drink | Calories (est.) | Notes |\n| :--- | :--- | :--- | :--- | :--- |', ["| 2012-07-01 | Lunch | '); DROP TABLE meal_logs; -- | 500 | $(rm -rf ~) |", `| 2012-07-02 | Dinner | \`touch ${canary}\` | 600 | ${'w'.repeat(1_048_576)} |`]));
  docs['coaching/Coaching_sessions.md'] = Buffer.from(`## 2012-08-01: Deep\n\n**Coach:** '); DROP TABLE users; --\n\n${'> '.repeat(10_000)}quoted\n\n${'* '.repeat(10_000)}item\n\n## 2012-08-02 - \`touch ${canary}\` $(touch ${canary})\n\nbody\n`);
  docs['coaching-nul/Coaching_sessions.md'] = Buffer.from(`## 2012-08-03: Nul\n\nbefore\0after\n`);
  return docs;
}

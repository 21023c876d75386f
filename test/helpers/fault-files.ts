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

/**
 * Rows and sections that used to vanish without a line in the report: each one is now read,
 * or reported at its own line.
 */
import { describe, expect, it } from 'vitest';
import type { ParseIssue } from '../../src/domain/legacy-records.js';
import { KG_PER_LB } from '../../src/domain/units.js';
import { parseCheckInLog } from '../../src/parse/check-in-parser.js';
import { parseCoachingLog } from '../../src/parse/coaching-parser.js';
import { parseExerciseLog } from '../../src/parse/exercise-log-parser.js';
import { decodeLegacyBytes, parseLegacyFile } from '../../src/parse/legacy-file.js';
import { parseSetsReps } from '../../src/parse/sets-reps.js';

const list = (issues: ParseIssue[]) => issues.map((i) => `${i.line} ${i.severity}: ${i.message}`);
const CHECK_IN = '| Date | Weight (lbs) | Body Fat % | Notes |\n| --- | --- | --- | --- |\n';
const EXERCISES = '| Date | Phase | Workout | Exercise | Sets x Reps | Notes |\n| --- | --- | --- | --- | --- | --- |\n';

describe('coaching: dated headings at any level (1)', () => {
  it('starts a session at a deeper dated heading, with its own metadata', () => {
    const text = ['## 2024-03-05: Kick-off', '', '**Trainer:** Dana', '', 'Start slow.', '', '### March 19, 2024: Mid-month check', '', '**Trainer:** Sam', '**Subject:** Plateau', '', 'Walk more.', ''].join('\n');
    const { records, issues } = parseCoachingLog(text, 'c.md');
    expect(records.map((r) => [r.sessionDate, r.title, r.coachName, r.subject, r.notes, r.source.line])).toEqual([
      ['2024-03-05', 'Kick-off', 'Dana', null, 'Start slow.', 1],
      ['2024-03-19', 'Mid-month check', 'Sam', 'Plateau', 'Walk more.', 7],
    ]);
    expect(issues).toEqual([]);
  });

  it('reads undated grouping headings as groups, not as sessions without a date, each named in the report', () => {
    const text = ['# 2023', '', '## 2023-12-20: Last call', '', 'Rest.', '', '## Coaching 2024', '', '### 2024-03-05: Review', '', 'Good.', '', '#### Training', '', 'Squats.', ''].join('\n');
    const { records, issues } = parseCoachingLog(text, 'c.md');
    expect(records.map((r) => [r.sessionDate, r.title, r.notes])).toEqual([
      ['2023-12-20', 'Last call', 'Rest.'],
      ['2024-03-05', 'Review', 'Good.\n\n#### Training\n\nSquats.'],
    ]);
    // Each group heading is a line of the report, so no heading goes unaccounted for.
    expect(list(issues)).toEqual(['1 note: heading "2023" has no date: read as a title or group heading; the sessions under it are read below', '7 note: heading "Coaching 2024" has no date: read as a title or group heading; the sessions under it are read below']);
  });
});

describe('coaching: a second metadata line (2)', () => {
  it('keeps the first and leaves the second in the notes, with a warning', () => {
    const text = '## 2024-03-05: Call\n\n**Coach:** Dana\n\nA guest joined.\n**Coach:** Sam (guest)\n';
    const { records, issues } = parseCoachingLog(text, 'c.md');
    expect(records[0]!.coachName).toBe('Dana');
    expect(records[0]!.notes).toBe('A guest joined.\n**Coach:** Sam (guest)');
    expect(list(issues)).toMatchInlineSnapshot(`
      [
        "6 warning: a second Coach line ("Sam (guest)"); the first ("Dana") was kept and this one stays in the notes",
      ]
    `);
  });
});

describe('coaching: an unclosed code block (3)', () => {
  it('is closed at the next dated heading, with a warning', () => {
    const text = '## 2024-03-05: Plan\n\n```\nsquat 3x5\n\n## 2024-03-12: Next\n\nBody.\n\n## 2024-03-19\n\nMore.\n';
    const { records, issues } = parseCoachingLog(text, 'c.md');
    expect(records.map((r) => [r.sessionDate, r.notes])).toEqual([
      ['2024-03-05', '```\nsquat 3x5'],
      ['2024-03-12', 'Body.'],
      ['2024-03-19', 'More.'],
    ]);
    expect(list(issues)).toMatchInlineSnapshot(`
      [
        "3 warning: the code block opened here is not closed before the session heading on line 6; it was closed there",
      ]
    `);
  });
});

describe('rows written apart from their table (4)', () => {
  it('carries the table on across a blank line, a heading, a comment and prose, naming each row', () => {
    const text = `${CHECK_IN}| 2025-03-03 | 241 | 29 | a |\n\n| 2025-03-04 | 240 | 29 | b |\n### Week 2\n| 2025-03-05 | 239 | 28 | c |\n<!-- paused -->\n| 2025-03-06 | 238 | 28 | d |\n   \n| 2025-03-07 | 237 | 28 | e |\nA remark.\n| 2025-03-08 | 236 | 28 | f |\n`;
    const { records, issues } = parseCheckInLog(text, 'w.md');
    expect(records.map((r) => [r.recordedDate, r.source.line])).toEqual([
      ['2025-03-03', 3],
      ['2025-03-04', 5],
      ['2025-03-05', 7],
      ['2025-03-06', 9],
      ['2025-03-07', 11],
      ['2025-03-08', 13],
    ]);
    expect(list(issues)).toMatchInlineSnapshot(`
      [
        "5 warning: row written apart from its table (header on line 1); read as a row of that table",
        "6 skipped: heading "Week 2" is not part of a check-in table",
        "7 warning: row written apart from its table (header on line 1); read as a row of that table",
        "8 skipped: HTML is not part of a check-in table",
        "9 warning: row written apart from its table (header on line 1); read as a row of that table",
        "11 warning: row written apart from its table (header on line 1); read as a row of that table",
        "12 skipped: text "A remark." is not part of a check-in table",
        "13 warning: row written apart from its table (header on line 1); read as a row of that table",
      ]
    `);
  });

  it('reports each row that cannot be placed at its own line', () => {
    const text = `${CHECK_IN}| 2025-03-03 | 241 | 29 | a |\n\n| 2025-03-04 | 240 |\n| 2025-03-05 | 239 | 29 | x | y |\n`;
    const { records, issues } = parseCheckInLog(text, 'w.md');
    expect(records).toHaveLength(1);
    expect(list(issues)).toMatchInlineSnapshot(`
      [
        "5 skipped: row of 2 cells written apart from its table (header on line 1, 4 columns) was not read",
        "6 skipped: row of 5 cells written apart from its table (header on line 1, 4 columns) was not read",
      ]
    `);
  });
});

describe('an alignment row written with tabs (5)', () => {
  it('is an alignment row', () => {
    const { records, issues } = parseCheckInLog('| Date | Weight (lbs) |\n|\t---\t|\t:---:\t|\n| 2025-03-03 | 241 |\n', 'w.md');
    expect(records.map((r) => r.weightKg)).toEqual([241 * KG_PER_LB]);
    expect(issues).toEqual([]);
  });
});

describe('short rows (6)', () => {
  it('does not read an exercise row with a cell missing as an exercise named 3x10', () => {
    const { records, issues } = parseExerciseLog(`${EXERCISES}| 2025-03-04 | Phase 1 | Goblet Squat | 3x10 | heavy |\n`, 'e.md');
    expect(records).toEqual([]);
    expect(list(issues)).toMatchInlineSnapshot(`
      [
        "3 error: the row has 5 cells for the 6 columns of its table, and its Exercise "3x10" reads as sets and reps: a cell is missing",
      ]
    `);
  });

  it('reads a 2-cell check-in row under 4 columns in column order, with a warning', () => {
    const { records, issues } = parseCheckInLog(`${CHECK_IN}| 2025-03-03 | 241 |\n`, 'w.md');
    expect(records.map((r) => [r.weightKg, r.notes])).toEqual([[241 * KG_PER_LB, null]]);
    expect(list(issues)).toMatchInlineSnapshot(`
      [
        "3 warning: the row has 2 cells for the 4 columns of its table; read in column order, with Body Fat %, Notes left empty",
      ]
    `);
  });

  it('keeps the old 4-cell rule for its own shape only', () => {
    const head = '| Date | Weight (lbs) | Body Fat % | Waist (inches) | Chest (inches) | Notes |\n|-|-|-|-|-|-|\n';
    const { records, issues } = parseCheckInLog(`${head}| 2025-03-03 | 241 | 29 | first |\n| 2025-03-04 | 240 | 29 | 44 | 46 |\n`, 'w.md');
    expect(records.map((r) => [r.notes, r.waistCm, r.chestCm])).toEqual([
      ['first', null, null],
      [null, 44 * 2.54, 46 * 2.54],
    ]);
    expect(list(issues)).toEqual(['4 warning: the row has 5 cells for the 6 columns of its table; read in column order, with Notes left empty']);
  });
});

describe('metres and minutes (7)', () => {
  it('reads 6x100m as six sets of 100 metres, and minutes only as min, mins or \'', () => {
    const read = (t: string) => {
      const r = parseSetsReps(t);
      return [r.sets, r.durationSeconds, r.distanceKm];
    };
    expect(read('6x100m')).toEqual([6, null, 0.1]);
    expect(read('2x20m')).toEqual([2, null, 0.02]);
    expect(read('20m')).toEqual([null, null, 0.02]);
    expect(read('2x20min')).toEqual([2, 1200, null]);
    expect(read('20 mins')).toEqual([null, 1200, null]);
    expect(read("3x5'")).toEqual([3, 300, null]);
  });
});

describe('text that is not UTF-8, and NUL bytes (8)', () => {
  it('decodes Windows-1252 with a warning', () => {
    const bytes = Buffer.concat([Buffer.from(`${CHECK_IN}| 2025-03-03 | 241 | 29 | caf`), Buffer.from([0xe9, 0x20, 0x96, 0x20, 0x80]), Buffer.from(' |\n')]);
    const { text, issues } = decodeLegacyBytes(bytes, 'w.md');
    expect(text).toContain('café – €');
    expect(list(issues)).toEqual(['3 warning: the file is not UTF-8; it was read as Windows-1252']);
    expect(parseLegacyFile('check-in', text, 'w.md').records[0]!.notes).toBe('café – €');
  });

  it('costs a NUL byte only its own row', () => {
    const { records, issues } = parseLegacyFile('check-in', `${CHECK_IN}| 2025-03-03 | 241 | 29 | a |\n| 2025-03-04 | 24\u00000 | 29 | b |\n| 2025-03-05 | 239 | 29 | c |\n`, 'w.md');
    expect(records.map((r) => ('recordedDate' in r ? r.recordedDate : null))).toEqual(['2025-03-03', '2025-03-05']);
    expect(list(issues)).toEqual(['4 error: the row holds a NUL byte (binary data); it was not read']);
    expect(decodeLegacyBytes(Buffer.from('a\u0000b\n'), 'w.md').issues).toEqual([]);
  });
});

describe('pathological input (9)', () => {
  const fast = (kind: Parameters<typeof parseLegacyFile>[0], text: string) => {
    const started = performance.now();
    const result = parseLegacyFile(kind, text, 'p.md');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.issues.some((i) => i.severity === 'error' || i.severity === 'warning')).toBe(true);
    return result;
  };

  it('hundreds of nested quotes and lists', () => {
    fast('coaching', `## 2024-03-05\n\n${Array.from({ length: 600 }, (_, i) => `${'>'.repeat(i + 1)} level ${i}`).join('\n')}\n`);
    fast('coaching', `## 2024-03-05\n\n${Array.from({ length: 600 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n`);
    fast('check-in', `${'> '.repeat(5000)}deep\n\n${CHECK_IN}| 2025-03-03 | 241 | 29 | ${'- '.repeat(3000)} |\n`);
  });

  it('a quote nested deeper than the limit moves no later line and loses no session', () => {
    const deep = Array.from({ length: 200 }, (_, i) => `${'>'.repeat(i + 1)} text`);
    const text = ['## 2024-03-26: A', ...deep, '', '## 2024-04-02: B', 'Back.', ''].join('\n');
    const result = parseLegacyFile('coaching', text, 'Coaching_sessions.md');
    if (result.kind !== 'coaching') throw new Error(result.kind);
    expect(result.records.map((r) => [r.source.line, r.sessionDate, r.notes?.split('\n').length])).toEqual([
      [1, '2024-03-26', 200],
      [203, '2024-04-02', 1],
    ]);
    expect(result.records[1]!.notes).toBe('Back.');
    expect(result.records[0]!.notes).not.toContain('Back.');
    expect(list(result.issues)).toEqual(['34 warning: quotes or lists nested more than 32 levels deep from this line on were read as plain text']);
  });

  it('a cell of 100 000 stars, a 200 KB line of \\|, and 68 000 digits in a meal note', () => {
    const stars = fast('check-in', `${CHECK_IN}| 2025-03-03 | 241 | 29 | ${'*'.repeat(100_000)} |\n| 2025-03-04 | 240 | 29 | ok |\n`);
    expect(stars.records.map((r) => ('recordedDate' in r ? r.recordedDate : null))).toEqual(['2025-03-03', '2025-03-04']);
    expect(list(stars.issues)).toEqual(['3 warning: the line is longer than 20000 characters; only its first 20000 were read']);
    fast('coaching', `## 2024-03-05\n\n${'*'.repeat(100_000)}\n`);
    fast('check-in', `${CHECK_IN}| 2025-03-03 | 241 | 29 | ${'\\|'.repeat(100_000)} |\n`);
    fast('meals', `| Date | Meal | Food | Calories | Notes |\n|-|-|-|-|-|\n| 2025-03-03 | Lunch | soup | 400 | ${'1'.repeat(68_000)} g protein |\n`);
  });

  it('reads grams in long notes in linear time', async () => {
    const { gramsIn } = await import('../../src/parse/meal-log-parser.js');
    const started = performance.now();
    expect(gramsIn(`${'1'.repeat(9_000)} and 30g protein`, 'protein')).toBe(30);
    expect(gramsIn(`protein${' '.repeat(9_000)}x`, 'protein')).toBeNull();
    expect(performance.now() - started).toBeLessThan(200);
  });
});

/**
 * The "wild" fixtures: logs written the way people really keep them (weekdays in dates,
 * decimal commas, ranges, tables under date headings, grouped coaching sessions, Windows-1252).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LegacyKind, LegacyParseResult } from '../../src/domain/legacy-records.js';
import { decodeLegacyBytes, parseLegacyFile } from '../../src/parse/legacy-file.js';

function parseWild(kind: LegacyKind, name: string): LegacyParseResult & { all: string[] } {
  const decoded = decodeLegacyBytes(readFileSync(`fixtures/legacy/wild/${name}`), name);
  const result = parseLegacyFile(kind, decoded.text, name, { defaultWeightUnit: 'kg' });
  const all = [...decoded.issues, ...result.issues].map((i) => `${i.line} ${i.severity}: ${i.message}`);
  return { ...result, all };
}

describe('wild check-in log', () => {
  const r = parseWild('check-in', 'check-in-log.md');
  const rows = r.kind === 'check-in' ? r.records.map((c) => [c.source.line, c.recordedDate, c.weightKg, c.notes]) : [];

  it('reads dates with weekdays, day-month-name, two-digit years, date-times, dotted dates and ditto cells (10)', () => {
    expect(rows.map(([line, date]) => [line, date])).toEqual([
      [5, '2024-03-12'],
      [6, '2024-03-13'],
      [7, '2024-03-14'],
      [8, '2024-03-15'],
      [9, '2024-03-17'],
      [10, '2024-03-18'],
      [11, '2024-03-18'],
      [13, '2024-03-19'],
      [15, '2024-03-20'],
      [17, '2024-03-20'],
    ]);
  });

  it('reads decimal commas, approximations, ranges and trailing remarks (11)', () => {
    expect(rows.filter(([line]) => [5, 6, 7, 15].includes(line as number)).map(([, , kg, notes]) => [kg, notes])).toEqual([
      [82.4, 'decimal comma'],
      [82.1, 'after dinner'],
      [82, null],
      [81.5, 'weight range 81–82'],
    ]);
  });

  it('says once that weights without a unit took the default unit (16), and names every line it did not read', () => {
    expect(r.all).toMatchInlineSnapshot(`
      [
        "1 skipped: heading "Weigh-ins, as kept by hand" is not part of a check-in table",
        "5 warning: weights without a unit read as kg; use --units lb if they were pounds",
        "13 warning: row written apart from its table (header on line 3); read as a row of that table",
        "14 skipped: heading "Week 3" is not part of a check-in table",
        "15 warning: row written apart from its table (header on line 3); read as a row of that table",
        "16 skipped: HTML is not part of a check-in table",
        "17 warning: row written apart from its table (header on line 3); read as a row of that table",
        "18 skipped: row of 2 cells written apart from its table (header on line 3, 5 columns) was not read",
      ]
    `);
  });

  it('decodes a Windows-1252 file and costs its NUL byte one row (8)', () => {
    const w = parseWild('check-in', 'windows-1252-check-in-log.md');
    expect(w.kind === 'check-in' && w.records.map((c) => [c.recordedDate, c.notes])).toEqual([
      ['2024-03-12', 'café – 80 € budget'],
      ['2024-03-14', 'naïve'],
    ]);
    expect(w.all).toEqual(['5 warning: the file is not UTF-8; it was read as Windows-1252', '1 skipped: heading "Weigh-ins" is not part of a check-in table', '6 error: the row holds a NUL byte (binary data); it was not read']);
  });
});

describe('wild exercise log', () => {
  const r = parseWild('workouts', 'exercise-log.md');
  const exercises = r.kind === 'workouts' ? r.records.flatMap((w) => w.exercises.map((e) => ({ date: w.sessionDate, workout: w.title, ...e }))) : [];
  const byName = (name: string) => exercises.find((e) => e.exerciseName === name)!;

  it('gives tables without a Date column the date of the heading above (14)', () => {
    expect(exercises.map((e) => [e.date, e.workout, e.exerciseName])).toEqual([
      ['2024-03-12', 'Upper A', 'Bench Press'],
      ['2024-03-12', 'Upper A', 'Dips'],
      ['2024-03-12', 'Upper A', 'Bulgarian Split Squat'],
      ['2024-03-12', 'Upper A', 'Row'],
      ['2024-03-14', 'Lower A', 'Squat'],
      ['2024-03-14', 'Lower A', 'Lunge'],
      ['2024-03-14', 'Intervals', 'Run'],
      ['2024-03-14', 'Intervals', 'Bike'],
    ]);
    expect(r.issues.every((i) => i.severity === 'skipped' && i.message.startsWith('heading'))).toBe(true);
  });

  it('reads rep ranges, BW+load, reps per side, 3*8, loads with an RPE or without @, and metres per set (13, 7)', () => {
    expect([byName('Bench Press').sets, byName('Bench Press').reps, byName('Bench Press').raw]).toEqual([3, 8, '3x8-10']);
    expect([byName('Dips').weightKg, byName('Dips').weightUnit]).toEqual([10, 'kg']);
    expect([byName('Bulgarian Split Squat').sets, byName('Bulgarian Split Squat').reps]).toEqual([2, 8]);
    expect([byName('Row').sets, byName('Row').reps]).toEqual([3, 8]);
    expect([byName('Squat').sets, byName('Squat').reps, byName('Squat').weightUnit, Math.round(byName('Squat').weightKg! * 10) / 10]).toEqual([3, 5, 'lb', 102.1]);
    expect([byName('Lunge').weightUnit, Math.round(byName('Lunge').weightKg! * 10) / 10]).toEqual(['lb', 20.4]);
    expect([byName('Run').sets, byName('Run').distanceKm, byName('Run').durationSeconds]).toEqual([6, 0.1, null]);
    expect([byName('Bike').sets, byName('Bike').durationSeconds, byName('Bike').distanceKm]).toEqual([2, 1200, null]);
  });
});

describe('wild coaching log', () => {
  const r = parseWild('coaching', 'Coaching_sessions.md');
  const sessions = r.kind === 'coaching' ? r.records : [];

  it('reads grouped sessions at any level, plain metadata and loose checkboxes (1, 2, 3, 14)', () => {
    expect(sessions.map((s) => [s.source.line, s.sessionDate, s.title, s.coachName, s.subject, s.actionItems])).toEqual([
      [5, '2024-03-05', 'Review', 'Dana', 'First month', [{ text: 'Walk after dinner', done: false }, { text: 'Buy a food scale', done: true }]],
      [21, '2024-03-19', 'Mid-month check', 'Dana', null, [{ text: 'Sleep by 22:30', done: false }]],
      [33, '2025-01-08', 'New year', 'Lee', null, []],
    ]);
    expect(r.all).toEqual([
      '16 warning: a second Coach line ("Sam (guest)"); the first ("Dana") was kept and this one stays in the notes',
      '18 warning: the code block opened here is not closed before the session heading on line 21; it was closed there',
    ]);
  });
});

describe('wild meal log', () => {
  const r = parseWild('meals', 'meal-log.md');
  it('reads ditto dates, ranges, approximations and thousands separators (10, 11)', () => {
    expect(r.kind === 'meals' && r.records.map((m) => [m.source.line, m.mealDate, m.mealType, m.calories, m.notes])).toEqual([
      [5, '2024-03-13', 'breakfast', 475, 'calories range 450–500'],
      [6, '2024-03-13', 'lunch', 900, 'Approx 30g protein'],
      [7, '2024-03-13', 'dinner', 1200, null],
      [9, '2024-03-14', 'snack', 90, null],
      [10, '2024-03-14', 'dinner', 1200, null],
    ]);
  });
});

describe('unitless loads in an exercise log (16)', () => {
  it('says once per file that loads under a bare Weight header took the default unit', () => {
    const text = '| Date | Exercise | Sets x Reps | Weight |\n| --- | --- | --- | --- |\n| 2024-03-12 | Squat | 3x5 | 100 |\n| 2024-03-12 | Bench | 3x5 | 80 |\n';
    const r = parseLegacyFile('workouts', text, 'e.md', { defaultWeightUnit: 'kg' });
    expect(r.kind === 'workouts' && r.records[0]!.exercises.map((e) => [e.weightKg, e.weightUnit])).toEqual([
      [100, 'kg'],
      [80, 'kg'],
    ]);
    expect(r.issues.map((i) => `${i.line} ${i.severity}: ${i.message}`)).toEqual(['3 warning: weights without a unit read as kg; use --units lb if they were pounds']);
  });
});

describe('date forms (10)', () => {
  it('reads each form, with slash dates in the command line order unless only the other order is a date', async () => {
    const { readLegacyDate } = await import('../../src/parse/cell-values.js');
    const forms: Array<[string, string | null]> = [
      ['Tue 2024-03-12', '2024-03-12'],
      ['2024-03-18 (Mon)', '2024-03-18'],
      ['Wed, Mar 13, 2024', '2024-03-13'],
      ['15 Mar 2024', '2024-03-15'],
      ['15th March 2024', '2024-03-15'],
      ['3/17/24', '2024-03-17'],
      ['03/10/2025', '2025-03-10'],
      ['17/03/2024', '2024-03-17'],
      ['2024-03-22T07:30', '2024-03-22'],
      ['2024-03-22 07:30', '2024-03-22'],
      ['17.03.2024', '2024-03-17'],
      ['2024-02-30', null],
      ['13/13/2024', null],
    ];
    expect(forms.map(([text]) => [text, readLegacyDate(text)])).toEqual(forms);
    expect(readLegacyDate('03/10/2025', { slashOrder: 'day-first' })).toBe('2025-10-03');
  });
});

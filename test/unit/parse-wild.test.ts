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
      '1 note: heading "Coaching" has no date: read as a title or group heading; the sessions under it are read below',
      '3 note: heading "Coaching 2024" has no date: read as a title or group heading; the sessions under it are read below',
      '16 warning: a second Coach line ("Sam (guest)"); the first ("Dana") was kept and this one stays in the notes',
      '18 warning: the code block opened here is not closed before the session heading on line 21; it was closed there',
      '31 note: heading "2025" has no date: read as a title or group heading; the sessions under it are read below',
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

describe('columns of their own (12)', () => {
  it('reads Sleep, RHR, Mood, Energy and Stress columns of a check-in log into their fields, under any usual header, with their ranges', () => {
    const r = parseWild('check-in', 'columns-check-in-log.md');
    expect(r.kind === 'check-in' && r.records.map((c) => [c.source.line, c.recordedDate, Math.round(c.weightKg! * 10) / 10, c.extra, c.notes])).toEqual([
      [5, '2024-04-01', 82, { sleep_hours: 7.5, resting_heart_rate: 58, mood: 7, energy_level: 6, stress_level: 3 }, null],
      [6, '2024-04-02', 81.8, { sleep_hours: 7.5, resting_heart_rate: 57, mood: 8, energy_level: 7, stress_level: 2 }, 'slept well'],
      [8, '2024-04-03', 81.7, { sleep_hours: 6, resting_heart_rate: 61, mood: 5, energy_level: 4, stress_level: 7 }, 'deadline'],
      [15, '2024-04-05', 81.7, { sleep_hours: 8, resting_heart_rate: 56, mood: 8, energy_level: 8, stress_level: 2 }, null],
      [17, '2024-04-06', 81.6, { sleep_hours: 6.5, resting_heart_rate: 60, mood: null, energy_level: null, stress_level: null }, null],
    ]);
    expect(r.all).toEqual([
      '1 skipped: heading "Mornings" is not part of a check-in table',
      '7 warning: the table header is repeated here; the line was skipped',
      '9 error: Sleep Hours 30 is outside the range 0–24',
      '11 skipped: heading "Second notebook" is not part of a check-in table',
      '16 warning: the table header is repeated here; the line was skipped',
    ]);
  });

  it('reads a check-in table with no weight column when it has other check-in columns', () => {
    const r = parseLegacyFile('check-in', '| Date | Sleep hrs | Resting-HR | Stress |\n| --- | --- | --- | --- |\n| 2024-04-01 | 450 min | 58 | 11 |\n| 2024-04-02 | 7 | 57 | good |\n', 'c.md');
    expect(r.kind === 'check-in' && r.records.map((c) => [c.recordedDate, c.weightKg, c.extra])).toEqual([]);
    expect(r.issues.map((i) => `${i.line} ${i.severity}: ${i.message}`)).toEqual(['3 error: Stress Level 11 is outside the range 1–10', '4 error: Stress Level "good" is not a whole number']);
    const ok = parseLegacyFile('check-in', '| Date | Sleep (min) | RHR |\n| --- | --- | --- |\n| 2024-04-01 | 450 | 58 |\n', 'c.md');
    expect(ok.kind === 'check-in' && ok.records.map((c) => c.extra)).toEqual([{ sleep_hours: 7.5, resting_heart_rate: 58 }]);
  });

  it('reads Sets, Reps, Weight and RPE columns of an exercise log, and stores the RPE written in a sets cell (the RPE column wins)', () => {
    const r = parseWild('workouts', 'columns-exercise-log.md');
    const rows = r.kind === 'workouts' ? r.records.flatMap((w) => w.exercises.map((e) => [e.source.line, e.exerciseName, e.sets, e.reps, e.repsPerSet, e.weightKg === null ? null : Math.round(e.weightKg * 10) / 10, e.weightUnit, e.extra?.rpe ?? null, e.notes])) : [];
    expect(rows).toEqual([
      [7, 'Squat', 3, 5, [5, 5, 5], 102.1, 'lb', 8, null],
      [8, 'Romanian Deadlift', 3, null, [10, 8, 6], 83.9, 'lb', null, null],
      [9, 'Leg Press', 3, 8, [8, 8, 8], 163.3, 'lb', 7.5, 'Reps: 8-10'],
      [11, 'Plank', 3, null, null, null, null, null, null],
      [17, 'Bench Press', 3, 5, [5, 5, 5], 100, 'kg', 8, null],
      [18, 'Overhead Press', 3, 8, [8, 8, 8], 40, 'kg', 8, null],
      [19, 'Row', 3, 10, [10, 10, 10], 60, 'kg', 7, null],
      [20, 'Chin-up', 3, 6, [6, 6, 6], null, null, null, null],
    ]);
    expect(r.all).toEqual([
      '1 skipped: heading "Training" is not part of an exercise log table',
      '3 skipped: heading "Spring block" is not part of an exercise log table',
      '10 warning: the table header is repeated here; the line was skipped',
      '13 skipped: heading "Summer block" is not part of an exercise log table',
      "18 warning: the RPE column says 8 and the sets cell RPE 9; the column's 8 was stored (the sets cell keeps it)",
      '20 warning: RPE 12 is outside the range 1–10; it was not stored (the sets cell keeps it)',
    ]);
  });

  it('stores the RPE of `3x8 @225lbs RPE 8` in the wild exercise log (13)', () => {
    const r = parseWild('workouts', 'exercise-log.md');
    const squat = r.kind === 'workouts' ? r.records.flatMap((w) => w.exercises).find((e) => e.exerciseName === 'Squat') : undefined;
    expect([squat?.raw, squat?.extra?.rpe]).toEqual(['3x5 @225lbs RPE 8', 8]);
  });

  it('keeps the cells of Sets and Reps it cannot read, and an RPE it does not store, in the notes', () => {
    const text = '| Date | Exercise | Sets | Reps | RPE |\n| --- | --- | --- | --- | --- |\n| 2024-04-01 | Curl | lots | many | |\n| 2024-04-01 | Deadlift | 1 | 5 @ 315 RPE 9 | 8 |\n';
    const r = parseLegacyFile('workouts', text, 'e.md', { defaultWeightUnit: 'lb' });
    expect(r.kind === 'workouts' && r.records[0]!.exercises.map((e) => [e.exerciseName, e.sets, e.reps, e.raw, e.extra?.rpe, e.notes])).toEqual([
      ['Curl', null, null, null, null, 'Sets: lots; Reps: many'],
      ['Deadlift', 1, 5, null, 8, 'RPE 9'],
    ]);
    expect(r.issues.map((i) => `${i.line} ${i.severity}: ${i.message}`)).toEqual([
      '3 warning: Sets "lots" and Reps "many" were kept in the notes; no sets or reps could be read from them',
      "4 warning: the RPE column says 8 and the sets cell RPE 9; the column's 8 was stored (kept in the notes)",
    ]);
  });

  it('finds units in headers written many ways', async () => {
    const { readHeader } = await import('../../src/parse/cell-values.js');
    const headers = ['Weight (lb)', 'Load kg', 'Load [kg]', 'Weight, lbs', 'Weight in kg', 'Sleep (h)', 'Sleep hrs', 'Resting HR', 'Body Fat %', 'Sets x Reps'];
    expect(headers.map((h) => [h, readHeader(h)])).toEqual([
      ['Weight (lb)', { name: 'weight', unit: 'lb' }],
      ['Load kg', { name: 'load', unit: 'kg' }],
      ['Load [kg]', { name: 'load', unit: 'kg' }],
      ['Weight, lbs', { name: 'weight', unit: 'lbs' }],
      ['Weight in kg', { name: 'weight', unit: 'kg' }],
      ['Sleep (h)', { name: 'sleep', unit: 'h' }],
      ['Sleep hrs', { name: 'sleep', unit: 'hrs' }],
      ['Resting HR', { name: 'resting hr', unit: null }],
      ['Body Fat %', { name: 'body fat', unit: '%' }],
      ['Sets x Reps', { name: 'sets x reps', unit: null }],
    ]);
  });
});

describe('wild short rows (6)', () => {
  it('refuses an exercise row whose Exercise reads as sets, and reads other short rows in column order with a warning', () => {
    const r = parseWild('workouts', 'short-rows-exercise-log.md');
    expect(r.kind === 'workouts' && r.records.flatMap((w) => w.exercises.map((e) => [e.source.line, e.exerciseName, e.sets, e.reps]))).toEqual([
      [5, 'Goblet Squat', 3, 10],
      [7, 'Walking Lunge', 2, 12],
    ]);
    expect(r.all.slice(1)).toEqual([
      '6 error: the row has 5 cells for the 6 columns of its table, and its Exercise "3x10" reads as sets and reps: a cell is missing',
      '7 warning: the row has 5 cells for the 6 columns of its table; read in column order, with Notes left empty',
    ]);
  });

  it('applies the old 4-cell check-in rule to its shape only', () => {
    const r = parseWild('check-in', 'short-rows-check-in-log.md');
    expect(r.kind === 'check-in' && r.records.map((c) => [c.source.line, c.bodyFatPct, c.waistCm === null ? null : Math.round(c.waistCm), c.notes])).toEqual([
      [5, 24, null, 'before the new columns'],
      [6, null, null, null],
      [7, 24, 89, null],
    ]);
    expect(r.all.slice(1)).toEqual([
      '6 warning: the row has 2 cells for the 6 columns of its table; read in column order, with Body Fat %, Waist (inches), Chest (inches), Notes left empty',
      '7 warning: the row has 5 cells for the 6 columns of its table; read in column order, with Notes left empty',
    ]);
  });
});

describe('wild nesting (9)', () => {
  it('reads sessions holding lists and quotes 200 levels deep in well under 2 s, with a warning at each run too deep', () => {
    const started = performance.now();
    const r = parseWild('coaching', 'nested-Coaching_sessions.md');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(r.kind === 'coaching' && r.records.map((s) => [s.source.line, s.sessionDate, s.coachName])).toEqual([
      [3, '2024-03-26', 'Dana'],
      [208, '2024-04-02', 'Lee'],
    ]);
    expect(r.issues.filter((i) => i.severity === 'warning').map((i) => `${i.line}: ${i.message}`)).toEqual([
      '71: quotes or lists nested more than 32 levels deep from this line on were read as plain text',
      '244: quotes or lists nested more than 32 levels deep from this line on were read as plain text',
    ]);
  });
});

describe('wild meal labels (15)', () => {
  it('keeps each label as written beside its meal type, so the day\'s snacks are meals of their own', () => {
    const r = parseWild('meals', 'labels-meal-log.md');
    expect(r.kind === 'meals' && r.records.map((m) => [m.source.line, m.mealType, m.mealLabel ?? null])).toEqual([
      [5, 'breakfast', 'Brunch'],
      [6, 'snack', 'Afternoon snack'],
      [7, 'snack', 'Late-night snack'],
      [8, 'dinner', null],
      [9, 'snack', 'Dessert'],
      [10, 'snack', 'Drinks'],
      [11, 'snack', 'Pre-bed'],
    ]);
    expect(r.all).toEqual(['1 skipped: heading "Meals, as the day went" is not part of a meal table']);
  });
});

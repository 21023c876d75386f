import fs from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCsvRows } from '../../src/parse/app-csv.js';
import { readAppDateTime } from '../../src/parse/app-workouts.js';
import { parseHevyCsv } from '../../src/parse/hevy-csv-parser.js';
import { parseStrongCsv } from '../../src/parse/strong-csv-parser.js';
import { toKg } from '../../src/domain/units.js';

const fixture = (name: string) => new URL(`../../fixtures/apps/${name}`, import.meta.url);
const rowsOf = (text: string) => readCsvRows(Readable.from([text]));
const strong = (text: string, weightUnit: 'kg' | 'lb' = 'kg') => parseStrongCsv(rowsOf(text), 'strong.csv', { weightUnit });
const kg = (lb: number) => toKg(lb, 'lb');

describe('CSV rows', () => {
  it('gives each record the line it starts on, across quoted newlines, blank lines, CRLF and chunk boundaries', async () => {
    const text = '\uFEFFa;b\r\n\r\n1;"x\r\ny"\r\n2;z';
    for (const split of [1, 3, 7, 11]) {
      const chunks = [text.slice(0, split), text.slice(split)];
      const rows = [];
      for await (const r of readCsvRows(Readable.from(chunks))) rows.push(r);
      expect(rows).toEqual([
        { line: 1, cells: ['a', 'b'] },
        { line: 3, cells: ['1', 'x\ny'] },
        { line: 5, cells: ['2', 'z'] },
      ]);
    }
  });

  it('finds the delimiter from the header and keeps the others inside cells', async () => {
    const rows = [];
    for await (const r of rowsOf('a,b\n"1;2",3\n')) rows.push(r.cells);
    expect(rows).toEqual([['a', 'b'], ['1;2', '3']]);
  });
});

describe('app date-times', () => {
  it.each([
    ['2024-03-05 18:15:03', { date: '2024-03-05', time: '18:15' }],
    ['2024-03-05 6:15:03\u202fPM', { date: '2024-03-05', time: '18:15' }],
    ['2024-03-05 12:05:00 AM', { date: '2024-03-05', time: '00:05' }],
    ['21 Jan 2024, 18:05', { date: '2024-01-21', time: '18:05' }],
    ['2024-03-05 07:12:45 +0100', { date: '2024-03-05', time: '07:12' }],
    ['2024-03-05', { date: '2024-03-05', time: null }],
  ])('%s', (text, expected) => expect(readAppDateTime(text)).toEqual(expected));

  it.each(['2024-02-30 10:00', '32 Jan 2024, 10:00', 'yesterday', '2024-03-05 25:00', '2024-03-05 13:00 PM'])('refuses %s', (text) => expect(readAppDateTime(text)).toBeNull());
});

describe('Strong CSV', () => {
  it('reads the older semicolon export: units per row, decimal commas, quoted notes with ; and newlines, warm-up and drop sets, rest timers', async () => {
    const r = await parseStrongCsv(readCsvRows(fs.createReadStream(fixture('strong-semicolon.csv'))), 'strong-semicolon.csv', { weightUnit: 'lb' });
    expect(r.issues).toEqual([]);
    expect(r.notices).toEqual([]);
    expect(r.rowCount).toBe(14);
    expect(r.workouts.map((w) => [w.date, w.startTime, w.title, w.durationSeconds, w.line])).toEqual([
      ['2024-03-04', '07:02', 'Upper A', 3900, 2],
      ['2024-03-06', '18:30', 'Conditioning', 1800, 12],
      ['2024-03-08', '07:00', 'Lower A', 3300, 14],
    ]);
    const [upper, cardio, lower] = r.workouts;
    expect(upper!.notes).toBe('Felt strong; slept 8h');
    const bench = upper!.exercises[0]!;
    expect(bench.name).toBe('Bench Press (Barbell)');
    expect(bench.restSeconds).toBe(120);
    expect(bench.sets.map((s) => [s.setType, s.weightKg, s.reps, s.rpe])).toEqual([
      ['warmup', 40, 10, null],
      ['normal', 60, 8, 7],
      ['normal', 70, 6, 8],
      ['normal', 80, 4, 9.5],
    ]);
    const row = upper!.exercises[1]!;
    expect(row.notes).toBe('Pause at the top;\nelbows in');
    expect(row.sets.map((s) => [s.weightKg, s.line])).toEqual([[62.5, 7], [62.5, 9]]);
    expect(upper!.exercises[2]!.sets[0]).toMatchObject({ weightKg: null, weightUnit: null, reps: 8 });
    expect(cardio!.exercises.map((e) => [e.name, e.sets[0]!.distanceKm, e.sets[0]!.durationSeconds])).toEqual([
      ['Running', 5.2, 1560],
      ['Plank', null, 90],
    ]);
    expect(lower!.exercises[0]!.sets.map((s) => [s.setType, s.weightUnit, s.weightKg])).toEqual([
      ['normal', 'lb', kg(225)],
      ['normal', 'lb', kg(225)],
      ['normal', 'lb', kg(225)],
      ['dropset', 'lb', kg(185)],
    ]);
  });

  it('reads the newer comma export: no unit columns (the unit given, and said), AM/PM times, a workout past midnight, empty trailing columns', async () => {
    const r = await parseStrongCsv(readCsvRows(fs.createReadStream(fixture('strong-comma.csv'))), 'strong-comma.csv', { weightUnit: 'lb' });
    expect(r.issues).toEqual([]);
    expect(r.notices).toEqual(['weights read as lb and distances as mi: the file has no unit columns (give --units to say otherwise)']);
    expect(r.workouts.map((w) => [w.date, w.startTime, w.title, w.durationSeconds])).toEqual([
      ['2024-05-10', '23:42', 'Late Push', 4200],
      ['2024-05-12', '09:05', 'Long Run', 2700],
      ['2024-05-14', '06:15', 'Pull', 3000],
    ]);
    const [push, run, pull] = r.workouts;
    expect(push!.notes).toBe('Gym closes at 1, "last one in"');
    expect(push!.exercises[0]!.sets.map((s) => [s.weightKg, s.weightUnit, s.reps, s.rpe])).toEqual([
      [kg(40), 'lb', 8, null],
      [kg(42.5), 'lb', 6, 8],
    ]);
    expect(push!.exercises[1]!.notes).toBe('Rope,\nnot bar');
    expect(push!.exercises[1]!.sets.map((s) => s.setType)).toEqual(['normal', 'failure']);
    expect(run!.exercises[0]!.sets[0]!.distanceKm).toBeCloseTo(8.4 * 1.609344, 9);
    expect(pull!.exercises[0]!.sets.map((s) => s.rpe)).toEqual([8.5, null]);
  });

  it('reports a bad row at its line and keeps the others', async () => {
    const r = await strong('Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2024-01-01 10:00:00,A,Squat,1,100,5\n2024-01-01 10:00:00,A,Squat,X,100,5\n2024-13-01 10:00:00,A,Squat,2,100,5\n2024-01-01 10:00:00,A,Squat,3,abc,5\n2024-01-01 10:00:00,A,Squat,4,5000,5\n');
    expect(r.issues.map((i) => [i.line, i.severity, i.message])).toEqual([
      [3, 'error', 'the set order "X" is not a set number or W, D, F'],
      [4, 'error', 'the date "2024-13-01 10:00:00" is not a date Strong writes'],
      [5, 'error', 'weight "abc" is not a number'],
      [6, 'error', 'weight: 5000 kg is out of range (allowed 0–1000 kg)'],
    ]);
    expect(r.workouts[0]!.exercises[0]!.sets).toHaveLength(1);
  });

  it('refuses a file that is not a Strong export, naming the missing columns', async () => {
    const r = await strong('Date,Exercise,Reps\n2024-01-01,Squat,5\n');
    expect(r.issues).toMatchObject([{ line: 1, severity: 'error', message: 'not a Strong export: the header has no "workout name", "exercise name", "set order", "weight" column' }]);
  });
});

describe('Hevy CSV', () => {
  it('reads sets, set types, supersets as labels, notes, and a workout past midnight', async () => {
    const r = await parseHevyCsv(readCsvRows(fs.createReadStream(fixture('hevy.csv'))), 'hevy.csv', { weightUnit: 'kg' });
    expect(r.issues).toEqual([]);
    expect(r.rowCount).toBe(9);
    expect(r.workouts.map((w) => [w.date, w.startTime, w.title, w.durationSeconds, w.notes])).toEqual([
      ['2024-01-21', '18:05', 'Push Day', 67 * 60, 'Shoulder a bit tight'],
      ['2024-01-22', '23:30', 'Night Ride', 70 * 60, null],
    ]);
    const push = r.workouts[0]!;
    expect(push.exercises.map((e) => [e.name, e.supersetLabel, e.sets.map((s) => `${s.setType}:${s.weightKg ?? 'bw'}x${s.reps}`).join(' ')])).toEqual([
      ['Bench Press (Barbell)', null, 'warmup:40x12 normal:60x8 normal:70x6 normal:80x4'],
      ['Lateral Raise (Dumbbell)', 'A', 'normal:10x15'],
      ['Triceps Dip', 'A', 'normal:bwx12'],
      ['Lateral Raise (Dumbbell)', 'A', 'dropset:6x10'],
      ['Triceps Dip', 'A', 'failure:bwx9'],
    ]);
    expect(push.exercises[0]!.notes).toBe('Paused reps');
    expect(r.workouts[1]!.exercises[0]!.sets[0]).toMatchObject({ distanceKm: 21.5, durationSeconds: 4200 });
  });

  it('reads weight_lbs and distance_miles exports', async () => {
    const r = await parseHevyCsv(rowsOf('title,start_time,end_time,exercise_title,set_index,set_type,weight_lbs,reps,distance_miles\nA,"2 Feb 2024, 07:00","2 Feb 2024, 08:00",Squat,0,normal,225,5,\n'), 'h.csv', { weightUnit: 'kg' });
    expect(r.issues).toEqual([]);
    expect(r.workouts[0]!.exercises[0]!.sets[0]).toMatchObject({ weightKg: kg(225), weightUnit: 'lb', reps: 5 });
  });
});

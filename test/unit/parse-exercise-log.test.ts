import { describe, expect, it } from 'vitest';
import { parseExerciseLog, splitSuperset } from '../../src/parse/exercise-log-parser.js';
import type { ExerciseRecord } from '../../src/domain/legacy-records.js';

const F = 'exercise-log.md';
const HEAD = '| Date | Phase | Workout | Exercise | Sets x Reps | Notes |\n| :--- | :---- | :------ | :------- | :---------- | :---- |\n';

function ex(over: Partial<ExerciseRecord> & { exerciseName: string; orderIndex: number; line: number }): ExerciseRecord {
  const { line, ...rest } = over;
  return {
    supersetLabel: null,
    sets: null,
    reps: null,
    repsPerSet: null,
    weightKg: null,
    weightUnit: null,
    durationSeconds: null,
    distanceKm: null,
    notes: null,
    raw: null,
    source: { file: F, line },
    ...rest,
  };
}

describe('parseExerciseLog', () => {
  it('groups rows with the same date and workout into sessions, in file order', () => {
    const text = `${HEAD}| 2025-03-04 | Phase 1 | Lower Body A | Goblet Squat | 3 x 12 | 35 lb kettlebell |
| 2025-03-04 | Phase 1 | Lower Body A | Glute Bridge | 3 sets of 20 reps | |
| 2025-03-04 | Phase 1 | Evening Walk | Walking | 45 minutes | 3 mph |
| 2025-03-04 | Phase 1 | Lower Body A | A: Walking Lunge | 3 sets: 12, 10, 10 reps | bodyweight |
`;
    const { records, issues } = parseExerciseLog(text, F);
    expect(issues).toEqual([]);
    expect(records).toEqual([
      {
        sessionDate: '2025-03-04',
        title: 'Lower Body A',
        sessionType: 'strength',
        programPhase: 'Phase 1',
        notes: null,
        source: { file: F, line: 3 },
        exercises: [
          ex({ exerciseName: 'Goblet Squat', orderIndex: 1, line: 3, sets: 3, reps: 12, repsPerSet: [12, 12, 12], notes: '35 lb kettlebell', raw: '3 x 12' }),
          ex({ exerciseName: 'Glute Bridge', orderIndex: 2, line: 4, sets: 3, reps: 20, repsPerSet: [20, 20, 20], raw: '3 sets of 20 reps' }),
          ex({ exerciseName: 'Walking Lunge', supersetLabel: 'A', orderIndex: 3, line: 6, sets: 3, repsPerSet: [12, 10, 10], notes: 'bodyweight', raw: '3 sets: 12, 10, 10 reps' }),
        ],
      },
      {
        sessionDate: '2025-03-04',
        title: 'Evening Walk',
        sessionType: 'cardio',
        programPhase: 'Phase 1',
        notes: null,
        source: { file: F, line: 5 },
        exercises: [ex({ exerciseName: 'Walking', orderIndex: 1, line: 5, durationSeconds: 2700, notes: '3 mph', raw: '45 minutes' })],
      },
    ]);
  });

  it('reads loads with the default unit for a bare number', () => {
    const text = `${HEAD}| 2025-03-06 | | Upper | Row | 3x10 @ 40 lbs | each arm |\n| 2025-03-06 | | Upper | Bench | 3x8 @ 135 | |\n| 2025-03-06 | | Upper | Squat | 5x5@100kg | |\n`;
    const [s] = parseExerciseLog(text, F, { defaultWeightUnit: 'lb' }).records;
    expect(s!.exercises.map((e) => [e.weightKg, e.weightUnit])).toEqual([
      [18.1436948, 'lb'], // 40 lb at the stored precision: exactly 40 lb, without float noise
      [61.23496995, 'lb'],
      [100, 'kg'],
    ]);
  });

  it('splits superset labels off exercise names', () => {
    expect(splitSuperset('A: Pull-up Progression')).toEqual({ label: 'A', name: 'Pull-up Progression' });
    expect(splitSuperset('B1) Dips')).toEqual({ label: 'B1', name: 'Dips' });
    expect(splitSuperset('T-Bar Row')).toEqual({ label: null, name: 'T-Bar Row' });
  });

  it('infers session types from workout names, mixed when the rows disagree, and takes the old tool’s type as is', () => {
    const rows = [
      ['2025-03-01', 'Tai Chi', 'Yang 24 form', 'N/A'],
      ['2025-03-02', 'Karate', 'Kata', '1h'],
      ['2025-03-03', 'Treadmill', 'Incline walk', '30 min'],
      ['2025-03-04', 'Circuit', 'Kettlebell Swing', '3 x 15'],
      ['2025-03-04', 'Circuit', 'Stair Climber', '10 minutes'],
      ['2025-03-05', 'martial_arts', 'Sparring', '4 x 3 min'],
      ['2025-03-06', 'Yoga', 'Flow', '45 min'],
      ['2025-03-07', 'BJJ', 'Rolling', '30 min'],
    ];
    const text = HEAD + rows.map(([d, w, e, s]) => `| ${d} | | ${w} | ${e} | ${s} | |`).join('\n');
    expect(parseExerciseLog(text, F).records.map((r) => [r.title, r.sessionType])).toEqual([
      ['Tai Chi', 'flexibility'],
      ['Karate', 'martial_arts'],
      ['Treadmill', 'cardio'],
      ['Circuit', 'mixed'],
      ['martial_arts', 'martial_arts'],
      ['Yoga', 'flexibility'],
      ['BJJ', 'martial_arts'],
    ]);
  });

  it('keeps text it cannot read verbatim in raw, with a warning', () => {
    const { records, issues } = parseExerciseLog(`${HEAD}| 2025-03-06 | | Upper | Cable Fly | pyramid up to a heavy set | |\n`, F);
    expect(records[0]!.exercises[0]).toEqual(ex({ exerciseName: 'Cable Fly', orderIndex: 1, line: 3, raw: 'pyramid up to a heavy set' }));
    expect(issues.map((i) => `${i.line} ${i.severity}: ${i.message}`)).toMatchInlineSnapshot(`
      [
        "3 warning: Sets x Reps "pyramid up to a heavy set" was kept as written; no sets or reps could be read from it",
      ]
    `);
  });

  it('reads cardio distance and time', () => {
    const text = `${HEAD}| 2025-03-06 | | Rowing | Erg | Row 2000m 7:45 | |\n| 2025-03-07 | | Run | Run | 3 mi | |\n`;
    expect(parseExerciseLog(text, F).records.map((r) => [r.sessionType, r.exercises[0]!.distanceKm, r.exercises[0]!.durationSeconds])).toEqual([
      ['cardio', 2, 465],
      ['cardio', 3 * 1.609344, null],
    ]);
  });

  it('reports rows without a date or exercise as errors', () => {
    const text = `${HEAD}| someday | | Upper | Row | 3x10 | |\n| 2025-03-06 | | Upper | | 3x10 | |\n`;
    const { records, issues } = parseExerciseLog(text, F);
    expect(records).toEqual([]);
    expect(issues.map((i) => `${i.line} ${i.severity}: ${i.message} / ${i.hint}`)).toMatchInlineSnapshot(`
      [
        "3 error: Date "someday" is not a date / write dates as YYYY-MM-DD, e.g. 2025-03-04",
        "4 error: Exercise is empty / name the exercise, e.g. Goblet Squat",
      ]
    `);
  });
});

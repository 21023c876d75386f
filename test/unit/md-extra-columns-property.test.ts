/**
 * Property test: whatever values the extra columns hold (range limits, halves, unicode notes
 * with pipes), a log rendered by the markdown exporter parses back to the same content.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentSignature } from '../../src/domain/import-plan.js';
import { EXTRA_FIELDS } from '../../src/domain/legacy-records.js';
import type { CheckInRecord, ExtraField, ExtraValues, MealRecord, WorkoutRecord } from '../../src/domain/legacy-records.js';
import { renderCheckInLog, renderExerciseLog, renderMealLog } from '../../src/export/md-exporter.js';
import { parseLegacyFile } from '../../src/parse/legacy-file.js';

const source = { file: 'x.md', line: 1 };

/** Any value a field takes, its limits included, or null. */
function value(f: ExtraField): fc.Arbitrary<ExtraValues[string]> {
  if (f.type === 'boolean') return fc.constantFrom(true, false, null);
  if (Array.isArray(f.type)) return fc.constantFrom(...(f.type as readonly string[]), null);
  const min = f.min ?? 0;
  const max = f.max ?? 1000;
  const n =
    f.type === 'integer'
      ? fc.integer({ min, max })
      : f.column === 'rpe'
        ? fc.integer({ min: min * 2, max: max * 2 }).map((h) => h / 2)
        : fc.oneof(fc.constantFrom(min, max), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
  return fc.option(n, { nil: null });
}

const extras = (fields: readonly ExtraField[]) => fc.record(Object.fromEntries(fields.map((f) => [f.column, value(f)]))) as fc.Arbitrary<ExtraValues>;
/** Notes as people type them on one line (spaces as one): any text, pipes included, never only an empty marker. */
const note = fc.option(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map((s) => `n ${s.replace(/[\r\n\\`<>*_]/g, ' ')}`.replace(/\s+/g, ' ').trim()),
  { nil: null },
);
const days = (n: number) => Array.from({ length: n }, (_, i) => `2025-03-${String(i + 1).padStart(2, '0')}`);

function roundTrip<R>(kind: 'check-in' | 'workouts' | 'meals', records: R[], text: string): void {
  const parsed = parseLegacyFile(kind, text, 'x.md', { defaultWeightUnit: 'kg' });
  expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([]);
  const sig = (list: unknown[]) => list.map((r) => contentSignature(kind, r as never));
  expect(sig(parsed.records)).toEqual(sig(records as unknown[]));
}

describe('extra columns survive the markdown logs', () => {
  it('check-ins', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(extras(EXTRA_FIELDS.checkIn), note, fc.option(fc.double({ min: 2, max: 75, noNaN: true }), { nil: null })), { minLength: 1, maxLength: 5 }), (rows) => {
        const records: CheckInRecord[] = rows.map(([extra, notes, bodyFatPct], i) => ({
          recordedDate: days(rows.length)[i]!, weightKg: 80 + i, weightUnit: 'kg', bodyFatPct, lengthUnit: null, chestCm: null, waistCm: null, hipsCm: null, neckCm: null, notes, extra, source,
        }));
        roundTrip('check-in', records, renderCheckInLog(records));
      }),
      { numRuns: 200 },
    );
  });

  it('workouts and their exercises', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(extras(EXTRA_FIELDS.session), extras(EXTRA_FIELDS.exercise), extras(EXTRA_FIELDS.exercise), note), { minLength: 1, maxLength: 4 }), (rows) => {
        const records: WorkoutRecord[] = rows.map(([extra, e1, e2, notes], i) => ({
          sessionDate: days(rows.length)[i]!, title: 'Upper A', sessionType: 'strength', programPhase: null, notes, extra, source,
          exercises: [
            { exerciseName: 'Bench Press', supersetLabel: 'A1', orderIndex: 1, sets: 3, reps: 8, repsPerSet: [8, 8, 8], weightKg: 80, weightUnit: 'kg', durationSeconds: null, distanceKm: null, notes: null, raw: '3 x 8 @ 80 kg', extra: e1, source },
            { exerciseName: 'Pull-up', supersetLabel: 'A2', orderIndex: 2, sets: 3, reps: null, repsPerSet: null, weightKg: null, weightUnit: null, durationSeconds: null, distanceKm: null, notes: null, raw: '3 x AMRAP', extra: e2, source },
          ],
        }));
        roundTrip('workouts', records, renderExerciseLog(records));
      }),
      { numRuns: 200 },
    );
  });

  it('meals', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(extras(EXTRA_FIELDS.meal), note, fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }), fc.option(fc.double({ min: 0, max: 10000, noNaN: true }).map((v) => Math.round(v * 1e6) / 1e6), { nil: null })), { minLength: 1, maxLength: 5 }), (rows) => {
        const records: MealRecord[] = rows.map(([extra, notes, satiety, calories], i) => ({
          mealDate: days(rows.length)[i]!, mealType: 'lunch', description: `meal ${i}`, calories, proteinG: 30.5, carbsG: null, fatG: 10, fiberG: 4, satietyBefore: satiety, satietyAfter: null, notes, extra, source,
        }));
        roundTrip('meals', records, renderMealLog(records));
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * The export document's schema as `import-json` reads a document with it: one `$.path: what is
 * wrong` line per problem, version 1 documents, fields older documents lack, unknown keys.
 */
import { describe, expect, it } from 'vitest';
import { ADDED_IN_V2, RECORD_FIELDS, validateExportDocument, type RecordKind } from '../../src/domain/export-document.js';

type Rec = Record<string, unknown>;

/** A record of a kind with every field null (or the given values). */
const nulls = (kind: RecordKind, values: Rec = {}): Rec => ({ ...Object.fromEntries(Object.keys(RECORD_FIELDS[kind]).map((f) => [f, null])), ...values });

const user = (): Rec => nulls('user', { username: 'dana', role: 'user', preferred_units: 'metric' });
const weighIn = (values: Rec = {}): Rec => nulls('health_metrics', { recorded_date: '2025-03-01', weight_kg: 80, ...values });
const set = (values: Rec = {}): Rec => nulls('per_set', { set_type: 'normal', reps: 8, weight_kg: 60, ...values });
const exercise = (values: Rec = {}): Rec => nulls('exercises', { exercise_name: 'Bench', order_index: 0, ...values });
const session = (values: Rec = {}): Rec => nulls('workout_sessions', { session_date: '2025-03-01', title: 'Upper', session_type: 'strength', exercises: [exercise()], ...values });
const doc = (values: Rec = {}): Rec => ({ format: 'fittrack-export', format_version: 2, exported_at: '2026-01-01T12:00:00.000Z', user: user(), ...values });

describe('validateExportDocument', () => {
  it('accepts a valid document', () => {
    expect(validateExportDocument(doc({ health_metrics: [weighIn()], workout_sessions: [session({ exercises: [exercise({ per_set: [set(), set({ set_type: 'warmup' })] })] })] }))).toEqual([]);
  });

  it('names each problem by its JSON path, with what was expected and what it got', () => {
    const bad = doc({
      health_metrics: [weighIn(), weighIn(), weighIn(), weighIn({ weight_kg: 'x', recorded_date: '2025-02-30' })],
      workout_sessions: [session({ session_type: 'yoga', program_week: 1.5, exercises: [exercise({ reps_per_set: [8, 'eight'], per_set: [set(), set({ set_type: 'giant' })] })] })],
      coaching_sessions: [nulls('coaching_sessions', { session_date: '2025-03-01', follow_up_required: 'no', action_items: [{ text: 'Sleep', done: true, done_at: 'yesterday' }] })],
      imports: [nulls('imports', { batch_id: 'imp-1', started_at: '2025-03-01', files: 'a.md', rows_created: 1, reverted: false })],
      goals: 'none',
    });
    expect(validateExportDocument(bad)).toEqual([
      '$.health_metrics[3].recorded_date: expected a date YYYY-MM-DD, got "2025-02-30"',
      '$.health_metrics[3].weight_kg: expected a number or null, got "x"',
      '$.workout_sessions[0].session_type: expected one of strength, cardio, flexibility, martial_arts, sports, recovery, mixed, got "yoga"',
      '$.workout_sessions[0].program_week: expected a whole number or null, got 1.5',
      '$.workout_sessions[0].exercises[0].reps_per_set[1]: expected a number, got "eight"',
      '$.workout_sessions[0].exercises[0].per_set[1].set_type: expected one of normal, warmup, dropset, failure, got "giant"',
      '$.coaching_sessions[0].follow_up_required: expected true or false, got "no"',
      '$.coaching_sessions[0].action_items[0].done_at: expected an ISO-8601 timestamp or null, got "yesterday"',
      '$.goals: expected an array, got "none"',
      '$.imports[0].started_at: expected an ISO-8601 timestamp, got "2025-03-01"',
      '$.imports[0].files: expected an array of strings, got "a.md"',
    ]);
  });

  it('says what is missing, and what is not an object', () => {
    const { username: _, ...noName } = user();
    expect(validateExportDocument(doc({ user: noName, health_metrics: [7], workout_sessions: [session({ source: { line: 3 }, exercises: [null] })] }))).toEqual([
      '$.user.username: missing',
      '$.health_metrics[0]: expected an object, got 7',
      '$.workout_sessions[0].source.file: missing',
      '$.workout_sessions[0].exercises[0]: expected an object, got null',
    ]);
    expect(validateExportDocument(doc({ user: [] }))).toEqual(['$.user: expected an object, got an array']);
  });

  it('checks the format marker and the version first, alone', () => {
    expect(validateExportDocument([1])).toEqual(['$: expected a JSON object, got an array']);
    expect(validateExportDocument({ format: 'x', user: 3 })).toEqual(['$.format: expected "fittrack-export", got "x"']);
    expect(validateExportDocument(doc({ format_version: 3, user: 3 }))).toEqual(['$.format_version: expected 1 or 2, got 3']);
  });

  it('cuts a long string it quotes', () => {
    expect(validateExportDocument(doc({ health_metrics: [weighIn({ weight_kg: 'a'.repeat(60) })] }))).toEqual([`$.health_metrics[0].weight_kg: expected a number or null, got "${'a'.repeat(40)}…"`]);
  });

  it('lists at most the number of problems asked for, in document order', () => {
    const bad = doc({ health_metrics: Array.from({ length: 80 }, () => weighIn({ weight_kg: 'x' })) });
    const problems = validateExportDocument(bad);
    expect(problems).toHaveLength(50);
    expect(problems[49]).toBe('$.health_metrics[49].weight_kg: expected a number or null, got "x"');
    expect(validateExportDocument(bad, 3)).toHaveLength(3);
  });

  it('lets a field that may be null be absent (older documents), but not one that may not', () => {
    expect(validateExportDocument(doc({ health_metrics: [{ recorded_date: '2025-03-01', source: { file: 'log.md' } }], workout_sessions: [{ session_date: '2025-03-01', title: 'Run', session_type: 'cardio' }] }))).toEqual([]);
    expect(validateExportDocument(doc({ health_metrics: [{ weight_kg: 80 }] }))).toEqual(['$.health_metrics[0].recorded_date: missing']);
  });

  it('ignores keys it does not know, and keeps them in the document', () => {
    const d = doc({ comment: 'mine', health_metrics: [weighIn({ scale: 'Withings' })] });
    expect(validateExportDocument(d)).toEqual([]);
    expect((d.health_metrics as Rec[])[0]!.scale).toBe('Withings');
  });

  it('refuses a per_set that is not an array of sets in version 2', () => {
    expect(validateExportDocument(doc({ workout_sessions: [session({ exercises: [exercise({ per_set: null })] })] }))).toEqual(['$.workout_sessions[0].exercises[0].per_set: expected an array, got null']);
  });

  it('reads a version 1 document without the fields and sections version 2 added, whatever they hold there', () => {
    const strip = (kind: RecordKind, rec: Rec) => Object.fromEntries(Object.entries(rec).filter(([k]) => !(ADDED_IN_V2[kind] ?? []).includes(k)));
    const v1 = {
      ...doc({ format_version: 1, user: strip('user', user()) }),
      health_metrics: [strip('health_metrics', weighIn())],
      workout_sessions: [strip('workout_sessions', session({ exercises: [strip('exercises', exercise()), { ...strip('exercises', exercise()), per_set: 'ignored', rest_seconds: 'ignored' }] }))],
      exercise_definitions: 'not read from version 1',
      shares: [{ grantee: 7 }],
    };
    expect(validateExportDocument(v1)).toEqual([]);
    // The same values in a version 2 document are refused.
    expect(validateExportDocument({ ...v1, format_version: 2 })).toEqual([
      '$.exercise_definitions: expected an array, got "not read from version 1"',
      '$.workout_sessions[0].exercises[1].rest_seconds: expected a whole number or null, got "ignored"',
      '$.workout_sessions[0].exercises[1].per_set: expected an array, got "ignored"',
      '$.shares[0].grantee: expected a string, got 7',
      '$.shares[0].granted_at: missing',
    ]);
  });
});

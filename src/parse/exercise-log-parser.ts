/**
 * `exercise-log.md` (formerly `progress-check-in-log.md`): one table row per exercise; the rows
 * with the same date and workout name form one session, in file order.
 */
import { EXTRA_FIELDS } from '../domain/legacy-records.js';
import type { ExerciseRecord, ParseIssue, WorkoutRecord } from '../domain/legacy-records.js';
import { asSessionType, combineSessionTypes, inferSessionType } from '../domain/session-type.js';
import { exerciseSessionType, guessExerciseCategory } from '../domain/exercise.js';
import type { SessionType } from '../domain/session-type.js';
import { toKg, weightUnitOf } from '../domain/units.js';
import type { WeightUnit } from '../domain/units.js';
import { cellsByColumn, mapColumns, readNumber, readRowDate, stripEmphasis, textOrNull } from './cell-values.js';
import { extraColumnsOf, readExtraCells } from './extra-columns.js';
import { clip } from './markdown-reader.js';
import { splitSuperset } from './exercise-spec.js';
import { parseSetsReps } from './sets-reps.js';
import { shortRowWarning, unitlessWeightNote, walkTableFile } from './table-file.js';

const ALIASES = {
  date: /^(date|day)$/,
  phase: /^(phase|program phase|block|program)$/,
  workout: /^(workout|session|routine|workout name|title|type)$/,
  exercise: /^(exercise|exercises|movement|lift|activity)$/,
  setsReps: /^(sets ?x ?reps|sets ?[x×/] ?reps|sets|reps|volume|sets and reps|sets & reps)$/,
  load: /^(weight|load)$/,
  sessionType: /^(session type)$/,
  sessionNotes: /^(session notes)$/,
  notes: /^(notes?|comments?|remarks?)$/,
};

export const EXERCISE_HEADER = '| Date | Phase | Workout | Exercise | Sets x Reps | Notes |';

/** True when a table header is an exercise log's: a date and an exercise column. */
export function isExerciseHeader(header: string[], dateFromHeading = false): boolean {
  const map = mapColumns(header, ALIASES);
  return (map.index.date !== undefined || dateFromHeading) && map.index.exercise !== undefined;
}

export interface ExerciseLogOptions {
  /** The unit of a bare load (`3x8 @ 135`). Default: lb. */
  defaultWeightUnit?: WeightUnit;
}

/** Splits a superset label off an exercise name (the rule of log-workout specs). */
export { splitSuperset } from './exercise-spec.js';

interface Pending {
  record: WorkoutRecord;
  types: SessionType[];
  explicitType: SessionType | null;
}

/**
 * Parses an exercise log into workout sessions with their exercises.
 *
 * @example parseExerciseLog(text, 'exercise-log.md').records[0].exercises[0].raw → '3 x 12'
 */
export function parseExerciseLog(text: string, file: string, options: ExerciseLogOptions = {}): { records: WorkoutRecord[]; issues: ParseIssue[]; rowCount: number } {
  const sessions = new Map<string, Pending>();
  const rowIssues: ParseIssue[] = [];
  /** The date of the row above, for a blank or ditto (`"`, `same`) date cell. */
  let dateAbove: string | null = null;
  /** The first row whose Weight/Load column has a number without a unit, for the report. */
  let unitlessLine: number | null = null;
  const { issues, rowCount } = walkTableFile(text, file, { kindName: 'an exercise log', expectedHeader: EXERCISE_HEADER, accepts: isExerciseHeader }, (table, row, { headingDate }) => {
    const map = mapColumns(table.header, ALIASES);
    const cells = cellsByColumn(row.cells, row.cellCount, table.header.length, map.index.notes);
    const cell = (i: number | undefined) => (i === undefined ? '' : (cells[i] ?? ''));
    const line = row.line;
    const fail = (message: string, hint: string) => rowIssues.push({ file, line, severity: 'error', message, hint });

    const dateText = map.index.date === undefined ? (headingDate ?? '') : cell(map.index.date);
    const date = readRowDate(dateText, dateAbove);
    dateAbove = date;
    if (!date) return void fail(`Date "${clip(dateText)}" is not a date`, 'write dates as YYYY-MM-DD, e.g. 2025-03-04');
    const exerciseText = stripEmphasis(cell(map.index.exercise));
    if (textOrNull(exerciseText) === null) return void fail('Exercise is empty', 'name the exercise, e.g. Goblet Squat');
    const { label, name } = splitSuperset(exerciseText);
    if (name.length > 200) return void fail(`Exercise "${clip(name)}" is longer than 200 characters`, 'shorten the name and move the rest to Notes');
    if (row.cellCount < table.header.length) {
      // A missing cell moves every later one left: an Exercise that reads as sets is the sign.
      if (parseSetsReps(name).sets !== null) return void fail(`the row has ${row.cellCount} cells for the ${table.header.length} columns of its table, and its Exercise "${clip(name)}" reads as sets and reps: a cell is missing`, 'add the missing cell (an empty cell is | |)');
      rowIssues.push(shortRowWarning(file, row, table.header));
    }
    const workoutText = textOrNull(stripEmphasis(cell(map.index.workout)));
    const title = (workoutText ?? 'Workout').slice(0, 200);
    const phase = textOrNull(stripEmphasis(cell(map.index.phase)))?.slice(0, 100) ?? null;

    const raw = map.index.setsReps === undefined ? null : cell(map.index.setsReps);
    const sr = parseSetsReps(raw ?? '', { defaultWeightUnit: options.defaultWeightUnit ?? 'lb' });
    if (!sr.understood) {
      rowIssues.push({ file, line, severity: 'warning', message: `Sets x Reps "${clip(raw ?? '')}" was kept as written; no sets or reps could be read from it`, hint: 'write it like 3 x 10, 12/10/8, 3x8 @ 135 lbs or 45 minutes to get numbers' });
    }
    let weightKg = sr.weightKg;
    let weightUnit: WeightUnit | null = sr.weightUnit;
    const noteParts: string[] = [];
    if (map.index.load !== undefined) {
      const loadText = cell(map.index.load);
      const n = readNumber(loadText);
      const unit = n.kind === 'number' ? (n.unit ? weightUnitOf(n.unit) : map.unit.load ? weightUnitOf(map.unit.load) : (options.defaultWeightUnit ?? 'lb')) : null;
      if (n.kind === 'number' && !n.unit && !map.unit.load) unitlessLine ??= line;
      if (n.kind === 'number' && unit && weightKg === null && toKg(n.value, unit) <= 1000) {
        weightKg = toKg(n.value, unit);
        weightUnit = unit;
      } else if (textOrNull(loadText)) noteParts.push(`${table.header[map.index.load] ?? 'Weight'}: ${loadText}`);
    }
    const sessionColumns = extraColumnsOf(table.header, EXTRA_FIELDS.session);
    const exerciseColumns = extraColumnsOf(table.header, EXTRA_FIELDS.exercise);
    const sessionExtra = readExtraCells(sessionColumns, cells, file, line);
    if ('error' in sessionExtra) return void rowIssues.push(sessionExtra.error);
    const exerciseExtra = readExtraCells(exerciseColumns, cells, file, line);
    if ('error' in exerciseExtra) return void rowIssues.push(exerciseExtra.error);
    const typeText = textOrNull(stripEmphasis(cell(map.index.sessionType)));
    const typed = typeText ? asSessionType(typeText) : null;
    if (typeText && !typed) return void fail(`Session Type "${clip(typeText)}" is not a session type`, 'use strength, cardio, flexibility, martial_arts, sports, recovery or mixed, or leave it empty');

    const notes = textOrNull(cell(map.index.notes));
    if (notes) noteParts.unshift(notes);
    for (const u of map.unknown) {
      if (sessionColumns.some((c) => c.index === u.index) || exerciseColumns.some((c) => c.index === u.index)) continue;
      const v = textOrNull(cells[u.index]);
      if (v) noteParts.push(`${u.name}: ${v}`);
    }
    for (const v of row.extraCells) if (textOrNull(v)) noteParts.push(v);

    const key = `${date}\u0000${title}`;
    let session = sessions.get(key);
    if (!session) {
      const explicitType = typed ?? (workoutText ? asSessionType(workoutText) : null);
      session = {
        record: { sessionDate: date, title, sessionType: 'strength', programPhase: phase, notes: null, source: { file, line }, exercises: [] },
        types: [],
        explicitType,
      };
      sessions.set(key, session);
    }
    if (!session.record.programPhase && phase) session.record.programPhase = phase;
    const sessionNotes = textOrNull(cell(map.index.sessionNotes));
    if (!session.record.notes && sessionNotes) session.record.notes = sessionNotes;
    if (sessionColumns.length) {
      // A session's values may be written on any of its rows; the first one written counts.
      const extra = { ...session.record.extra };
      for (const [k, v] of Object.entries(sessionExtra.extra)) if (extra[k] === null || extra[k] === undefined) extra[k] = v;
      session.record.extra = extra;
    }
    const fromWorkout = workoutText ? inferSessionType(workoutText) : 'strength';
    session.types.push(fromWorkout !== 'strength' ? fromWorkout : exerciseSessionType(name, guessExerciseCategory(name), { distanceKm: sr.distanceKm, sets: sr.sets }));
    const exercise: ExerciseRecord = {
      exerciseName: name,
      supersetLabel: label,
      orderIndex: session.record.exercises.length + 1,
      sets: sr.sets,
      reps: sr.reps,
      repsPerSet: sr.repsPerSet,
      weightKg,
      weightUnit,
      durationSeconds: sr.durationSeconds,
      distanceKm: sr.distanceKm,
      notes: noteParts.length ? noteParts.join('; ') : null,
      raw: raw === null || raw.trim() === '' ? null : raw,
      ...(sr.perSet ? { perSet: sr.perSet } : {}),
      ...(exerciseColumns.length ? { extra: exerciseExtra.extra } : {}),
      source: { file, line },
    };
    session.record.exercises.push(exercise);
  });
  const records = [...sessions.values()].map((s) => {
    s.record.sessionType = s.explicitType ?? combineSessionTypes(s.types);
    return s.record;
  });
  if (unitlessLine !== null) rowIssues.push(unitlessWeightNote(file, unitlessLine, options.defaultWeightUnit ?? 'lb'));
  return { records, issues: [...issues, ...rowIssues].sort((a, b) => a.line - b.line), rowCount };
}

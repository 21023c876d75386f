/**
 * `exercise-log.md` (formerly `progress-check-in-log.md`): one table row per exercise; the rows
 * with the same date and workout name form one session, in file order.
 */
import { EXTRA_FIELDS } from '../domain/legacy-records.js';
import type { ExerciseRecord, ExtraValues, ParseIssue, WorkoutRecord } from '../domain/legacy-records.js';
import { asSessionType, combineSessionTypes, inferSessionType } from '../domain/session-type.js';
import { exerciseSessionType, guessExerciseCategory } from '../domain/exercise.js';
import type { SessionType } from '../domain/session-type.js';
import { toKg, weightUnitOf } from '../domain/units.js';
import { RULES } from '../domain/validation.js';
import { remembered } from '../domain/remembered.js';
import type { WeightUnit } from '../domain/units.js';
import { cellsByColumn, mapColumns, readNumber, readRowDate, stripEmphasis, textOrNull } from './cell-values.js';
import type { ColumnMap } from './cell-values.js';
import { extraColumnsOf, readExtraCells, readExtraValue } from './extra-columns.js';
import { clip } from './markdown-reader.js';
import { splitSuperset } from './exercise-spec.js';
import { parseSetsReps } from './sets-reps.js';
import type { SetsReps } from './sets-reps.js';
import { collectRecords, shortRowWarning, unitlessWeightNote, walkTableRows } from './table-file.js';
import type { RowContext } from './table-file.js';
import type { Table, TableRow } from './markdown-reader.js';

const ALIASES = {
  date: /^(date|day)$/,
  phase: /^(phase|program phase|block|program)$/,
  workout: /^(workout|session|routine|workout name|title|type)$/,
  exercise: /^(exercise|exercises|movement|lift|activity)$/,
  /** A Sets column beside a Reps column; alone, either holds the whole `3x10` as before. */
  sets: /^(sets|# ?sets|no\.? of sets|set count)$/,
  reps: /^(reps|repetitions|# ?reps|reps per set)$/,
  setsReps: /^(sets ?x ?reps|sets ?[x×/] ?reps|volume|sets and reps|sets & reps)$/,
  load: /^(weight|load|wt)$/,
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
  return collectRecords(exerciseLogRecords(text, file, options));
}

/**
 * Thrown by `exerciseLogRecords` when handing sessions over: a row starts a session of a day
 * whose sessions were already handed over (the file is not in date order, and the row may
 * belong to one of them), so the file must be read again without handing over.
 */
export class SplitSessionError extends Error {}

/**
 * The sessions of an exercise log, then (returned) the issues and the number of rows. Without
 * `handOver`, every session is held to the end of the file, since any later row may belong to
 * it. With it, the oldest open sessions are handed over as soon as a row of a later day is
 * read, so that a file in date order is never held whole (nor a list of what was handed over);
 * a row that starts a session of a day handed over throws `SplitSessionError`. The sessions
 * come in the same order either way.
 *
 * @example for (const w of exerciseLogRecords(text, 'exercise-log.md', {}, true)) …
 */
export function* exerciseLogRecords(text: string | Iterable<string>, file: string, options: ExerciseLogOptions = {}, handOver = false): Generator<WorkoutRecord, { issues: ParseIssue[]; rowCount: number }> {
  const sessions = new Map<string, Pending>();
  /** The last day whose sessions were handed over (when handing over). */
  let handedThrough: string | null = null;
  // Titles and exercise names repeat row after row: each is read for its kind once.
  const inferTitle = remembered(inferSessionType);
  const categoryOf = remembered(guessExerciseCategory);
  const rowIssues: ParseIssue[] = [];
  /** The date of the row above, for a blank or ditto (`"`, `same`) date cell. */
  let dateAbove: string | null = null;
  /** The first row whose Weight/Load column has a number without a unit, for the report. */
  let unitlessLine: number | null = null;
  const readRow = (table: Table, row: TableRow, { headingDate }: RowContext): void => {
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

    const noteParts: string[] = [];
    const split = splitColumns(map);
    const raw = split ? null : cell(map.index.setsReps ?? map.index.sets ?? map.index.reps);
    // With Sets and Reps columns, a load in the Reps cell (`5 @ 315`) is in the Weight column's unit.
    const loadUnit = split && map.unit.load ? weightUnitOf(map.unit.load) : null;
    let sr = parseSetsReps(split ? composeSetsReps(cell(map.index.sets), cell(map.index.reps)) : (raw ?? ''), { defaultWeightUnit: loadUnit ?? options.defaultWeightUnit ?? 'lb' });
    if (split && !sr.understood) {
      const [setsText, repsText] = [cell(map.index.sets), cell(map.index.reps)];
      // A bare count of sets with no reps (`| 3 | |`) is still the count.
      if (/^\d{1,3}$/.test(setsText.trim()) && textOrNull(repsText) === null && Number(setsText) >= 1 && Number(setsText) <= 100) sr = { ...parseSetsReps(''), sets: Number(setsText) };
      else {
        rowIssues.push({ file, line, severity: 'warning', message: `Sets "${clip(setsText)}" and Reps "${clip(repsText)}" were kept in the notes; no sets or reps could be read from them`, hint: 'write a number of sets, and reps like 10, 10/8/6 or 8-10' });
        for (const i of [map.index.sets!, map.index.reps!]) if (textOrNull(cells[i])) noteParts.push(`${table.header[i]}: ${cells[i]!.trim()}`);
      }
    } else if (split && /\d\s*(?:-|–|to)\s*\d/.test(cell(map.index.reps))) {
      // A rep range reads as its lower bound; the range is kept, as a `Sets x Reps` cell keeps it.
      noteParts.push(`${table.header[map.index.reps!]}: ${cell(map.index.reps).trim()}`);
    } else if (!sr.understood) {
      rowIssues.push({ file, line, severity: 'warning', message: `Sets x Reps "${clip(raw ?? '')}" was kept as written; no sets or reps could be read from it`, hint: 'write it like 3 x 10, 12/10/8, 3x8 @ 135 lbs or 45 minutes to get numbers' });
    }
    let weightKg = sr.weightKg;
    let weightUnit: WeightUnit | null = sr.weightUnit;
    if (map.index.load !== undefined) {
      const loadText = cell(map.index.load);
      const n = readNumber(loadText);
      const unit = n.kind === 'number' ? (n.unit ? weightUnitOf(n.unit) : map.unit.load ? weightUnitOf(map.unit.load) : (options.defaultWeightUnit ?? 'lb')) : null;
      if (n.kind === 'number' && !n.unit && !map.unit.load) unitlessLine ??= line;
      const header = table.header[map.index.load] ?? 'Weight';
      if (n.kind === 'number' && unit && weightKg === null && toKg(n.value, unit) <= RULES.liftWeightKg.max) {
        weightKg = toKg(n.value, unit);
        weightUnit = unit;
      } else if (textOrNull(loadText)) {
        if (n.kind === 'number' && unit && weightKg === null) rowIssues.push({ file, line, severity: 'warning', message: `Load ${n.value} ${unit} is outside the range 0–${RULES.liftWeightKg.max} kg; kept in the notes`, hint: 'fix the typo in the file, or leave the cell empty' });
        noteParts.push(`${header}: ${loadText}`);
      }
    }
    const sessionColumns = extraColumnsOf(table.header, EXTRA_FIELDS.session);
    const exerciseColumns = extraColumnsOf(table.header, EXTRA_FIELDS.exercise);
    const sessionExtra = readExtraCells(sessionColumns, cells, file, line);
    if ('error' in sessionExtra) return void rowIssues.push(sessionExtra.error);
    const exerciseExtra = readExtraCells(exerciseColumns, cells, file, line);
    if ('error' in exerciseExtra) return void rowIssues.push(exerciseExtra.error);
    const extra = exerciseColumns.length ? exerciseExtra.extra : undefined;
    const rpe = rpeOfCell(sr, extra, raw !== null, file, line, rowIssues, noteParts);
    const typeText = textOrNull(stripEmphasis(cell(map.index.sessionType)));
    const typed = typeText ? asSessionType(typeText) : null;
    if (typeText && !typed) return void fail(`Session Type "${clip(typeText)}" is not a session type`, 'use strength, cardio, flexibility, martial_arts, sports, recovery or mixed, or leave it empty');

    const notes = textOrNull(cell(map.index.notes));
    if (notes) noteParts.unshift(notes);
    for (const u of unknownOf(map)) {
      if (sessionColumns.some((c) => c.index === u.index) || exerciseColumns.some((c) => c.index === u.index)) continue;
      const v = textOrNull(cells[u.index]);
      if (v) noteParts.push(`${u.name}: ${v}`);
    }
    for (const v of row.extraCells) if (textOrNull(v)) noteParts.push(v);

    const key = `${date}\u0000${title}`;
    let session = sessions.get(key);
    if (!session) {
      if (handedThrough !== null && date <= handedThrough) throw new SplitSessionError(`${file}:${line}: a row of ${date} comes after sessions of later days`);
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
    const fromWorkout = workoutText ? inferTitle(workoutText) : 'strength';
    session.types.push(fromWorkout !== 'strength' ? fromWorkout : exerciseSessionType(name, categoryOf(name), { distanceKm: sr.distanceKm, sets: sr.sets }));
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
      ...(extra || rpe !== null ? { extra: rpe === null ? extra : { ...extra, rpe } } : {}),
      source: { file, line },
    };
    session.record.exercises.push(exercise);
  };
  const finish = (s: Pending): WorkoutRecord => {
    s.record.sessionType = s.explicitType ?? combineSessionTypes(s.types);
    return s.record;
  };
  const walk = walkTableRows(text, file, { kindName: 'an exercise log', expectedHeader: EXERCISE_HEADER, accepts: isExerciseHeader });
  let next = walk.next();
  for (; !next.done; next = walk.next()) {
    readRow(next.value.table, next.value.row, next.value.context);
    // Handing over: the oldest open sessions, while they are of a day before this row's.
    const day = dateAbove as string | null; // set by readRow
    if (handOver && day !== null) {
      for (const [key, s] of sessions) {
        if (s.record.sessionDate >= day) break;
        sessions.delete(key);
        if (handedThrough === null || s.record.sessionDate > handedThrough) handedThrough = s.record.sessionDate;
        yield finish(s);
      }
    }
  }
  for (const s of sessions.values()) yield finish(s);
  if (unitlessLine !== null) rowIssues.push(unitlessWeightNote(file, unitlessLine, options.defaultWeightUnit ?? 'lb'));
  return { issues: [...next.value.issues, ...rowIssues].sort((a, b) => a.line - b.line), rowCount: next.value.rowCount };
}

type ExerciseColumns = ColumnMap<keyof typeof ALIASES>;

/** True when the sets and the reps have a column each (`| Sets | Reps |`) and no `Sets x Reps` column. */
function splitColumns(map: ExerciseColumns): boolean {
  return map.index.sets !== undefined && map.index.reps !== undefined && map.index.setsReps === undefined;
}

/** The header's columns that no role reads: with a `Sets x Reps` column, a Sets or Reps column beside it too. */
function unknownOf(map: ExerciseColumns): ExerciseColumns['unknown'] {
  if (map.index.setsReps === undefined) return map.unknown;
  const extra = (['sets', 'reps'] as const).flatMap((role) => (map.index[role] === undefined ? [] : [{ index: map.index[role]!, name: map.header[map.index[role]!]!.trim() }]));
  return extra.length ? [...map.unknown, ...extra].sort((a, b) => a.index - b.index) : map.unknown;
}

/**
 * The cells of a Sets and a Reps column as one `Sets x Reps` text for the one grammar.
 *
 * @example composeSetsReps('3', '10/8/6') → '3 sets: 10/8/6'
 */
function composeSetsReps(setsText: string, repsText: string): string {
  const sets = textOrNull(stripEmphasis(setsText));
  const reps = textOrNull(stripEmphasis(repsText));
  if (sets === null) return reps === null ? '' : /^\d+$/.test(reps) ? `${reps} reps` : reps;
  if (reps === null) return sets;
  return /[,/]/.test(reps) ? `${sets} sets: ${reps}` : `${sets} x ${reps}`;
}

const RPE_FIELD = EXTRA_FIELDS.exercise.find((f) => f.column === 'rpe')!;

/**
 * The RPE written in the sets cell (`3x8 @225lbs RPE 8`), to store when the RPE column does not
 * give one: the column wins, with a warning when the two differ; out of range, a warning. An
 * RPE not stored stays in the cell kept as written, or else (Sets and Reps columns) in the notes.
 */
function rpeOfCell(sr: SetsReps, extra: ExtraValues | undefined, cellKept: boolean, file: string, line: number, issues: ParseIssue[], noteParts: string[]): number | null {
  if (sr.rpe === undefined || sr.rpe === null) return null;
  const where = cellKept ? 'the sets cell keeps it' : 'kept in the notes';
  const column = extra?.rpe;
  if (column !== undefined && column !== null) {
    if (column === sr.rpe) return null;
    issues.push({ file, line, severity: 'warning', message: `the RPE column says ${column} and the sets cell RPE ${sr.rpe}; the column's ${column} was stored (${where})`, hint: 'keep the RPE in one place' });
  } else {
    const r = readExtraValue(RPE_FIELD, String(sr.rpe));
    if (!('error' in r)) return r.value as number;
    issues.push({ file, line, severity: 'warning', message: `${r.error}; it was not stored (${where})`, hint: r.hint });
  }
  if (!cellKept) noteParts.push(`RPE ${sr.rpe}`);
  return null;
}

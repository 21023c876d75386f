/**
 * `fittrack log-workout`: logs a session with its exercises in one transaction, or lists and
 * shows logged sessions.
 */
import { withSqlUser, withUser, type GlobalOptions } from '../context.js';
import { askText, canPrompt, missingValue } from '../prompt.js';
import { printJson, printLine, say } from '../render/output.js';
import { printTable, type Cell } from '../render/table.js';
import { confirmationLine, renderWorkout, specOf, workoutJson, workoutListRow, workoutListTableOf } from '../render/workout-view.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { createWorkoutSession, findLastSessionByTitle, getWorkoutSession, listWorkoutSessions, eachWorkoutShown, type StoredWorkout } from '../../db/workout-repo.js';
import { parseDateInput } from '../../domain/dates.js';
import { decideSessionType } from '../../domain/exercise.js';
import { parseDurationInput } from '../../domain/quantity-input.js';
import { SESSION_TYPES, type SessionType } from '../../domain/session-type.js';
import { weightUnitFor, type WeightUnit } from '../../domain/units.js';
import { checkRange, checkText, checkTextLength, parseChoice, parseIdInput, parseNumberInRange, RULES } from '../../domain/validation.js';
import type { ExerciseEntry } from '../../domain/workout.js';
import { entryFromSpec, SPEC_EXAMPLES } from '../../parse/exercise-spec.js';

/** Options of `log-workout`, as commander hands them over. */
export interface LogWorkoutOptions {
  type?: string;
  phase?: string;
  week?: string;
  day?: string;
  duration?: string;
  intensity?: string;
  fatigue?: string;
  soreness?: string;
  note?: string;
  date?: string;
  json?: boolean;
  list?: boolean;
  show?: string;
  from?: string;
  to?: string;
  /** `-e/--exercise LINE`, repeatable: exercises given as options (after the positional ones). */
  exercise?: string[];
}

/** Runs `log-workout` with its arguments and options. */
export async function runLogWorkout(title: string | undefined, specs: string[], opts: LogWorkoutOptions, globals: GlobalOptions): Promise<void> {
  if (opts.list && opts.show !== undefined) throw new UsageError('--list and --show cannot be used together', 'give one of them');
  if (opts.list || opts.show !== undefined) {
    if (title !== undefined) throw new UsageError(`"${title}": --list and --show take no title or exercises`, 'run: fittrack log-workout --list  or  fittrack log-workout --show ID');
    if (opts.list) return listSessions(opts, globals);
    return showSession(opts.show!, opts, globals);
  }
  if ((opts.exercise?.length ?? 0) > 0 && (opts.list || opts.show !== undefined)) throw new UsageError('--exercise goes with logging a session, not --list or --show', 'run: fittrack log-workout "Upper A" -e "Bench 3x8@80kg"');
  if (opts.from !== undefined || opts.to !== undefined) throw new UsageError('--from and --to go with --list', 'run: fittrack log-workout --list --from 2025-03-01');
  return logSession(title, specs, opts, globals);
}

/** Reads a session id typed on the command line. */
export function parseId(field: string, text: string): number {
  return parseIdInput(field, text, { what: 'an id', fix: 'give the number shown in the ID column of the list' });
}

async function listSessions(opts: LogWorkoutOptions, globals: GlobalOptions): Promise<void> {
  const from = opts.from === undefined ? undefined : await parseDateInput(opts.from, { field: '--from', allowFuture: true });
  const to = opts.to === undefined ? undefined : await parseDateInput(opts.to, { field: '--to', allowFuture: true });
  if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`, 'give the earlier day with --from');
  // Portable SQL: on an existing SQLite file, and on PostgreSQL, the list is read without loading Knex.
  await withSqlUser(
    globals,
    async ({ sql, user }) => {
      if (opts.json) return printJson((await listWorkoutSessions(sql, user.id, { from, to })).map(workoutJson));
      // Each session becomes its row as soon as its exercises are read: ten years of exercises are never held at once.
      const unit = weightUnitFor(user.preferred_units);
      const rows: Cell[][] = [];
      await eachWorkoutShown(sql, user.id, { from, to }, (w) => rows.push(workoutListRow(w, unit)));
      if (rows.length === 0) return say('No workouts logged' + (from || to ? ' in that range' : ' yet') + ' — log one with: fittrack log-workout "Upper A" "Bench 3x8@80kg"');
      printTable(workoutListTableOf(rows));
    },
    { access: 'read' },
  );
}

async function showSession(idText: string, opts: LogWorkoutOptions, globals: GlobalOptions): Promise<void> {
  const id = parseId('--show', idText);
  await withUser(
    globals,
    async ({ db, user }) => {
      const w = await getWorkoutSession(db, user.id, id);
      if (!w) throw new NotFoundError(`no workout session #${id}`, 'see the ids with: fittrack log-workout --list');
      if (opts.json) return printJson(workoutJson(w));
      printLine(renderWorkout(w, weightUnitFor(user.preferred_units)));
    },
    { access: 'read' },
  );
}

/** The session fields read from the options, checked before anything is written. */
async function sessionFields(opts: LogWorkoutOptions, units: 'metric' | 'imperial') {
  const scale = (field: string, v: string | undefined) => (v === undefined ? null : parseNumberInRange(field, v, RULES.scale));
  let durationMinutes: number | null = null;
  if (opts.duration !== undefined) {
    const q = parseDurationInput(opts.duration, { field: '--duration', units });
    durationMinutes = checkRange('--duration (minutes)', q.value / 60, RULES.sessionDurationMinutes);
  }
  return {
    sessionType: opts.type === undefined ? null : parseChoice<SessionType>('--type', opts.type, SESSION_TYPES, { martial_art: 'martial_arts', sport: 'sports' }),
    programPhase: opts.phase === undefined ? null : checkText('--phase', opts.phase, { maxLength: 'label' }),
    programWeek: opts.week === undefined ? null : parseNumberInRange('--week', opts.week, RULES.programWeek),
    programDay: opts.day === undefined ? null : parseNumberInRange('--day', opts.day, RULES.programDay),
    durationMinutes,
    intensity: scale('--intensity', opts.intensity),
    fatigue: scale('--fatigue', opts.fatigue),
    soreness: scale('--soreness', opts.soreness),
    notes: opts.note === undefined ? null : checkTextLength('--note', opts.note, 'note'),
    sessionDate: await parseDateInput(opts.date ?? 'today', { field: '--date' }),
  };
}

async function askExercises(last: StoredWorkout | null, unit: WeightUnit): Promise<ExerciseEntry[]> {
  const entries: ExerciseEntry[] = [];
  say(last ? `Last "${last.title}" was on ${last.sessionDate}: press Enter to repeat an exercise, type a new one, or "done" to finish.` : 'Type one exercise per question, e.g. Bench 3x8@80kg rpe 8; "done" to finish.');
  for (let i = 0; ; i++) {
    const previous = last?.exercises[i];
    const answer = await askText<ExerciseEntry | null>({
      message: `Exercise ${i + 1}`,
      default: previous ? specOf(previous) : entries.length > 0 ? 'done' : undefined,
      parse: (text) => (/^\s*(done|\.|end|finish)\s*$/i.test(text) ? null : entryFromSpec(text, unit)),
    });
    if (answer === null) return entries;
    entries.push(answer);
  }
}

async function logSession(titleArg: string | undefined, positional: string[], opts: LogWorkoutOptions, globals: GlobalOptions): Promise<void> {
  const specs = [...positional, ...(opts.exercise ?? [])];
  // Asked only when something is missing: finding out whether a terminal is there costs a few ms.
  const interactive = () => canPrompt(globals);
  if (titleArg === undefined && !interactive()) throw missingValue({ name: 'title', example: 'fittrack log-workout "Upper A" "Bench 3x8@80kg"' }, globals);
  await withSqlUser(globals, async ({ sql, user }) => {
    const unit = weightUnitFor(user.preferred_units);
    const fields = await sessionFields(opts, user.preferred_units);
    let title = titleArg;
    if (title === undefined) title = await askText({ message: 'Workout title', parse: (t) => checkText('<title>', t.trim(), { maxLength: 'title' }) });
    checkText('<title>', title, { maxLength: 'title' });
    let exercises = specs.map((s) => entryFromSpec(s, unit));
    if (exercises.length === 0 && fields.durationMinutes === null) {
      if (!interactive()) {
        throw new UsageError(`"${title}": no exercises given`, `${SPEC_EXAMPLES}; or give --duration for a session without exercises, or run in a terminal to be asked`);
      }
      exercises = await askExercises(await findLastSessionByTitle(sql, user.id, title), unit);
      if (exercises.length === 0) throw new UsageError(`"${title}": no exercises given: nothing was written`, SPEC_EXAMPLES);
    }
    const added: string[] = [];
    const stored = await createWorkoutSession(sql, user.id, { ...fields, title, exercises }, (ex) => decideSessionType(title!, ex), (name) => added.push(name));
    if (opts.json) printJson(workoutJson(stored));
    say(confirmationLine(stored, unit));
    // A new name may be a typo of a known one: say so where it can be seen.
    for (const name of added) say(`new exercise: ${name} (added to the library; see: fittrack exercise list)`);
  });
}

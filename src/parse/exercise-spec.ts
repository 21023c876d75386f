/**
 * An exercise as typed on the `log-workout` command line:
 *
 *   [LABEL:] NAME [SETS-SPEC] [rpe N] [form N] [rest 90s] ["note"]
 *
 * e.g. `Bench 3x8@80kg rpe 8`, `A1: Pull-up 3xAMRAP`, `Run 45min 4.2km`,
 * `Deadlift 1x5@180kg form 7 "felt heavy"`. The sets spec itself is read by the `Sets x Reps`
 * grammar (`parseSetsReps`); this layer only splits the name, the label and the modifiers off.
 */
import { UsageError } from '../errors.js';
import { parseDurationSeconds, type WeightUnit } from '../domain/units.js';
import { isValidRpe, isValidScale, type ExerciseEntry } from '../domain/workout.js';
import { checkTextLength } from '../domain/validation.js';
import { parseSetsReps, type SetsReps } from './sets-reps.js';

export interface ExerciseSpec {
  supersetLabel: string | null;
  name: string;
  /** The sets/reps/load/time part as typed, '' when only a name was given. */
  setsText: string;
  setsReps: SetsReps;
  rpe: number | null;
  formQuality: number | null;
  restSeconds: number | null;
  notes: string | null;
}

export const EXERCISE_NAME_MAX = 200;
export const SPEC_EXAMPLES = 'write it like "Bench 3x8@80kg rpe 8", "Squat 5,5,5,3@100kg", "Bench 60x8, 70x6, 80x4", "A1: Pull-up 3xAMRAP", "Run 45min 4.2km" or "Deadlift 1x5@180kg form 7 \\"felt heavy\\""';

const NOTE_RE = /"([^"]*)"|“([^”]*)”/g;
const NUMBER = String.raw`(-?\d+(?:[.,]\d+)?)`;
const RPE_RE = new RegExp(String.raw`(?:^|\s)(?:@\s*)?rpe\s*[:=]?\s*${NUMBER}(?=\s|$)`, 'i');
const FORM_RE = new RegExp(String.raw`(?:^|\s)form\s*[:=]?\s*${NUMBER}(?=\s|$)`, 'i');
const REST_RE = /(?:^|\s)rest\s*[:=]?\s*(\d[\d:]*\s*(?:h|hrs?|hours?|m|min|mins|minutes?|s|sec|secs|seconds?)?)(?=\s|$)/i;

/**
 * The one superset label rule, for log-workout specs and legacy exercise cells alike: a letter
 * (either case, kept upper case) and up to two digits, then `:` or `)` and a space, before the
 * exercise name.
 *
 * @example splitSuperset('b12) Dips') → { label: 'B12', name: 'Dips' }
 */
export function splitSuperset(text: string): { label: string | null; name: string } {
  const m = /^([A-Za-z]\d{0,2})\s*[:)]\s+(\S.*)$/.exec(text.trim());
  return m ? { label: m[1]!.toUpperCase(), name: m[2]!.trim() } : { label: null, name: text.trim() };
}

/** Text ending in the last set of a set-by-set list (`60x8, 70x6, 80x4`): an RPE after it is that set's. */
const LAST_SET_OF_LIST_RE = /\d\s?(?:kgs?|lbs?)?\s?x\s?\d+[^,]*,.*\d\s?(?:kgs?|lbs?)?\s?x\s?\d+\s*$/i;

/** A word that looks like sets, reps or a load: `x8`, `-3x8`, `3×8`, `@80kg`, `-80kg`. */
const SETS_LIKE_RE = /^[-+]?\d*[x×]\d|@|^[-+]\d/i;

function cut(text: string, m: RegExpExecArray): string {
  return `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/\s+/g, ' ').trim();
}

/**
 * Reads one exercise spec; throws a UsageError naming the spec and the part that is wrong.
 *
 * @example parseExerciseSpec('A1: Bench 3x8@80kg rpe 8') → { supersetLabel: 'A1', name: 'Bench', setsReps: { sets: 3, reps: 8, weightKg: 80, … }, rpe: 8, … }
 */
export function parseExerciseSpec(text: string, opts: { defaultWeightUnit?: WeightUnit } = {}): ExerciseSpec {
  const where = `exercise "${text}"`;
  const notes: string[] = [];
  let rest = text.replace(NOTE_RE, (_all, a: string | undefined, b: string | undefined) => {
    notes.push(a ?? b ?? '');
    return ' ';
  });
  if (rest.includes('"')) throw new UsageError(`${where}: the note has no closing quote`, 'put the note in double quotes: "felt heavy"');
  rest = rest.replace(/\s+/g, ' ').trim();

  const { label: supersetLabel, name: unlabelled } = splitSuperset(rest);
  rest = unlabelled;

  let rpe: number | null = null;
  const rpeMatch = RPE_RE.exec(rest);
  if (rpeMatch && LAST_SET_OF_LIST_RE.test(rest.slice(0, rpeMatch.index))) {
    // `60x8 rpe 7, 70x6 rpe 8, 80x4 rpe 9`: the RPE after the last set of a list is that set's.
  } else if (rpeMatch) {
    rpe = Number(rpeMatch[1]!.replace(',', '.'));
    if (!isValidRpe(rpe)) throw new UsageError(`${where}: rpe ${rpeMatch[1]} is out of range`, 'RPE is 1 to 10 in steps of 0.5, e.g. rpe 8 or rpe 7.5');
    rest = cut(rest, rpeMatch);
  } else if (/(?:^|\s)@?rpe(?=$|\s(?!\s*[:=]?\s*\d))/i.test(rest)) {
    throw new UsageError(`${where}: rpe needs a number`, 'RPE is 1 to 10 in steps of 0.5, e.g. rpe 8 or rpe 7.5');
  }

  let formQuality: number | null = null;
  const formMatch = FORM_RE.exec(rest);
  if (formMatch) {
    formQuality = Number(formMatch[1]!.replace(',', '.'));
    if (!isValidScale(formQuality)) throw new UsageError(`${where}: form ${formMatch[1]} is out of range`, 'form is a whole number from 1 to 10, e.g. form 7');
    rest = cut(rest, formMatch);
  }

  let restSeconds: number | null = null;
  const restMatch = REST_RE.exec(rest);
  if (restMatch) {
    const raw = restMatch[1]!.trim();
    restSeconds = parseDurationSeconds(raw, 's');
    if (restSeconds === null || restSeconds > 86400) throw new UsageError(`${where}: rest ${raw} is not a rest time`, 'write the rest between sets like rest 90s, rest 2min or rest 1:30');
    rest = cut(rest, restMatch);
  }

  // The name runs up to the first word that starts with a number or a load (`3x8`, `45min`, `@80kg`).
  const split = /(?:^|\s)(?=[\d@])/.exec(rest);
  let name = (split ? rest.slice(0, split.index) : rest).trim();
  let setsText = (split ? rest.slice(split.index) : '').trim();
  // `Pull-up AMRAP`, `Plank to failure`: a trailing effort word belongs to the sets, not the name.
  const effort = /\s+((?:amrap|max reps|to failure|bodyweight|bw))$/i.exec(name);
  if (effort && !setsText) {
    setsText = effort[1]!;
    name = name.slice(0, effort.index).trim();
  }
  if (name === '') throw new UsageError(`${where}: no exercise name`, SPEC_EXAMPLES);
  // `Bench -3x8@80kg`, `Curl x8`: sets-like text the grammar did not take must not become part of a name.
  const setsLike = name.split(' ').find((word) => SETS_LIKE_RE.test(word));
  if (setsLike !== undefined) {
    throw new UsageError(`${where}: cannot read "${setsLike}" at character ${text.indexOf(setsLike) + 1} as sets, reps or load`, SPEC_EXAMPLES);
  }
  if (name.length > EXERCISE_NAME_MAX) throw new UsageError(`${where}: the name is longer than ${EXERCISE_NAME_MAX} characters`, 'shorten the exercise name');

  const setsReps = parseSetsReps(setsText, { defaultWeightUnit: opts.defaultWeightUnit });
  if (!setsReps.understood) {
    const at = text.indexOf(setsText);
    throw new UsageError(`${where}: cannot read "${setsText}"${at >= 0 ? ` at character ${at + 1}` : ''} as sets, reps, load, time or distance`, SPEC_EXAMPLES);
  }
  return {
    supersetLabel,
    name,
    setsText,
    setsReps,
    rpe,
    formQuality,
    restSeconds,
    notes: notes.length > 0 ? notes.join(' ') : null,
  };
}

/**
 * An exercise spec typed by the user as the entry to store (its text no longer than a note).
 *
 * @example entryFromSpec('Bench 3x8@80kg', 'kg') → { exerciseName: 'Bench', sets: 3, reps: 8, weightKg: 80, … }
 */
export function entryFromSpec(text: string, unit: WeightUnit): ExerciseEntry {
  checkTextLength('<exercise>', text, 'note');
  const spec = parseExerciseSpec(text, { defaultWeightUnit: unit });
  const sr = spec.setsReps;
  return {
    exerciseName: spec.name,
    supersetLabel: spec.supersetLabel,
    sets: sr.sets,
    reps: sr.reps,
    repsPerSet: sr.repsPerSet,
    weightKg: sr.weightKg,
    weightUnit: sr.weightUnit,
    restSeconds: spec.restSeconds,
    durationSeconds: sr.durationSeconds,
    distanceKm: sr.distanceKm,
    rpe: spec.rpe,
    formQuality: spec.formQuality,
    notes: spec.notes,
    ...(sr.perSet ? { perSet: sr.perSet } : {}),
  };
}

/**
 * The `Sets x Reps` grammar of the legacy exercise log, as a pure function.
 *
 * A cell is free text. What can be read becomes numbers (canonical units: kg, seconds, km);
 * what cannot is reported with `understood: false` so the caller keeps the text verbatim.
 * The parser never throws.
 */
import { distanceUnitOf, parseDurationSeconds, toKg, toKm, weightUnitOf } from '../domain/units.js';
import type { WeightUnit } from '../domain/units.js';
import { isValidRpe, SET_TYPE_WORD, summarizeSets, type ExerciseSet, type SetType } from '../domain/workout.js';
import { isEmptyCell } from './cell-values.js';

export interface SetsReps {
  sets: number | null;
  /** The reps of every set when all sets have the same count, else null. */
  reps: number | null;
  /** Each set's reps where known, else null. */
  repsPerSet: number[] | null;
  weightKg: number | null;
  /** The unit the load was written in. */
  weightUnit: WeightUnit | null;
  bodyweight: boolean;
  /** Time of the work: the whole duration for timed work, the hold of one set for holds. */
  durationSeconds: number | null;
  /** The hold of one set (`3 x 30s`, `3 sets, hold for 30 seconds`), else null. */
  holdSeconds?: number | null;
  /** The whole distance, or the distance of one set for intervals (`6x100m`: 6 sets of 0.1 km). */
  distanceKm: number | null;
  toFailure: boolean;
  amrap: boolean;
  /** An RPE written in the cell (`@225lbs RPE 8`, `3x5@100kg @8`). */
  rpe?: number | null;
  /** Each set as written, for a cell written set by set (`60x8, 70x6, 80x4`); the fields above are then its summary. */
  perSet?: ExerciseSet[] | null;
  /** False when the text could not be read: keep it verbatim and trust none of the numbers. */
  understood: boolean;
}

export interface SetsRepsOptions {
  /** The unit of a bare load such as `@ 135`. Default: kg. */
  defaultWeightUnit?: WeightUnit;
}

/** Sets and reps above these are typos, not training (the database refuses them too). */
const MAX_SETS = 100;
const MAX_REPS = 10000;
const MAX_DURATION_SECONDS = 86400 * 2;
const MAX_DISTANCE_KM = 1000;
const MAX_LOAD_KG = 1000;


function blank(): SetsReps {
  return {
    sets: null,
    reps: null,
    repsPerSet: null,
    weightKg: null,
    weightUnit: null,
    bodyweight: false,
    durationSeconds: null,
    holdSeconds: null,
    distanceKm: null,
    toFailure: false,
    amrap: false,
    understood: true,
  };
}

function notUnderstood(): SetsReps {
  return { ...blank(), understood: false };
}

const NUM = String.raw`\d+(?:\.\d+)?`;
const LOAD_RE = new RegExp(String.raw`\s*@\s*(${NUM})\s*(lbs?|kgs?|pounds?|kilos?|#)?(?![a-z])\s*(?:each|per hand|per side)?`, 'i');
const BODYWEIGHT_RE = /\s*\(?\b(?:bodyweight|body weight|bw)\b\)?\s*/i;
const FAILURE_RE = /\s*[,;(]?\s*(?:to|till|until)\s+failure\)?\s*/i;
const AMRAP_RE = /^(?:amrap|max(?:\s+reps)?)$/i;
const RPE_IN_CELL_RE = /(?:^|\s)@?\s?rpe\s?[:=]?\s?(\d{1,2}(?:\.5)?)(?![\d.])/i;
const BW_PLUS_RE = /\b(?:bw|bodyweight)\s?\+\s?(\d{1,4}(?:\.\d{1,2})?)\s?(kgs?|lbs?)\b/i;
const EQUIPMENT_LOAD_RE = /(?:^|\s)(\d{1,4}(?:\.\d{1,2})?)\s?(kgs?|lbs?)\s?(?:dbs?|dumbbells?|kbs?|kettlebells?)\b/i;
const SIDE_SUFFIX_RE = /\s*(?:each side|per side|each arm|per arm|each leg|per leg|each|per side)\s*$/i;

/**
 * Reads a `Sets x Reps` cell.
 *
 * @example parseSetsReps('3x8 @ 135 lbs') → { sets: 3, reps: 8, repsPerSet: [8,8,8], weightKg: 61.23…, weightUnit: 'lb', … }
 */
export function parseSetsReps(text: string, options: SetsRepsOptions = {}): SetsReps {
  // No catch-all here: the grammar must not throw on any text (a property test holds it to that).
  return parse(String(text ?? ''), options);
}

function parse(text: string, options: SetsRepsOptions): SetsReps {
  let t = text
    .replace(/[×✕✖]/g, 'x')
    .replace(/\*\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  // `20'` is twenty minutes.
  if (t.includes("'")) t = t.replace(/(\d) ?'(?!')/g, '$1 min');
  if (isEmptyCell(t)) return blank();
  const out = blank();
  const bySet = perSetList(t, options);
  if (bySet) return bySet;
  // Hand-kept forms: `3*8` is 3x8, `BW+10kg` is bodyweight with 10 kg added, `45lb DBs` a load
  // without `@`, and an RPE written in the cell (`@225lbs RPE 8`).
  if (t.includes('*')) t = t.replace(/(\d) ?\* ?(\d)/g, '$1x$2');
  const rpe = RPE_IN_CELL_RE.exec(t);
  if (rpe) {
    out.rpe = Number(rpe[1]);
    t = (t.slice(0, rpe.index) + t.slice(rpe.index + rpe[0].length)).trim();
  } else {
    // `3x5@100kg @8`: a second `@` after the load is the RPE.
    const at = t.lastIndexOf('@');
    const second = at > 0 && t.lastIndexOf('@', at - 1) !== -1 ? /^ ?(\d{1,2}(?:\.5)?)$/.exec(t.slice(at + 1)) : null;
    if (second) {
      out.rpe = Number(second[1]);
      t = t.slice(0, at).trim();
    }
  }
  if (t.includes('+')) t = t.replace(BW_PLUS_RE, ' bw @ $1$2 ').trim();
  t = t.replace(EQUIPMENT_LOAD_RE, ' @ $1$2 ').trim();

  const load = LOAD_RE.exec(t);
  if (load) {
    const value = Number(load[1]);
    const unit = load[2] ? weightUnitOf(load[2]) : (options.defaultWeightUnit ?? 'kg');
    if (!unit || !Number.isFinite(value)) return notUnderstood();
    const kg = toKg(value, unit);
    if (kg > MAX_LOAD_KG) return notUnderstood();
    out.weightKg = kg;
    out.weightUnit = unit;
    t = (t.slice(0, load.index) + ' ' + t.slice(load.index + load[0].length)).trim();
  }
  const bw = BODYWEIGHT_RE.exec(t);
  if (bw) {
    out.bodyweight = true;
    t = (t.slice(0, bw.index) + ' ' + t.slice(bw.index + bw[0].length)).trim();
  }
  const failure = FAILURE_RE.exec(t);
  if (failure) {
    out.toFailure = true;
    t = (t.slice(0, failure.index) + ' ' + t.slice(failure.index + failure[0].length)).trim();
  }
  t = t.replace(SIDE_SUFFIX_RE, '').replace(/[.,;]+$/, '').trim();
  const lower = t.toLowerCase();

  if (lower === '') {
    // Only a load, `bodyweight` or `to failure`: still understood.
    return load || bw || failure ? out : notUnderstood();
  }
  if (AMRAP_RE.test(lower)) {
    out.amrap = true;
    return out;
  }

  let m: RegExpExecArray | null;
  // 3x10, 3 x 10 reps, 3 sets of 10, 3 sets of 10 reps, 3 sets x 10
  m = /^(\d+)\s*(?:x|sets? of|sets? x|sets?,)\s*(\d+)\s*(?:reps?)?$/.exec(lower);
  if (m) return withEvenSets(out, Number(m[1]), Number(m[2]));

  // 3x8-10: a rep range, read as its lower bound (the cell keeps the range)
  m = /^(\d+)\s*(?:x|sets? of)\s*(\d+)\s*(?:-|–|to)\s*(\d+)\s*(?:reps?)?$/.exec(lower);
  if (m && Number(m[2]) <= Number(m[3])) return withEvenSets(out, Number(m[1]), Number(m[2]));

  // 2x(8+8): reps per side
  m = /^(\d+)\s*x\s*\(\s*(\d+)\s*\+\s*(\d+)\s*\)\s*(?:reps?)?$/.exec(lower);
  if (m && m[2] === m[3]) return withEvenSets(out, Number(m[1]), Number(m[2]));

  // 3xAMRAP, 3 sets of max reps, 3 x failure
  m = /^(\d+)\s*(?:x|sets? of|sets? x)\s*(amrap|max(?: reps)?|failure)$/.exec(lower);
  if (m) {
    if (!setsOk(Number(m[1]))) return notUnderstood();
    out.sets = Number(m[1]);
    if (m[2] === 'failure') out.toFailure = true;
    else out.amrap = true;
    return out;
  }

  // 6x100m, 4 x 1 km: intervals, each set a distance (metres are `m`; minutes are `min` or `'`)
  m = /^(\d+)\s*(?:x|sets? of)\s*(\d+(?:\.\d+)?)\s*(m|metres?|meters?|km|mi|miles?)$/.exec(lower);
  if (m) {
    const unit = distanceUnitOf(m[3]!);
    const perSetKm = unit ? toKm(Number(m[2]), unit) : Infinity;
    if (!setsOk(Number(m[1])) || perSetKm * Number(m[1]) > MAX_DISTANCE_KM) return notUnderstood();
    out.sets = Number(m[1]);
    out.distanceKm = perSetKm;
    return out;
  }

  // 3 x 30s, 3 x 1 min, 3x5', 3 sets, hold for 30 seconds, 3 sets of 30 seconds
  m = /^(\d+)\s*(?:x|sets? of|sets? x|sets?,?\s*(?:hold|holding|held)?\s*(?:for)?)\s*(\d.*)$/.exec(lower);
  if (m) {
    const hold = parseDurationSeconds(m[2]!);
    if (hold !== null) {
      if (!setsOk(Number(m[1])) || hold > MAX_DURATION_SECONDS) return notUnderstood();
      out.sets = Number(m[1]);
      out.holdSeconds = hold;
      out.durationSeconds = hold;
      return out;
    }
  }

  // 3 sets: 15, 12, 10 reps
  m = /^(\d+)\s*sets?\s*[:,-]?\s*(\d+(?:\s*[,/]\s*\d+)+)\s*(?:reps?)?$/.exec(lower);
  if (m) {
    const list = listOf(m[2]!);
    const stated = Number(m[1]);
    if (!list || list.length !== stated) return notUnderstood();
    return withUnevenSets(out, list);
  }

  // 12/10/8, 5,5,5,3, 12-10-8 reps
  m = /^(\d+(?:\s*[,/]\s*\d+)+)\s*(?:reps?)?$/.exec(lower);
  if (m) {
    const list = listOf(m[1]!);
    return list ? withUnevenSets(out, list) : notUnderstood();
  }

  // 10 reps
  m = /^(\d+)\s*reps?$/.exec(lower);
  if (m) {
    const reps = Number(m[1]);
    if (reps > MAX_REPS) return notUnderstood();
    out.sets = 1;
    out.reps = reps;
    out.repsPerSet = [reps];
    return out;
  }

  // 45 minutes, 1h30, 2 hours, 7:45 (but a bare `2000m` is metres, not minutes)
  const duration = /^\d+(?:\.\d+)?\s*m$/.test(lower) ? null : parseDurationSeconds(lower);
  if (duration !== null) {
    if (duration > MAX_DURATION_SECONDS) return notUnderstood();
    out.durationSeconds = duration;
    return out;
  }

  // 5km, 4.2 km, 2000m, 3 mi, Row 2000m 7:45, 5 km in 28 min
  return cardio(out, lower);
}

/** The words after a set that say its type (`40x10 warmup`). */
const SET_TYPE_WORDS: Record<string, SetType> = {
  ...Object.fromEntries(Object.entries(SET_TYPE_WORD).filter(([, w]) => w !== '').map(([type, word]) => [word, type as SetType])),
  'warm-up': 'warmup',
  dropset: 'dropset',
};
/** One set of a set-by-set cell: `LOAD[unit] x REPS`, then `@rpe N` (or `rpe N`) and a type word. */
const SET_ITEM_RE = /^(\d+(?:\.\d+)?) ?(kgs?|lbs?)? ?x ?(\d+)(?: ?@? ?rpe ?(\d+(?:\.\d+)?))?(?: (warm-?up|drop(?:set)?|failure))?$/;

/**
 * A cell written set by set: `60x8, 70x6, 80x4`, `60kg x 8, 70kg x 6`, `135lbx5@rpe7, 155lbx3@rpe8.5`,
 * `40x10 warmup, 80x5, 60x8 drop`. Two or more sets separated by commas, or a single set whose
 * load has its unit (`100kg x 5`: a bare `100x5` is a hundred sets of five). Null when the text
 * is not of this form; not understood when it is but a value is out of range.
 */
function perSetList(t: string, options: SetsRepsOptions): SetsReps | null {
  const items = t.toLowerCase().split(/ ?, ?/);
  const matches = items.map((i) => SET_ITEM_RE.exec(i.trim()));
  if (matches.some((m) => m === null)) return null;
  if (items.length < 2 && !matches[0]![2]) return null;
  if (!setsOk(items.length)) return notUnderstood();
  const named = matches.find((m) => m![2])?.[2];
  const exerciseUnit: WeightUnit = (named && weightUnitOf(named)) || (options.defaultWeightUnit ?? 'kg');
  const sets: ExerciseSet[] = [];
  for (const m of matches) {
    const unit = (m![2] && weightUnitOf(m![2])) || exerciseUnit;
    const kg = toKg(Number(m![1]), unit);
    const reps = Number(m![3]);
    const rpe = m![4] === undefined ? null : Number(m![4]);
    if (!(kg <= MAX_LOAD_KG) || reps > MAX_REPS || (rpe !== null && !isValidRpe(rpe))) return notUnderstood();
    sets.push({ setType: m![5] ? SET_TYPE_WORDS[m![5]]! : 'normal', reps, weightKg: kg, rpe, durationSeconds: null, distanceKm: null });
  }
  return { ...blank(), ...summarizeSets(sets), weightUnit: exerciseUnit, perSet: sets };
}

function setsOk(sets: number): boolean {
  return Number.isInteger(sets) && sets >= 1 && sets <= MAX_SETS;
}

function withEvenSets(out: SetsReps, sets: number, reps: number): SetsReps {
  if (!setsOk(sets) || reps > MAX_REPS) return notUnderstood();
  out.sets = sets;
  out.reps = reps;
  out.repsPerSet = Array.from({ length: sets }, () => reps);
  return out;
}

function withUnevenSets(out: SetsReps, list: number[]): SetsReps {
  if (!setsOk(list.length) || list.some((r) => r > MAX_REPS)) return notUnderstood();
  out.sets = list.length;
  out.repsPerSet = list;
  out.reps = list.every((r) => r === list[0]) ? list[0]! : null;
  return out;
}

function listOf(text: string): number[] | null {
  const parts = text.split(/\s*[,/]\s*/).map((p) => Number(p));
  return parts.every((n) => Number.isInteger(n)) ? parts : null;
}

const DISTANCE_RE = new RegExp(String.raw`(?:^|\s)(${NUM})\s*(km|kms|kilometres?|kilometers?|mi|miles?|m|metres?|meters?|k)(?![a-z])`);
const CLOCK_RE = /(?:^|\s)(?:in\s+)?(\d+:[0-5]\d(?::[0-5]\d)?)(?![\d:])/;
const WORDS_DURATION_RE = new RegExp(String.raw`(?:^|\s)(?:in\s+)?(${NUM}\s*(?:h|hrs?|hours?|min|mins|minutes?|s|sec|secs|seconds?)(?:\s*\d+\s*(?:m|min|mins|minutes?|s|sec|secs|seconds?)?)?)(?![a-z])`);

function cardio(out: SetsReps, lower: string): SetsReps {
  const distance = DISTANCE_RE.exec(lower);
  if (!distance) return notUnderstood();
  const unit = distanceUnitOf(distance[2]!);
  const value = Number(distance[1]);
  if (!unit || !Number.isFinite(value)) return notUnderstood();
  const km = toKm(value, unit);
  if (km > MAX_DISTANCE_KM) return notUnderstood();
  out.distanceKm = km;
  let rest = (lower.slice(0, distance.index) + ' ' + lower.slice(distance.index + distance[0].length)).trim();
  const clock = CLOCK_RE.exec(rest) ?? WORDS_DURATION_RE.exec(rest);
  if (clock) {
    const seconds = parseDurationSeconds(clock[1]!);
    if (seconds === null || seconds > MAX_DURATION_SECONDS) return notUnderstood();
    out.durationSeconds = seconds;
    rest = (rest.slice(0, clock.index) + ' ' + rest.slice(clock.index + clock[0].length)).trim();
  }
  // What is left may only be the activity's name (`Row 2000m 7:45`), no further numbers.
  if (/\d/.test(rest)) return notUnderstood();
  return out;
}

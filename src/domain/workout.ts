/**
 * Workout sessions and their exercises as domain records, and the numbers derived from them:
 * volume (Σ reps × load), average RPE, pace, estimated one-rep maxima. Pure: no I/O.
 */
import type { SessionType } from './session-type.js';
import type { WeightUnit } from './units.js';
import { KM_PER_MI } from './units.js';

/** What a set was: a working set, a warm-up, a drop set, or a set taken to failure. */
export const SET_TYPES = ['normal', 'warmup', 'dropset', 'failure'] as const;
export type SetType = (typeof SET_TYPES)[number];
/** The word written after a set to give its type (`40x10 warmup`); a normal set has none. */
export const SET_TYPE_WORD: Record<SetType, string> = { normal: '', warmup: 'warmup', dropset: 'drop', failure: 'failure' };

/**
 * One set of an exercise, as done (canonical units: kg, seconds, km). Its position is its place
 * in the exercise's list of sets. The load is in the unit of its exercise (`weightUnit`).
 */
export interface ExerciseSet {
  setType: SetType;
  reps: number | null;
  weightKg: number | null;
  rpe: number | null;
  durationSeconds: number | null;
  distanceKm: number | null;
}

/** A set with only what `3x8@80kg`-style summaries say. @example plainSet(8, 80) → { setType: 'normal', reps: 8, weightKg: 80, … } */
export function plainSet(reps: number | null, weightKg: number | null, more: Partial<ExerciseSet> = {}): ExerciseSet {
  return { setType: 'normal', reps, weightKg, rpe: null, durationSeconds: null, distanceKm: null, ...more };
}

/** One exercise as logged inside a session. Canonical units: kg, seconds, km. */
export interface ExerciseEntry {
  exerciseName: string;
  supersetLabel: string | null;
  sets: number | null;
  /** The reps of every set when all sets have the same count, else null. */
  reps: number | null;
  repsPerSet: number[] | null;
  weightKg: number | null;
  weightUnit: WeightUnit | null;
  restSeconds: number | null;
  durationSeconds: number | null;
  distanceKm: number | null;
  rpe: number | null;
  formQuality: number | null;
  notes: string | null;
  /**
   * Each set as done, when the exercise was logged set by set (a pyramid, per-set RPE, set
   * types); empty or absent when the summary above says it all. When present it is the source
   * every number (volume, e1RM, PRs) is computed from, and the summary is derived from it
   * (`summarizeSets`).
   */
  perSet?: ExerciseSet[];
}

/** A workout session with its exercises in the order they were done. */
export interface WorkoutSession {
  sessionDate: string;
  title: string;
  sessionType: SessionType;
  programPhase: string | null;
  programWeek: number | null;
  programDay: number | null;
  durationMinutes: number | null;
  intensity: number | null;
  fatigue: number | null;
  soreness: number | null;
  notes: string | null;
  exercises: ExerciseEntry[];
}

type SetsSource = Pick<ExerciseEntry, 'sets' | 'reps' | 'repsPerSet' | 'weightKg'> & { perSet?: ExerciseSet[] | null };

/**
 * The summary columns an exercise logged set by set keeps beside its sets: the number of sets,
 * the reps of each (and the common count when all are equal), and its load: the heaviest
 * working set (warm-ups count only when every set is one).
 *
 * @example summarizeSets([plainSet(8, 60), plainSet(6, 70), plainSet(4, 80)]) → { sets: 3, reps: null, repsPerSet: [8, 6, 4], weightKg: 80 }
 */
export function summarizeSets(sets: readonly ExerciseSet[]): { sets: number | null; reps: number | null; repsPerSet: number[] | null; weightKg: number | null } {
  if (sets.length === 0) return { sets: null, reps: null, repsPerSet: null, weightKg: null };
  const reps = sets.every((s) => s.reps !== null) ? sets.map((s) => s.reps!) : null;
  const working = sets.some((s) => s.setType !== 'warmup') ? sets.filter((s) => s.setType !== 'warmup') : sets;
  const loads = working.map((s) => s.weightKg).filter((w): w is number => w !== null);
  return {
    sets: sets.length,
    reps: reps && reps.every((r) => r === reps[0]) ? reps[0]! : null,
    repsPerSet: reps,
    weightKg: loads.length === 0 ? null : Math.max(...loads),
  };
}

/**
 * The sets of an exercise with their loads: its per-set rows when it has them, else one set per
 * rep count of its summary, all at its load.
 *
 * @example setsOf({ sets: 2, reps: 5, repsPerSet: null, weightKg: 100 }) → [plainSet(5, 100), plainSet(5, 100)]
 */
export function setsOf(e: SetsSource): ExerciseSet[] {
  if (e.perSet && e.perSet.length > 0) return e.perSet;
  const reps = repsOf(e);
  return reps ? reps.map((r) => plainSet(r, e.weightKg)) : [];
}

/** The RPE of an exercise: as logged, else that of its hardest set. @example rpeOf({ rpe: null, perSet: [{ rpe: 7 }, { rpe: 9 }] }) → 9 */
export function rpeOf(e: Pick<ExerciseEntry, 'rpe'> & { perSet?: ExerciseSet[] | null }): number | null {
  if (e.rpe !== null) return e.rpe;
  const rpes = (e.perSet ?? []).map((s) => s.rpe).filter((r): r is number => r !== null);
  return rpes.length === 0 ? null : Math.max(...rpes);
}

/** The reps of every set of an exercise, when known. @example repsOf({ sets: 3, reps: 8, repsPerSet: null }) → [8, 8, 8] */
export function repsOf(e: Pick<ExerciseEntry, 'sets' | 'reps' | 'repsPerSet'> & { perSet?: ExerciseSet[] | null }): number[] | null {
  if (e.perSet && e.perSet.length > 0 && e.perSet.every((s) => s.reps !== null)) return e.perSet.map((s) => s.reps!);
  if (e.repsPerSet && e.repsPerSet.length > 0) return e.repsPerSet;
  if (e.sets !== null && e.reps !== null) {
    // A plain loop: lists call this for every exercise of years of sessions, and Array.from's generic path is slow.
    const reps: number[] = [];
    for (let i = 0, n = Math.floor(e.sets); i < n; i++) reps.push(e.reps);
    return reps;
  }
  return null;
}

/** One set as performed. */
export interface LiftSet {
  readonly date: string;
  readonly exercise: string;
  readonly weightKg: number;
  readonly reps: number;
}

/**
 * Splits logged exercises into the sets lifted with a load: its own sets when logged set by set
 * (each at its own load), else each entry of `repsPerSet`, else `sets` × `reps`, else one set of `reps`.
 *
 * @example liftSetsOf({ date: 'd', exercise: 'Squat', weightKg: 100, sets: 3, reps: 5, repsPerSet: null }).length → 3
 */
export function liftSetsOf(log: { date: string; exercise: string; weightKg: number | null; sets: number | null; reps: number | null; repsPerSet: number[] | null; perSet?: ExerciseSet[] | null }): LiftSet[] {
  if (log.perSet && log.perSet.length > 0) {
    return log.perSet.filter((s) => s.weightKg !== null && s.reps !== null && s.reps > 0).map((s) => ({ date: log.date, exercise: log.exercise, weightKg: s.weightKg!, reps: s.reps! }));
  }
  if (log.weightKg === null) return [];
  const w = log.weightKg;
  const reps = repsOf(log) ?? (log.reps !== null ? [log.reps] : []);
  // Sets alike in a row (3×5) share one read-only record: years of history make one per exercise logged, not per set.
  const out: LiftSet[] = [];
  let last: LiftSet | undefined;
  for (const r of reps) {
    if (!(r > 0)) continue;
    if (last === undefined || last.reps !== r) last = { date: log.date, exercise: log.exercise, weightKg: w, reps: r };
    out.push(last);
  }
  return out;
}

/**
 * Volume of one exercise in kg: Σ reps × load over its sets, or null without a load or reps.
 *
 * @example exerciseVolumeKg({ sets: 3, reps: 8, repsPerSet: [8, 8, 8], weightKg: 80 }) → 1920
 */
export function exerciseVolumeKg(e: SetsSource): number | null {
  if (e.perSet && e.perSet.length > 0) {
    // Every set with a load and reps counts, warm-ups included (as the apps people come from count it).
    const counted = e.perSet.filter((s) => s.reps !== null && s.weightKg !== null && s.weightKg > 0);
    return counted.length === 0 ? null : counted.reduce((sum, s) => sum + s.reps! * s.weightKg!, 0);
  }
  const reps = repsOf(e);
  if (!reps || e.weightKg === null || e.weightKg <= 0) return null;
  return reps.reduce((sum, r) => sum + r, 0) * e.weightKg;
}

/**
 * Volume of a session in kg: the sum over exercises that have one, null when none has.
 *
 * @example sessionVolumeKg([{ …3x8@80kg }, { …5,5,5,3@100kg }]) → 3720
 */
export function sessionVolumeKg(exercises: SetsSource[]): number | null {
  const vols = exercises.map(exerciseVolumeKg).filter((v): v is number => v !== null);
  return vols.length === 0 ? null : vols.reduce((a, b) => a + b, 0);
}

/** Number of sets in a session (exercises without a set count count as none). @example totalSets([{ sets: 3 }, { sets: null }]) → 3 */
export function totalSets(exercises: Array<Pick<ExerciseEntry, 'sets'>>): number {
  return exercises.reduce((n, e) => n + (e.sets ?? 0), 0);
}

/** Mean RPE over the exercises that have one (see `rpeOf`), or null. @example averageRpe([{ rpe: 8 }, { rpe: 7 }, { rpe: null }]) → 7.5 */
export function averageRpe(exercises: Array<Pick<ExerciseEntry, 'rpe'> & { perSet?: ExerciseSet[] | null }>): number | null {
  const rpes = exercises.map(rpeOf).filter((r): r is number => r !== null);
  return rpes.length === 0 ? null : rpes.reduce((a, b) => a + b, 0) / rpes.length;
}

/** Seconds per kilometre, or null without both time and distance. @example paceSecondsPerKm(1500, 5) → 300 */
export function paceSecondsPerKm(durationSeconds: number | null, distanceKm: number | null): number | null {
  if (durationSeconds === null || distanceKm === null || distanceKm <= 0 || durationSeconds <= 0) return null;
  return durationSeconds / distanceKm;
}

/** Seconds per mile, or null. @example paceSecondsPerMile(1500, 5) → 482.8… */
export function paceSecondsPerMile(durationSeconds: number | null, distanceKm: number | null): number | null {
  const perKm = paceSecondsPerKm(durationSeconds, distanceKm);
  return perKm === null ? null : perKm * KM_PER_MI;
}

/** Formats a pace as m:ss. @example formatPace(321.4) → '5:21' */
export function formatPace(secondsPer: number): string {
  const total = Math.round(secondsPer);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
}

/**
 * Epley's estimated one-rep maximum, `w × (1 + r/30)`; a single is its own maximum.
 *
 * @example epley1rm(100, 5) → 116.666…
 */
export function epley1rm(weightKg: number, reps: number): number | null {
  if (!(weightKg > 0) || !Number.isInteger(reps) || reps < 1) return null;
  return reps === 1 ? weightKg : weightKg * (1 + reps / 30);
}

/**
 * Brzycki's estimated one-rep maximum, `w × 36 / (37 − r)`; undefined from 37 reps on.
 *
 * @example brzycki1rm(100, 5) → 112.5
 */
export function brzycki1rm(weightKg: number, reps: number): number | null {
  if (!(weightKg > 0) || !Number.isInteger(reps) || reps < 1 || reps >= 37) return null;
  return (weightKg * 36) / (37 - reps);
}

/** Highest reps for which an estimated maximum is shown; beyond it the formulas mean little. */
export const E1RM_MAX_REPS = 12;

/**
 * The one rule for an estimated one-rep maximum over sets at one load: the best estimate by the
 * formula (Epley unless told), counting only sets of 1–12 reps, with the reps of the set that
 * gives it; null when no set counts. Every e1RM fittrack shows (workouts, exercise history,
 * `report lifts`, e1rm goals) comes from here.
 *
 * @example bestE1rmSet(100, [5, 5, 15]) → { e1rmKg: 116.666…, reps: 5 }
 * @example bestE1rmSet(100, [1]) → { e1rmKg: 100, reps: 1 }
 */
export function bestE1rmSet(weightKg: number, reps: readonly number[], formula: (weightKg: number, reps: number) => number | null = epley1rm): { e1rmKg: number; reps: number } | null {
  let best: { e1rmKg: number; reps: number } | null = null;
  for (const r of reps) {
    if (r > E1RM_MAX_REPS) continue;
    const est = formula(weightKg, r);
    if (est !== null && (best === null || est > best.e1rmKg)) best = { e1rmKg: est, reps: r };
  }
  return best;
}

/**
 * The best estimate over sets each at its own load (see `bestE1rmSet`), with the set that gives
 * it; null when no set counts.
 *
 * @example bestE1rmOfSets([plainSet(8, 60), plainSet(6, 70), plainSet(4, 80)]) → { e1rmKg: 90.666…, reps: 4, weightKg: 80 }
 */
export function bestE1rmOfSets(
  sets: ReadonlyArray<Pick<ExerciseSet, 'reps' | 'weightKg'>>,
  formula: (weightKg: number, reps: number) => number | null = epley1rm,
): { e1rmKg: number; reps: number; weightKg: number } | null {
  let best: { e1rmKg: number; reps: number; weightKg: number } | null = null;
  for (const s of sets) {
    if (s.weightKg === null || s.reps === null) continue;
    const est = bestE1rmSet(s.weightKg, [s.reps], formula);
    if (est && (best === null || est.e1rmKg > best.e1rmKg)) best = { ...est, weightKg: s.weightKg };
  }
  return best;
}

/**
 * The best Epley estimate over an exercise's sets (see `bestE1rmSet`), or null.
 *
 * @example bestE1rm({ sets: 4, reps: null, repsPerSet: [5, 5, 5, 3], weightKg: 100 }) → 116.666…
 */
export function bestE1rm(e: SetsSource): number | null {
  return bestE1rmOfSets(setsOf(e))?.e1rmKg ?? null;
}

/** True when an RPE is 1–10 in steps of 0.5. @example isValidRpe(7.5) → true */
export function isValidRpe(rpe: number): boolean {
  return Number.isFinite(rpe) && rpe >= 1 && rpe <= 10 && Number.isInteger(rpe * 2);
}

/** True when a 1–10 scale value (form, intensity, fatigue, soreness) is whole and in range. */
export function isValidScale(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 10;
}

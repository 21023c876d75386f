/**
 * Lift records and training volume: heaviest load, best reps at each load, estimated one-rep
 * maxima (Epley and Brzycki, by the one rule of `bestE1rmSet`) and weekly volume (load × reps),
 * all in kilograms.
 */
import { addDays, daysBetween } from '../domain/dates.js';
import { bestE1rmSet, brzycki1rm, repsOf, type ExerciseSet } from '../domain/workout.js';

/** One set as performed. */
export interface LiftSet {
  date: string;
  exercise: string;
  weightKg: number;
  reps: number;
}

export interface LiftRecord {
  exercise: string;
  sets: number;
  heaviest: { weightKg: number; reps: number; date: string };
  /** The most reps done at each load, heaviest load first. */
  bestRepsAtLoad: Array<{ weightKg: number; reps: number; date: string }>;
  /** Null when every set had more than 12 reps (see `bestE1rmSet`). */
  bestEpley: { e1rmKg: number; weightKg: number; reps: number; date: string } | null;
  bestBrzycki: { e1rmKg: number; weightKg: number; reps: number; date: string } | null;
}

/**
 * Splits logged exercises into sets: its own sets when logged set by set, else each entry of `repsPerSet`, else `sets` × `reps`, else one set of `reps`.
 *
 * @example setsOf({ date: 'd', exercise: 'Squat', weightKg: 100, sets: 3, reps: 5, repsPerSet: null }).length → 3
 */
export function setsOf(log: { date: string; exercise: string; weightKg: number | null; sets: number | null; reps: number | null; repsPerSet: number[] | null; perSet?: ExerciseSet[] }): LiftSet[] {
  if (log.perSet && log.perSet.length > 0) {
    // Logged set by set: each set at its own load.
    return log.perSet.filter((s) => s.weightKg !== null && s.reps !== null && s.reps > 0).map((s) => ({ date: log.date, exercise: log.exercise, weightKg: s.weightKg!, reps: s.reps! }));
  }
  if (log.weightKg === null) return [];
  const w = log.weightKg;
  const reps = repsOf(log) ?? (log.reps !== null ? [log.reps] : []);
  return reps.filter((r) => r > 0).map((r) => ({ date: log.date, exercise: log.exercise, weightKg: w, reps: r }));
}

/**
 * Personal records per exercise (names compared case-insensitively), sorted by exercise name.
 * Ties keep the earliest date: a record is set the first time it is done.
 */
export function liftRecords(sets: LiftSet[]): LiftRecord[] {
  const groups = new Map<string, LiftSet[]>();
  for (const s of sets) {
    const k = s.exercise.trim().toLowerCase();
    const g = groups.get(k);
    if (g) g.push(s);
    else groups.set(k, [s]);
  }
  const out: LiftRecord[] = [];
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    let heaviest = sorted[0]!;
    let epley: LiftRecord['bestEpley'] = null;
    let brzycki: LiftRecord['bestBrzycki'] = null;
    const atLoad = new Map<number, { weightKg: number; reps: number; date: string }>();
    for (const s of sorted) {
      if (s.weightKg > heaviest.weightKg || (s.weightKg === heaviest.weightKg && s.reps > heaviest.reps)) heaviest = s;
      const e = bestE1rmSet(s.weightKg, [s.reps])?.e1rmKg;
      if (e !== undefined && (epley === null || e > epley.e1rmKg)) epley = { e1rmKg: e, weightKg: s.weightKg, reps: s.reps, date: s.date };
      const b = bestE1rmSet(s.weightKg, [s.reps], brzycki1rm)?.e1rmKg;
      if (b !== undefined && (brzycki === null || b > brzycki.e1rmKg)) brzycki = { e1rmKg: b, weightKg: s.weightKg, reps: s.reps, date: s.date };
      const key = Math.round(s.weightKg * 1000) / 1000;
      const prev = atLoad.get(key);
      if (!prev || s.reps > prev.reps) atLoad.set(key, { weightKg: s.weightKg, reps: s.reps, date: s.date });
    }
    out.push({
      exercise: sorted[0]!.exercise,
      sets: sorted.length,
      heaviest: { weightKg: heaviest.weightKg, reps: heaviest.reps, date: heaviest.date },
      bestRepsAtLoad: [...atLoad.values()].sort((a, b) => b.weightKg - a.weightKg),
      bestEpley: epley,
      bestBrzycki: brzycki,
    });
  }
  return out.sort((a, b) => a.exercise.localeCompare(b.exercise));
}

/** The Monday of a date's week. @example weekStart('2025-03-06') → '2025-03-03' */
export function weekStart(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return addDays(date, -((dow + 6) % 7));
}

/**
 * Volume (Σ load × reps) per week, every week from the first to the last present (empty weeks as 0).
 *
 * @example weeklyVolume([{ date: '2025-03-04', exercise: 'Squat', weightKg: 100, reps: 5 }]) → [{ week: '2025-03-03', volumeKg: 500, sets: 1 }]
 */
export function weeklyVolume(sets: LiftSet[]): Array<{ week: string; volumeKg: number; sets: number }> {
  if (sets.length === 0) return [];
  const byWeek = new Map<string, { volumeKg: number; sets: number }>();
  for (const s of sets) {
    const w = weekStart(s.date);
    const cur = byWeek.get(w) ?? { volumeKg: 0, sets: 0 };
    cur.volumeKg += s.weightKg * s.reps;
    cur.sets += 1;
    byWeek.set(w, cur);
  }
  const weeks = [...byWeek.keys()].sort();
  const out: Array<{ week: string; volumeKg: number; sets: number }> = [];
  for (let w = weeks[0]!; daysBetween(w, weeks[weeks.length - 1]!) >= 0; w = addDays(w, 7)) {
    const v = byWeek.get(w);
    out.push({ week: w, volumeKg: v?.volumeKg ?? 0, sets: v?.sets ?? 0 });
  }
  return out;
}

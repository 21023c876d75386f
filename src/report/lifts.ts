/**
 * Lift records and training volume: heaviest load, best reps at each load, estimated one-rep
 * maxima (Epley and Brzycki, by the one rule of `bestE1rmSet`) and weekly volume (load × reps),
 * all in kilograms.
 */
import { addDays, daysBetween, epochDay } from '../domain/dates.js';
import { bestE1rmSet, brzycki1rm, type LiftSet } from '../domain/workout.js';

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
 * Personal records per exercise (names compared case-insensitively), sorted by exercise name.
 * Ties keep the earliest date: a record is set the first time it is done.
 */
export function liftRecords(sets: LiftSet[]): LiftRecord[] {
  const groups = new Map<string, LiftSet[]>();
  // An exercise's sets come one after another: its name is folded once for the run of them.
  let name: string | undefined;
  let group: LiftSet[] = [];
  for (const s of sets) {
    if (s.exercise !== name) {
      name = s.exercise;
      const k = name.trim().toLowerCase();
      const g = groups.get(k);
      if (g) group = g;
      else groups.set(k, (group = []));
    }
    group.push(s);
  }
  const out: LiftRecord[] = [];
  for (const group of groups.values()) {
    // Sets usually come in date order already (the report reads them so): then there is nothing to sort.
    const sorted = isByDate(group) ? group : [...group].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const records = exerciseRecords();
    for (const s of sorted) records.add(s);
    out.push(records.record());
  }
  return out.sort(byExercise);
}

/**
 * `liftRecords` of sets handed over one at a time in date order (as the report reads them), so
 * that ten years of sets are never held: the same records as `liftRecords` of them all.
 *
 * @example const r = liftRecordsInDateOrder(); for (const s of sets) r.add(s); r.records()
 */
export function liftRecordsInDateOrder(): { add(set: LiftSet): void; records(): LiftRecord[] } {
  const groups = new Map<string, ReturnType<typeof exerciseRecords>>();
  let name: string | undefined;
  let group: ReturnType<typeof exerciseRecords> | undefined;
  return {
    add(s) {
      if (s.exercise !== name || group === undefined) {
        name = s.exercise;
        const k = name.trim().toLowerCase();
        group = groups.get(k);
        if (!group) groups.set(k, (group = exerciseRecords()));
      }
      group.add(s);
    },
    records: () => [...groups.values()].map((g) => g.record()).sort(byExercise),
  };
}

const byExercise = (a: LiftRecord, b: LiftRecord) => a.exercise.localeCompare(b.exercise);

/** The records of one exercise, built from its sets in date order. */
function exerciseRecords(): { add(set: LiftSet): void; record(): LiftRecord } {
  let first: LiftSet | undefined;
  let count = 0;
  let heaviest: LiftSet | undefined;
  let epley: LiftRecord['bestEpley'] = null;
  let brzycki: LiftRecord['bestBrzycki'] = null;
  const atLoad = new Map<number, { weightKg: number; reps: number; date: string }>();
  let previous: LiftSet | undefined;
  return {
    add(s) {
      count++;
      if (first === undefined) heaviest = first = s;
      // A set repeating the one before it (3×5 at one load) can set no record: every record keeps its earliest set.
      if (previous !== undefined && s.weightKg === previous.weightKg && s.reps === previous.reps) return;
      previous = s;
      if (s.weightKg > heaviest!.weightKg || (s.weightKg === heaviest!.weightKg && s.reps > heaviest!.reps)) heaviest = s;
      const e = bestE1rmSet(s.weightKg, [s.reps])?.e1rmKg;
      if (e !== undefined && (epley === null || e > epley.e1rmKg)) epley = { e1rmKg: e, weightKg: s.weightKg, reps: s.reps, date: s.date };
      const b = bestE1rmSet(s.weightKg, [s.reps], brzycki1rm)?.e1rmKg;
      if (b !== undefined && (brzycki === null || b > brzycki.e1rmKg)) brzycki = { e1rmKg: b, weightKg: s.weightKg, reps: s.reps, date: s.date };
      const key = Math.round(s.weightKg * 1000) / 1000;
      const prev = atLoad.get(key);
      if (!prev || s.reps > prev.reps) atLoad.set(key, { weightKg: s.weightKg, reps: s.reps, date: s.date });
    },
    record() {
      return {
        exercise: first!.exercise,
        sets: count,
        heaviest: { weightKg: heaviest!.weightKg, reps: heaviest!.reps, date: heaviest!.date },
        bestRepsAtLoad: [...atLoad.values()].sort((a, b) => b.weightKg - a.weightKg),
        bestEpley: epley,
        bestBrzycki: brzycki,
      };
    },
  };
}

function isByDate(sets: readonly LiftSet[]): boolean {
  for (let i = 1; i < sets.length; i++) if (sets[i]!.date < sets[i - 1]!.date) return false;
  return true;
}

/** The Monday of a date's week. @example weekStart('2025-03-06') → '2025-03-03' */
export function weekStart(date: string): string {
  // Day 0 (1970-01-01) was a Thursday.
  const dow = (((epochDay(date) + 4) % 7) + 7) % 7;
  return addDays(date, -((dow + 6) % 7));
}

/**
 * Volume (Σ load × reps) per week, every week from the first to the last present (empty weeks as 0).
 *
 * @example weeklyVolume([{ date: '2025-03-04', exercise: 'Squat', weightKg: 100, reps: 5 }]) → [{ week: '2025-03-03', volumeKg: 500, sets: 1 }]
 */
export function weeklyVolume(sets: LiftSet[]): Array<{ week: string; volumeKg: number; sets: number }> {
  const volume = weeklyVolumeOf();
  for (const s of sets) volume.add(s);
  return volume.weeks();
}

/**
 * `weeklyVolume` of sets handed over one at a time, in any order.
 *
 * @example const v = weeklyVolumeOf(); for (const s of sets) v.add(s); v.weeks()
 */
export function weeklyVolumeOf(): { add(set: LiftSet): void; weeks(): Array<{ week: string; volumeKg: number; sets: number }> } {
  const byWeek = new Map<string, { volumeKg: number; sets: number }>();
  // Sets come many to a day: each day's week is worked out once.
  const weekOf = new Map<string, string>();
  let date: string | undefined;
  let cur = { volumeKg: 0, sets: 0 };
  return {
    add(s) {
      if (s.date !== date) {
        date = s.date;
        let w = weekOf.get(date);
        if (w === undefined) weekOf.set(date, (w = weekStart(date)));
        const known = byWeek.get(w);
        if (known) cur = known;
        else byWeek.set(w, (cur = { volumeKg: 0, sets: 0 }));
      }
      cur.volumeKg += s.weightKg * s.reps;
      cur.sets += 1;
    },
    weeks() {
      if (byWeek.size === 0) return [];
      const weeks = [...byWeek.keys()].sort();
      const out: Array<{ week: string; volumeKg: number; sets: number }> = [];
      for (let w = weeks[0]!; daysBetween(w, weeks[weeks.length - 1]!) >= 0; w = addDays(w, 7)) {
        const v = byWeek.get(w);
        out.push({ week: w, volumeKg: v?.volumeKg ?? 0, sets: v?.sets ?? 0 });
      }
      return out;
    },
  };
}

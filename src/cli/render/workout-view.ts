/**
 * How workouts look in the terminal and in JSON: the one-line confirmation, the session list,
 * one session with its exercises. Pure string building; the caller prints.
 */
import { formatDuration, formatNumber, formatWeight, displayDecimals, groupThousands, plural } from './format.js';
import { renderTable, wrapToTerminal, type Cell, type Table } from './table.js';
import { fromKg, KM_PER_MI, round, type WeightUnit } from '../../domain/units.js';
import {
  averageRpe,
  bestE1rm,
  exerciseVolumeKg,
  formatPace,
  paceSecondsPerKm,
  paceSecondsPerMile,
  rpeOf,
  sessionVolumeKg,
  totalSets,
  type ExerciseEntry,
  SET_TYPE_WORD,
  type ExerciseSet,
} from '../../domain/workout.js';
import type { ListedWorkout, StoredExercise, StoredWorkout } from '../../db/workout-repo.js';

/** A load in the user's unit: `80 kg`, `176.4 lb`. */
export function showLoad(kg: number, unit: WeightUnit): string {
  return formatWeight(kg, unit, displayDecimals(fromKg(kg, unit), 0, 1));
}

/** A volume in the user's unit, thousands grouped: `5 760 kg`. */
export function showVolume(kg: number, unit: WeightUnit): string {
  return `${groupThousands(formatNumber(fromKg(kg, unit), 0))} ${unit}`;
}

/** A number without trailing zeros: 8 → '8', 7.5 → '7.5', 7.25 → '7.3'. */
function plain(n: number, places = 1): string {
  return String(round(n, places));
}

function showDistance(km: number, unit: WeightUnit): string {
  return unit === 'lb' ? `${plain(km / KM_PER_MI, 2)} mi` : `${plain(km, 2)} km`;
}

function showPace(durationSeconds: number | null, distanceKm: number | null, unit: WeightUnit): string | null {
  const pace = unit === 'lb' ? paceSecondsPerMile(durationSeconds, distanceKm) : paceSecondsPerKm(durationSeconds, distanceKm);
  return pace === null ? null : `${formatPace(pace)} /${unit === 'lb' ? 'mi' : 'km'}`;
}

/**
 * Sets logged one by one, compactly, loads in `unit`: `60kg×8, 70kg×6, 80kg×4`, with a set's RPE
 * and type when it has them (`80kg×4@rpe9`, `40kg×10 warmup`).
 */
export function showPerSet(sets: readonly ExerciseSet[], unit: WeightUnit): string {
  const items = sets.map((s) => {
    const load = s.weightKg === null ? '' : `${plain(fromKg(s.weightKg, unit), 2)}${unit}×`;
    const reps = s.reps === null ? (s.durationSeconds !== null ? formatDuration(s.durationSeconds) : '—') : String(s.reps);
    return [`${load}${reps}${s.rpe === null ? '' : `@rpe${plain(s.rpe)}`}`, SET_TYPE_WORD[s.setType]].filter(Boolean).join(' ');
  });
  return items.join(', ');
}

/** The sets part of an exercise as people write it: `3×8`, `5,5,5,3`, `3×AMRAP`, or set by set `60kg×8, 70kg×6, 80kg×4`. */
export function showSetsReps(e: Pick<ExerciseEntry, 'sets' | 'reps' | 'repsPerSet' | 'durationSeconds' | 'distanceKm' | 'perSet' | 'weightUnit'>, unit: WeightUnit = 'kg'): string | null {
  if (e.perSet && e.perSet.length > 0) return showPerSet(e.perSet, e.weightUnit ?? unit);
  if (e.repsPerSet && e.repsPerSet.length > 0 && e.reps === null) return e.repsPerSet.join(',');
  if (e.sets !== null && e.reps !== null) return `${e.sets}×${e.reps}`;
  if (e.sets !== null) return e.durationSeconds !== null ? `${e.sets}×${formatDuration(e.durationSeconds)}` : `${e.sets}×AMRAP`;
  return null;
}

/** Total distance and time of the exercises that have a distance. */
function cardioTotals(exercises: ReadonlyArray<Pick<ExerciseEntry, 'distanceKm' | 'durationSeconds'>>): { km: number; seconds: number | null } | null {
  const withDistance = exercises.filter((e) => e.distanceKm !== null);
  if (withDistance.length === 0) return null;
  const km = withDistance.reduce((s, e) => s + e.distanceKm!, 0);
  const timed = withDistance.every((e) => e.durationSeconds !== null);
  return { km, seconds: timed ? withDistance.reduce((s, e) => s + e.durationSeconds!, 0) : null };
}

/**
 * The confirmation after logging.
 *
 * @example confirmationLine(w, 'kg') → 'Logged "Upper A" for 2025-03-04: 3 exercises, 9 sets, volume 5 760 kg, avg RPE 8'
 */
export function confirmationLine(w: StoredWorkout, unit: WeightUnit): string {
  const parts: string[] = [`${w.exercises.length} exercise${w.exercises.length === 1 ? '' : 's'}`];
  const sets = totalSets(w.exercises);
  if (sets > 0) parts.push(`${sets} set${sets === 1 ? '' : 's'}`);
  const volume = sessionVolumeKg(w.exercises);
  if (volume !== null) parts.push(`volume ${showVolume(volume, unit)}`);
  const rpe = averageRpe(w.exercises);
  if (rpe !== null) parts.push(`avg RPE ${plain(rpe)}`);
  const cardio = cardioTotals(w.exercises);
  if (cardio) {
    const pace = showPace(cardio.seconds, cardio.km, unit);
    parts.push(`${showDistance(cardio.km, unit)}${cardio.seconds !== null ? ` in ${formatDuration(cardio.seconds)}` : ''}${pace ? ` (${pace})` : ''}`);
  }
  if (w.durationMinutes !== null) parts.push(`${formatDuration(w.durationMinutes * 60)} in all`);
  return `Logged "${w.title}" for ${w.sessionDate} (#${w.id}, ${w.sessionType}): ${parts.join(', ')}`;
}

/** The session list as a table, for `renderTable` or `printTable`. */
export function workoutListTable(sessions: ReadonlyArray<ListedWorkout>, unit: WeightUnit): Table {
  return workoutListTableOf(sessions.map((w) => workoutListRow(w, unit)));
}

/**
 * One session's row of the session list: what a long list keeps of each session once its
 * exercises have been read (see `workoutListTableOf`).
 *
 * @example workoutListRow({ id: 1, sessionDate: '2025-03-04', title: 'Legs', sessionType: 'strength', exercises: [] }, 'kg')[2] → 'Legs'
 */
export function workoutListRow(w: ListedWorkout, unit: WeightUnit): Cell[] {
  const volume = sessionVolumeKg(w.exercises);
  const rpe = averageRpe(w.exercises);
  const cardio = cardioTotals(w.exercises);
  return [
    w.id,
    w.sessionDate,
    w.title,
    w.sessionType,
    w.exercises.map((e) => [e.exerciseName, showSetsReps(e, unit)].filter(Boolean).join(' ')).join(', '),
    totalSets(w.exercises) || null,
    volume === null ? null : showVolume(volume, unit),
    rpe === null ? null : plain(rpe),
    cardio ? [showDistance(cardio.km, unit), showPace(cardio.seconds, cardio.km, unit)].filter(Boolean).join(' · ') : null,
  ];
}

/** The session list as a table from its rows (`workoutListRow`). */
export function workoutListTableOf(rows: Cell[][]): Table {
  return {
    head: ['ID', 'Date', 'Title', 'Type', 'Exercises', 'Sets', 'Volume', 'Avg RPE', 'Distance · pace'],
    rows,
    opts: {
      align: ['right', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'right'],
      // Narrow terminal: the exercises wrap, then RPE, type, distance and sets go.
      priority: [undefined, undefined, 6, 2, 7, 4, 5, 1, 3],
      wrap: [2, 4],
    },
  };
}

/** One session: a few `Key: value` lines, then its exercises as a table. */
export function renderWorkout(w: StoredWorkout, unit: WeightUnit): string {
  const lines: string[] = [`${w.title} — ${w.sessionDate} (#${w.id})`, `Type: ${w.sessionType}`];
  if (w.programPhase || w.programWeek || w.programDay) {
    lines.push(`Program: ${[w.programPhase, w.programWeek ? `week ${w.programWeek}` : null, w.programDay ? `day ${w.programDay}` : null].filter(Boolean).join(', ')}`);
  }
  if (w.durationMinutes !== null) lines.push(`Duration: ${formatDuration(w.durationMinutes * 60)}`);
  const scales = (
    [
      ['intensity', w.intensity],
      ['fatigue', w.fatigue],
      ['soreness', w.soreness],
    ] as const
  ).filter(([, v]) => v !== null);
  if (scales.length > 0) lines.push(`Felt: ${scales.map(([k, v]) => `${k} ${v}/10`).join(', ')}`);
  const volume = sessionVolumeKg(w.exercises);
  const rpe = averageRpe(w.exercises);
  lines.push(
    `Summary: ${[plural(w.exercises.length, 'exercise'), plural(totalSets(w.exercises), 'set'), volume === null ? null : `volume ${showVolume(volume, unit)}`, rpe === null ? null : `avg RPE ${plain(rpe)}`]
      .filter(Boolean)
      .join(', ')}`,
  );
  if (w.notes) lines.push(wrapToTerminal(`Notes: ${w.notes}`, '  '));
  if (w.exercises.length === 0) return lines.join('\n');
  const rows = w.exercises.map((e) => exerciseRow(e, unit));
  const table = renderTable(['#', 'Exercise', 'Sets×Reps', 'Load', 'Volume', 'e1RM', 'RPE', 'Form', 'Time', 'Distance', 'Pace', 'Notes'], rows, {
    align: ['right', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    priority: [10, undefined, undefined, 9, 6, 5, 7, 3, 4, 4, 2, 8],
    wrap: [1, 11],
  });
  return `${lines.join('\n')}\n${table}`;
}

function exerciseRow(e: StoredExercise, unit: WeightUnit): Array<string | number | null> {
  const volume = exerciseVolumeKg(e);
  const e1rm = bestE1rm(e);
  return [
    e.orderIndex,
    e.supersetLabel ? `${e.supersetLabel}: ${e.exerciseName}` : e.exerciseName,
    showSetsReps(e, unit),
    e.weightKg === null ? null : showLoad(e.weightKg, e.weightUnit ?? unit),
    volume === null ? null : showVolume(volume, e.weightUnit ?? unit),
    e1rm === null ? null : showLoad(e1rm, e.weightUnit ?? unit),
    rpeOf(e) === null ? null : plain(rpeOf(e)!),
    e.formQuality,
    e.durationSeconds === null || e.sets !== null ? null : formatDuration(e.durationSeconds),
    e.distanceKm === null ? null : showDistance(e.distanceKm, unit),
    showPace(e.durationSeconds, e.distanceKm, unit),
    e.notes,
  ];
}

/** The JSON form of a stored session: the stored fields plus derived numbers. */
export function workoutJson(w: StoredWorkout): Record<string, unknown> {
  return {
    id: w.id,
    session_date: w.sessionDate,
    title: w.title,
    session_type: w.sessionType,
    program_phase: w.programPhase,
    program_week: w.programWeek,
    program_day: w.programDay,
    duration_minutes: w.durationMinutes,
    intensity: w.intensity,
    fatigue: w.fatigue,
    soreness: w.soreness,
    notes: w.notes,
    created_at: w.createdAt,
    updated_at: w.updatedAt,
    exercises: w.exercises.map((e) => ({
      id: e.id,
      exercise_name: e.exerciseName,
      exercise_definition_id: e.exerciseDefinitionId,
      superset_label: e.supersetLabel,
      order_index: e.orderIndex,
      sets: e.sets,
      reps: e.reps,
      reps_per_set: e.repsPerSet,
      weight_kg: e.weightKg,
      weight_unit: e.weightUnit,
      rest_seconds: e.restSeconds,
      duration_seconds: e.durationSeconds,
      distance_km: e.distanceKm,
      rpe: e.rpe,
      form_quality: e.formQuality,
      notes: e.notes,
      raw: e.raw,
      per_set: (e.perSet ?? []).map((x, i) => ({ set_index: i + 1, set_type: x.setType, reps: x.reps, weight_kg: x.weightKg, rpe: x.rpe, duration_seconds: x.durationSeconds, distance_km: x.distanceKm })),
      volume_kg: exerciseVolumeKg(e),
      e1rm_kg: bestE1rm(e),
      pace_seconds_per_km: paceSecondsPerKm(e.durationSeconds, e.distanceKm),
    })),
    total_sets: totalSets(w.exercises),
    volume_kg: sessionVolumeKg(w.exercises),
    average_rpe: averageRpe(w.exercises),
  };
}

/** Writes an exercise back as a spec, for the defaults of interactive mode. @example specOf(bench) → 'Bench 3x8@80kg rpe 8' */
export function specOf(e: ExerciseEntry): string {
  if (e.perSet && e.perSet.length > 0) {
    const u = e.weightUnit ?? 'kg';
    const list = e.perSet
      .map((x) => [`${x.weightKg === null ? '' : `${showLoad(x.weightKg, u).replace(' ', '')}x`}${x.reps ?? ''}${x.rpe === null ? '' : `@rpe${x.rpe}`}`, SET_TYPE_WORD[x.setType]].filter(Boolean).join(' '))
      .join(', ');
    // The exercise's own RPE goes before the list: after it, it would be the last set's.
    return [e.supersetLabel ? `${e.supersetLabel}:` : '', e.exerciseName, e.rpe !== null ? `rpe ${e.rpe}` : '', list, e.formQuality !== null ? `form ${e.formQuality}` : '', e.restSeconds !== null ? `rest ${e.restSeconds}s` : '']
      .filter(Boolean)
      .join(' ');
  }
  let sets = showSetsReps(e)?.replace('×', 'x') ?? '';
  if (e.sets !== null && e.reps === null && e.repsPerSet === null && e.durationSeconds === null) sets = `${e.sets}xAMRAP`;
  if (e.sets !== null && e.durationSeconds !== null && e.reps === null) sets = `${e.sets}x${e.durationSeconds}s`;
  const load = e.weightKg !== null ? `@${showLoad(e.weightKg, e.weightUnit ?? 'kg').replace(' ', '')}` : '';
  const cardio = [e.sets === null && e.durationSeconds !== null ? `${Math.round(e.durationSeconds)}s` : '', e.distanceKm !== null ? `${e.distanceKm}km` : '']
    .filter(Boolean)
    .join(' ');
  return [
    e.supersetLabel ? `${e.supersetLabel}:` : '',
    e.exerciseName,
    `${sets}${load}`,
    cardio,
    e.rpe !== null ? `rpe ${e.rpe}` : '',
    e.formQuality !== null ? `form ${e.formQuality}` : '',
    e.restSeconds !== null ? `rest ${e.restSeconds}s` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * Writing an import: its batch row, the planned records (created or updated) of each file,
 * and the batch's counts and audit row, inside the import's one transaction.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { PlannedRecord } from '../domain/import-plan.js';
import { EXTRA_FIELDS } from '../domain/legacy-records.js';
import type { CheckInRecord, CoachingRecord, ExerciseRecord, MealRecord, WorkoutRecord } from '../domain/legacy-records.js';
import { recordAudit } from './audit-repo.js';
import { nowIso } from '../clock.js';
import { ensureDefinition } from './exercise-repo.js';
import { setRows } from './exercise-sets.js';
import { foldName } from '../domain/names.js';
import { remembered } from '../domain/remembered.js';
import { engineOf } from './connection.js';
import type { Row } from './legacy-rows.js';
import { extraToRow } from './legacy-rows.js';
import { insertMany } from './bulk-insert.js';
import { KIND_TABLES, snapshotRow } from './import-batches.js';
/** A short, readable, unique batch id. @example newBatchId() → 'imp-20250312-174502-3fa9' */
export function newBatchId(now: Date = new Date()): string {
  const iso = now.toISOString();
  return `imp-${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${randomBytes(2).toString('hex')}`;
}


export interface WriteCounts {
  created: number;
  updated: number;
  byTable: Record<string, number>;
}

export interface BatchInfo {
  id: string;
  files: string[];
  startedAt: string;
}

/** Writes an import's planned records chunk by chunk inside its transaction: see `importWriter`. */
export interface ImportWriter {
  /** Writes the `create` and `update` records among `planned` (the batch row first, once). */
  write(planned: readonly PlannedRecord[], onProgress?: (rowsWritten: number) => void): Promise<void>;
  /** Records the batch's end, counts and audit row; false when nothing was written (no batch). */
  close(files: unknown): Promise<boolean>;
  readonly counts: WriteCounts;
}

/**
 * The writer of one import run inside its transaction: the batch row is inserted with the
 * first records written, so an import that writes nothing leaves no batch.
 *
 * @example const w = importWriter(trx, user.id, batch); await w.write(plan.planned); await w.close(plan.files)
 */
export function importWriter(trx: Knex.Transaction, userId: number, batch: BatchInfo): ImportWriter {
  let opened = false;
  let counts: WriteCounts = { created: 0, updated: 0, byTable: {} };
  const library = newLibraryIds();
  return {
    get counts() {
      return counts;
    },
    async write(planned, onProgress) {
      const toWrite = planned.filter((p) => p.outcome === 'create' || p.outcome === 'update');
      if (toWrite.length === 0) return;
      if (!opened) {
        await openImportBatch(trx, userId, batch);
        opened = true;
      }
      counts = addCounts(counts, await writePlanned(trx, userId, batch.id, toWrite, onProgress, library));
    },
    async close(files) {
      if (opened) await closeImportBatch(trx, userId, batch, counts, files);
      return opened;
    },
  };
}

/** The library entries an import's exercises are filed under, by folded name, kept from chunk to chunk of one run. */
export interface LibraryIds {
  ids: Map<string, number>;
  fold: (name: string) => string;
}

function newLibraryIds(): LibraryIds {
  return { ids: new Map(), fold: remembered(foldName) };
}

/** Inserts the batch row an import's records point to (inside the import's transaction). */
export async function openImportBatch(trx: Knex.Transaction, userId: number, batch: BatchInfo): Promise<void> {
  await trx('import_batches').insert({ id: batch.id, user_id: userId, started_at: batch.startedAt, files: JSON.stringify(batch.files), counts: null });
}

/** Records the batch's end and counts, and the audit row (inside the import's transaction). */
export async function closeImportBatch(trx: Knex.Transaction, userId: number, batch: BatchInfo, counts: WriteCounts, files: unknown): Promise<void> {
  const { created, updated, byTable } = counts;
  await trx('import_batches').where({ id: batch.id, user_id: userId }).update({ finished_at: nowIso(), counts: JSON.stringify({ created, updated, by_table: byTable, files }) });
  await recordAudit(trx, { userId, action: 'import', entity: 'import_batch', entityId: batch.id, details: { files: batch.files, created, updated, by_table: byTable } });
}

/** Adds one file's counts to a run's. */
export function addCounts(a: WriteCounts, b: WriteCounts): WriteCounts {
  const byTable = { ...a.byTable };
  for (const [t, n] of Object.entries(b.byTable)) byTable[t] = (byTable[t] ?? 0) + n;
  return { created: a.created + b.created, updated: a.updated + b.updated, byTable };
}

/**
 * Writes the `create` and `update` records of a plan (or of one file's part of it) with
 * multi-row inserts or COPY (see `insertMany`), inside the caller's transaction.
 */
export async function writePlanned(trx: Knex.Transaction, userId: number, batchId: string, planned: PlannedRecord[], onProgress?: (rowsWritten: number) => void, library: LibraryIds = newLibraryIds()): Promise<WriteCounts> {
  const sqlite = engineOf(trx as unknown as Knex) === 'sqlite';
  const flag = (b: boolean) => (sqlite ? (b ? 1 : 0) : b);
  const now = nowIso();
  const byTable: Record<string, number> = {};
  const add = (t: string, n: number) => (byTable[t] = (byTable[t] ?? 0) + n);
  const progress = (n: number) => onProgress?.(n);
  const creates = (kind: PlannedRecord['kind']) => planned.filter((p) => p.kind === kind && p.outcome === 'create');
  const updates = planned.filter((p) => p.outcome === 'update');
  // Every imported exercise is filed under its library entry (created when missing), by the one name rule.
  const { ids: libraryIds, fold } = library;
  for (const p of planned) {
    if (p.kind !== 'workouts' || (p.outcome !== 'create' && p.outcome !== 'update')) continue;
    for (const e of (p.record as WorkoutRecord).exercises) {
      const key = fold(e.exerciseName);
      if (!libraryIds.has(key)) libraryIds.set(key, (await ensureDefinition(trx, e.exerciseName, userId)).id);
    }
  }

  const checkInRow = (r: CheckInRecord) => ({
    recorded_date: r.recordedDate,
    weight_kg: r.weightKg,
    weight_unit: r.weightUnit,
    body_fat_pct: r.bodyFatPct,
    length_unit: r.lengthUnit,
    chest_cm: r.chestCm,
    waist_cm: r.waistCm,
    hips_cm: r.hipsCm,
    neck_cm: r.neckCm,
    notes: r.notes,
    ...extraToRow(EXTRA_FIELDS.checkIn, r.extra, sqlite),
  });
  const workoutRow = (r: WorkoutRecord) => ({ session_date: r.sessionDate, title: r.title, session_type: r.sessionType, program_phase: r.programPhase, notes: r.notes, ...extraToRow(EXTRA_FIELDS.session, r.extra, sqlite) });
  const exerciseRow = (e: ExerciseRecord, sessionId: number, batchId: string | null) => ({
    session_id: sessionId,
    exercise_definition_id: libraryIds.get(fold(e.exerciseName)) ?? null,
    exercise_name: e.exerciseName,
    superset_label: e.supersetLabel,
    order_index: e.orderIndex,
    sets: e.sets,
    reps: e.reps,
    reps_per_set: e.repsPerSet ? JSON.stringify(e.repsPerSet) : null,
    weight_kg: e.weightKg,
    weight_unit: e.weightUnit,
    duration_seconds: e.durationSeconds,
    distance_km: e.distanceKm,
    notes: e.notes,
    raw: e.raw,
    ...extraToRow(EXTRA_FIELDS.exercise, e.extra, sqlite),
    source_file: e.source.file,
    source_line: e.source.line,
    import_batch_id: batchId,
    created_at: now,
  });
  const coachingRow = (r: CoachingRecord) => ({
    session_date: r.sessionDate,
    title: r.title,
    coach_name: r.coachName,
    subject: r.subject,
    topics: JSON.stringify(r.topics),
    notes: r.notes,
    rating: r.rating,
    next_session_date: r.nextSessionDate,
    ...extraToRow(EXTRA_FIELDS.coaching, r.extra, sqlite),
  });
  const itemRows = (r: CoachingRecord, sessionId: number) => r.actionItems.map((a, i) => ({ session_id: sessionId, position: i + 1, text: a.text, done: flag(a.done) }));
  const mealRow = (r: MealRecord) => ({
    meal_date: r.mealDate,
    meal_type: r.mealType,
    meal_label: r.mealLabel ?? null,
    description: r.description,
    calories: r.calories,
    protein_g: r.proteinG,
    carbs_g: r.carbsG,
    fat_g: r.fatG,
    fiber_g: r.fiberG,
    satiety_before: r.satietyBefore,
    satiety_after: r.satietyAfter,
    notes: r.notes,
    ...extraToRow(EXTRA_FIELDS.meal, r.extra, sqlite),
  });
  /** A new row (`row` is made for it) with its owner, provenance and times, set in place: an import writes this per row. */
  const owned = (p: PlannedRecord, row: Row): Row => {
    row.user_id = userId;
    row.source_file = p.record.source.file;
    row.source_line = p.record.source.line;
    row.import_batch_id = batchId;
    row.created_at = now;
    row.updated_at = now;
    return row;
  };

  /** Stores exercises, and the sets of those logged set by set (their ids are then needed). */
  const insertExercises = async <T extends { e: ExerciseRecord }>(items: T[], toRow: (item: T) => Row) => {
    const withSets = items.some((x) => (x.e.perSet?.length ?? 0) > 0);
    const ids = await insertMany(trx, 'exercise_logs', items, (x) => toRow(x), withSets);
    if (withSets) await insertMany(trx, 'exercise_sets', items.flatMap((x, i) => setRows(ids[i]!, x.e.perSet ?? [])), (r) => r, false);
  };

  const checkIns = creates('check-in');
  await insertMany(trx, 'health_metrics', checkIns, (p) => owned(p, checkInRow(p.record as CheckInRecord)), false);
  add('health_metrics', checkIns.length);
  progress(checkIns.length);

  const workouts = creates('workouts');
  const sessionIds = await insertMany(trx, 'workout_sessions', workouts, (p) => owned(p, workoutRow(p.record as WorkoutRecord)), true);
  const exerciseRows = workouts.flatMap((p, i) => (p.record as WorkoutRecord).exercises.map((e) => ({ e, sessionId: sessionIds[i]! })));
  await insertExercises(exerciseRows, (x) => exerciseRow(x.e, x.sessionId, batchId));
  add('workout_sessions', workouts.length);
  add('exercise_logs', exerciseRows.length);
  progress(exerciseRows.length);

  const coaching = creates('coaching');
  const coachingIds = await insertMany(trx, 'coaching_sessions', coaching, (p) => owned(p, coachingRow(p.record as CoachingRecord)), true);
  await insertMany(trx, 'coaching_action_items', coaching.flatMap((p, i) => itemRows(p.record as CoachingRecord, coachingIds[i]!)), (r) => r, false);
  add('coaching_sessions', coaching.length);
  progress(coaching.length);

  const meals = creates('meals');
  await insertMany(trx, 'meal_logs', meals, (p) => owned(p, mealRow(p.record as MealRecord)), false);
  add('meal_logs', meals.length);
  progress(meals.length);

  // An update takes the file's values; the row keeps the batch that created it (see revertImport).
  // The values before and after are kept with the batch, so that a revert can put them back.
  for (const p of updates) {
    const where = { id: p.existingId!, user_id: userId };
    const table = KIND_TABLES[p.kind];
    const previous = await snapshotRow(trx, table, p.existingId!);
    const touched = { source_file: p.record.source.file, source_line: p.record.source.line, updated_at: now };
    if (p.kind === 'check-in') await trx('health_metrics').where(where).update({ ...checkInRow(p.record as CheckInRecord), ...touched });
    else if (p.kind === 'meals') await trx('meal_logs').where(where).update({ ...mealRow(p.record as MealRecord), ...touched });
    else if (p.kind === 'workouts') {
      await trx('workout_sessions').where(where).update({ ...workoutRow(p.record as WorkoutRecord), ...touched });
      // The exercises are replaced; each keeps the library entry its stored namesake linked to.
      const links = new Map<string, unknown>();
      for (const e of (await trx('exercise_logs').where({ session_id: p.existingId! }).whereNotNull('exercise_definition_id').select('exercise_name', 'exercise_definition_id')) as Row[]) {
        links.set(String(e.exercise_name).toLowerCase(), e.exercise_definition_id);
      }
      await trx('exercise_logs').where({ session_id: p.existingId! }).delete();
      await insertExercises(
        (p.record as WorkoutRecord).exercises.map((e) => ({ e })),
        ({ e }) => {
          const row: Row = exerciseRow(e, p.existingId!, p.existingBatch ?? null);
          return { ...row, exercise_definition_id: links.get(e.exerciseName.toLowerCase()) ?? row.exercise_definition_id ?? null };
        },
      );
    } else {
      await trx('coaching_sessions').where(where).update({ ...coachingRow(p.record as CoachingRecord), ...touched });
      // The items are replaced; each keeps when it was ticked off and the goal it served.
      const kept = new Map<string, Row>();
      for (const a of (await trx('coaching_action_items').where({ session_id: p.existingId! }).select('text', 'done_at', 'goal_id')) as Row[]) kept.set(String(a.text), a);
      await trx('coaching_action_items').where({ session_id: p.existingId! }).delete();
      const items = itemRows(p.record as CoachingRecord, p.existingId!).map((r, i) => {
        const old = kept.get(r.text);
        return { ...r, done_at: (p.record as CoachingRecord).actionItems[i]!.done ? (old?.done_at ?? null) : null, goal_id: old?.goal_id ?? null };
      });
      await insertMany(trx, 'coaching_action_items', items, (r) => r, false);
    }
    const written = await snapshotRow(trx, table, p.existingId!);
    if (previous && written) {
      await trx('import_batch_changes').insert({ batch_id: batchId, user_id: userId, table_name: table, row_id: p.existingId!, previous_values: JSON.stringify(previous), written_values: JSON.stringify(written), created_at: now });
    }
  }

  // Counted in legacy rows, like the import report: a workout session is its exercise rows.
  const rowsOf = (p: PlannedRecord) => ('exercises' in p.record ? p.record.exercises.length : 1);
  const created = checkIns.length + exerciseRows.length + coaching.length + meals.length;
  const updated = updates.reduce((n, p) => n + rowsOf(p), 0);
  return { created, updated, byTable };
}

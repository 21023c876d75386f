/**
 * Imports of legacy files: loading what a user already has (by natural key), writing a planned
 * import in ONE transaction (multi-row inserts on SQLite, COPY on PostgreSQL), listing batches,
 * reverting a batch.
 *
 * Every function takes the user id and filters on it.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { ImportPlan, PlannedRecord, StoredRecords } from '../domain/import-plan.js';
import { naturalKey } from '../domain/import-plan.js';
import { EXTRA_FIELDS } from '../domain/legacy-records.js';
import type { CheckInRecord, CoachingRecord, ExerciseRecord, ExtraField, ExtraValues, MealRecord, WorkoutRecord } from '../domain/legacy-records.js';
import type { MealType } from '../domain/meal.js';
import type { SessionType } from '../domain/session-type.js';
import type { LengthUnit, WeightUnit } from '../domain/units.js';
import { NotFoundError, UsageError } from '../errors.js';
import { recordAudit } from './audit-repo.js';
import { nowIso } from '../clock.js';
import { ensureDefinition } from './exercise-repo.js';
import { loadSetsByLog, setRows } from './exercise-sets.js';
import { foldName } from '../domain/names.js';
import { engineOf } from './connection.js';
import { acquireDriverConnection } from './adapter/knex-client.js';
import { copyIn, copyTextLine } from './adapter/pg-adapter.js';
import { readJsonColumn } from './json-column.js';

type Db = Knex | Knex.Transaction;
type Row = Record<string, unknown>;

const json = <T>(v: unknown, fallback: T, where: string): T => (readJsonColumn(v, where) as T | null) ?? fallback;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const bool = (v: unknown): boolean => v === true || v === 1 || v === '1';
const dateStr = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
const source = (r: Row) => ({ file: (r.source_file as string | null) ?? '', line: (r.source_line as number | null) ?? 1 });

/** A stored record with its row id and the batch that created it. */
export interface LoadedRecord<R> {
  id: number;
  batch: string | null;
  record: R;
}

export interface LegacyRecords {
  checkIns: Array<LoadedRecord<CheckInRecord>>;
  workouts: Array<LoadedRecord<WorkoutRecord>>;
  coaching: Array<LoadedRecord<CoachingRecord>>;
  meals: Array<LoadedRecord<MealRecord>>;
}

const PROVENANCE_COLUMNS = ['source_file', 'source_line'];
const columnsOf = (fields: readonly ExtraField[]) => fields.map((f) => f.column);
const HEALTH_COLUMNS = ['id', 'recorded_date', 'weight_kg', 'weight_unit', 'body_fat_pct', 'length_unit', 'chest_cm', 'waist_cm', 'hips_cm', 'neck_cm', 'notes', ...columnsOf(EXTRA_FIELDS.checkIn), 'import_batch_id', ...PROVENANCE_COLUMNS];
const SESSION_COLUMNS = ['id', 'session_date', 'title', 'session_type', 'program_phase', 'notes', ...columnsOf(EXTRA_FIELDS.session), 'import_batch_id', ...PROVENANCE_COLUMNS];
const EXERCISE_COLUMNS = ['id', 'session_id', 'exercise_name', 'superset_label', 'order_index', 'sets', 'reps', 'reps_per_set', 'weight_kg', 'weight_unit', 'duration_seconds', 'distance_km', 'notes', 'raw', ...columnsOf(EXTRA_FIELDS.exercise), ...PROVENANCE_COLUMNS];
const COACHING_COLUMNS = ['id', 'session_date', 'title', 'coach_name', 'subject', 'topics', 'notes', 'rating', 'next_session_date', ...columnsOf(EXTRA_FIELDS.coaching), 'import_batch_id', ...PROVENANCE_COLUMNS];
const MEAL_COLUMNS = ['id', 'meal_date', 'meal_type', 'meal_label', 'description', 'calories', 'protein_g', 'carbs_g', 'fat_g', 'fiber_g', 'satiety_before', 'satiety_after', 'notes', ...columnsOf(EXTRA_FIELDS.meal), 'import_batch_id', ...PROVENANCE_COLUMNS];

/** A row's extra columns as a record's `extra` values. */
function extraFromRow(fields: readonly ExtraField[], r: Row): ExtraValues {
  const out: ExtraValues = {};
  for (const f of fields) {
    const v = r[f.column];
    out[f.column] = v === null || v === undefined ? null : f.type === 'boolean' ? bool(v) : Array.isArray(f.type) ? String(v) : Number(v);
  }
  return out;
}

/** A record's `extra` values as row columns (every column, null when not said). */
function extraToRow(fields: readonly ExtraField[], extra: ExtraValues | undefined, sqlite: boolean): Row {
  const out: Row = {};
  for (const f of fields) {
    // A flag not said is a flag not set (the column is NOT NULL).
    const v = extra?.[f.column] ?? (f.type === 'boolean' ? false : null);
    out[f.column] = typeof v === 'boolean' && sqlite ? (v ? 1 : 0) : v;
  }
  return out;
}
const PAGE_ROWS = 10_000;

/** A user's rows of a table in id order, a page at a time (keyset paging keeps memory flat). */
async function* pages(db: Db, table: string, userId: number, columns: string[], onPage?: (page: Row[]) => Promise<void>): AsyncGenerator<Row> {
  let after = 0;
  for (;;) {
    const page = (await db(table).where({ user_id: userId }).andWhere('id', '>', after).orderBy('id').limit(PAGE_ROWS).select(columns)) as Row[];
    if (page.length === 0) return;
    if (onPage) await onPage(page);
    yield* page;
    if (page.length < PAGE_ROWS) return;
    after = page[page.length - 1]!.id as number;
  }
}

/**
 * Loads all of a user's check-ins, workouts (with exercises), coaching sessions (with action
 * items) and meals as legacy records, each list by date, then in the order they were entered
 * (`byDate: false`: in the order they were entered).
 *
 * @example const { checkIns } = await loadLegacyRecords(db, user.id)
 */
export async function loadLegacyRecords(db: Db, userId: number, opts: { byDate?: boolean } = {}): Promise<LegacyRecords> {
  const out: LegacyRecords = { checkIns: [], workouts: [], coaching: [], meals: [] };
  const put = <R>(list: Array<LoadedRecord<R>>, id: number, batch: unknown, record: R) => {
    list.push({ id, batch: (batch as string | null) ?? null, record });
  };

  for await (const r of pages(db, 'health_metrics', userId, HEALTH_COLUMNS)) {
    const record: CheckInRecord = {
      recordedDate: dateStr(r.recorded_date),
      weightKg: num(r.weight_kg),
      weightUnit: (r.weight_unit as WeightUnit | null) ?? null,
      bodyFatPct: num(r.body_fat_pct),
      lengthUnit: (r.length_unit as LengthUnit | null) ?? null,
      chestCm: num(r.chest_cm),
      waistCm: num(r.waist_cm),
      hipsCm: num(r.hips_cm),
      neckCm: num(r.neck_cm),
      notes: (r.notes as string | null) ?? null,
      extra: extraFromRow(EXTRA_FIELDS.checkIn, r),
      source: source(r),
    };
    put(out.checkIns, r.id as number, r.import_batch_id, record);
  }

  for await (const r of pages(db, 'workout_sessions', userId, SESSION_COLUMNS, async (page) => {
    // The exercises of a page of sessions, in one query over that page's id range.
    const first = page[0]!.id as number;
    const last = page[page.length - 1]!.id as number;
    const exercises = (await db('exercise_logs as e')
      .join('workout_sessions as s', 's.id', 'e.session_id')
      .where('s.user_id', userId)
      .whereBetween('e.session_id', [first, last])
      .select(EXERCISE_COLUMNS.map((c) => `e.${c}`))
      .orderBy([{ column: 'e.session_id' }, { column: 'e.order_index' }, { column: 'e.id' }])) as Row[];
    const bySession = new Map<number, ExerciseRecord[]>();
    const sets = await loadSetsByLog(db, exercises.map((e) => Number(e.id)));
    for (const e of exercises) {
      const list = bySession.get(e.session_id as number) ?? [];
      const perSet = sets.get(Number(e.id));
      list.push(perSet ? { ...exerciseFromRow(e), perSet } : exerciseFromRow(e));
      bySession.set(e.session_id as number, list);
    }
    for (const r of page) r.exercises = bySession.get(r.id as number) ?? [];
  })) {
    const record: WorkoutRecord = {
      sessionDate: dateStr(r.session_date),
      title: r.title as string,
      sessionType: r.session_type as SessionType,
      programPhase: (r.program_phase as string | null) ?? null,
      notes: (r.notes as string | null) ?? null,
      extra: extraFromRow(EXTRA_FIELDS.session, r),
      source: source(r),
      exercises: r.exercises as ExerciseRecord[],
    };
    put(out.workouts, r.id as number, r.import_batch_id, record);
  }

  const items = (await db('coaching_action_items as a')
    .join('coaching_sessions as c', 'c.id', 'a.session_id')
    .where('c.user_id', userId)
    .select('a.session_id', 'a.text', 'a.done')
    .orderBy([{ column: 'a.session_id' }, { column: 'a.position' }])) as Row[];
  const itemsBySession = new Map<number, Array<{ text: string; done: boolean }>>();
  for (const a of items) {
    const list = itemsBySession.get(a.session_id as number) ?? [];
    list.push({ text: a.text as string, done: bool(a.done) });
    itemsBySession.set(a.session_id as number, list);
  }
  for await (const r of pages(db, 'coaching_sessions', userId, COACHING_COLUMNS)) {
    const record: CoachingRecord = {
      sessionDate: dateStr(r.session_date),
      title: (r.title as string | null) ?? null,
      coachName: (r.coach_name as string | null) ?? null,
      subject: (r.subject as string | null) ?? null,
      topics: json<string[]>(r.topics, [], 'coaching_sessions.topics'),
      rating: num(r.rating),
      nextSessionDate: r.next_session_date ? dateStr(r.next_session_date) : null,
      notes: (r.notes as string | null) ?? null,
      actionItems: itemsBySession.get(r.id as number) ?? [],
      extra: extraFromRow(EXTRA_FIELDS.coaching, r),
      source: source(r),
    };
    put(out.coaching, r.id as number, r.import_batch_id, record);
  }

  for await (const r of pages(db, 'meal_logs', userId, MEAL_COLUMNS)) {
    const record: MealRecord = {
      mealDate: dateStr(r.meal_date),
      mealType: r.meal_type as MealType,
      mealLabel: (r.meal_label as string | null) ?? null,
      description: (r.description as string | null) ?? null,
      calories: num(r.calories),
      proteinG: num(r.protein_g),
      carbsG: num(r.carbs_g),
      fatG: num(r.fat_g),
      fiberG: num(r.fiber_g),
      satietyBefore: num(r.satiety_before),
      satietyAfter: num(r.satiety_after),
      notes: (r.notes as string | null) ?? null,
      extra: extraFromRow(EXTRA_FIELDS.meal, r),
      source: source(r),
    };
    put(out.meals, r.id as number, r.import_batch_id, record);
  }
  const byDate = <R>(list: Array<LoadedRecord<R>>, date: (r: R) => string) => list.sort((a, b) => (date(a.record) < date(b.record) ? -1 : date(a.record) > date(b.record) ? 1 : a.id - b.id));
  if (opts.byDate === false) return out;
  byDate(out.checkIns, (r) => r.recordedDate);
  byDate(out.workouts, (r) => r.sessionDate);
  byDate(out.coaching, (r) => r.sessionDate);
  byDate(out.meals, (r) => r.mealDate);
  return out;
}

/**
 * Loads the user's check-ins, workouts, coaching sessions and meals by natural key (the first
 * stored row wins when several share one).
 *
 * @example const stored = await loadStoredRecords(db, user.id)
 */
export async function loadStoredRecords(db: Db, userId: number): Promise<StoredRecords> {
  const all = await loadLegacyRecords(db, userId, { byDate: false });
  const stored: StoredRecords = { 'check-in': new Map(), workouts: new Map(), coaching: new Map(), meals: new Map() };
  const keyed = <R extends Parameters<typeof naturalKey>[1]>(map: Map<string, LoadedRecord<R>>, kind: Parameters<typeof naturalKey>[0], list: Array<LoadedRecord<R>>) => {
    for (const r of list) {
      const key = naturalKey(kind, r.record);
      if (!map.has(key)) map.set(key, r);
    }
  };
  keyed(stored['check-in'], 'check-in', all.checkIns);
  keyed(stored.workouts, 'workouts', all.workouts);
  keyed(stored.coaching, 'coaching', all.coaching);
  keyed(stored.meals, 'meals', all.meals);
  return stored;
}

function exerciseFromRow(e: Row): ExerciseRecord {
  return {
    exerciseName: e.exercise_name as string,
    supersetLabel: (e.superset_label as string | null) ?? null,
    orderIndex: e.order_index as number,
    sets: num(e.sets),
    reps: num(e.reps),
    repsPerSet: json<number[] | null>(e.reps_per_set, null, 'exercise_logs.reps_per_set'),
    weightKg: num(e.weight_kg),
    weightUnit: (e.weight_unit as WeightUnit | null) ?? null,
    durationSeconds: num(e.duration_seconds),
    distanceKm: num(e.distance_km),
    notes: (e.notes as string | null) ?? null,
    raw: (e.raw as string | null) ?? null,
    extra: extraFromRow(EXTRA_FIELDS.exercise, e),
    source: source(e),
  };
}

/** A short, readable, unique batch id. @example newBatchId() → 'imp-20250312-174502-3fa9' */
export function newBatchId(now: Date = new Date()): string {
  const iso = now.toISOString();
  return `imp-${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${randomBytes(2).toString('hex')}`;
}

/** Parameters per SQLite statement (PostgreSQL's 65535 is never near: it gets one per column). */
const BIND_LIMIT = { sqlite: 32766 } as const;
/** Rows per SQLite statement: past a few hundred rows a bigger statement only costs preparing. */
const SQLITE_ROWS_PER_STATEMENT = 500;
/** Rows per PostgreSQL statement (one parameter per column, so only memory bounds it). */
const PG_ROWS_PER_STATEMENT = 2000;

const pgTypeCache = new WeakMap<object, Map<string, Map<string, string>>>();

/** The element types of a table's columns (`int4`, `float8`, `jsonb` …), for unnest() casts. */
async function pgColumnTypes(conn: PgConnection, table: string): Promise<Map<string, string>> {
  let byTable = pgTypeCache.get(conn);
  if (!byTable) pgTypeCache.set(conn, (byTable = new Map()));
  let types = byTable.get(table);
  if (!types) {
    const { rows } = await conn.query({ text: 'select column_name, udt_name from information_schema.columns where table_schema = current_schema() and table_name = $1', values: [table] });
    types = new Map(rows.map((r) => [String(r.column_name), String(r.udt_name)]));
    byTable.set(table, types);
  }
  return types;
}

interface SqliteConnection {
  prepare(sql: string): { run(...params: unknown[]): unknown; all(...params: unknown[]): Row[] };
}
interface PgConnection {
  query(q: { text: string; values: unknown[] }): Promise<{ rows: Row[] }>;
}

/**
 * Inserts rows in as few multi-row statements as the engine allows and returns the new ids in
 * row order. Runs on the transaction's own driver connection: Knex's multi-row insert on
 * SQLite is a UNION ALL capped at 500 rows, and its binding formatter costs more than the
 * insert itself at 100 000 rows. On PostgreSQL the rows are streamed in with COPY, unless
 * row-level security binds the connection's role (COPY FROM refuses such tables).
 */
async function insertMany<T>(trx: Knex.Transaction, table: string, items: T[], toRow: (item: T, index: number) => Row, wantIds: boolean): Promise<number[]> {
  if (items.length === 0) return [];
  const engine = engineOf(trx as unknown as Knex);
  const columns = Object.keys(toRow(items[0]!, 0));
  const conn = await acquireDriverConnection<SqliteConnection & PgConnection>(trx);
  if (engine === 'postgres' && !(await rowSecurityActive(conn, table))) return copyMany(conn, table, columns, items, toRow, wantIds);
  const per = engine === 'sqlite' ? Math.max(1, Math.min(SQLITE_ROWS_PER_STATEMENT, Math.floor(BIND_LIMIT.sqlite / columns.length))) : PG_ROWS_PER_STATEMENT;
  const head = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values `;
  const tail = wantIds ? ' returning "id"' : '';
  const ids: number[] = [];
  const prepared = new Map<number, ReturnType<SqliteConnection['prepare']>>();
  for (let i = 0; i < items.length; i += per) {
    // Rows are built a chunk at a time, so a large import never holds them all at once.
    const chunk = items.slice(i, i + per);
    const values: unknown[] = new Array(chunk.length * columns.length);
    let k = 0;
    chunk.forEach((item, j) => {
      const row = toRow(item, i + j);
      for (const c of columns) values[k++] = row[c] ?? null;
    });
    let returned: Row[] = [];
    if (engine === 'sqlite') {
      let stmt = prepared.get(chunk.length);
      if (!stmt) {
        const tuple = `(${columns.map(() => '?').join(', ')})`;
        stmt = conn.prepare(head + new Array<string>(chunk.length).fill(tuple).join(', ') + tail);
        prepared.set(chunk.length, stmt);
      }
      if (wantIds) returned = stmt.all(values);
      else stmt.run(values);
    } else {
      // One array per column through unnest(): a short statement PostgreSQL parses once,
      // instead of a VALUES list with a parameter per cell.
      const types = await pgColumnTypes(conn, table);
      const arrays = columns.map((_, c) => {
        const col: unknown[] = new Array(chunk.length);
        for (let r = 0; r < chunk.length; r++) col[r] = values[r * columns.length + c];
        return col;
      });
      const text = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) select * from unnest(${columns.map((c, k) => `$${k + 1}::${types.get(c) ?? 'text'}[]`).join(', ')})${tail}`;
      returned = (await conn.query({ text, values: arrays })).rows;
    }
    // Ids are handed out in VALUES order on both engines; sorting guards against any return order.
    if (wantIds) for (const id of returned.map((r) => Number(r.id)).sort((a, b) => a - b)) ids.push(id);
  }
  return ids;
}

/** True when row-level security applies to this connection's role on the table (PostgreSQL). */
async function rowSecurityActive(conn: PgConnection, table: string): Promise<boolean> {
  const { rows } = await conn.query({ text: 'select row_security_active($1::regclass) as active', values: [table] });
  return rows[0]!.active === true;
}

/** Rows per chunk of COPY data handed to the stream (a few hundred kilobytes). */
const COPY_ROWS_PER_CHUNK = 2000;

/**
 * `insertMany` on PostgreSQL with COPY. COPY cannot return ids, so when they are needed they
 * are taken from the table's sequence first (`nextval` over `generate_series`) and written
 * with the rows: nextval never hands the same value to two sessions, so concurrent writers
 * cannot collide, and the reserved ids are given to the rows in ascending order, as INSERT
 * would number them.
 */
async function copyMany<T>(conn: PgConnection, table: string, columns: string[], items: T[], toRow: (item: T, index: number) => Row, wantIds: boolean): Promise<number[]> {
  let ids: number[] = [];
  if (wantIds) {
    const { rows } = await conn.query({ text: "select nextval(pg_get_serial_sequence($1, 'id')) as id from generate_series(1, $2)", values: [table, items.length] });
    ids = rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  }
  const copied = wantIds ? ['id', ...columns] : columns;
  // Rows are encoded a chunk at a time as the stream asks for them, so memory stays flat.
  function* chunks(): Generator<string> {
    for (let i = 0; i < items.length; i += COPY_ROWS_PER_CHUNK) {
      let text = '';
      const end = Math.min(items.length, i + COPY_ROWS_PER_CHUNK);
      for (let j = i; j < end; j++) {
        const row = toRow(items[j]!, j);
        const values = columns.map((c) => row[c] ?? null);
        text += copyTextLine(wantIds ? [ids[j], ...values] : values);
      }
      yield text;
    }
  }
  await copyIn(conn, table, copied, chunks());
  return ids;
}

function quote(name: string): string {
  return `"${name}"`;
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

/**
 * Writes the `create` and `update` records of a plan in one transaction with its batch row and
 * an audit row. Nothing is written when any statement fails.
 *
 * @example await writeImport(db, user.id, plan, { id: newBatchId(), files: ['check-in-log.md'], startedAt: nowIso() })
 */
export async function writeImport(db: Knex, userId: number, plan: ImportPlan, batch: BatchInfo, onProgress?: (rowsWritten: number) => void): Promise<WriteCounts> {
  return db.transaction(async (trx) => {
    await openImportBatch(trx, userId, batch);
    const counts = await writePlanned(trx, userId, batch.id, plan.planned, onProgress);
    await closeImportBatch(trx, userId, batch, counts, plan.files);
    return counts;
  });
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
export async function writePlanned(trx: Knex.Transaction, userId: number, batchId: string, planned: PlannedRecord[], onProgress?: (rowsWritten: number) => void): Promise<WriteCounts> {
  const sqlite = engineOf(trx as unknown as Knex) === 'sqlite';
  const flag = (b: boolean) => (sqlite ? (b ? 1 : 0) : b);
  const now = nowIso();
  const byTable: Record<string, number> = {};
  const add = (t: string, n: number) => (byTable[t] = (byTable[t] ?? 0) + n);
  const progress = (n: number) => onProgress?.(n);
  const prov = (p: PlannedRecord, batch: string | null) => ({ source_file: p.record.source.file, source_line: p.record.source.line, import_batch_id: batch });
  const creates = (kind: PlannedRecord['kind']) => planned.filter((p) => p.kind === kind && p.outcome === 'create');
  const updates = planned.filter((p) => p.outcome === 'update');
  // Every imported exercise is filed under its library entry (created when missing), by the one name rule.
  const libraryIds = new Map<string, number>();
  for (const p of planned) {
    if (p.kind !== 'workouts' || (p.outcome !== 'create' && p.outcome !== 'update')) continue;
    for (const e of (p.record as WorkoutRecord).exercises) {
      const key = foldName(e.exerciseName);
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
    exercise_definition_id: libraryIds.get(foldName(e.exerciseName)) ?? null,
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
  const owned = (p: PlannedRecord, row: Row) => ({ user_id: userId, ...row, ...prov(p, batchId), created_at: now, updated_at: now });

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

const KIND_TABLES = { 'check-in': 'health_metrics', workouts: 'workout_sessions', coaching: 'coaching_sessions', meals: 'meal_logs' } as const;
type ChangeTable = (typeof KIND_TABLES)[keyof typeof KIND_TABLES];
/** The rows that belong to a row of a table and go with it: table, foreign key, order. */
const CHILD_ROWS: Partial<Record<ChangeTable, { table: string; key: string; order: string[] }>> = {
  workout_sessions: { table: 'exercise_logs', key: 'session_id', order: ['order_index', 'id'] },
  coaching_sessions: { table: 'coaching_action_items', key: 'session_id', order: ['position', 'id'] },
};
/** Columns a snapshot leaves out: identity, ownership, creation. */
const NOT_SNAPSHOT = new Set(['id', 'user_id', 'session_id', 'created_at']);

/** A row's values (and its children's) as plain JSON, the same on both engines' drivers. */
interface RowSnapshot {
  row: Row;
  children?: Row[];
}

function plainRow(r: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(r)) {
    if (NOT_SNAPSHOT.has(k)) continue;
    out[k] = v instanceof Date ? v.toISOString() : v === undefined ? null : v;
  }
  return out;
}

/** The current values of a row and its children, or null when it is gone. */
async function snapshotRow(db: Db, table: ChangeTable, id: number): Promise<RowSnapshot | null> {
  const row = (await db(table).where({ id }).first()) as Row | undefined;
  if (!row) return null;
  const child = CHILD_ROWS[table];
  if (!child) return { row: plainRow(row) };
  const children = (await db(child.table).where(child.key, id).orderBy(child.order)) as Row[];
  const snapshots = children.map(plainRow);
  if (child.table === 'exercise_logs' && children.length > 0) {
    // An exercise's sets go with it (as `per_set`), so that a revert puts them back too.
    const sets = (await db('exercise_sets').whereIn('exercise_log_id', children.map((c) => Number(c.id))).orderBy(['exercise_log_id', 'set_index'])) as Row[];
    children.forEach((c, i) => {
      const own = sets.filter((x) => Number(x.exercise_log_id) === Number(c.id)).map(({ exercise_log_id: _log, ...x }) => plainRow(x));
      if (own.length > 0) snapshots[i]!.per_set = own;
    });
  }
  return { row: plainRow(row), children: snapshots };
}

/** JSON with object keys sorted (PostgreSQL's jsonb reorders them) and JSON text columns parsed. */
function canonical(v: unknown): string {
  const norm = (x: unknown): unknown => {
    if (typeof x === 'string' && /^[[{]/.test(x)) {
      try {
        return norm(JSON.parse(x));
      } catch {
        return x;
      }
    }
    if (typeof x === 'boolean') return x ? 1 : 0;
    if (Array.isArray(x)) return x.map(norm);
    if (x !== null && typeof x === 'object') return Object.fromEntries(Object.keys(x).sort().map((k) => [k, norm((x as Row)[k])]));
    return x;
  };
  return JSON.stringify(norm(v));
}

/** A snapshot's values to compare: without `updated_at`, which any write moves. */
const comparable = (s: RowSnapshot) => canonical({ row: { ...s.row, updated_at: null }, children: s.children ?? null });

/** A snapshot row's values as an insert or update takes them (JSON values as text). */
function writable(r: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(r)) out[k] = v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
  return out;
}

export interface BatchSummary {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  files: string[];
  created: number;
  updated: number;
  revertedAt: string | null;
}

const ts = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v));

function batchFromRow(r: Row): BatchSummary {
  const counts = json<{ created?: number; updated?: number }>(r.counts, {}, 'import_batches.counts');
  return {
    id: r.id as string,
    startedAt: ts(r.started_at)!,
    finishedAt: ts(r.finished_at),
    files: json<string[]>(r.files, [], 'import_batches.files'),
    created: counts.created ?? 0,
    updated: counts.updated ?? 0,
    revertedAt: ts(r.reverted_at),
  };
}

/** The user's import batches, oldest first. @example await listImportBatches(db, user.id) */
export async function listImportBatches(db: Db, userId: number): Promise<BatchSummary[]> {
  const rows = (await db('import_batches').where({ user_id: userId }).orderBy([{ column: 'started_at' }, { column: 'id' }])) as Row[];
  return rows.map(batchFromRow);
}

/** A row an import changed that was changed again since, so its revert left it alone. */
export interface ChangedSince {
  table: string;
  id: number;
  /** The row's date (and title), to find it. */
  what: string;
}

export interface RevertResult {
  batch: string;
  deleted: Record<string, number>;
  /** Rows the batch updated whose previous values were put back. */
  restored: Record<string, number>;
  /** Rows the batch updated that were changed since (or deleted): left as they are. */
  changedSince: ChangedSince[];
  /** Rows of the batch changed since it ran (by hand or by a later `--update`), left in place. */
  kept: Record<string, number>;
}

const PROVENANCE_TABLES = ['health_metrics', 'workout_sessions', 'coaching_sessions', 'meal_logs'] as const;

/**
 * Deletes the rows a batch created and marks it reverted. Rows changed since the batch ran
 * (`updated_at` after its end: edited by hand or updated by a later import) are kept; rows
 * logged by hand were never the batch's and are untouched. Exercises and action items go with
 * their session.
 *
 * @example await revertImport(db, user.id, 'imp-20250312-174502-3fa9')
 */
export async function revertImport(db: Knex, userId: number, batchId: string): Promise<RevertResult> {
  return db.transaction(async (trx) => {
    const row = (await trx('import_batches').where({ id: batchId, user_id: userId }).first()) as Row | undefined;
    if (!row) throw new NotFoundError(`no import batch "${batchId}"`, 'list the batches with: fittrack import-md --list');
    const batch = batchFromRow(row);
    if (batch.revertedAt) throw new UsageError(`import batch ${batchId} was already reverted at ${batch.revertedAt}`, 'list the batches with: fittrack import-md --list');
    const deleted: Record<string, number> = {};
    const kept: Record<string, number> = {};
    const { restored, changedSince } = await restoreChanges(trx, userId, batchId);
    const finished = row.finished_at ?? row.started_at;
    for (const table of PROVENANCE_TABLES) {
      const mine = () => trx(table).where({ user_id: userId, import_batch_id: batchId });
      if (table === 'workout_sessions') {
        deleted.exercise_logs = Number(
          (
            (await trx('exercise_logs')
              .whereIn('session_id', mine().where('updated_at', '<=', finished as string).select('id'))
              .count({ n: '*' })
              .first()) as { n: number | string }
          ).n,
        );
      }
      kept[table] = Number(((await mine().where('updated_at', '>', finished as string).count({ n: '*' }).first()) as { n: number | string }).n);
      deleted[table] = await mine().where('updated_at', '<=', finished as string).delete();
    }
    await trx('import_batches').where({ id: batchId, user_id: userId }).update({ reverted_at: nowIso() });
    await recordAudit(trx, { userId, action: 'import_revert', entity: 'import_batch', entityId: batchId, details: { deleted, kept, restored, changed_since: changedSince } });
    return { batch: batchId, deleted, kept, restored, changedSince };
  });
}

/**
 * Puts back the previous values of the rows a batch updated, latest change first; a row whose
 * values are no longer those the batch wrote (changed by hand or by a later import, or
 * deleted) is left alone and reported.
 */
async function restoreChanges(trx: Knex.Transaction, userId: number, batchId: string): Promise<{ restored: Record<string, number>; changedSince: ChangedSince[] }> {
  const restored: Record<string, number> = {};
  const changedSince: ChangedSince[] = [];
  const changes = (await trx('import_batch_changes').where({ batch_id: batchId, user_id: userId }).orderBy('id', 'desc')) as Row[];
  for (const c of changes) {
    const table = c.table_name as ChangeTable;
    const id = Number(c.row_id);
    const previous = json<RowSnapshot>(c.previous_values, { row: {} }, 'import_batch_changes.previous_values');
    const written = json<RowSnapshot>(c.written_values, { row: {} }, 'import_batch_changes.written_values');
    const current = await snapshotRow(trx, table, id);
    const rowOwned = current && (await trx(table).where({ id, user_id: userId }).first('id'));
    if (!current || !rowOwned || comparable(current) !== comparable(written)) {
      const r = current?.row ?? previous.row;
      const date = r.recorded_date ?? r.session_date ?? r.meal_date;
      const title = r.title ?? r.description;
      changedSince.push({ table, id, what: `${dateStr(date)}${title ? ` "${String(title)}"` : ''}${current ? '' : ' (deleted since)'}` });
      continue;
    }
    await trx(table).where({ id, user_id: userId }).update(writable(previous.row));
    const child = CHILD_ROWS[table];
    if (child) {
      await trx(child.table).where(child.key, id).delete();
      const children = (previous.children ?? []).map(({ per_set: sets, ...r }) => ({ row: { ...writable(r), [child.key]: id }, sets: (sets as Row[] | undefined) ?? [] }));
      if (children.some((c) => c.sets.length > 0)) {
        // Each exercise's new id is needed for its sets: one by one, in order.
        for (const c of children) {
          const [inserted] = await trx(child.table).insert(c.row).returning('id');
          const logId = Number(typeof inserted === 'object' ? (inserted as { id: number }).id : inserted);
          if (c.sets.length > 0) await trx('exercise_sets').insert(c.sets.map((x) => ({ ...writable(x), exercise_log_id: logId })));
        }
      } else {
        const rows = children.map((c) => c.row);
        for (let i = 0; i < rows.length; i += 200) await trx(child.table).insert(rows.slice(i, i + 200));
      }
    }
    restored[table] = (restored[table] ?? 0) + 1;
  }
  return { restored, changedSince };
}

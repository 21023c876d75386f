/**
 * A user's stored check-ins, workouts, coaching sessions and meals as legacy records: the row
 * mappers for both directions (rows → records for planning and export, a record's extra values
 * → columns for writing), and the loaders by natural key.
 *
 * Every function takes the user id and filters on it.
 */
import type { Knex } from 'knex';
import type { AnyRecord, StoredRecord, StoredRecords } from '../domain/import-plan.js';
import { naturalKey } from '../domain/import-plan.js';
import { EXTRA_FIELDS } from '../domain/legacy-records.js';
import type { CheckInRecord, CoachingRecord, ExerciseRecord, ExtraField, ExtraValues, LegacyKind, MealRecord, WorkoutRecord } from '../domain/legacy-records.js';
import type { MealType } from '../domain/meal.js';
import type { SessionType } from '../domain/session-type.js';
import type { LengthUnit, WeightUnit } from '../domain/units.js';
import { loadSetsByLog } from './exercise-sets.js';
import { readJsonColumn } from './json-column.js';
export type Db = Knex | Knex.Transaction;
export type Row = Record<string, unknown>;

/** A JSON column's value, or `fallback` when it is null (corrupt JSON fails loudly). */
export const json = <T>(v: unknown, fallback: T, where: string): T => (readJsonColumn(v, where) as T | null) ?? fallback;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const bool = (v: unknown): boolean => v === true || v === 1 || v === '1';
export const dateStr = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
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
export function extraToRow(fields: readonly ExtraField[], extra: ExtraValues | undefined, sqlite: boolean): Row {
  const out: Row = {};
  for (const f of fields) {
    // A flag not said is a flag not set (the column is NOT NULL).
    const v = extra?.[f.column] ?? (f.type === 'boolean' ? false : null);
    out[f.column] = typeof v === 'boolean' && sqlite ? (v ? 1 : 0) : v;
  }
  return out;
}
const PAGE_ROWS = 10_000;

/** Ids per query when rows are read by id (well under either engine's parameter limit). */
const IDS_PER_QUERY = 500;

/**
 * A user's rows of a table in id order, a page at a time (keyset paging keeps memory flat), or
 * only the rows of `ids`.
 */
async function* pages(db: Db, table: string, userId: number, columns: string[], onPage?: (page: Row[]) => Promise<void>, ids?: number[]): AsyncGenerator<Row> {
  if (ids) {
    const sorted = [...new Set(ids)].sort((a, b) => a - b);
    for (let i = 0; i < sorted.length; i += IDS_PER_QUERY) {
      // Looked up by id (the unary plus keeps SQLite from reading all the user's rows by the user
      // index instead), and put in id order here rather than by a sort of whole rows in SQL.
      const page = ((await db(table).whereRaw('+?? = ?', ['user_id', userId]).whereIn('id', sorted.slice(i, i + IDS_PER_QUERY)).select(columns)) as Row[]).sort((a, b) => Number(a.id) - Number(b.id));
      if (page.length === 0) continue;
      if (onPage) await onPage(page);
      yield* page;
    }
    return;
  }
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
export async function loadLegacyRecords(db: Db, userId: number, opts: { byDate?: boolean; only?: { kind: LegacyKind; ids: number[] } } = {}): Promise<LegacyRecords> {
  const out: LegacyRecords = { checkIns: [], workouts: [], coaching: [], meals: [] };
  const put = <R>(list: Array<LoadedRecord<R>>, id: number, batch: unknown, record: R) => {
    list.push({ id, batch: (batch as string | null) ?? null, record });
  };

  /** The rows of a table to read: all of them, or none but the ids asked for of one kind. */
  const wanted = (kind: LegacyKind): number[] | undefined | null => (!opts.only ? undefined : opts.only.kind === kind ? opts.only.ids : null);
  const rowsOf = (kind: LegacyKind, table: string, columns: string[], onPage?: (page: Row[]) => Promise<void>): AsyncIterable<Row> => {
    const ids = wanted(kind);
    return ids === null ? (async function* () {})() : pages(db, table, userId, columns, onPage, ids);
  };

  for await (const r of rowsOf('check-in', 'health_metrics', HEALTH_COLUMNS)) {
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

  for await (const r of rowsOf('workouts', 'workout_sessions', SESSION_COLUMNS, async (page) => {
    // The exercises of a page of sessions, in one query over that page's id range (or ids).
    const first = page[0]!.id as number;
    const last = page[page.length - 1]!.id as number;
    const query = db('exercise_logs as e').join('workout_sessions as s', 's.id', 'e.session_id').where('s.user_id', userId);
    // Both sides narrowed to the page's sessions, so neither engine reads all the user's sessions for it.
    const ids = page.map((p) => p.id as number);
    // Put in order here: a sort of whole rows in SQL costs more than the query.
    const exercises = ((await (opts.only ? query.whereIn('e.session_id', ids).whereIn('s.id', ids) : query.whereBetween('e.session_id', [first, last]).whereBetween('s.id', [first, last])).select(EXERCISE_COLUMNS.map((c) => `e.${c}`))) as Row[]).sort(
      (a, b) => Number(a.session_id) - Number(b.session_id) || Number(a.order_index) - Number(b.order_index) || Number(a.id) - Number(b.id),
    );
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

  const coachingIds = wanted('coaching');
  const items = coachingIds === null ? [] : ((await db('coaching_action_items as a')
    .join('coaching_sessions as c', 'c.id', 'a.session_id')
    .where('c.user_id', userId)
    .modify((q) => {
      if (coachingIds) q.whereIn('a.session_id', coachingIds.length ? coachingIds : [0]);
    })
    .select('a.session_id', 'a.text', 'a.done')
    .orderBy([{ column: 'a.session_id' }, { column: 'a.position' }])) as Row[]);
  const itemsBySession = new Map<number, Array<{ text: string; done: boolean }>>();
  for (const a of items) {
    const list = itemsBySession.get(a.session_id as number) ?? [];
    list.push({ text: a.text as string, done: bool(a.done) });
    itemsBySession.set(a.session_id as number, list);
  }
  for await (const r of rowsOf('coaching', 'coaching_sessions', COACHING_COLUMNS)) {
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

  for await (const r of rowsOf('meals', 'meal_logs', MEAL_COLUMNS)) {
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

/** The table and key columns of each kind, for the index of stored keys. */
const KEY_COLUMNS: Record<LegacyKind, { table: string; columns: string[]; record: (r: Row) => AnyRecord }> = {
  'check-in': { table: 'health_metrics', columns: ['id', 'recorded_date'], record: (r) => ({ recordedDate: dateStr(r.recorded_date) }) as CheckInRecord },
  workouts: { table: 'workout_sessions', columns: ['id', 'session_date', 'title'], record: (r) => ({ sessionDate: dateStr(r.session_date), title: r.title }) as WorkoutRecord },
  coaching: { table: 'coaching_sessions', columns: ['id', 'session_date', 'title'], record: (r) => ({ sessionDate: dateStr(r.session_date), title: r.title ?? null }) as CoachingRecord },
  meals: { table: 'meal_logs', columns: ['id', 'meal_date', 'meal_type', 'meal_label', 'description'], record: (r) => ({ mealDate: dateStr(r.meal_date), mealType: r.meal_type, mealLabel: r.meal_label ?? null, description: r.description ?? null }) as MealRecord },
};

/**
 * What a user has stored, for planning an import without holding it: the natural keys with
 * the id each names (the first stored row wins), and the full records of the keys of one chunk
 * of an import at a time (`prefetch`), which `records` then holds for the planner.
 *
 * @example const index = await loadStoredIndex(db, user.id); await index.prefetch('check-in', chunk); index.records['check-in'].get('2025-03-03')
 */
export interface StoredIndex {
  /** The stored records of the last prefetched chunk, by natural key. */
  readonly records: StoredRecords;
  /** Loads the stored records the given records' keys name (replacing the last chunk's), through `via` (the import's transaction) when given. */
  prefetch(kind: LegacyKind, records: readonly AnyRecord[], via?: Db): Promise<void>;
  /** How many keys are stored, per kind. */
  readonly size: Record<LegacyKind, number>;
}

export async function loadStoredIndex(db: Db, userId: number): Promise<StoredIndex> {
  const ids = {} as Record<LegacyKind, Map<string, number>>;
  for (const kind of Object.keys(KEY_COLUMNS) as LegacyKind[]) {
    const { table, columns, record } = KEY_COLUMNS[kind];
    const map = new Map<string, number>();
    for await (const r of pages(db, table, userId, columns)) {
      const key = naturalKey(kind, record(r));
      if (!map.has(key)) map.set(key, Number(r.id));
    }
    ids[kind] = map;
  }
  const records: StoredRecords = { 'check-in': new Map(), workouts: new Map(), coaching: new Map(), meals: new Map() };
  const listOf = { 'check-in': 'checkIns', workouts: 'workouts', coaching: 'coaching', meals: 'meals' } as const;
  return {
    records,
    size: { 'check-in': ids['check-in'].size, workouts: ids.workouts.size, coaching: ids.coaching.size, meals: ids.meals.size },
    async prefetch(kind, chunk, via = db) {
      for (const m of Object.values(records)) m.clear();
      const keysById = new Map<number, string[]>();
      const want = (key: string) => {
        const id = ids[kind].get(key);
        if (id !== undefined) keysById.set(id, [...(keysById.get(id) ?? []), key]);
      };
      for (const r of chunk) {
        want(naturalKey(kind, r));
        // Meals imported before labels were kept are stored without one (see the planner).
        if (kind === 'meals' && (r as MealRecord).mealLabel) want(naturalKey(kind, { ...(r as MealRecord), mealLabel: null }));
      }
      if (keysById.size === 0) return;
      const loaded = await loadLegacyRecords(via, userId, { byDate: false, only: { kind, ids: [...keysById.keys()] } });
      const target = records[kind] as Map<string, StoredRecord<AnyRecord>>;
      for (const r of loaded[listOf[kind]] as Array<LoadedRecord<AnyRecord>>) for (const key of keysById.get(r.id) ?? []) target.set(key, r);
    },
  };
}

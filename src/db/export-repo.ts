/**
 * Reading one user's data for export and reports, page by page in the document's order
 * (date, then the order the user entered it), so memory stays flat however many rows there are.
 * Sections without child rows are streamed through one cursor inside one read transaction (a
 * consistent snapshot, one query): better-sqlite3's `iterate()` on SQLite, `DECLARE … CURSOR` and
 * `FETCH` on PostgreSQL. Sessions with exercises or action items, and reads inside a caller's
 * transaction, use keyset pages on (date, id).
 * Every query filters on the user id given to `createExportRepo`.
 */
import type { Knex } from 'knex';
import { usersSource } from './users-repo.js';
import { isGuarded } from './rls-repo.js';
import { engineOf } from './connection.js';
import { acquireDriverConnection, releaseDriverConnection } from './adapter/knex-client.js';
import { foldName } from '../domain/names.js';
import { guessExerciseCategory } from '../domain/exercise.js';
import { today } from '../domain/dates.js';
import { assessGoal, goalProgressPct, type GoalRecord as StoredGoal } from '../domain/goal.js';
import { goalSeriesByMetric } from './goal-repo.js';
import { rowsCreatedOf } from '../domain/export-format.js';
import type {
  ActionItemRecord,
  CoachingRecord,
  DateRange,
  ExerciseDefinitionRecord,
  ExerciseRecord,
  ExportSource,
  SetRecord,
  ExportUser,
  GoalRecord,
  HealthRecord,
  ImportRecord,
  MealRecord,
  PhotoRecord,
  Section,
  ShareRecord,
  SourceRef,
  WorkoutRecord,
} from '../domain/export-document.js';
import { readJsonColumn, readNumberList, readStringList } from './json-column.js';

type Row = Record<string, unknown>;

/** Rows per keyset page (sessions, whose child rows are read per page). */
export const PAGE_SIZE = 500;

/** Rows per page read from a cursor (larger pages live long enough to be promoted to the old
 * heap while they are written, raising peak memory and GC time for no gain). */
export const CURSOR_PAGE_SIZE = 1000;

/**
 * The columns the records of the big sections are made of: reading only these (not the ids and
 * the created/updated timestamps) saves a good part of the reading cost per row.
 */
const SELECTED: Partial<Record<Section, readonly string[]>> = {
  health_metrics: [
    'recorded_date', 'weight_kg', 'weight_unit', 'body_fat_pct', 'muscle_mass_kg', 'lean_body_mass_kg', 'bmi', 'length_unit', 'chest_cm', 'waist_cm', 'hips_cm', 'neck_cm',
    'left_arm_cm', 'right_arm_cm', 'left_thigh_cm', 'right_thigh_cm', 'resting_heart_rate', 'blood_pressure_systolic', 'blood_pressure_diastolic',
    'energy_level', 'mood', 'sleep_quality', 'stress_level', 'sleep_hours', 'notes', 'source_file', 'source_line', 'import_batch_id',
  ],
  meal_logs: [
    'meal_date', 'meal_type', 'meal_label', 'description', 'calories', 'protein_g', 'carbs_g', 'fat_g', 'fiber_g', 'sugar_g', 'sodium_mg', 'water_ml', 'adherence',
    'satisfaction', 'hunger_before', 'hunger_after', 'satiety_before', 'satiety_after', 'notes', 'source_file', 'source_line', 'import_batch_id',
  ],
};

/** Sections read through a cursor: no child rows to look up per page. */
const STREAMED: ReadonlySet<Section> = new Set(['health_metrics', 'meal_logs', 'goals', 'progress_photos', 'imports']);

interface SqliteConnection {
  inTransaction: boolean;
  exec(sql: string): unknown;
  prepare(sql: string): { raw(on: true): { columns(): Array<{ name: string }>; iterate(params: readonly unknown[]): IterableIterator<unknown[]> } };
}
interface PgConnection {
  query(q: string | { text: string; values?: readonly unknown[]; rowMode?: 'array' }): Promise<{ rows: unknown[][]; fields: Array<{ name: string }> }>;
}

/**
 * A function turning a row read as an array into an object with the given keys. Both drivers
 * build row objects key by key, which costs more than reading the row; one object literal of a
 * fixed shape, compiled once per query, costs far less. The keys are the query's column names,
 * quoted with JSON.stringify.
 */
function rowBuilder(names: readonly string[]): (values: readonly unknown[]) => Row {
  const body = `return {${names.map((n, i) => `${JSON.stringify(n)}: v[${i}]`).join(', ')}};`;
  return new Function('v', body) as (values: readonly unknown[]) => Row;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const bool = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 't' || v === 'true';
/** A timestamp the way both engines agree on: ISO-8601 UTC with milliseconds and `Z`. */
const ts = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  const d = v instanceof Date ? v : new Date(String(v));
  return Number.isNaN(d.getTime()) ? String(v) : d.toISOString();
};
/** A JSON column: text on SQLite, already parsed on PostgreSQL. */
const json = <T>(v: unknown, where: string): T | null => readJsonColumn(v, where) as T | null;
/** A free-form JSON value with the keys of every object sorted, so both engines write it alike (jsonb reorders keys). */
const canonical = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Row)[k])]));
  return v;
};
const source = (r: Row): SourceRef | null => (r.source_file === null || r.source_file === undefined ? null : { file: String(r.source_file), line: num(r.source_line) });

/** Maps a `health_metrics` row to its export record (one object literal: cheap for millions of rows). */
export function toHealthRecord(r: Row): HealthRecord {
  const anyLength =
    r.chest_cm != null || r.waist_cm != null || r.hips_cm != null || r.neck_cm != null || r.left_arm_cm != null || r.right_arm_cm != null || r.left_thigh_cm != null || r.right_thigh_cm != null;
  return {
    recorded_date: String(r.recorded_date),
    weight_kg: num(r.weight_kg),
    weight_unit: r.weight_kg == null ? null : (str(r.weight_unit) as HealthRecord['weight_unit']),
    body_fat_pct: num(r.body_fat_pct),
    muscle_mass_kg: num(r.muscle_mass_kg),
    lean_body_mass_kg: num(r.lean_body_mass_kg),
    bmi: num(r.bmi),
    length_unit: anyLength ? (str(r.length_unit) as HealthRecord['length_unit']) : null,
    chest_cm: num(r.chest_cm),
    waist_cm: num(r.waist_cm),
    hips_cm: num(r.hips_cm),
    neck_cm: num(r.neck_cm),
    left_arm_cm: num(r.left_arm_cm),
    right_arm_cm: num(r.right_arm_cm),
    left_thigh_cm: num(r.left_thigh_cm),
    right_thigh_cm: num(r.right_thigh_cm),
    resting_heart_rate: num(r.resting_heart_rate),
    blood_pressure_systolic: num(r.blood_pressure_systolic),
    blood_pressure_diastolic: num(r.blood_pressure_diastolic),
    energy_level: num(r.energy_level),
    mood: num(r.mood),
    sleep_quality: num(r.sleep_quality),
    stress_level: num(r.stress_level),
    sleep_hours: num(r.sleep_hours),
    notes: str(r.notes),
    source: source(r),
    import_batch_id: str(r.import_batch_id),
  };
}

/** Maps an `exercise_logs` row (with `definition_name`, its library entry's name) to its export record. */
export function toExerciseRecord(r: Row, sets: readonly Row[] = []): ExerciseRecord {
  const record: ExerciseRecord = {
    exercise_name: String(r.exercise_name),
    exercise: str(r.definition_name),
    superset_label: str(r.superset_label),
    order_index: Number(r.order_index),
    sets: num(r.sets),
    reps: num(r.reps),
    reps_per_set: readNumberList(r.reps_per_set, 'exercise_logs.reps_per_set'),
    weight_kg: num(r.weight_kg),
    weight_unit: r.weight_kg === null ? null : (str(r.weight_unit) as ExerciseRecord['weight_unit']),
    rest_seconds: num(r.rest_seconds),
    duration_seconds: num(r.duration_seconds),
    distance_km: num(r.distance_km),
    rpe: num(r.rpe),
    form_quality: num(r.form_quality),
    notes: str(r.notes),
    raw: str(r.raw),
    source: source(r),
    import_batch_id: str(r.import_batch_id),
  };
  if (sets.length > 0) record.per_set = sets.map(toSetRecord);
  return record;
}

/** Maps an `exercise_sets` row to its export record. */
export function toSetRecord(r: Row): SetRecord {
  return {
    set_type: (str(r.set_type) ?? 'normal') as SetRecord['set_type'],
    reps: num(r.reps),
    weight_kg: num(r.weight_kg),
    rpe: num(r.rpe),
    duration_seconds: num(r.duration_seconds),
    distance_km: num(r.distance_km),
  };
}

export function toWorkoutRecord(r: Row, exercises: ExerciseRecord[]): WorkoutRecord {
  return {
    session_date: String(r.session_date),
    title: String(r.title),
    session_type: String(r.session_type) as WorkoutRecord['session_type'],
    program_phase: str(r.program_phase),
    program_week: num(r.program_week),
    program_day: num(r.program_day),
    duration_minutes: num(r.duration_minutes),
    energy_kcal: num(r.energy_kcal),
    intensity: num(r.intensity),
    fatigue: num(r.fatigue),
    soreness: num(r.soreness),
    notes: str(r.notes),
    source: source(r),
    import_batch_id: str(r.import_batch_id),
    exercises,
  };
}

export function toCoachingRecord(r: Row, items: ActionItemRecord[]): CoachingRecord {
  return {
    session_date: String(r.session_date),
    title: str(r.title),
    coach_name: str(r.coach_name),
    subject: str(r.subject),
    topics: readStringList(r.topics, 'coaching_sessions.topics'),
    rating: num(r.rating),
    next_session_date: str(r.next_session_date),
    notes: str(r.notes),
    follow_up_required: bool(r.follow_up_required),
    action_items: items,
    source: source(r),
    import_batch_id: str(r.import_batch_id),
  };
}

export function toActionItemRecord(r: Row): ActionItemRecord {
  return { text: String(r.text), done: bool(r.done), done_at: ts(r.done_at) };
}

export function toMealRecord(r: Row): MealRecord {
  return {
    meal_date: String(r.meal_date),
    meal_type: String(r.meal_type) as MealRecord['meal_type'],
    meal_label: str(r.meal_label),
    description: str(r.description),
    calories: num(r.calories),
    protein_g: num(r.protein_g),
    carbs_g: num(r.carbs_g),
    fat_g: num(r.fat_g),
    fiber_g: num(r.fiber_g),
    sugar_g: num(r.sugar_g),
    sodium_mg: num(r.sodium_mg),
    water_ml: num(r.water_ml),
    adherence: str(r.adherence) as MealRecord['adherence'],
    satisfaction: num(r.satisfaction),
    hunger_before: num(r.hunger_before),
    hunger_after: num(r.hunger_after),
    satiety_before: num(r.satiety_before),
    satiety_after: num(r.satiety_after),
    notes: str(r.notes),
    source: source(r),
    import_batch_id: str(r.import_batch_id),
  };
}

export function toGoalRecord(r: Row): GoalRecord {
  const start = num(r.start_value);
  const target = num(r.target_value);
  const current = num(r.current_value);
  return {
    title: String(r.title),
    goal_type: String(r.goal_type) as GoalRecord['goal_type'],
    metric: str(r.metric),
    start_value: start,
    target_value: target,
    current_value: current,
    unit: str(r.unit),
    start_date: String(r.start_date),
    target_date: str(r.target_date),
    status: String(r.status) as GoalRecord['status'],
    progress_pct: goalProgressPct(start, target, current),
    projected_date: null,
    completed_at: ts(r.completed_at),
    milestones: canonical(json<unknown>(r.milestones, 'user_goals.milestones')),
    notes: str(r.notes),
  };
}

export function toPhotoRecord(r: Row): PhotoRecord {
  return {
    taken_on: String(r.taken_on),
    photo_type: String(r.photo_type) as PhotoRecord['photo_type'],
    file_path: String(r.file_path),
    sha256: String(r.sha256),
    weight_kg: num(r.weight_kg),
    body_fat_pct: num(r.body_fat_pct),
    is_public: bool(r.is_public),
    notes: str(r.notes),
  };
}

export function toImportRecord(r: Row): ImportRecord {
  const files = json<unknown[]>(r.files, 'import_batches.files');
  return {
    batch_id: String(r.id),
    started_at: ts(r.started_at) ?? '',
    files: Array.isArray(files) ? files.map(String) : [],
    rows_created: rowsCreatedOf(json(r.counts, 'import_batches.counts')),
    reverted: r.reverted_at !== null && r.reverted_at !== undefined,
    finished_at: ts(r.finished_at),
    reverted_at: ts(r.reverted_at),
    counts: canonical(json<unknown>(r.counts, 'import_batches.counts')),
  };
}

export function toDefinitionRecord(r: Row): ExerciseDefinitionRecord {
  const list = (v: unknown, column: string) => readStringList(v, `exercise_definitions.${column}`);
  return {
    name: String(r.name),
    category: str(r.category) as ExerciseDefinitionRecord['category'],
    muscle_groups: list(r.muscle_groups, 'muscle_groups'),
    equipment: list(r.equipment, 'equipment'),
    difficulty: str(r.difficulty) as ExerciseDefinitionRecord['difficulty'],
    description: str(r.description),
    instructions: str(r.instructions),
    tips: str(r.tips),
    video_url: str(r.video_url),
    image_url: str(r.image_url),
  };
}

/** The entry `import-json` files a logged name under when the library has none: the name, its category guessed. */
export function newDefinitionRecord(name: string): ExerciseDefinitionRecord {
  return {
    name: name.trim(),
    category: guessExerciseCategory(name),
    muscle_groups: null,
    equipment: null,
    difficulty: null,
    description: null,
    instructions: null,
    tips: null,
    video_url: null,
    image_url: null,
  };
}

/** Maps a `data_shares` row (with `grantee_name`) to its export record. */
export function toShareRecord(r: Row): ShareRecord {
  return { grantee: String(r.grantee_name), granted_at: ts(r.granted_at) ?? '', revoked_at: ts(r.revoked_at) };
}

/** Section → table and the date column it is filed under (sections of the user's own rows). */
const TABLE_OF: Record<Exclude<Section, 'exercise_definitions' | 'shares'>, { table: string; date: string }> = {
  health_metrics: { table: 'health_metrics', date: 'recorded_date' },
  workout_sessions: { table: 'workout_sessions', date: 'session_date' },
  coaching_sessions: { table: 'coaching_sessions', date: 'session_date' },
  meal_logs: { table: 'meal_logs', date: 'meal_date' },
  goals: { table: 'user_goals', date: 'start_date' },
  progress_photos: { table: 'progress_photos', date: 'taken_on' },
  imports: { table: 'import_batches', date: 'started_at' },
};

export interface ExportRepo extends ExportSource {
  userId: number;
  user(): Promise<ExportUser>;
  /** How many records of a section fall in the range (for progress bars). */
  count(section: Section, range?: DateRange): Promise<number>;
  /** The records of a section, page by page, in document order. */
  pages(section: Section, range?: DateRange, pageSize?: number): AsyncGenerator<unknown[]>;
}

/**
 * A reader of one user's data.
 *
 * @example for await (const page of createExportRepo(db, 7).pages('health_metrics')) …
 */
export function createExportRepo(db: Knex, userId: number): ExportRepo {
  type Owned = keyof typeof TABLE_OF;
  const base = (section: Owned, range: DateRange = {}) => {
    const { table, date } = TABLE_OF[section];
    const q = db(table).where('user_id', userId);
    if (section === 'imports') {
      // started_at is a timestamp: compare on whole days.
      if (range.from) q.where(date, '>=', `${range.from}T00:00:00.000Z`);
      if (range.to) q.where(date, '<', nextDayIso(range.to));
    } else {
      if (range.from) q.where(date, '>=', range.from);
      if (range.to) q.where(date, '<=', range.to);
    }
    return q;
  };

  /** One query in (date, id) order read through a cursor on a connection of its own, in one read transaction. */
  async function* cursorPages(section: Owned, range: DateRange, pageSize: number): AsyncGenerator<Row[]> {
    const { date } = TABLE_OF[section];
    const { sql, bindings } = base(section, range)
      .select(SELECTED[section] ?? '*')
      .orderBy([{ column: date }, { column: 'id' }])
      .toSQL()
      .toNative();
    const conn = await acquireDriverConnection<unknown>(db);
    try {
      if (engineOf(db) === 'postgres') yield* pgCursorPages(conn as PgConnection, sql, bindings, pageSize);
      else yield* sqliteCursorPages(conn as SqliteConnection, sql, bindings, pageSize);
    } finally {
      await releaseDriverConnection(db, conn);
    }
  }

  /** Keyset pages ordered by (date, id): each page starts after the last row of the previous one. */
  async function* rowPages(section: Owned, range: DateRange, pageSize: number): AsyncGenerator<Row[]> {
    const { date } = TABLE_OF[section];
    const idCol = 'id';
    let last: { date: unknown; id: unknown } | null = null;
    for (;;) {
      const q = base(section, range).select('*').orderBy([{ column: date }, { column: idCol }]).limit(pageSize);
      if (last) {
        const l = last;
        q.where(date, '>=', l.date as string).andWhere((w) => w.where(date, '>', l.date as string).orWhere(idCol, '>', l.id as string));
      }
      const rows = (await q) as Row[];
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < pageSize) return;
      const tail = rows[rows.length - 1]!;
      last = { date: tail[date], id: tail[idCol] };
    }
  }

  /** The library entries the user logged (in sessions within the range) or created. */
  const definitions = (range: DateRange = {}) => {
    const used = base('workout_sessions', range).select('id');
    return db('exercise_definitions')
      .whereIn('id', db('exercise_logs').whereIn('session_id', used).whereNotNull('exercise_definition_id').select('exercise_definition_id'))
      .orWhere('created_by', userId);
  };

  /**
   * The library entries of names logged without a link to the library (rows written before
   * every log was linked): the entry of the same folded name, else null (the name is then its
   * own entry, as `import-json` will file it).
   */
  async function entriesOfNames(names: string[]): Promise<Map<string, Row | null>> {
    const found = new Map<string, Row | null>();
    const folded = [...new Set(names.map(foldName))];
    for (let i = 0; i < folded.length; i += 500) {
      const rows = (await db('exercise_definitions').whereIn('name_folded', folded.slice(i, i + 500)).select('*')) as Row[];
      for (const r of rows) found.set(String(r.name_folded), r);
    }
    for (const f of folded) if (!found.has(f)) found.set(f, null);
    return found;
  }

  /** Every library entry the document lists: sorted by folded name, the same on both engines. */
  async function definitionRecords(range: DateRange): Promise<ExerciseDefinitionRecord[]> {
    const byFolded = new Map<string, ExerciseDefinitionRecord>();
    for (const r of (await definitions(range).select('*')) as Row[]) byFolded.set(foldName(String(r.name)), toDefinitionRecord(r));
    const unlinked = (await db('exercise_logs')
      .whereIn('session_id', base('workout_sessions', range).select('id'))
      .whereNull('exercise_definition_id')
      .distinct('exercise_name')) as Array<{ exercise_name: string }>;
    const names = unlinked.map((u) => u.exercise_name);
    const entries = await entriesOfNames(names);
    for (const name of names) {
      const key = foldName(name);
      if (byFolded.has(key)) continue;
      const entry = entries.get(key);
      byFolded.set(key, entry ? toDefinitionRecord(entry) : newDefinitionRecord(name));
    }
    return [...byFolded.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, rec]) => rec);
  }
  /** The shares the user granted, oldest first. */
  const shares = () =>
    db(isGuarded(db) ? 'fittrack_my_shares as s' : 'data_shares as s')
      .join(`${usersSource(db)} as g`, 'g.id', 's.grantee_id')
      .where('s.owner_id', userId);

  return {
    userId,
    async user() {
      const r = (await db(usersSource(db)).where('id', userId).first()) as Row | undefined;
      if (!r) throw new Error(`user ${userId} not found`);
      return {
        username: String(r.username),
        email: str(r.email),
        display_name: str(r.display_name),
        role: String(r.role) as ExportUser['role'],
        preferred_units: String(r.preferred_units) as ExportUser['preferred_units'],
        height_cm: num(r.height_cm),
        bio: str(r.bio),
        photo_url: str(r.photo_url),
      };
    },
    async count(section, range = {}) {
      if (section === 'exercise_definitions') return (await definitionRecords(range)).length;
      const q = section === 'shares' ? shares() : base(section, range);
      const r = (await q.count({ n: '*' }).first()) as { n: unknown } | undefined;
      return Number(r?.n ?? 0);
    },
    async *pages(section, range = {}, pageSize) {
      if (section === 'exercise_definitions') {
        const records = await definitionRecords(range);
        if (records.length > 0) yield records;
        return;
      }
      if (section === 'shares') {
        const rows = (await shares().select('s.granted_at', 's.revoked_at', 'g.username as grantee_name').orderBy([{ column: 's.granted_at' }, { column: 's.id' }])) as Row[];
        if (rows.length > 0) yield rows.map(toShareRecord);
        return;
      }
      // Goals are shown with their live progress (`assessGoal`, as `goal list` shows it); the
      // values they are measured on are read before a cursor holds the connection.
      const series = section === 'goals' ? await goalSeriesByMetric(db, userId) : undefined;
      const on = today();
      const streamed = STREAMED.has(section) && !db.isTransaction;
      const source = streamed ? cursorPages(section, range, pageSize ?? CURSOR_PAGE_SIZE) : rowPages(section, range, pageSize ?? PAGE_SIZE);
      for await (const rows of source) {
        switch (section) {
          case 'health_metrics':
            yield rows.map(toHealthRecord);
            break;
          case 'meal_logs':
            yield rows.map(toMealRecord);
            break;
          case 'goals':
            yield rows.map((r) => {
              const rec = toGoalRecord(r);
              const a = assessGoal(rec as Omit<GoalRecord, 'goal_type'> & Pick<StoredGoal, 'goal_type'>, (rec.metric && series?.get(rec.metric)) || [], on);
              return { ...rec, progress_pct: a.progress_pct, projected_date: a.projected_date };
            });
            break;
          case 'progress_photos':
            yield rows.map(toPhotoRecord);
            break;
          case 'imports':
            yield rows.map(toImportRecord);
            break;
          case 'workout_sessions': {
            const ids = rows.map((r) => r.id as number);
            const logs = (await db('exercise_logs as l')
              .leftJoin('exercise_definitions as d', 'd.id', 'l.exercise_definition_id')
              .whereIn('l.session_id', ids)
              .orderBy([{ column: 'l.session_id' }, { column: 'l.order_index' }, { column: 'l.id' }])
              .select('l.*', 'd.name as definition_name')) as Row[];
            const unlinked = logs.filter((l) => l.definition_name === null || l.definition_name === undefined);
            if (unlinked.length > 0) {
              const entries = await entriesOfNames(unlinked.map((l) => String(l.exercise_name)));
              for (const l of unlinked) l.definition_name = entries.get(foldName(String(l.exercise_name)))?.name ?? String(l.exercise_name).trim();
            }
            const bySession = groupBy(logs, 'session_id');
            const sets: Row[] = [];
            const logIds = logs.map((l) => Number(l.id));
            for (let i = 0; i < logIds.length; i += 500) {
              sets.push(...((await db('exercise_sets').whereIn('exercise_log_id', logIds.slice(i, i + 500)).orderBy([{ column: 'exercise_log_id' }, { column: 'set_index' }])) as Row[]));
            }
            const byLog = groupBy(sets, 'exercise_log_id');
            yield rows.map((r) => toWorkoutRecord(r, (bySession.get(Number(r.id)) ?? []).map((l) => toExerciseRecord(l, byLog.get(Number(l.id))))));
            break;
          }
          case 'coaching_sessions': {
            const ids = rows.map((r) => r.id as number);
            const items = (await db('coaching_action_items').whereIn('session_id', ids).orderBy([{ column: 'session_id' }, { column: 'position' }])) as Row[];
            const bySession = groupBy(items, 'session_id');
            yield rows.map((r) => toCoachingRecord(r, (bySession.get(Number(r.id)) ?? []).map(toActionItemRecord)));
            break;
          }
        }
      }
    },
  };
}

/** better-sqlite3: a deferred read transaction (the snapshot starts at the first read), rows as the statement steps. */
function* sqliteCursorPages(conn: SqliteConnection, sql: string, bindings: readonly unknown[], pageSize: number): Generator<Row[]> {
  conn.exec('BEGIN');
  try {
    const statement = conn.prepare(sql).raw(true);
    const build = rowBuilder(statement.columns().map((c) => c.name));
    let page: Row[] = [];
    // Leaving this loop early (the consumer stopped or failed) closes the statement.
    for (const values of statement.iterate(bindings)) {
      page.push(build(values));
      if (page.length === pageSize) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  } finally {
    if (conn.inTransaction) conn.exec('COMMIT');
  }
}

/** PostgreSQL: a server-side cursor in a read-only snapshot, fetched a page at a time. */
async function* pgCursorPages(conn: PgConnection, sql: string, bindings: readonly unknown[], pageSize: number): AsyncGenerator<Row[]> {
  const count = Math.max(1, Math.trunc(pageSize));
  await conn.query('BEGIN READ ONLY ISOLATION LEVEL REPEATABLE READ');
  let finished = false;
  let next: Promise<unknown> | null = null;
  try {
    await conn.query({ text: `DECLARE fittrack_export NO SCROLL CURSOR FOR ${sql}`, values: bindings });
    const fetch = () => conn.query({ text: `FETCH FORWARD ${count} FROM fittrack_export`, rowMode: 'array' });
    let build: ((values: readonly unknown[]) => Row) | null = null;
    let pending = fetch();
    for (;;) {
      next = pending;
      const { rows, fields } = await pending;
      next = null;
      const more = rows.length === count;
      // The server reads the next page while this one is formatted and written.
      if (more) next = pending = fetch();
      build ??= rowBuilder(fields.map((f) => f.name));
      if (rows.length > 0) yield rows.map(build);
      if (!more) break;
    }
    await conn.query('COMMIT');
    finished = true;
  } finally {
    // Stopped early or failed: end the transaction so the connection goes back to the pool clean.
    if (!finished) {
      await next?.catch(() => {});
      await conn.query('ROLLBACK').catch(() => {});
    }
  }
}

function groupBy(rows: Row[], key: string): Map<number, Row[]> {
  const m = new Map<number, Row[]>();
  for (const r of rows) {
    const k = Number(r[key]);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

function nextDayIso(date: string): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

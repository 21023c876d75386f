/**
 * Reading one user's data for export and reports, page by page in the document's order
 * (date, then the order the user entered it), so memory stays flat however many rows there are.
 * Sections without child rows are streamed through one cursor inside one read transaction (a
 * consistent snapshot, one query: `cursor-pages.ts`). Sessions with exercises or action items,
 * and reads inside a caller's transaction, use keyset pages on (date, id). Rows become records
 * through the mappers of `export-records.ts`.
 * Every query filters on the user id given to `createExportRepo`.
 */
import type { Knex } from 'knex';
import { usersSource } from './users-repo.js';
import { isGuarded } from './rls-repo.js';
import { cursorPages as readCursorPages } from './cursor-pages.js';
import { foldName } from '../domain/names.js';
import { today } from '../domain/dates.js';
import { assessGoal, type GoalRecord as StoredGoal } from '../domain/goal.js';
import { goalSeriesByMetric } from './goal-repo.js';
import type { DateRange, ExerciseDefinitionRecord, ExportSource, ExportUser, GoalRecord, Section } from '../domain/export-document.js';
import {
  newDefinitionRecord,
  toActionItemRecord,
  toCoachingRecord,
  toDefinitionRecord,
  toExerciseRecord,
  toExportUser,
  toGoalRecord,
  toHealthRecord,
  toImportRecord,
  toMealRecord,
  toPhotoRecord,
  toShareRecord,
  toWorkoutRecord,
} from './export-records.js';

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
    yield* readCursorPages(db, { sql, bindings }, pageSize);
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
      return toExportUser(r);
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

/**
 * Past imports: listing the batches, the snapshots an update keeps of the rows it changed, and
 * reverting a batch (deleting what it created, putting back what it changed).
 */
import type { Knex } from 'knex';
import { NotFoundError, UsageError } from '../errors.js';
import { recordAudit } from './audit-repo.js';
import { nowIso } from '../clock.js';
import type { Db, Row } from './legacy-rows.js';
import { dateStr, json } from './legacy-rows.js';
export const KIND_TABLES = { 'check-in': 'health_metrics', workouts: 'workout_sessions', coaching: 'coaching_sessions', meals: 'meal_logs' } as const;
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
export async function snapshotRow(db: Db, table: ChangeTable, id: number): Promise<RowSnapshot | null> {
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

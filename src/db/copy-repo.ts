/**
 * Copying a whole database to another one (any engine to any engine): every table, in
 * foreign-key order, in one transaction on the target, with ids shifted past the target's own
 * and every reference remapped, and the row counts checked before committing.
 */
import type { Knex } from 'knex';
import { engineOf, transactionKeepingCause } from './connection.js';
import { loadLegacyRecords, loadStoredRecords } from './legacy-rows.js';
import type { LegacyRecords } from './legacy-rows.js';
import { createImportPlanner } from '../domain/import-plan.js';
import type { Outcome, ReportIssue } from '../domain/import-plan.js';
import type { LegacyKind } from '../domain/legacy-records.js';
import { DbError, UsageError } from '../errors.js';

type Row = Record<string, unknown>;

interface ForeignKey {
  column: string;
  refTable: string;
}

interface TableInfo {
  name: string;
  pk: string[];
  fks: ForeignKey[];
}

export interface TableCopy {
  table: string;
  /** Rows in the source. */
  source: number;
  /** Rows inserted into the target. */
  inserted: number;
  /** Source rows matched to a target row that already existed (with --merge): the same row, left as it is. */
  matched: number;
  /** Source rows whose target row (same day, workout, meal or session) took the source's values (--merge --update). */
  updated: number;
  /** Source rows whose target row holds other values, left as it is (--merge without --update). */
  conflicts: number;
}

/** Rows in each non-empty table, for the "target is not empty" check. */
export async function nonEmptyTables(db: Knex): Promise<Array<{ table: string; rows: number }>> {
  const out: Array<{ table: string; rows: number }> = [];
  for (const t of await listTables(db)) {
    const r = (await db(t).count({ n: '*' }).first()) as { n: unknown };
    if (Number(r.n) > 0) out.push({ table: t, rows: Number(r.n) });
  }
  return out;
}

/** The application tables of a database (not the migration bookkeeping). */
export async function listTables(db: Knex): Promise<string[]> {
  const rows: Array<{ name: string }> =
    engineOf(db) === 'sqlite'
      ? await db.raw("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      : (await db.raw("select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name")).rows;
  return rows.map((r) => r.name).filter((n) => !n.startsWith('knex_migrations'));
}

async function describeTables(db: Knex, tables: string[]): Promise<TableInfo[]> {
  if (engineOf(db) === 'sqlite') {
    const out: TableInfo[] = [];
    for (const name of tables) {
      const cols = (await db.raw(`pragma table_info("${name}")`)) as Array<{ name: string; pk: number }>;
      const fks = (await db.raw(`pragma foreign_key_list("${name}")`)) as Array<{ table: string; from: string }>;
      out.push({ name, pk: cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name), fks: fks.map((f) => ({ column: f.from, refTable: f.table })) });
    }
    return out;
  }
  const pks = (
    await db.raw(`select kcu.table_name, kcu.column_name from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu on tc.constraint_name = kcu.constraint_name and tc.table_schema = kcu.table_schema
      where tc.constraint_type = 'PRIMARY KEY' and tc.table_schema = current_schema() order by kcu.ordinal_position`)
  ).rows as Array<{ table_name: string; column_name: string }>;
  const fks = (
    await db.raw(`select kcu.table_name, kcu.column_name, ccu.table_name as ref_table from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu on tc.constraint_name = kcu.constraint_name and tc.table_schema = kcu.table_schema
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
      where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()`)
  ).rows as Array<{ table_name: string; column_name: string; ref_table: string }>;
  return tables.map((name) => ({
    name,
    pk: pks.filter((p) => p.table_name === name).map((p) => p.column_name),
    fks: fks.filter((f) => f.table_name === name).map((f) => ({ column: f.column_name, refTable: f.ref_table })),
  }));
}

/** Orders tables so that every table comes after the tables it references. */
export function foreignKeyOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  const visit = (t: TableInfo, stack: Set<string>) => {
    if (done.has(t.name) || stack.has(t.name)) return;
    stack.add(t.name);
    for (const fk of t.fks) {
      const ref = byName.get(fk.refTable);
      if (ref && ref.name !== t.name) visit(ref, stack);
    }
    done.add(t.name);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}

/** How old ids of a table map to new ones: shifted by an offset, except rows matched to existing ones. */
class IdMap {
  readonly matched = new Map<unknown, unknown>();
  constructor(readonly offset: number) {}
  map(id: unknown): unknown {
    if (id === null || id === undefined) return id;
    if (this.matched.has(id)) return this.matched.get(id);
    return typeof id === 'number' ? id + this.offset : id;
  }
}

/**
 * Rows a table is matched on when merging into a database that already has data, computed on
 * the row as it goes into the target (its references already mapped to the target's ids).
 */
const NATURAL_KEYS: Record<string, (r: Row) => string> = {
  users: (r) => String(r.username),
  exercise_definitions: (r) => String(r.name).toLowerCase(),
  app_config: (r) => String(r.key),
  import_batches: (r) => String(r.id),
  user_sessions: (r) => String(r.token_hash),
  data_shares: (r) => `${String(r.owner_id)}\u0000${String(r.grantee_id)}`,
  user_goals: (r) => `${String(r.user_id)}\u0000${String(r.title)}\u0000${dateText(r.start_date)}`,
  progress_photos: (r) => `${String(r.user_id)}\u0000${dateText(r.taken_on)}\u0000${String(r.sha256)}`,
  import_batch_changes: (r) => `${String(r.batch_id)}\u0000${String(r.table_name)}\u0000${String(r.row_id)}`,
  audit_log: (r) => `${String(r.user_id)}\u0000${String(r.action)}\u0000${String(r.entity_id)}\u0000${timeText(r.created_at)}`,
};

const dateText = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
const timeText = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? '' : new Date(String(v)).toISOString());

/** The tables a merge plans like `import-md` (by day, workout, meal, session), and their kinds. */
const PLANNED_TABLES: Record<string, { kind: LegacyKind; list: keyof LegacyRecords }> = {
  health_metrics: { kind: 'check-in', list: 'checkIns' },
  workout_sessions: { kind: 'workouts', list: 'workouts' },
  coaching_sessions: { kind: 'coaching', list: 'coaching' },
  meal_logs: { kind: 'meals', list: 'meals' },
};
/** Rows that are part of a planned row's content: child table → its parent and foreign key. */
const PLANNED_CHILDREN: Record<string, { parent: string; key: string }> = {
  exercise_logs: { parent: 'workout_sessions', key: 'session_id' },
  coaching_action_items: { parent: 'coaching_sessions', key: 'session_id' },
};

/** Rows that belong to a child of a planned row: they go wherever their parent row went. */
const PLANNED_GRANDCHILDREN: Record<string, { parent: string; key: string }> = {
  exercise_sets: { parent: 'exercise_logs', key: 'exercise_log_id' },
};

interface Decision {
  outcome: Outcome;
  targetId?: number;
}

/**
 * Plans the planned tables' rows of every source user whose username the target already has,
 * against that user's target rows: source row id → create, unchanged, conflict or update.
 */
async function planMerge(source: Knex, trx: Knex.Transaction, users: IdMap, update: boolean, onConflict?: (issue: ReportIssue) => void): Promise<Map<string, Map<unknown, Decision>>> {
  const decisions = new Map<string, Map<unknown, Decision>>(Object.keys(PLANNED_TABLES).map((t) => [t, new Map()]));
  for (const [sourceId, targetId] of users.matched) {
    const stored = await loadStoredRecords(trx, Number(targetId));
    const loaded = await loadLegacyRecords(source, Number(sourceId), { byDate: false });
    const planner = createImportPlanner(stored, { update, repeatsAllowed: true });
    for (const [table, { kind, list }] of Object.entries(PLANNED_TABLES)) {
      const rows = loaded[list] as Array<{ id: number; record: Parameters<typeof planner.planFile>[0]['records'][number] }>;
      const plan = planner.planFile({ file: table, kind, records: rows.map((r) => r.record), issues: [], rowCount: rows.length });
      plan.planned.forEach((p, i) => decisions.get(table)!.set(rows[i]!.id, { outcome: p.outcome, targetId: p.existingId }));
      for (const issue of plan.issues) if (issue.severity === 'conflict') onConflict?.(issue);
    }
  }
  return decisions;
}

/**
 * Copies every row of every table from `source` into `target` (already migrated), in one
 * transaction on the target. Without `merge`, a target holding any row is refused. With it,
 * users are matched by username, and each matched user's check-ins, workouts, coaching
 * sessions and meals are planned like `import-md`: a row the target already holds is skipped,
 * one it holds with other values is reported (`onConflict`) and left as it is, unless `update`
 * (then it takes the source's values, its exercises or action items too).
 *
 * @example await copyDatabase(sqlite, pg, { merge: false }) → [{ table: 'users', source: 2, inserted: 2, matched: 0 }, …]
 */
export async function copyDatabase(
  source: Knex,
  target: Knex,
  opts: { merge?: boolean; update?: boolean; onTable?: (c: TableCopy) => void; onConflict?: (issue: ReportIssue) => void } = {},
): Promise<TableCopy[]> {
  const sourceTables = await listTables(source);
  const targetTables = new Set(await listTables(target));
  const missing = sourceTables.filter((t) => !targetTables.has(t));
  if (missing.length > 0) throw new DbError(`the target database has no table ${missing.join(', ')}`, 'update fittrack on both sides, then run: fittrack db migrate');
  if (!opts.merge) {
    const full = await nonEmptyTables(target);
    if (full.length > 0) {
      throw new UsageError(
        `the target database already holds data (${full.slice(0, 4).map((f) => `${f.table}: ${f.rows}`).join(', ')}${full.length > 4 ? ', …' : ''})`,
        'add --merge to add this database to it (users with the same username are merged), or choose an empty target',
      );
    }
  }
  const ordered = foreignKeyOrder(await describeTables(source, sourceTables));
  const targetEngine = engineOf(target);
  const results: TableCopy[] = [];

  await transactionKeepingCause(target, async (trx) => {
    const maps = new Map<string, IdMap>();
    let decisions: Map<string, Map<unknown, Decision>> | undefined;
    /** Target ids of the planned rows that took the source's values: their children are replaced. */
    const updatedParents = new Map<string, unknown[]>();
    /** Source ids of child rows left out with their planned parent, and why: their own children follow them. */
    const skippedChildren = new Map<string, Map<unknown, Outcome>>();
    for (const table of ordered) {
      const intId = table.pk.length === 1 && table.pk[0] === 'id' && !(table.name in { import_batches: 1 });
      const planned = opts.merge ? PLANNED_TABLES[table.name] : undefined;
      const child = opts.merge ? PLANNED_CHILDREN[table.name] : undefined;
      if (planned && !decisions) decisions = await planMerge(source, trx, maps.get('users') ?? new IdMap(0), Boolean(opts.update), opts.onConflict);
      const tableDecisions = planned ? decisions?.get(table.name) : undefined;
      const grandchild = opts.merge ? PLANNED_GRANDCHILDREN[table.name] : undefined;
      const skippedParents = grandchild ? skippedChildren.get(grandchild.parent) : undefined;
      const skippedHere = new Map<unknown, Outcome>();
      if (child) skippedChildren.set(table.name, skippedHere);
      const parentDecisions = child ? decisions?.get(child.parent) : undefined;
      const replaced = child ? (updatedParents.get(child.parent) ?? []) : [];
      for (let i = 0; i < replaced.length; i += 500) await trx(table.name).whereIn(child!.key, replaced.slice(i, i + 500) as number[]).delete();

      const before = Number(((await trx(table.name).count({ n: '*' }).first()) as { n: unknown }).n);
      let offset = 0;
      if (intId && before > 0) offset = Number(((await trx(table.name).max({ m: 'id' }).first()) as { m: unknown }).m ?? 0);
      const idMap = new IdMap(offset);
      maps.set(table.name, idMap);

      const naturalKey = opts.merge && before > 0 ? NATURAL_KEYS[table.name] : undefined;
      const existingByKey = new Map<string, unknown>();
      if (naturalKey) {
        for (const r of (await trx(table.name).select('*')) as Row[]) existingByKey.set(naturalKey(r), table.pk.length === 1 ? r[table.pk[0]!] : null);
      }

      let sourceCount = 0;
      let inserted = 0;
      let matched = 0;
      let updated = 0;
      let conflicts = 0;
      const updatedIds: unknown[] = [];
      for await (const rows of readPages(source, table)) {
        sourceCount += rows.length;
        const out: Row[] = [];
        for (const r of rows) {
          // A child of a planned row goes with it: skipped with an unchanged or conflicting
          // parent, copied (replacing the target's) with an updated one.
          const parent = child ? parentDecisions?.get(r[child.key]) : undefined;
          if (parent && parent.outcome !== 'create' && parent.outcome !== 'update') {
            if (parent.outcome === 'unchanged') matched += 1;
            else conflicts += 1;
            skippedHere.set(r.id, parent.outcome);
            continue;
          }
          const skippedParent = grandchild ? skippedParents?.get(r[grandchild.key]) : undefined;
          if (skippedParent) {
            if (skippedParent === 'unchanged') matched += 1;
            else conflicts += 1;
            continue;
          }
          const row: Row = {};
          for (const [col, value] of Object.entries(r)) row[col] = toTargetValue(value, targetEngine);
          for (const fk of table.fks) {
            const refMap = maps.get(fk.refTable);
            if (refMap && row[fk.column] !== null && row[fk.column] !== undefined) row[fk.column] = refMap.map(r[fk.column]);
          }
          const decision = tableDecisions?.get(r.id);
          if (decision && decision.outcome !== 'create') {
            idMap.matched.set(r.id, decision.targetId);
            if (decision.outcome === 'unchanged') matched += 1;
            else if (decision.outcome === 'conflict') conflicts += 1;
            else {
              // The source's values, except that a value the source does not have never erases the target's.
              const values = Object.fromEntries(Object.entries(row).filter(([k, v]) => v !== null && k !== 'id' && k !== 'created_at'));
              await trx(table.name).where({ id: decision.targetId }).update(values);
              updatedIds.push(decision.targetId);
              updated += 1;
            }
            continue;
          }
          if (naturalKey) {
            const k = naturalKey(row);
            if (existingByKey.has(k)) {
              if (table.pk.length === 1) idMap.matched.set(r[table.pk[0]!], existingByKey.get(k));
              matched += 1;
              continue;
            }
          }
          if (intId) row.id = idMap.map(r.id);
          out.push(row);
        }
        const chunk = Math.max(1, Math.min(500, Math.floor(30000 / Math.max(1, Object.keys(rows[0] ?? {}).length))));
        for (let i = 0; i < out.length; i += chunk) await trx(table.name).insert(out.slice(i, i + chunk));
        inserted += out.length;
      }
      if (planned) updatedParents.set(table.name, updatedIds);
      const after = Number(((await trx(table.name).count({ n: '*' }).first()) as { n: unknown }).n);
      if (after - before !== inserted || sourceCount !== inserted + matched + updated + conflicts) {
        throw new DbError(`row counts differ after copying ${table.name}: ${sourceCount} in the source, ${after - before} added to the target (${matched} matched, ${updated} updated, ${conflicts} conflicts): nothing was copied`, 'run the copy again; if it fails again, report it as a bug');
      }
      if (intId && targetEngine === 'postgres') {
        await trx.raw(`select setval(pg_get_serial_sequence(?, 'id'), coalesce((select max(id) from ??), 0) + 1, false)`, [table.name, table.name]);
      }
      const result = { table: table.name, source: sourceCount, inserted, matched, updated, conflicts };
      results.push(result);
      opts.onTable?.(result);
    }
  });
  return results;
}

/** A value as the target engine takes it: booleans as 1/0 on SQLite, JSON values as text. */
function toTargetValue(v: unknown, engine: 'sqlite' | 'postgres'): unknown {
  if (typeof v === 'boolean') return engine === 'sqlite' ? (v ? 1 : 0) : v;
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) return JSON.stringify(v);
  return v;
}

/** Reads a table in pages: by primary key when it has a single-column one, else by offset. */
async function* readPages(db: Knex, table: TableInfo, pageSize = 5000): AsyncGenerator<Row[]> {
  if (table.pk.length === 1) {
    const pk = table.pk[0]!;
    let last: unknown = undefined;
    for (;;) {
      const q = db(table.name).select('*').orderBy(pk).limit(pageSize);
      if (last !== undefined) q.where(pk, '>', last as string);
      const rows = (await q) as Row[];
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < pageSize) return;
      last = rows[rows.length - 1]![pk];
    }
  }
  const cols = table.pk.length > 0 ? table.pk : undefined;
  for (let offset = 0; ; offset += pageSize) {
    const q = db(table.name).select('*').limit(pageSize).offset(offset);
    if (cols) q.orderBy(cols);
    const rows = (await q) as Row[];
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
  }
}

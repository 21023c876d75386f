/**
 * Every path is checked against the one description of the tables (src/domain/tables.ts): the
 * migrated schema on both engines, the JSON document and its validator, the CSV columns, and
 * import-json (every carried column of every row comes back with its value). A column added to
 * a migration without being described, or described without being carried, fails here.
 */
import fc from 'fast-check';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dialects, type TestDb } from '../helpers/db.js';
import { accountArb, roundTrip, type Account } from '../helpers/account-arb.js';
import { CSV_OF_TABLE, RECORD_OF_TABLE, TABLE_COLUMNS } from '../../src/domain/tables.js';
import { COLUMNS, type TableName } from '../../src/export/tables.js';
import { RECORD_FIELDS, type ExportDocument, type RecordKind } from '../../src/domain/export-document.js';

type Db = TestDb & { drop(): Promise<void> };
type Row = Record<string, unknown>;

/** Fields of a record that are computed from others, not stored in a column. */
const DERIVED: Record<string, string[]> = { goals: ['progress_pct', 'projected_date'], imports: ['rows_created', 'reverted'], workout_sessions: ['exercises'], exercises: ['per_set'], coaching_sessions: ['action_items'] };

/** The top-level field of a record a column is carried in. */
const fieldOf = (json: string) => json.split('.')[0]!;

async function tablesOf(db: Knex, dialect: string): Promise<string[]> {
  const rows = (dialect === 'sqlite'
    ? await db.raw("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'knex_%'")
    : (await db.raw("select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'knex_%'")).rows) as Array<{ name: string }>;
  return rows.map((r) => r.name).sort();
}

/** One record of each kind from a document (the first one), keyed by record kind. */
function recordsByKind(doc: ExportDocument): Record<string, Row> {
  const first = (a: unknown[] | undefined) => (a?.[0] ?? undefined) as Row | undefined;
  const out: Record<string, Row | undefined> = {
    user: doc.user as unknown as Row,
    imports: first(doc.imports),
    exercise_definitions: first(doc.exercise_definitions),
    health_metrics: first(doc.health_metrics),
    workout_sessions: first(doc.workout_sessions),
    exercises: first(doc.workout_sessions?.flatMap((s) => s.exercises)),
    per_set: first(doc.workout_sessions?.flatMap((s) => s.exercises.flatMap((e) => e.per_set ?? []))),
    goals: first(doc.goals),
    coaching_sessions: first(doc.coaching_sessions),
    action_items: first(doc.coaching_sessions?.flatMap((c) => c.action_items)),
    progress_photos: first(doc.progress_photos),
    meal_logs: first(doc.meal_logs),
    shares: first(doc.shares),
  };
  return out as Record<string, Row>;
}

/** The rows of a table belonging to a user's account, as the user's data (references by name). */
async function accountRows(db: Knex, table: string, userId: number): Promise<Row[]> {
  const sessions = db('workout_sessions').where('user_id', userId).select('id');
  const coaching = db('coaching_sessions').where('user_id', userId).select('id');
  switch (table) {
    case 'users':
      return db('users').where('id', userId);
    case 'exercise_definitions':
      return db('exercise_definitions').whereIn('id', db('exercise_logs').whereIn('session_id', sessions).select('exercise_definition_id')).orWhere('created_by', userId);
    case 'exercise_logs':
      return db('exercise_logs as l').join('exercise_definitions as d', 'd.id', 'l.exercise_definition_id').whereIn('l.session_id', sessions).select('l.*', 'd.name as exercise_definition_id');
    case 'coaching_action_items':
      return db('coaching_action_items').whereIn('session_id', coaching);
    case 'exercise_sets':
      return db('exercise_sets').whereIn('exercise_log_id', db('exercise_logs').whereIn('session_id', sessions).select('id'));
    case 'data_shares':
      return db('data_shares as s').join('users as g', 'g.id', 's.grantee_id').where('s.owner_id', userId).select('s.*', 'g.username as grantee_id');
    default:
      return db(table).where('user_id', userId);
  }
}

/** A stored value as the same text on both engines. */
function normalize(type: string, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'timestamp':
      return new Date(v instanceof Date ? v : String(v)).toISOString();
    case 'boolean':
      return v === true || v === 1 || v === '1' || v === 't' || v === 'true';
    case 'json': {
      const sort = (x: unknown): unknown => (Array.isArray(x) ? x.map(sort) : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort((x as Row)[k])])) : x);
      return JSON.stringify(sort(typeof v === 'string' ? JSON.parse(v) : v));
    }
    case 'integer':
    case 'number':
      return Number(v);
    default:
      return String(v);
  }
}

/** The carried columns of a table's account rows, normalized and sorted. */
async function carried(db: Knex, table: string, userId: number): Promise<string[]> {
  const cols = Object.entries(TABLE_COLUMNS[table]!).filter(([, c]) => c.json !== undefined);
  const rows = await accountRows(db, table, userId);
  return rows.map((r) => JSON.stringify(cols.map(([name, c]) => normalize(c.type, r[name])))).sort();
}

/** A fully filled account (no nulls), the same every run. */
const FULL: Account = fc.sample(accountArb({ nulls: false }), { seed: 20261201, numRuns: 1 })[0]!;

describe('the description', () => {
  it('says for every column where it is exported or why it is not', () => {
    for (const [table, cols] of Object.entries(TABLE_COLUMNS)) {
      for (const [name, c] of Object.entries(cols)) expect(c.json !== undefined || (c.why ?? '').length > 0, `${table}.${name}`).toBe(true);
    }
  });

  it('matches the JSON validator: every carried column is a field, every field a column', () => {
    for (const [table, kind] of Object.entries(RECORD_OF_TABLE)) {
      if (kind === null) continue;
      const described = new Set(Object.values(TABLE_COLUMNS[table]!).flatMap((c) => (c.json && !c.json.startsWith('(') ? [fieldOf(c.json)] : [])));
      const validated = Object.keys(RECORD_FIELDS[kind as RecordKind]).filter((f) => !(DERIVED[kind] ?? []).includes(f));
      expect(validated.sort(), kind).toEqual([...described].sort());
    }
  });

  it('matches the CSV columns: every column a CSV table carries is in its header', () => {
    for (const [table, csv] of Object.entries(CSV_OF_TABLE)) {
      if (csv === null) continue;
      const header = COLUMNS[csv as TableName];
      for (const [name, c] of Object.entries(TABLE_COLUMNS[table]!)) {
        if (c.json !== undefined) expect(c.csv, `${table}.${name} is in the JSON document but not in ${csv}.csv`).toBeDefined();
        if (c.csv !== undefined) expect(header, `${table}.${name}`).toContain(c.csv);
      }
    }
  });
});

for (const dialect of dialects) {
  describe(dialect, () => {
    const other = dialect === 'sqlite' ? 'postgres' : 'sqlite';
    let src: Db;
    let dst: Db;
    let result: Awaited<ReturnType<typeof roundTrip>>;
    beforeAll(async () => {
      src = await createTestDb(dialect);
      dst = await createTestDb(other);
      result = await roundTrip(src.db, dst.db, FULL);
    });
    afterAll(async () => {
      await src?.drop();
      await dst?.drop();
    });

    it('has exactly the described tables and columns once migrated', async () => {
      expect(await tablesOf(src.db, dialect)).toEqual(Object.keys(TABLE_COLUMNS).sort());
      for (const table of Object.keys(TABLE_COLUMNS)) {
        expect(Object.keys(await src.db(table).columnInfo()).sort(), table).toEqual(Object.keys(TABLE_COLUMNS[table]!).sort());
      }
    });

    it('fills every carried column in the test account (so the checks below see every value)', async () => {
      for (const [table, kind] of Object.entries(RECORD_OF_TABLE)) {
        if (kind === null) continue;
        const rows = await accountRows(src.db, table, result.srcUserId);
        expect(rows.length, table).toBeGreaterThan(0);
        for (const [name, c] of Object.entries(TABLE_COLUMNS[table]!)) {
          if (c.json === undefined) continue;
          expect(rows.some((r) => r[name] !== null && r[name] !== undefined), `${table}.${name} is never filled by test/helpers/account-arb.ts`).toBe(true);
        }
      }
    });

    it('writes every carried column into the JSON document, with a value', () => {
      const records = recordsByKind(JSON.parse(result.first) as ExportDocument);
      for (const [table, kind] of Object.entries(RECORD_OF_TABLE)) {
        if (kind === null) continue;
        const rec = records[kind];
        expect(rec, kind).toBeDefined();
        const fields = Object.values(TABLE_COLUMNS[table]!).flatMap((c) => (c.json && !c.json.startsWith('(') ? [fieldOf(c.json)] : []));
        expect(Object.keys(rec!).sort(), kind).toEqual([...new Set([...fields, ...(DERIVED[kind] ?? [])])].sort());
        for (const f of fields) expect(rec![f], `${kind}.${f}`).not.toBeNull();
      }
    });

    it(`import-json into ${other} stores every carried column of every row as it was`, async () => {
      expect(result.second).toBe(result.first);
      for (const [table, kind] of Object.entries(RECORD_OF_TABLE)) {
        if (kind === null) continue;
        expect(await carried(dst.db, table, result.dstUserId), table).toEqual(await carried(src.db, table, result.srcUserId));
      }
    });
  });
}

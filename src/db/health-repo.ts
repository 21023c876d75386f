/**
 * Weigh-ins and body measurements (`health_metrics`), one row per user and day. Every query
 * is scoped to the user the repository was made for. Written in portable SQL (see sql.ts), so
 * that `log-weight` runs it without loading Knex.
 */
import type { Knex } from 'knex';
import type { HealthRecord, HealthValues } from '../domain/health.js';
import { HEALTH_VALUE_FIELDS } from '../domain/health.js';
import { nowIso } from '../clock.js';
import { asSql, eachRow, insertSql, rangeClause, setSql, type Sql, type SqlValue } from './sql.js';

/** Every column a weigh-in may set: the values, their units, and BMI. */
const VALUE_COLUMNS = new Set<string>([...HEALTH_VALUE_FIELDS, 'weight_unit', 'length_unit', 'bmi'] satisfies Array<keyof HealthValues>);
/** What an insert writes: the values, and whose day it is. */
const INSERT_COLUMNS: ReadonlySet<string> = new Set([...VALUE_COLUMNS, 'user_id', 'recorded_date', 'created_at', 'updated_at']);
const UPDATE_COLUMNS: ReadonlySet<string> = new Set([...VALUE_COLUMNS, 'updated_at']);

type SeriesColumn = 'weight_kg' | 'body_fat_pct' | 'waist_cm';
const SERIES_COLUMNS: ReadonlySet<string> = new Set<SeriesColumn>(['weight_kg', 'body_fat_pct', 'waist_cm']);

function seriesColumn(column: SeriesColumn): SeriesColumn {
  if (!SERIES_COLUMNS.has(column)) throw new Error(`not a series column: ${JSON.stringify(column)}`);
  return column;
}

/** A `health_metrics` row as the database returns it. */
type HealthRow = HealthRecord & { user_id: number; import_batch_id: string | null };

function toRecord(row: HealthRow): HealthRecord {
  const { user_id: _u, import_batch_id: _b, ...rest } = row;
  return rest;
}

/** The columns of a day that the weigh-in list shows. */
export type HealthShown = Pick<HealthRecord, 'recorded_date' | 'weight_kg' | 'body_fat_pct' | 'bmi' | 'waist_cm' | 'notes'>;

export interface HealthRepo {
  /** The day's weigh-in, if any. */
  findByDate(date: string): Promise<HealthRecord | undefined>;
  /** Writes a new day. */
  insert(date: string, values: HealthValues): Promise<HealthRecord>;
  /** Writes a new day unless the user already has one for that date (then undefined), in one statement. */
  insertIfAbsent(date: string, values: HealthValues): Promise<HealthRecord | undefined>;
  /** Changes fields of a stored day; undefined when the user has no row with that id. */
  update(id: number, patch: HealthValues): Promise<HealthRecord | undefined>;
  /** Up to `limit` weights logged before `date`, newest first. */
  weightsBefore(date: string, limit: number): Promise<Array<{ date: string; weightKg: number; unit: string | null }>>;
  /** Days from `from` to `to` (inclusive, either open), oldest first. */
  list(range?: { from?: string; to?: string }): Promise<HealthRecord[]>;
  /** Hands what `log-weight --list` shows of each day to `fn`, oldest first, as it is read: fewer columns than `list`, for long histories. */
  eachShown(range: { from?: string; to?: string }, fn: (day: HealthShown) => void): Promise<void>;
  /** The values of one column, oldest first, from `from` on (days where it is set). */
  series(column: 'weight_kg' | 'body_fat_pct' | 'waist_cm', range?: { from?: string; to?: string }): Promise<Array<{ date: string; value: number }>>;
  /** The newest value of one column on or before `date` (any day when omitted). */
  latest(column: 'weight_kg' | 'body_fat_pct' | 'waist_cm', onOrBefore?: string): Promise<{ date: string; value: number; unit: string | null } | undefined>;
}

/**
 * The health repository of one user, on a Knex instance or transaction, or an `Sql`.
 *
 * @example const health = healthRepo(db, user.id); await health.findByDate('2025-03-04')
 */
export function healthRepo(db: Knex | Sql, userId: number): HealthRepo {
  const sql = asSql(db);
  /** Inserts a day; with `ignoreExisting`, a day the user already has is left alone (undefined). */
  const insertDay = async (date: string, values: HealthValues, ignoreExisting: boolean) => {
    const now = nowIso();
    const { text, params } = insertSql('health_metrics', { ...values, user_id: userId, recorded_date: date, created_at: now, updated_at: now }, INSERT_COLUMNS);
    const conflict = ignoreExisting ? ' on conflict (user_id, recorded_date) do nothing' : '';
    const row = await sql.first<HealthRow>(`${text}${conflict} returning *`, params);
    return row ? toRecord(row) : undefined;
  };
  return {
    async findByDate(date) {
      const row = await sql.first<HealthRow>('select * from health_metrics where user_id = ? and recorded_date = ?', [userId, date]);
      return row ? toRecord(row) : undefined;
    },
    async insert(date, values) {
      return (await insertDay(date, values, false))!;
    },
    insertIfAbsent(date, values) {
      return insertDay(date, values, true);
    },
    async update(id, patch) {
      const sets = setSql({ ...patch, updated_at: nowIso() }, UPDATE_COLUMNS);
      const row = await sql.first<HealthRow>(`update health_metrics set ${sets.text} where id = ? and user_id = ? returning *`, [...sets.params, id, userId]);
      return row ? toRecord(row) : undefined;
    },
    async weightsBefore(date, limit) {
      const found = await sql.all<{ recorded_date: string; weight_kg: number; weight_unit: string | null }>(
        'select recorded_date, weight_kg, weight_unit from health_metrics where user_id = ? and recorded_date < ? and weight_kg is not null order by recorded_date desc limit ?',
        [userId, date, limit],
      );
      return found.map((r) => ({ date: r.recorded_date, weightKg: Number(r.weight_kg), unit: r.weight_unit }));
    },
    async list(range = {}) {
      const params: SqlValue[] = [userId];
      const where = rangeClause('recorded_date', range, params);
      return (await sql.all<HealthRow>(`select * from health_metrics where user_id = ?${where} order by recorded_date`, params)).map(toRecord);
    },
    async eachShown(range, fn) {
      const params: SqlValue[] = [userId];
      const where = rangeClause('recorded_date', range, params);
      await eachRow<HealthShown>(sql, `select recorded_date, weight_kg, body_fat_pct, bmi, waist_cm, notes from health_metrics where user_id = ?${where} order by recorded_date`, params, fn);
    },
    async series(column, range = {}) {
      const c = seriesColumn(column);
      const params: SqlValue[] = [userId];
      const where = rangeClause('recorded_date', range, params);
      const found = await sql.all<Record<string, unknown>>(`select recorded_date, ${c} from health_metrics where user_id = ? and ${c} is not null${where} order by recorded_date`, params);
      return found.map((r) => ({ date: r.recorded_date as string, value: Number(r[c]) }));
    },
    async latest(column, onOrBefore) {
      const c = seriesColumn(column);
      const unitColumn = c === 'weight_kg' ? 'weight_unit' : 'length_unit';
      const params: SqlValue[] = [userId];
      const where = onOrBefore ? ' and recorded_date <= ?' : '';
      if (onOrBefore) params.push(onOrBefore);
      const r = await sql.first<Record<string, unknown>>(`select recorded_date, ${c}, ${unitColumn} from health_metrics where user_id = ? and ${c} is not null${where} order by recorded_date desc limit 1`, params);
      if (!r) return undefined;
      return { date: r.recorded_date as string, value: Number(r[c]), unit: (r.weight_unit ?? r.length_unit ?? null) as string | null };
    },
  };
}

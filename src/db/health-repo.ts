/**
 * Weigh-ins and body measurements (`health_metrics`), one row per user and day. Every query
 * is scoped to the user the repository was made for.
 */
import type { Knex } from 'knex';
import type { HealthRecord, HealthValues } from '../domain/health.js';
import { nowIso } from './clock.js';

/** A `health_metrics` row as the database returns it. */
type HealthRow = HealthRecord & { user_id: number; import_batch_id: string | null };

function toRecord(row: HealthRow): HealthRecord {
  const { user_id: _u, import_batch_id: _b, ...rest } = row;
  return rest;
}

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
  /** The values of one column, oldest first, from `from` on (days where it is set). */
  series(column: 'weight_kg' | 'body_fat_pct' | 'waist_cm', range?: { from?: string; to?: string }): Promise<Array<{ date: string; value: number }>>;
  /** The newest value of one column on or before `date` (any day when omitted). */
  latest(column: 'weight_kg' | 'body_fat_pct' | 'waist_cm', onOrBefore?: string): Promise<{ date: string; value: number; unit: string | null } | undefined>;
}

/**
 * The health repository of one user.
 *
 * @example const health = healthRepo(db, user.id); await health.findByDate('2025-03-04')
 */
export function healthRepo(db: Knex, userId: number): HealthRepo {
  const rows = () => db<HealthRow>('health_metrics').where('user_id', userId);
  return {
    async findByDate(date) {
      const row = await rows().andWhere('recorded_date', date).first();
      return row ? toRecord(row as HealthRow) : undefined;
    },
    async insert(date, values) {
      const now = nowIso();
      const [row] = await db('health_metrics')
        .insert({ ...values, user_id: userId, recorded_date: date, created_at: now, updated_at: now })
        .returning('*');
      return toRecord(row as HealthRow);
    },
    async insertIfAbsent(date, values) {
      const now = nowIso();
      const [row] = await db('health_metrics')
        .insert({ ...values, user_id: userId, recorded_date: date, created_at: now, updated_at: now })
        .onConflict(['user_id', 'recorded_date'])
        .ignore()
        .returning('*');
      return row ? toRecord(row as HealthRow) : undefined;
    },
    async update(id, patch) {
      const [row] = await db('health_metrics')
        .where({ id, user_id: userId })
        .update({ ...patch, updated_at: nowIso() })
        .returning('*');
      return row ? toRecord(row as HealthRow) : undefined;
    },
    async weightsBefore(date, limit) {
      const found = await rows()
        .andWhere('recorded_date', '<', date)
        .whereNotNull('weight_kg')
        .orderBy('recorded_date', 'desc')
        .limit(limit)
        .select('recorded_date', 'weight_kg', 'weight_unit');
      return found.map((r) => ({ date: r.recorded_date, weightKg: Number(r.weight_kg), unit: r.weight_unit }));
    },
    async list(range = {}) {
      const q = rows();
      if (range.from) q.andWhere('recorded_date', '>=', range.from);
      if (range.to) q.andWhere('recorded_date', '<=', range.to);
      const found = await q.orderBy('recorded_date').select('*');
      return (found as HealthRow[]).map(toRecord);
    },
    async series(column, range = {}) {
      const q = rows().whereNotNull(column);
      if (range.from) q.andWhere('recorded_date', '>=', range.from);
      if (range.to) q.andWhere('recorded_date', '<=', range.to);
      const found = await q.orderBy('recorded_date').select('recorded_date', column);
      return found.map((r) => ({ date: r.recorded_date as string, value: Number((r as Record<string, unknown>)[column]) }));
    },
    async latest(column, onOrBefore) {
      const q = rows().whereNotNull(column);
      if (onOrBefore) q.andWhere('recorded_date', '<=', onOrBefore);
      const r = await q.orderBy('recorded_date', 'desc').first('recorded_date', column, column === 'weight_kg' ? 'weight_unit' : 'length_unit');
      if (!r) return undefined;
      const rec = r as Record<string, unknown>;
      return { date: rec.recorded_date as string, value: Number(rec[column]), unit: (rec.weight_unit ?? rec.length_unit ?? null) as string | null };
    },
  };
}

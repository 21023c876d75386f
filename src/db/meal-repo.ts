/**
 * Meals (`meal_logs`). Every query is scoped to the user the repository was made for. Written
 * in portable SQL (see sql.ts), so that `log-meal` runs it without loading Knex.
 */
import type { Knex } from 'knex';
import type { MealRecord, MealType, MealValues } from '../domain/meal.js';
import { nowIso } from '../clock.js';
import { asSql, insertSql, type Sql } from './sql.js';

/** What an insert writes: the meal's values, and whose meal it is. */
const INSERT_COLUMNS: ReadonlySet<string> = new Set([
  ...([
    'description',
    'calories',
    'protein_g',
    'carbs_g',
    'fat_g',
    'fiber_g',
    'sugar_g',
    'sodium_mg',
    'water_ml',
    'adherence',
    'satisfaction',
    'hunger_before',
    'hunger_after',
    'satiety_before',
    'satiety_after',
    'notes',
  ] satisfies Array<keyof MealValues>),
  'user_id',
  'meal_date',
  'meal_type',
  'created_at',
  'updated_at',
]);

type MealRow = MealRecord & { user_id: number; import_batch_id: string | null };

function toRecord(row: MealRow): MealRecord {
  const { user_id: _u, import_batch_id: _b, ...rest } = row;
  return rest;
}

export interface MealRepo {
  insert(date: string, mealType: MealType, values: MealValues): Promise<MealRecord>;
  /** The last meal of a type logged (by date, then order logged), if any. */
  lastOfType(mealType: MealType): Promise<MealRecord | undefined>;
  /** The meals of one day in the order they were logged. */
  listByDate(date: string): Promise<MealRecord[]>;
}

/**
 * The meal repository of one user, on a Knex instance or transaction, or an `Sql`.
 *
 * @example await mealRepo(db, user.id).listByDate('2025-03-04')
 */
export function mealRepo(db: Knex | Sql, userId: number): MealRepo {
  const sql = asSql(db);
  return {
    async insert(date, mealType, values) {
      const now = nowIso();
      const { text, params } = insertSql('meal_logs', { ...values, user_id: userId, meal_date: date, meal_type: mealType, created_at: now, updated_at: now }, INSERT_COLUMNS);
      return toRecord((await sql.first<MealRow>(`${text} returning *`, params))!);
    },
    async lastOfType(mealType) {
      const row = await sql.first<MealRow>('select * from meal_logs where user_id = ? and meal_type = ? order by meal_date desc, id desc limit 1', [userId, mealType]);
      return row ? toRecord(row) : undefined;
    },
    async listByDate(date) {
      return (await sql.all<MealRow>('select * from meal_logs where user_id = ? and meal_date = ? order by id', [userId, date])).map(toRecord);
    },
  };
}

/**
 * Meals (`meal_logs`). Every query is scoped to the user the repository was made for.
 */
import type { Knex } from 'knex';
import type { MealRecord, MealType, MealValues } from '../domain/meal.js';
import { nowIso } from './clock.js';

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
 * The meal repository of one user.
 *
 * @example await mealRepo(db, user.id).listByDate('2025-03-04')
 */
export function mealRepo(db: Knex, userId: number): MealRepo {
  return {
    async insert(date, mealType, values) {
      const now = nowIso();
      const [row] = await db('meal_logs')
        .insert({ ...values, user_id: userId, meal_date: date, meal_type: mealType, created_at: now, updated_at: now })
        .returning('*');
      return toRecord(row as MealRow);
    },
    async lastOfType(mealType) {
      const row = await db<MealRow>('meal_logs').where({ user_id: userId, meal_type: mealType }).orderBy([{ column: 'meal_date', order: 'desc' }, { column: 'id', order: 'desc' }]).first();
      return row ? toRecord(row as MealRow) : undefined;
    },
    async listByDate(date) {
      const rows = await db<MealRow>('meal_logs').where({ user_id: userId, meal_date: date }).orderBy('id').select('*');
      return (rows as MealRow[]).map(toRecord);
    },
  };
}

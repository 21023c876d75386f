/**
 * The acting user's own settings stored on `users` (preferred units, height).
 */
import type { Knex } from 'knex';
import { nowIso } from '../clock.js';
import { isGuarded } from './rls-repo.js';

export interface UserSettings {
  preferred_units: 'metric' | 'imperial';
  height_cm: number | null;
}

/**
 * Changes settings of one user and returns them as stored.
 *
 * @example await updateUserSettings(db, user.id, { preferred_units: 'imperial' })
 */
export async function updateUserSettings(db: Knex, userId: number, patch: Partial<UserSettings>): Promise<UserSettings> {
  if (isGuarded(db)) {
    // A guarded PostgreSQL role changes its own row through the schema owner's function.
    await db.raw('select fittrack_user_update(?, ?::jsonb)', [userId, JSON.stringify(patch)]);
    const row = await db('fittrack_user_directory').where('id', userId).first('preferred_units', 'height_cm');
    return { preferred_units: row.preferred_units, height_cm: row.height_cm === null ? null : Number(row.height_cm) };
  }
  const [row] = await db('users')
    .where('id', userId)
    .update({ ...patch, updated_at: nowIso() })
    .returning(['preferred_units', 'height_cm']);
  return { preferred_units: row.preferred_units, height_cm: row.height_cm === null ? null : Number(row.height_cm) };
}

/**
 * A user's rows in the order they were entered, for the reads that page through them (an
 * import's index of what is stored, exports, copies): without an index on (user_id, id) both
 * engines read every row of the user and sort them for each page.
 */
import type { Knex } from 'knex';

const TABLES = ['health_metrics', 'workout_sessions', 'coaching_sessions', 'meal_logs'];

export async function up(knex: Knex): Promise<void> {
  for (const table of TABLES) await knex.raw(`CREATE INDEX IF NOT EXISTS ${table}_user_id_id_index ON ${table} (user_id, id)`);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [...TABLES].reverse()) await knex.raw(`DROP INDEX IF EXISTS ${table}_user_id_id_index`);
}

/**
 * What an import changed in rows it did not create: for each row an `--update` changed, the
 * values before and the values the import wrote, so that reverting the import can put the
 * previous values back (and leave alone a row changed by hand since).
 */
import type { Knex } from 'knex';

function isPg(knex: Knex): boolean {
  return (knex.client as { config: { client: string } }).config.client === 'pg';
}

export async function up(knex: Knex): Promise<void> {
  const now = isPg(knex) ? knex.fn.now() : knex.raw("(strftime('%Y-%m-%dT%H:%M:%fZ','now'))");
  await knex.schema.createTable('import_batch_changes', (t) => {
    t.increments('id').primary();
    t.string('batch_id', 64).notNullable().references('id').inTable('import_batches').onDelete('CASCADE');
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('table_name', 64).notNullable();
    t.integer('row_id').notNullable();
    t.jsonb('previous_values').notNullable();
    t.jsonb('written_values').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now);
    t.index(['batch_id']);
    t.check("table_name IN ('health_metrics', 'workout_sessions', 'coaching_sessions', 'meal_logs')", [], 'import_batch_changes_table_name');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('import_batch_changes');
}

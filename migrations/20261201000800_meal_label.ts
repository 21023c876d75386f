/**
 * Meals keep the name they were written with (`Brunch`, `Late-night snack`) beside the
 * canonical meal type, so two snacks of one day under different names are two meals.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('meal_logs', (t) => {
    t.string('meal_label', 100).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('meal_logs', (t) => {
    t.dropColumn('meal_label');
  });
}

/**
 * Indexes for every foreign key that had none (deleting a user, an import batch, a goal or an
 * exercise definition no longer scans the referencing table), and for the folded exercise name
 * the exercise history, lift reports and e1rm goals look exercises up by (`lower(exercise_name)`).
 */
import type { Knex } from 'knex';

/** Tables that record where an imported row came from (`import_batch_id`). */
const PROVENANCE_TABLES = ['health_metrics', 'workout_sessions', 'exercise_logs', 'coaching_sessions', 'meal_logs'] as const;

/** Foreign keys with no index that starts with them: [table, column]. */
const FOREIGN_KEYS: ReadonlyArray<readonly [string, string]> = [
  ...PROVENANCE_TABLES.map((t) => [t, 'import_batch_id'] as const),
  ['exercise_definitions', 'created_by'],
  ['coaching_sessions', 'coach_id'],
  ['coaching_action_items', 'goal_id'],
];

const FOLDED_NAME_INDEX = 'exercise_logs_exercise_name_folded_index';

export async function up(knex: Knex): Promise<void> {
  for (const [table, column] of FOREIGN_KEYS) {
    await knex.schema.alterTable(table, (t) => {
      t.index([column], `${table}_${column}_index`);
    });
  }
  // An expression index, the same SQL on both engines.
  await knex.raw(`create index ${FOLDED_NAME_INDEX} on exercise_logs (lower(exercise_name))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop index if exists ${FOLDED_NAME_INDEX}`);
  for (const [table, column] of [...FOREIGN_KEYS].reverse()) {
    await knex.schema.alterTable(table, (t) => {
      t.dropIndex([column], `${table}_${column}_index`);
    });
  }
}

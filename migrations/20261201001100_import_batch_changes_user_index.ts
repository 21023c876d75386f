/**
 * The undo log of `import-md --update` is read and cleared per user (an account removed takes
 * its rows with it): its `user_id` foreign key gets an index, like every other foreign key.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('import_batch_changes', (t) => {
    t.index(['user_id'], 'import_batch_changes_user_id_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('import_batch_changes', (t) => {
    t.dropIndex(['user_id'], 'import_batch_changes_user_id_index');
  });
}

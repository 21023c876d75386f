/**
 * Each set of an exercise on its own row (`exercise_sets`): its load, reps, RPE, type (normal,
 * warm-up, drop set, failure), time and distance, in the order done, so that a pyramid
 * (60 kg × 8, 70 kg × 6, 80 kg × 4) is kept as it was done. The exercise's own columns stay its
 * summary (number of sets, reps per set, top working load); see docs/export-format.md.
 *
 * Row-level security on PostgreSQL covers the table through its exercise's session's owner,
 * like `exercise_logs` (`fittrack db enable-rls`, src/db/rls-repo.ts).
 */
import type { Knex } from 'knex';

export const SET_TYPE_VALUES = ['normal', 'warmup', 'dropset', 'failure'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('exercise_sets', (t) => {
    const num = (name: string, min: number, max: number, kind: 'double' | 'integer' = 'double') => {
      (kind === 'integer' ? t.integer(name) : t.double(name)).nullable();
      t.check(`${name} IS NULL OR (${name} >= ${min} AND ${name} <= ${max})`, [], `exercise_sets_${name}_range`);
    };
    t.increments('id').primary();
    t.integer('exercise_log_id').notNullable().references('id').inTable('exercise_logs').onDelete('CASCADE');
    t.integer('set_index').notNullable();
    t.enu('set_type', [...SET_TYPE_VALUES]).notNullable().defaultTo('normal');
    num('reps', 0, 10000, 'integer');
    num('weight_kg', 0, 1000);
    num('rpe', 1, 10);
    num('duration_seconds', 0, 86400 * 2);
    num('distance_km', 0, 1000);
    // One row per position: the unique index also serves the foreign key.
    t.unique(['exercise_log_id', 'set_index'], { indexName: 'exercise_sets_log_set_index_unique' });
    t.check('set_index >= 1', [], 'exercise_sets_set_index_positive');
    t.check('rpe IS NULL OR rpe * 2 = CAST(rpe * 2 AS INTEGER)', [], 'exercise_sets_rpe_halves');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('exercise_sets');
}

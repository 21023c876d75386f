/**
 * Sharing: a user (the owner) lets another user (usually a coach) read their data.
 * A revoked share keeps its row with `revoked_at` set; granting again clears it.
 */
import type { Knex } from 'knex';

function isPg(knex: Knex): boolean {
  return (knex.client as { config: { client: string } }).config.client === 'pg';
}

export async function up(knex: Knex): Promise<void> {
  const now = isPg(knex) ? knex.fn.now() : knex.raw("(strftime('%Y-%m-%dT%H:%M:%fZ','now'))");
  await knex.schema.createTable('data_shares', (t) => {
    t.increments('id').primary();
    t.integer('owner_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.integer('grantee_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.timestamp('granted_at', { useTz: true }).notNullable().defaultTo(now);
    t.timestamp('revoked_at', { useTz: true }).nullable();
    t.unique(['owner_id', 'grantee_id']);
    t.index(['grantee_id']);
    t.check('owner_id <> grantee_id', [], 'data_shares_not_self');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('data_shares');
}

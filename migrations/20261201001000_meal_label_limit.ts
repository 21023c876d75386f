/**
 * The size limit on a meal's label (`meal_logs.meal_label`, 100 characters: `label` of
 * `TEXT_LIMITS` in src/domain/validation.ts), enforced by the database like the other text
 * limits (migration 20261201000500_text_limits): a CHECK constraint on PostgreSQL, BEFORE
 * INSERT / BEFORE UPDATE OF triggers on SQLite, named `meal_logs_meal_label_max_length`.
 *
 * Existing labels over the limit make the migration stop with a message naming them (nothing
 * is changed): shorten them, then migrate again.
 */
import type { Knex } from 'knex';
import { DbError } from '../src/errors.js';

const TABLE = 'meal_logs';
const COLUMN = 'meal_label';
const MAX = 100;
const NAME = `${TABLE}_${COLUMN}_max_length`;

function isPg(knex: Knex): boolean {
  return (knex.client as { config: { client: string } }).config.client === 'pg';
}

export async function up(knex: Knex): Promise<void> {
  const pg = isPg(knex);
  const length = pg ? `char_length(${COLUMN})` : `length(${COLUMN})`;
  const row = (await knex.raw(`SELECT count(*) AS n FROM ${TABLE} WHERE ${length} > ${MAX}`)) as unknown;
  const n = Number(pg ? (row as { rows: Array<{ n: string }> }).rows[0]!.n : (row as Array<{ n: number }>)[0]!.n);
  if (n > 0) throw new DbError(`cannot add the text size limit: ${TABLE}.${COLUMN}: ${n} row(s) longer than ${MAX} characters`, 'shorten those meal names (fittrack export --format json shows them), then run: fittrack db migrate');
  if (pg) {
    await knex.raw(`ALTER TABLE ${TABLE} ADD CONSTRAINT ${NAME} CHECK (${COLUMN} IS NULL OR ${length} <= ${MAX})`);
    return;
  }
  const raise = `SELECT RAISE(ABORT, 'CHECK constraint failed: ${NAME}')`;
  await knex.raw(`CREATE TRIGGER ${NAME}_insert BEFORE INSERT ON ${TABLE} WHEN length(NEW.${COLUMN}) > ${MAX} BEGIN ${raise}; END`);
  await knex.raw(`CREATE TRIGGER ${NAME}_update BEFORE UPDATE OF ${COLUMN} ON ${TABLE} WHEN length(NEW.${COLUMN}) > ${MAX} BEGIN ${raise}; END`);
}

export async function down(knex: Knex): Promise<void> {
  if (isPg(knex)) await knex.raw(`ALTER TABLE ${TABLE} DROP CONSTRAINT IF EXISTS ${NAME}`);
  else {
    await knex.raw(`DROP TRIGGER IF EXISTS ${NAME}_insert`);
    await knex.raw(`DROP TRIGGER IF EXISTS ${NAME}_update`);
  }
}

/**
 * Two measured values other apps bring: lean body mass (what a smart scale reports beside body
 * fat) on a check-in, and the energy a watch measured for a workout. Each has its range as a
 * CHECK constraint (SQLite accepts a CHECK on an added column).
 */
import type { Knex } from 'knex';

const COLUMNS = [
  { table: 'health_metrics', column: 'lean_body_mass_kg', min: 5, max: 300 },
  { table: 'workout_sessions', column: 'energy_kcal', min: 0, max: 20000 },
];

function isPg(knex: Knex): boolean {
  return (knex.client as { config: { client: string } }).config.client === 'pg';
}

export async function up(knex: Knex): Promise<void> {
  const type = isPg(knex) ? 'double precision' : 'REAL';
  for (const c of COLUMNS) {
    await knex.raw(`ALTER TABLE ${c.table} ADD COLUMN ${c.column} ${type} CONSTRAINT ${c.table}_${c.column}_range CHECK (${c.column} IS NULL OR (${c.column} >= ${c.min} AND ${c.column} <= ${c.max}))`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const c of [...COLUMNS].reverse()) {
    await knex.schema.alterTable(c.table, (t) => {
      t.dropColumn(c.column);
    });
  }
}

/**
 * Migrations bundled into the CLI. The names are the file names in `migrations/`, so the
 * CLI and `npx knex --knexfile knexfile.ts migrate:latest` agree on what has run.
 */
import type { Knex } from 'knex';
import * as initialSchema from '../../migrations/20261125000000_initial_schema.js';
import * as dataShares from '../../migrations/20261125010000_data_shares.js';
import * as foldedNames from '../../migrations/20261201000200_folded_names.js';
import * as importBatchChanges from '../../migrations/20261201000300_import_batch_changes.js';
import * as dbSecurity from '../../migrations/20261201000400_db_security.js';
import * as textLimits from '../../migrations/20261201000500_text_limits.js';
import * as foreignKeyIndexes from '../../migrations/20261201000700_foreign_key_indexes.js';
import * as mealLabel from '../../migrations/20261201000800_meal_label.js';
import * as guardedNamesLibrary from '../../migrations/20261201000900_guarded_names_library.js';
import * as mealLabelLimit from '../../migrations/20261201001000_meal_label_limit.js';
import * as importBatchChangesUserIndex from '../../migrations/20261201001100_import_batch_changes_user_index.js';
import * as exerciseSets from '../../migrations/20261201002000_exercise_sets.js';
import * as leanMassAndEnergy from '../../migrations/20261201007000_lean_mass_and_energy.js';
import * as rowsByUserInOrder from '../../migrations/20261201009000_rows_by_user_in_order.js';
import { asSql, type Sql } from './sql.js';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** Every migration in order. A new migration is a new file added at the end of this list. */
export const MIGRATIONS: ReadonlyArray<readonly [string, Migration]> = [
  ['20261125000000_initial_schema.ts', initialSchema],
  ['20261125010000_data_shares.ts', dataShares],
  ['20261201000200_folded_names.ts', foldedNames],
  ['20261201000300_import_batch_changes.ts', importBatchChanges],
  ['20261201000400_db_security.ts', dbSecurity],
  ['20261201000500_text_limits.ts', textLimits],
  ['20261201000700_foreign_key_indexes.ts', foreignKeyIndexes],
  ['20261201000800_meal_label.ts', mealLabel],
  ['20261201000900_guarded_names_library.ts', guardedNamesLibrary],
  ['20261201001000_meal_label_limit.ts', mealLabelLimit],
  ['20261201001100_import_batch_changes_user_index.ts', importBatchChangesUserIndex],
  ['20261201002000_exercise_sets.ts', exerciseSets],
  ['20261201007000_lean_mass_and_energy.ts', leanMassAndEnergy],
  ['20261201009000_rows_by_user_in_order.ts', rowsByUserInOrder],
];

const source: Knex.MigrationSource<readonly [string, Migration]> = {
  getMigrations: async () => [...MIGRATIONS],
  getMigrationName: (m) => m[0],
  getMigration: async (m) => m[1],
};

/** Knex migrator options for fittrack's bundled migrations. */
export const migratorConfig: Knex.MigratorConfig = { migrationSource: source, tableName: 'knex_migrations' };

/** Applies every pending migration; returns the names applied. @example await migrateLatest(db) → ['2026…_initial_schema.ts'] */
export async function migrateLatest(db: Knex): Promise<string[]> {
  const [, applied] = (await db.migrate.latest(migratorConfig)) as [number, string[]];
  return applied;
}

/** Names of the bundled migrations not yet applied. Cheap enough for every command's start. */
export async function pendingMigrations(db: Knex | Sql): Promise<string[]> {
  const sql = asSql(db);
  const table =
    sql.engine === 'sqlite'
      ? "select 1 as found from sqlite_master where type = 'table' and name = 'knex_migrations'"
      : // (to_regclass rather than information_schema, which costs a fresh connection several milliseconds of catalog reads)
        "select 1 as found where to_regclass(quote_ident(current_schema()) || '.knex_migrations') is not null";
  if (!(await sql.first(table))) return MIGRATIONS.map(([name]) => name);
  const done = new Set((await sql.all<{ name: string }>('select name from knex_migrations')).map((r) => r.name));
  return MIGRATIONS.map(([name]) => name).filter((name) => !done.has(name));
}

/** True when no migration was ever run on the database (no `knex_migrations` table). */
export async function neverMigrated(db: Knex): Promise<boolean> {
  return !(await db.schema.hasTable('knex_migrations'));
}

/** A bundled migration, and when it was applied (ISO-8601 UTC), null while pending. */
export interface MigrationState {
  name: string;
  status: 'applied' | 'pending';
  applied_at: string | null;
}

/** Every bundled migration in order, applied or pending. @example (await migrationStates(db))[0] → { name: '2026…', status: 'applied', applied_at: '2026-…Z' } */
export async function migrationStates(db: Knex): Promise<MigrationState[]> {
  const rows: Array<{ name: string; migration_time: string | Date | number }> = (await neverMigrated(db)) ? [] : await db('knex_migrations').select('name', 'migration_time').orderBy('id');
  const appliedAt = new Map(rows.map((r) => [r.name, r.migration_time]));
  return MIGRATIONS.map(([name]) => ({
    name,
    status: appliedAt.has(name) ? 'applied' : 'pending',
    applied_at: appliedAt.has(name) ? new Date(appliedAt.get(name) as string).toISOString() : null,
  }));
}

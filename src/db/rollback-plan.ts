/**
 * What `fittrack db rollback` would undo: the migrations and the tables they drop, with the rows
 * each holds. Found by running the migrations' `down` inside a transaction that is always rolled
 * back (both engines change their schema transactionally), so the answer is what the real
 * rollback does, for any migration.
 */
import type { Knex } from 'knex';
import { DbError } from '../errors.js';
import { listTables } from './copy-repo.js';
import { MIGRATIONS } from './migrate.js';

export interface RollbackPlan {
  /** The migrations to undo, last applied first. */
  migrations: string[];
  /** Tables the rollback drops, with how many rows each holds now. */
  tables: Array<{ table: string; rows: number }>;
}

/**
 * Plans `db rollback` (the last batch) or `db rollback --all`; changes nothing.
 *
 * @example await planRollback(db, { all: false }) → { migrations: ['2026…_data_shares.ts'], tables: [{ table: 'data_shares', rows: 2 }] }
 */
export async function planRollback(db: Knex, opts: { all: boolean }): Promise<RollbackPlan> {
  if (!(await db.schema.hasTable('knex_migrations'))) return { migrations: [], tables: [] };
  const applied: Array<{ name: string; batch: number | string }> = await db('knex_migrations').select('name', 'batch').orderBy('id', 'desc');
  const lastBatch = Math.max(...applied.map((r) => Number(r.batch)));
  const migrations = applied.filter((r) => opts.all || Number(r.batch) === lastBatch).map((r) => r.name);
  if (migrations.length === 0) return { migrations, tables: [] };
  const known = new Map(MIGRATIONS);
  const trx = await db.transaction();
  let dropped: string[];
  try {
    const before = await listTables(trx);
    for (const name of migrations) {
      const migration = known.get(name);
      if (!migration) throw new DbError(`the database has a migration this fittrack does not know: ${name}`, 'roll it back with the fittrack version that applied it');
      await migration.down(trx);
    }
    const after = new Set(await listTables(trx));
    dropped = before.filter((t) => !after.has(t));
  } finally {
    await trx.rollback().catch(() => {});
  }
  const tables: RollbackPlan['tables'] = [];
  for (const table of dropped) {
    const row = (await db(table).count({ n: '*' }).first()) as { n: unknown } | undefined;
    tables.push({ table, rows: Number(row?.n ?? 0) });
  }
  return { migrations, tables };
}

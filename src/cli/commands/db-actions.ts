import type { Knex } from 'knex';
import type { GlobalOptions } from '../context.js';
import { withDatabase } from '../context.js';
import { formatCount } from '../render/format.js';
import { MIGRATIONS, migrateLatest, migrationStates, migratorConfig } from '../../db/migrate.js';
import { isMultiUser } from '../../db/users-repo.js';
import { AuthError, UsageError } from '../../errors.js';
import { printJson, printLine, say } from '../render/output.js';
import { plural } from '../../domain/plural.js';

/** A number of rows, thousands grouped. @example rowsText(12034) → '12 034 rows' */
const rowsText = (n: number) => `${formatCount(n)} ${n === 1 ? 'row' : 'rows'}`;

/**
 * Commands that read or change the whole database (migrate, rollback, copy) are for admins once
 * the database has logins: the caller must hold an admin's live session. A database without
 * users, or in local mode, is its file's owner's.
 */
async function requireAdminIfMultiUser(db: Knex, what: string): Promise<void> {
  if (!(await db.schema.hasTable('users')) || !(await isMultiUser(db))) return;
  const { authenticateSession } = await import('../auth-session.js');
  const { user } = await authenticateSession(db);
  if (user.role !== 'admin') throw new AuthError(`only admins can ${what}: this database has logins and ${user.username} is not an admin`, 'log in as an admin of this database: fittrack login NAME');
}

export async function runMigrate(globals: GlobalOptions, opts: { json?: boolean }): Promise<void> {
  await withDatabase(
    globals,
    async ({ db, target }) => {
      await requireAdminIfMultiUser(db, 'migrate the database');
      const applied = await migrateLatest(db);
      if (opts.json) printJson({ database: target.display, applied });
      else if (applied.length === 0) say(`${target.display}: schema is up to date (${plural(MIGRATIONS.length, 'migration')} applied)`);
      else say(`${target.display}: applied ${plural(applied.length, 'migration')}: ${applied.join(', ')}`);
    },
    { migrate: false },
  );
}

export async function runRollback(globals: GlobalOptions, opts: { all?: boolean; yes?: boolean; dryRun?: boolean }): Promise<void> {
  const { planRollback } = await import('../../db/rollback-plan.js');
  await withDatabase(
    globals,
    async ({ db, target }) => {
      await requireAdminIfMultiUser(db, 'roll back the database');
      const plan = await planRollback(db, { all: Boolean(opts.all) });
      if (plan.migrations.length === 0) {
        say(`${target.display}: nothing to roll back`);
        return;
      }
      const holding = plan.tables.filter((t) => t.rows > 0);
      if (opts.dryRun) {
        for (const t of plan.tables) printLine(`${t.table}\t${t.rows}`);
        say(`${target.display}: would roll back ${plan.migrations.join(', ')}, dropping ${plural(plan.tables.length, 'table')} holding ${rowsText(holding.reduce((a, t) => a + t.rows, 0))} (dry run, nothing changed)`);
        return;
      }
      // --all always asks: it removes fittrack from the database, whatever the tables hold.
      if (!opts.yes && (holding.length > 0 || opts.all)) {
        const what = holding.length > 0 ? `would drop ${plural(holding.length, 'table')} holding rows: ${holding.map((t) => `${t.table} (${formatCount(t.rows)})`).join(', ')}` : 'drops every fittrack table';
        throw new UsageError(
          `db rollback${opts.all ? ' --all' : ''} ${what}`,
          'back up first (fittrack export --format json --output backup.json, or everything: fittrack db copy --to backup.db), see the list with --dry-run, then add --yes',
        );
      }
      const [, undone] = (await db.migrate.rollback(migratorConfig, Boolean(opts.all))) as [number, string[]];
      say(undone.length === 0 ? `${target.display}: nothing to roll back` : `${target.display}: rolled back ${undone.join(', ')}`);
    },
    { migrate: false, dryRun: opts.dryRun },
  );
}

export async function runStatus(globals: GlobalOptions, opts: { json?: boolean }): Promise<void> {
  await withDatabase(
    globals,
    async ({ db, target }) => {
      const list = await migrationStates(db);
      if (opts.json) {
        printJson({ database: target.display, engine: target.engine, migrations: list });
        return;
      }
      printLine(`database: ${target.display} (${target.engine})`);
      for (const m of list) printLine(`${m.status.padEnd(8)} ${m.name}${m.applied_at ? `  ${m.applied_at}` : ''}`);
      const pending = list.filter((m) => m.status === 'pending').length;
      printLine(pending ? `${pending} pending — run: fittrack db migrate` : 'schema is up to date');
    },
    { migrate: false },
  );
}

export async function runCopy(globals: GlobalOptions, opts: { to: string; merge?: boolean; update?: boolean; json?: boolean }): Promise<void> {
  if (opts.update && !opts.merge) throw new UsageError('--update goes with --merge', 'run: fittrack db copy --to TARGET --merge --update');
  const { createDb, resolveDbTarget } = await import('../../db/connection.js');
  const { copyDatabase } = await import('../../db/copy-repo.js');
  await withDatabase(globals, async ({ db, target: from }) => {
    await requireAdminIfMultiUser(db, 'copy the database');
    const to = resolveDbTarget(opts.to, process.env, '--to');
    if (to.engine === from.engine && to.location === from.location) throw new UsageError('--to is the database being copied', 'give another database with --to');
    const targetDb = await createDb(to);
    const conflicts: Array<{ table: string; message: string }> = [];
    try {
      await migrateLatest(targetDb);
      const tables = await copyDatabase(db, targetDb, {
        merge: opts.merge,
        update: opts.update,
        onConflict: (issue) => {
          conflicts.push({ table: issue.file, message: issue.message });
          if (!opts.json) say(`${issue.file}: conflict: ${issue.message.replace('; this row has', '; the source has')}`);
        },
        onTable: (t) => {
          if (opts.json || t.source === 0) return;
          const parts = [`${plural(t.inserted, 'row')} copied`];
          if (t.matched) parts.push(`${t.matched} already there`);
          if (t.updated) parts.push(`${t.updated} updated`);
          if (t.conflicts) parts.push(`${t.conflicts} conflicting, left as they are`);
          say(`${t.table}: ${parts.join(', ')}`);
        },
      });
      const sum = (k: 'inserted' | 'matched' | 'updated' | 'conflicts') => tables.reduce((a, t) => a + t[k], 0);
      if (opts.json) printJson({ from: from.display, to: to.display, tables, conflicts });
      else {
        const extra = opts.merge ? `, ${sum('matched')} already there, ${sum('updated')} updated, ${sum('conflicts')} conflicting` : '';
        say(`copied ${plural(sum('inserted'), 'row')} from ${from.display} to ${to.display}${extra}; row counts verified`);
        if (sum('conflicts') > 0) say('the conflicting rows keep the target\'s values; run again with --merge --update to take the source\'s');
      }
    } finally {
      await targetDb.destroy();
    }
  });
}

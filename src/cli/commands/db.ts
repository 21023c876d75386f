import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';

export function register(program: Command): void {
  const db = program.command('db').description('database: migrate, roll back, show status, copy to another database');

  db.command('migrate')
    .description('apply every pending schema migration')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { runMigrate } = await import('./db-actions.js');
      await runMigrate(cmd.optsWithGlobals<GlobalOptions>(), opts);
    });

  db.command('rollback')
    .description('undo the last batch of migrations (or all of them with --all)')
    .option('--all', 'undo every migration (drops all fittrack tables and their data)')
    .option('--yes', 'roll back even when that drops tables holding rows')
    .option('--dry-run', 'list the tables that would be dropped (and their rows); change nothing')
    .addHelpText('after', '\nA rollback that would drop a table holding rows is refused without --yes. Back up first:\n  $ fittrack export --format json --output backup.json')
    .action(async (opts: { all?: boolean; yes?: boolean; dryRun?: boolean }, cmd: Command) => {
      const { runRollback } = await import('./db-actions.js');
      await runRollback(cmd.optsWithGlobals<GlobalOptions>(), opts);
    });

  db.command('status')
    .description('list applied and pending migrations')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { runStatus } = await import('./db-actions.js');
      await runStatus(cmd.optsWithGlobals<GlobalOptions>(), opts);
    });

  db.command('copy')
    .description('copy every user and row to another database (e.g. SQLite → PostgreSQL)')
    .requiredOption('--to <url-or-path>', 'target database')
    .option('--merge', 'allow a target that already holds data (users with the same username are merged; days, workouts, meals and sessions it already holds are skipped, those it holds with other values listed)')
    .option('--update', 'with --merge: take the source\'s values for the rows the target holds with other values')
    .option('--json', 'print the per-table counts as JSON')
    .addHelpText('after', '\nExample:\n  $ fittrack db copy --to postgres://me@db.example.com/fittrack')
    .action(async (opts: { to: string; merge?: boolean; update?: boolean; json?: boolean }, cmd: Command) => {
      const { runCopy } = await import('./db-actions.js');
      await runCopy(cmd.optsWithGlobals<GlobalOptions>(), opts);
    });

  db.command('enable-rls')
    .description('PostgreSQL: turn on row-level security so each user sees only their own rows (and rows shared with them)')
    .option('--app-role <role>', 'grant this existing role (the one fittrack connects as) the table privileges it needs')
    .action(async (opts: { appRole?: string }, cmd: Command) => {
      const { runEnableRls } = await import('./db-rls-actions.js');
      await runEnableRls(cmd.optsWithGlobals<GlobalOptions>(), opts);
    });
}

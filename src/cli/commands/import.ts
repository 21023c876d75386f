import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';
import type { ImportOptions } from './import-actions.js';

export function register(program: Command): void {
  program
    .command('import')
    .description('import your history from Strong, Hevy or Apple Health (or legacy markdown logs); safe to run again')
    .argument('[files...]', 'a Strong or Hevy CSV export, an Apple Health export.zip or export.xml, or legacy .md logs')
    .option('--from <app>', 'the app that wrote the files: strong, hevy or apple-health (default: recognised from the header or the XML)')
    .option('--dry-run', 'report what would be imported, write nothing')
    .option('--skip-errors', 'import the good rows even when some rows have errors (they are still listed)')
    .option('--update', 'where a stored record differs from the file, take the file’s value instead of reporting a conflict')
    .option('--units <unit>', 'the unit of weights when the file does not say: kg or lb (default: your preferred units)')
    .option('--daily <rule>', 'Apple Health: which reading of a day becomes its check-in: first (the morning weigh-in), last or mean', 'first')
    .option('--map <file>', 'your own exercise names: one "app name = fittrack name" a line')
    .option('--json', 'print one machine-readable report on stdout')
    .option('--list', 'list past imports (batches)')
    .option('--revert <batch>', 'undo an import batch (last: the newest one)')
    .addHelpText(
      'after',
      `
Every import-md guarantee holds: all or nothing unless --skip-errors, FILE:LINE for every
problem, re-runs create nothing, conflicts are never overwritten without --update, and
every import is a batch you can --revert.

Examples:
  $ fittrack import strong_workouts.csv --dry-run
  $ fittrack import hevy_workouts.csv --map my-names.txt
  $ fittrack import export.zip --daily mean
  $ fittrack import --revert last`,
    )
    .action(async (files: string[], opts: ImportOptions, cmd: Command) => {
      const { runImport } = await import('./import-actions.js');
      await runImport(files, opts, cmd.optsWithGlobals<GlobalOptions>());
    });
}

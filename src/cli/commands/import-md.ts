import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';
import type { ImportMdOptions } from './import-md-actions.js';

export function register(program: Command): void {
  program
    .command('import-md')
    .description('import legacy markdown logs (check-ins, workouts, coaching, meals); safe to run again')
    .argument('[paths...]', 'legacy .md files, or folders holding them')
    .option('--kind <kind>', 'read the files as check-in, workouts, coaching or meals (default: detected from the name, else the content)')
    .option('--dry-run', 'report what would be imported, write nothing')
    .option('--skip-errors', 'import the good rows even when some rows have errors (they are still listed)')
    .option('--update', 'where a stored record differs from the file, take the file’s value instead of reporting a conflict')
    .option('--json', 'print one machine-readable report on stdout')
    .option('--units <unit>', 'the unit of weights written without one: kg or lb (default: your preferred units)')
    .option('--list', 'list past imports (batches)')
    .option('--revert <batch>', 'delete the records an import batch created (last: the newest one)')
    .addHelpText(
      'after',
      `
All or nothing: when any row has an error nothing is written (unless --skip-errors).
Running the same import again creates nothing; changed rows are reported as conflicts.

Examples:
  $ fittrack import-md ~/Health_and_Fitness/data --dry-run
  $ fittrack import-md check-in-log.md exercise-log.md
  $ fittrack import-md old-weights.md --kind check-in --skip-errors
  $ fittrack import-md --list
  $ fittrack import-md --revert imp-20250312-174502-3fa9`,
    )
    .action(async (paths: string[], opts: ImportMdOptions, cmd: Command) => {
      const { runImportMd } = await import('./import-md-actions.js');
      await runImportMd(paths, opts, cmd.optsWithGlobals<GlobalOptions>());
    });
}

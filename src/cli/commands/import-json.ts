import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';

export function register(program: Command): void {
  program
    .command('import-json')
    .description('restore a full-account JSON export (safe to run again: records already present are skipped)')
    .argument('<file>', 'a document written by `fittrack export --format json` (- for stdin)')
    .option('--dry-run', 'check the file and say what would be created, without writing')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ fittrack import-json backup.json --dry-run
  $ fittrack --db postgres://me@host/fittrack import-json backup.json`,
    )
    .action(async (file: string, opts: { dryRun?: boolean; json?: boolean }, cmd: Command) => {
      const { runImportJson } = await import('./import-json-actions.js');
      await runImportJson(cmd.optsWithGlobals<GlobalOptions>(), file, opts);
    });
}

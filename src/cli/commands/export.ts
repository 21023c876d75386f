import { Command, Option } from 'commander';
import type { GlobalOptions } from '../context.js';
import type { ExportOptions } from './export-actions.js';

export function register(program: Command): void {
  program
    .command('export')
    .description('export your data as CSV, JSON, NDJSON or markdown')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json', 'ndjson', 'md']).default('json'))
    .addOption(new Option('--what <what>', 'which data').choices(['health', 'workouts', 'exercises', 'sets', 'meals', 'coaching', 'actions', 'goals', 'all']).default('all'))
    .option('--from <date>', 'only records on or after this date')
    .option('--to <date>', 'only records on or before this date')
    .option('-o, --output <file-or-dir>', 'write to this file (or folder, for several CSV tables or markdown) instead of stdout')
    .addOption(new Option('--units <system>', 'units of CSV/NDJSON values (JSON is always metric)').choices(['metric', 'imperial']))
    .option('--csv-raw', "CSV: write text cells exactly, even those a spreadsheet would run as formulas (by default they get a ' in front)")
    .addHelpText(
      'after',
      `
Examples:
  $ fittrack export --format json --output backup.json
  $ fittrack export --format csv --what health --units imperial > weights.csv
  $ fittrack export --format csv --output export/          (one CSV per table)
  $ fittrack export --format ndjson --from 2025-01-01 | jq .`,
    )
    .action(async (opts: ExportOptions, cmd: Command) => {
      const { runExport } = await import('./export-actions.js');
      await runExport(cmd.optsWithGlobals<GlobalOptions>(), opts);
    });
}

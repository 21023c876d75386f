import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';

export function register(program: Command): void {
  const report = program
    .command('report')
    .description('weight trend, lift records, goals and summaries, in the terminal or as HTML')
    .option('--html <file>', 'write every report as one self-contained HTML page')
    .addHelpText(
      'after',
      `
Examples:
  $ fittrack report weight --since 2025-01-01
  $ fittrack report lifts "back squat"
  $ fittrack report summary --month
  $ fittrack report --html report.html`,
    )
    .action(async (opts: { html?: string }, cmd: Command) => {
      const { runHtmlReport, requireReportKind } = await import('./report-actions.js');
      if (!opts.html) requireReportKind();
      else await runHtmlReport(cmd.optsWithGlobals<GlobalOptions>(), opts.html);
    });

  report
    .command('weight')
    .description('daily weights, the smoothed trend, the weekly rate of change and a chart')
    .option('--since <date>', 'from this date on')
    .option('--json', 'print the numbers as JSON')
    .action(async (opts: { since?: string; json?: boolean }, cmd: Command) => {
      const { runWeightReport } = await import('./report-actions.js');
      await runWeightReport(cmd.optsWithGlobals<GlobalOptions>(), opts);
    });

  report
    .command('lifts')
    .description('personal records per exercise (heaviest, best reps at a load, e1RM) and weekly volume')
    .argument('[exercise]', 'one exercise (its name, or part of it)')
    .option('--since <date>', 'from this date on')
    .option('--json', 'print the numbers as JSON')
    .action(async (exercise: string | undefined, opts: { since?: string; json?: boolean }, cmd: Command) => {
      const { runLiftsReport } = await import('./report-actions.js');
      await runLiftsReport(cmd.optsWithGlobals<GlobalOptions>(), exercise, opts);
    });

  report
    .command('goals')
    .description('every goal with its progress and projected finish date')
    .option('--json', 'print the numbers as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { runGoalsReport } = await import('./report-actions.js');
      await runGoalsReport(cmd.optsWithGlobals<GlobalOptions>(), opts);
    });

  report
    .command('summary')
    .description('sessions, volume, average weight, food per day and open coaching actions')
    .option('--week', 'the last 7 days (default)')
    .option('--month', 'the last 30 days')
    .option('--json', 'print the numbers as JSON')
    .action(async (opts: { week?: boolean; month?: boolean; json?: boolean }, cmd: Command) => {
      const { runSummaryReport } = await import('./report-actions.js');
      await runSummaryReport(cmd.optsWithGlobals<GlobalOptions>(), opts);
    });

  report
    .command('html')
    .description('write every report as one self-contained HTML page')
    .argument('<file>', 'the HTML file to write')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const { runHtmlReport } = await import('./report-actions.js');
      await runHtmlReport(cmd.optsWithGlobals<GlobalOptions>(), file);
    });
}

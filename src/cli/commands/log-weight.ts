import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';
import type { LogWeightOptions } from './log-weight-actions.js';

export function register(program: Command): void {
  program
    .command('log-weight')
    .description('log a weigh-in and body measurements (one entry per day), or list them with --list')
    .argument('[weight]', 'weight with unit, e.g. 80kg or 176.4lb (a bare number is in your units)')
    .option('--body-fat <pct>', 'body fat percentage (2–75)')
    .option('--waist <length>', 'waist, e.g. 86.5cm or 34in')
    .option('--chest <length>', 'chest')
    .option('--hips <length>', 'hips')
    .option('--neck <length>', 'neck')
    .option('--left-arm <length>', 'left arm')
    .option('--right-arm <length>', 'right arm')
    .option('--left-thigh <length>', 'left thigh')
    .option('--right-thigh <length>', 'right thigh')
    .option('--muscle-mass <weight>', 'muscle mass, e.g. 35kg')
    .option('--rhr <bpm>', 'resting heart rate (25–250)')
    .option('--bp <sys/dia>', 'blood pressure, e.g. 120/80')
    .option('--energy <1-10>', 'energy level')
    .option('--mood <1-10>', 'mood')
    .option('--sleep-quality <1-10>', 'sleep quality')
    .option('--stress <1-10>', 'stress level')
    .option('--sleep-hours <hours>', 'hours slept, e.g. 7.5 or 7h30')
    .option('--note <text>', 'a note for the day')
    .option('--date <date>', 'the day (default today): 2025-03-04, yesterday, monday, -2d')
    .option('--replace', 'overwrite values already logged for that day')
    .option('--json', 'print the stored entry (or the list) as JSON on stdout')
    .option('--list', 'list weigh-ins with lean mass, fat mass and BMI')
    .option('--from <date>', 'with --list: first day')
    .option('--to <date>', 'with --list: last day')
    .addHelpText(
      'after',
      `
Examples:
  $ fittrack log-weight 80.4kg
  $ fittrack log-weight 176.4lb --body-fat 21.5 --waist 34in --date yesterday
  $ fittrack log-weight --waist 86cm            (measurements only)
  $ fittrack log-weight --list --from 2025-03-01`,
    )
    .action(async (weight: string | undefined, opts: LogWeightOptions, cmd: Command) => {
      const actions = await import('./log-weight-actions.js');
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      if (opts.list) await actions.runListWeights(globals, weight, opts);
      else await actions.runLogWeight(globals, weight, opts);
    });
}

import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';
import type { LogMealOptions } from './log-meal-actions.js';

export function register(program: Command): void {
  program
    .command('log-meal')
    .description('log a meal with calories and macros, or show a day with --list')
    .argument('[meal-type]', 'breakfast, lunch, dinner, snack, pre_workout or post_workout')
    .argument('[description]', 'what you ate')
    .option('--calories <kcal>', 'energy in kcal (computed from the macros when left out)')
    .option('--protein <g>', 'protein in grams')
    .option('--carbs <g>', 'carbohydrate in grams')
    .option('--fat <g>', 'fat in grams')
    .option('--fiber <g>', 'fibre in grams')
    .option('--sugar <g>', 'sugar in grams')
    .option('--sodium <mg>', 'sodium in milligrams')
    .option('--water <volume>', 'water drunk with it, e.g. 500ml')
    .option('--adherence <level>', 'perfect, good, fair, poor or off_plan')
    .option('--satisfaction <1-10>', 'how satisfying it was')
    .option('--hunger-before <1-10>', 'hunger before eating')
    .option('--hunger-after <1-10>', 'hunger after eating')
    .option('--satiety-before <1-10>', 'fullness before eating')
    .option('--satiety-after <1-10>', 'fullness after eating')
    .option('--note <text>', 'a note')
    .option('--date <date>', 'the day (default today)')
    .option('--json', 'print the stored meal (or the day with --list) as JSON on stdout')
    .option('--list', "show a day's meals with totals and macro percentages")
    .addHelpText(
      'after',
      `
Examples:
  $ fittrack log-meal breakfast "3 eggs, 2 slices toast" --protein 25 --carbs 30 --fat 18
  $ fittrack log-meal "Pre Workout" banana --calories 105 --water 500ml
  $ fittrack log-meal --list --date yesterday`,
    )
    .action(async (mealType: string | undefined, description: string | undefined, opts: LogMealOptions, cmd: Command) => {
      const actions = await import('./log-meal-actions.js');
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      if (opts.list) await actions.runListMeals(globals, mealType, opts);
      else await actions.runLogMeal(globals, mealType, description, opts);
    });
}

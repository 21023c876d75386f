import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';
import type { GoalAddOptions } from './goal-actions.js';

export function register(program: Command): void {
  const goal = program
    .command('goal')
    .description('set goals and follow their progress')
    .addHelpText(
      'after',
      `
Examples:
  $ fittrack goal add "Get to 75 kg" --metric weight --target 75kg --by 2025-09-01
  $ fittrack goal add "Bench 100" --metric e1rm:"Bench Press" --target 100kg
  $ fittrack goal add "Read 12 books" --metric custom --target "12 books"
  $ fittrack goal list
  $ fittrack goal update 3 5
  $ fittrack goal pause 3`,
    );

  goal
    .command('add')
    .description('add a goal: on weight, body fat, waist, an exercise’s estimated 1RM, or a custom number')
    .argument('<title>', 'what the goal is, in your words')
    .requiredOption('--metric <metric>', 'weight, body_fat, waist, e1rm:<exercise> or custom')
    .requiredOption('--target <value>', 'the target with its unit, e.g. 75kg, 18, 86cm, 100kg, "12 books"')
    .option('--by <date>', 'target date')
    .option('--type <type>', 'weight_loss, muscle_gain, strength, endurance, flexibility, skill, habit or nutrition (guessed when left out)')
    .option('--start <value>', 'the starting value (default: your latest value, or 0 for a custom goal)')
    .option('--note <text>', 'a note')
    .option('--json', 'print the stored goal as JSON on stdout')
    .action(async (title: string, opts: GoalAddOptions, cmd: Command) => {
      const { runGoalAdd } = await import('./goal-actions.js');
      await runGoalAdd(cmd.optsWithGlobals<GlobalOptions>(), title, opts);
    });

  goal
    .command('list')
    .description('list goals with progress and, for metric goals, the projected date at the recent pace')
    .option('--status <status>', 'only goals with this status: active, completed, paused or abandoned')
    .option('--json', 'print as JSON')
    .action(async (opts: { status?: string; json?: boolean }, cmd: Command) => {
      const { runGoalList } = await import('./goal-actions.js');
      await runGoalList(cmd.optsWithGlobals<GlobalOptions>(), opts);
    });

  goal
    .command('show')
    .description('show one goal')
    .argument('<id>', 'goal number')
    .option('--json', 'print as JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const { runGoalShow } = await import('./goal-actions.js');
      await runGoalShow(cmd.optsWithGlobals<GlobalOptions>(), id, opts);
    });

  goal
    .command('update')
    .description('record the current value of a custom goal')
    .argument('<id>', 'goal number')
    .argument('<value>', 'the current value, e.g. 5')
    .option('--json', 'print the stored goal as JSON on stdout')
    .action(async (id: string, value: string, opts: { json?: boolean }, cmd: Command) => {
      const { runGoalUpdate } = await import('./goal-actions.js');
      await runGoalUpdate(cmd.optsWithGlobals<GlobalOptions>(), id, value, opts);
    });

  for (const [verb, what] of [
    ['pause', 'pause an active goal'],
    ['resume', 'make a paused or abandoned goal active again'],
    ['abandon', 'give up a goal (it stays in the list)'],
    ['complete', 'mark a goal as reached'],
  ] as const) {
    goal
      .command(verb)
      .description(what)
      .argument('<id>', 'goal number')
      .option('--json', 'print the stored goal as JSON on stdout')
      .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
        const { runGoalStatus } = await import('./goal-actions.js');
        await runGoalStatus(cmd.optsWithGlobals<GlobalOptions>(), verb, id, opts);
      });
  }
}

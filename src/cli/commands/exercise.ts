import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';
import type { ExerciseFieldOptions } from './exercise-actions.js';

function withFieldOptions(cmd: Command): Command {
  return cmd
    .option('--category <category>', 'compound, isolation, cardio, flexibility, core, plyometric or martial_arts')
    .option('--muscles <list>', 'muscle groups, comma separated, e.g. chest,triceps')
    .option('--equipment <list>', 'equipment, comma separated, e.g. barbell,bench')
    .option('--difficulty <level>', 'beginner, intermediate, advanced or expert')
    .option('--description <text>', 'what the exercise is')
    .option('--instructions <text>', 'how to do it')
    .option('--tips <text>', 'coaching cues')
    .option('--video-url <url>', 'a video showing it (http or https)')
    .option('--image-url <url>', 'a picture of it (http or https)')
    .option('--json', 'print the stored entry as JSON on stdout');
}

export function register(program: Command): void {
  const exercise = program.command('exercise').description('manage the exercise library and see your history per exercise');

  exercise
    .command('list')
    .description('list the exercise library (shared by every user)')
    .option('--category <category>', 'only this category')
    .option('--json', 'print JSON on stdout')
    .action(async (opts: { category?: string; json?: boolean }, cmd: Command) => {
      const { runExerciseList } = await import('./exercise-actions.js');
      await runExerciseList(opts, cmd.optsWithGlobals<GlobalOptions>());
    });

  exercise
    .command('show')
    .description('show an exercise with your history and best sets')
    .argument('<name>', 'the exercise name (any case)')
    .option('--json', 'print JSON on stdout')
    .action(async (name: string, opts: { json?: boolean }, cmd: Command) => {
      const { runExerciseShow } = await import('./exercise-actions.js');
      await runExerciseShow(name, opts, cmd.optsWithGlobals<GlobalOptions>());
    });

  withFieldOptions(exercise.command('add').description('add an exercise to the library').argument('<name>', 'the exercise name')).action(
    async (name: string, opts: ExerciseFieldOptions, cmd: Command) => {
      const { runExerciseAdd } = await import('./exercise-actions.js');
      await runExerciseAdd(name, opts, cmd.optsWithGlobals<GlobalOptions>());
    },
  );

  withFieldOptions(exercise.command('edit').description('change an exercise of the library').argument('<name>', 'the exercise name (any case)'))
    .option('--rename <new-name>', 'give the exercise a new name')
    .action(async (name: string, opts: ExerciseFieldOptions & { rename?: string }, cmd: Command) => {
      const { runExerciseEdit } = await import('./exercise-actions.js');
      await runExerciseEdit(name, opts, cmd.optsWithGlobals<GlobalOptions>());
    });

  exercise.addHelpText(
    'after',
    `
Examples:
  $ fittrack exercise add "Bench Press" --category compound --muscles chest,triceps --equipment barbell,bench
  $ fittrack exercise list --category compound
  $ fittrack exercise show "bench press"
  $ fittrack exercise edit "Bench Press" --rename "Barbell Bench Press" --difficulty intermediate`,
  );
}

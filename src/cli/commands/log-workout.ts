import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';
import type { LogWorkoutOptions } from './log-workout-actions.js';

export function register(program: Command): void {
  program
    .command('log-workout')
    .description('log a workout session and its exercises, or list and show logged sessions')
    .argument('[title]', 'the session title, e.g. "Upper A"')
    .argument('[exercises...]', 'exercises like "Bench 3x8@80kg rpe 8", "Squat 5,5,5,3@100kg", "A1: Pull-up 3xAMRAP", "Run 45min 4.2km"')
    .option('-e, --exercise <line>', 'an exercise, as the positional ones (repeat for more)', (line: string, all: string[] = []) => [...all, line])
    .option('--type <type>', 'strength, cardio, flexibility, martial_arts, sports, recovery or mixed (default: guessed)')
    .option('--phase <phase>', 'program phase, e.g. "Phase 1"')
    .option('--week <n>', 'program week (1–520)')
    .option('--day <n>', 'program day (1–3640)')
    .option('--duration <time>', 'session length, e.g. 45min or 1h30 (a bare number is minutes)')
    .option('--intensity <n>', 'how hard it was, 1–10')
    .option('--fatigue <n>', 'fatigue, 1–10')
    .option('--soreness <n>', 'soreness, 1–10')
    .option('--note <text>', 'a note on the session')
    .option('--date <date>', 'the day of the session (default: today)')
    .option('--list', 'list logged sessions instead of logging one')
    .option('--from <date>', 'with --list: first day')
    .option('--to <date>', 'with --list: last day')
    .option('--show <id>', 'show one logged session with its exercises')
    .option('--json', 'print the stored records as JSON on stdout')
    .addHelpText(
      'after',
      `
Exercise specs: [LABEL:] NAME [SETSxREPS|REPS,REPS,…][@LOAD] [TIME] [DISTANCE] [rpe N] [form N] [rest T] ["note"]

Examples:
  $ fittrack log-workout "Upper A" "Bench 3x8@80kg rpe 8" "A1: Pull-up 3xAMRAP" "Row 3x10@60kg"
  $ fittrack log-workout "Lower A" "Squat 5,5,5,3@100kg" 'Deadlift 1x5@180kg form 7 "felt heavy"' --phase "Phase 1" --week 2
  $ fittrack log-workout "Morning run" "Run 45min 4.2km" --date yesterday
  $ fittrack log-workout "Upper A" -e "Bench 3x8@80kg" -e "Row 3x10@60kg"
  $ fittrack log-workout --list --from 2025-03-01
  $ fittrack log-workout --show 12 --json`,
    )
    .action(async (title: string | undefined, exercises: string[], opts: LogWorkoutOptions, cmd: Command) => {
      const { runLogWorkout } = await import('./log-workout-actions.js');
      await runLogWorkout(title, exercises, opts, cmd.optsWithGlobals<GlobalOptions>());
    });
}

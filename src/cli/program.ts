/**
 * Builds the commander program. Each command file registers its own subcommand(s) and loads
 * its heavy parts (Knex, bcrypt, inquirer, marked, tables) lazily inside the action, so that
 * starting fittrack stays cheap.
 */
import { Command, Option } from 'commander';
import { VERSION } from '../version.js';
import { register as registerLogWeight } from './commands/log-weight.js';
import { register as registerLogWorkout } from './commands/log-workout.js';
import { register as registerLogMeal } from './commands/log-meal.js';
import { register as registerGoal } from './commands/goal.js';
import { register as registerCoachNote } from './commands/coach-note.js';
import { register as registerPhoto } from './commands/photo.js';
import { register as registerExercise } from './commands/exercise.js';
import { register as registerConfig } from './commands/config.js';
import { register as registerImportMd } from './commands/import-md.js';
import { register as registerExport } from './commands/export.js';
import { register as registerImportJson } from './commands/import-json.js';
import { register as registerReport } from './commands/report.js';
import { register as registerUser } from './commands/user.js';
import { register as registerLogin } from './commands/login.js';
import { register as registerSessions } from './commands/sessions.js';
import { register as registerShare } from './commands/share.js';
import { register as registerAudit } from './commands/audit.js';
import { register as registerDb } from './commands/db.js';

/** Builds the whole `fittrack` program; `parseAsync` it with argv. */
export function buildProgram(): Command {
  const program = new Command('fittrack');
  program
    .description('Track body weight, measurements, workouts, meals, goals and coaching notes from the terminal.')
    .version(VERSION, '-V, --version', 'print the fittrack version')
    .addOption(new Option('--db <url-or-path>', 'database: a SQLite file path or a postgres:// URL (default: $DATABASE_URL, else $FITTRACK_HOME/fittrack.db)'))
    .option('--no-input', 'never prompt; fail instead when a value is missing')
    .option('--no-color', 'no colour in the output')
    .option('--debug', 'show stack traces for errors')
    .option('--user <name>', "act on another user's data: read commands and coach notes, once they shared it with you")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      outputError: (str, write) => write(str.replace(/^error: /, 'fittrack: error: ')),
    })
    .addHelpText(
      'after',
      `
Examples:
  $ fittrack log-weight 80.4kg --body-fat 21.5
  $ fittrack log-workout "Upper A" "Bench 3x8@80kg" "Row 3x10@60kg"
  $ fittrack import-md ~/Health_and_Fitness/data --dry-run
  $ fittrack report weight`,
    );

  for (const register of [
    registerLogWeight,
    registerLogWorkout,
    registerLogMeal,
    registerGoal,
    registerCoachNote,
    registerPhoto,
    registerExercise,
    registerConfig,
    registerImportMd,
    registerExport,
    registerImportJson,
    registerReport,
    registerUser,
    registerLogin,
    registerSessions,
    registerShare,
    registerAudit,
    registerDb,
  ]) {
    register(program);
  }
  return program;
}

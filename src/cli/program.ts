/**
 * Builds the commander program. Each command file registers its own subcommand(s) and loads
 * its heavy parts (Knex, bcrypt, inquirer, marked, tables) lazily inside the action, so that
 * starting fittrack stays cheap.
 */
import type { Command } from 'commander';
import { createProgram } from './base-program.js';
import { commandNamed } from './command-line.js';
import { register as registerLogWeight } from './commands/log-weight.js';
import { register as registerLogWorkout } from './commands/log-workout.js';
import { register as registerLogMeal } from './commands/log-meal.js';
import { register as registerGoal } from './commands/goal.js';
import { register as registerCoachNote } from './commands/coach-note.js';
import { register as registerPhoto } from './commands/photo.js';
import { register as registerExercise } from './commands/exercise.js';
import { register as registerConfig } from './commands/config.js';
import { register as registerImportMd } from './commands/import-md.js';
import { register as registerImport } from './commands/import.js';
import { register as registerExport } from './commands/export.js';
import { register as registerImportJson } from './commands/import-json.js';
import { register as registerReport } from './commands/report.js';
import { register as registerUser } from './commands/user.js';
import { register as registerLogin } from './commands/login.js';
import { register as registerSessions } from './commands/sessions.js';
import { register as registerShare } from './commands/share.js';
import { register as registerAudit } from './commands/audit.js';
import { register as registerDb } from './commands/db.js';
import { register as registerCompletion } from './commands/completion.js';

type Register = (program: Command) => void;

/** Every command file, with the top-level command names it registers. */
const COMMAND_FILES: ReadonlyArray<readonly [readonly string[], Register]> = [
  [['log-weight'], registerLogWeight],
  [['log-workout'], registerLogWorkout],
  [['log-meal'], registerLogMeal],
  [['goal'], registerGoal],
  [['coach-note'], registerCoachNote],
  [['photo'], registerPhoto],
  [['exercise'], registerExercise],
  [['config'], registerConfig],
  [['import-md'], registerImportMd],
  [['import'], registerImport],
  [['export'], registerExport],
  [['import-json'], registerImportJson],
  [['report'], registerReport],
  [['user'], registerUser],
  [['login', 'logout', 'whoami'], registerLogin],
  [['sessions'], registerSessions],
  [['share'], registerShare],
  [['audit'], registerAudit],
  [['db'], registerDb],
  [['completion'], (program) => registerCompletion(program, () => buildProgram())],
];

/**
 * Builds the `fittrack` program; `parseAsync` it with the same argv. Given argv that names a
 * command, only that command's file is registered (declaring all of them is a good part of a
 * start); for help, an unknown name or no command, every command is.
 */
export function buildProgram(argv?: readonly string[]): Command {
  const wanted = argv ? commandNamed(argv) : undefined;
  const only = wanted === undefined ? undefined : COMMAND_FILES.find(([names]) => names.includes(wanted));
  if (only && wanted !== undefined) {
    const program = createProgram();
    only[1](program);
    // Should the table above be out of date, the full program parses the line as it always did.
    if (program.commands.some((c) => c.name() === wanted || c.aliases().includes(wanted))) return program;
  }
  const program = createProgram();
  for (const [, register] of COMMAND_FILES) register(program);
  return program;
}

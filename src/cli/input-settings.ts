/**
 * Settings about how the person at this terminal types things, kept in
 * `$FITTRACK_HOME/input.json` rather than in the database: they are read before any database is
 * opened (the logging commands parse their dates first) and belong to the typist, not the data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fittrackHome } from '../paths.js';
import type { DateOrder } from '../domain/dates.js';

export interface InputSettings {
  /** How slash dates are written: `dmy` (13/02/2025) or `mdy` (02/13/2025); unset, ambiguous ones are refused. */
  dateOrder?: DateOrder;
}

/** The settings file's path. @example inputSettingsPath({ FITTRACK_HOME: '/h' }) → '/h/input.json' */
export function inputSettingsPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(fittrackHome(env), 'input.json');
}

/** The stored input settings; none when the file is missing or unreadable. */
export function readInputSettings(env: NodeJS.ProcessEnv = process.env): InputSettings {
  try {
    const parsed = JSON.parse(fs.readFileSync(inputSettingsPath(env), 'utf8')) as InputSettings;
    return parsed.dateOrder === 'dmy' || parsed.dateOrder === 'mdy' ? { dateOrder: parsed.dateOrder } : {};
  } catch {
    return {};
  }
}

/** Stores input settings (merged with the stored ones), written to a temp file and renamed. */
export function writeInputSettings(patch: InputSettings, env: NodeJS.ProcessEnv = process.env): InputSettings {
  const next = { ...readInputSettings(env), ...patch };
  const file = inputSettingsPath(env);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(next)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
  return next;
}

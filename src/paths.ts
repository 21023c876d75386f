import os from 'node:os';
import path from 'node:path';

/**
 * The folder holding fittrack's own files: `$FITTRACK_HOME`, else `$XDG_DATA_HOME/fittrack`,
 * else `~/.local/share/fittrack`.
 *
 * @example fittrackHome({ XDG_DATA_HOME: '/x' }) → '/x/fittrack'
 */
export function fittrackHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FITTRACK_HOME) return path.resolve(env.FITTRACK_HOME);
  if (env.XDG_DATA_HOME) return path.join(path.resolve(env.XDG_DATA_HOME), 'fittrack');
  return path.join(os.homedir(), '.local', 'share', 'fittrack');
}

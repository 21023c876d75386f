import { UsageError } from '../errors.js';

/** For a command that is declared but whose behaviour is not built yet: says so, exit 2. */
export function notYet(name: string): never {
  throw new UsageError(`\`fittrack ${name}\` is not available in this version yet`, 'see `fittrack --help` for the commands that work');
}

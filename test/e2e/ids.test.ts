/**
 * Ids typed on the command line are read by one parser with one limit: decimal digits, 1 to
 * 2147483647 (a 32-bit id column on both engines). Exponents, hex, decimals and signs are
 * refused before anything is read or written, by every command that takes an id.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

const COMMANDS: Array<(id: string) => string[]> = [
  (id) => ['sessions', 'revoke', id],
  (id) => ['goal', 'show', id],
  (id) => ['photo', 'compare', '1', id],
  (id) => ['log-workout', '--show', id],
  (id) => ['coach-note', 'show', id],
];

for (const dialect of dialects) {
  describe(`ids (${dialect})`, () => {
    const t = useTestDb(dialect);
    const run = (args: string[]) => runCli(args, { db: t.url, home: t.dir });

    for (const bad of ['1e3', '0x10', '2147483648', '1.0']) {
      it(`refuses "${bad}" as an id everywhere`, async () => {
        for (const command of COMMANDS) {
          const args = command(bad);
          const r = await run(args);
          expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
          expect(r.stderr.split('\n')[0]).toMatch(new RegExp(`^fittrack: error: \\S+( revoke)?: "${bad.replace('.', '\\.')}" is not (an id|a \\w+ (number|ID))$`));
        }
      });
    }

    it('takes the largest id and says it is not there', async () => {
      for (const command of COMMANDS.slice(1)) {
        const r = await run(command('2147483647'));
        expect(r.code, r.stderr).toBe(1);
        expect(r.stderr).toMatch(/not found|no (workout|coaching|session)/);
      }
    });
  });
}

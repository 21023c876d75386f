/**
 * What `fittrack import-md` says: a real run shows the same warnings and skipped rows as its dry
 * run (the same lines, the same "… and N more" after the first few of a file), and every count
 * is in words ("1 row", "4 conflicts"), never "row(s)".
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

/** Relative to the repository, where the CLI runs, so the lines name it as a user would. */
const WILD = 'fixtures/legacy/wild';

/** The issue lines: everything printed before the summary table, without the dry run's note about a new database. */
function issueLines(stderr: string): string[] {
  const lines = stderr.split('\n');
  return lines.slice(0, lines.findIndex((l) => l.startsWith('File '))).filter((l) => !l.startsWith('fittrack: note:'));
}

for (const dialect of dialects) {
  describe(`import-md messages (${dialect})`, () => {
    const t = useTestDb(dialect);
    const cli = (args: string[]) => runCli(args, { db: t.url, home: t.dir, cwd: ROOT });

    it('a real run lists the warnings its dry run lists, with the same limit per file', async () => {
      const dry = await cli(['import-md', WILD, '--dry-run']);
      expect(dry.code).toBe(1);
      const failed = await cli(['import-md', WILD]);
      expect(failed.code).toBe(1);
      const real = await cli(['import-md', WILD, '--skip-errors']);
      expect(real.code, real.stderr).toBe(0);
      const shown = issueLines(dry.stderr);
      expect(shown).toContain('fixtures/legacy/wild/meal-log.md:9: warning: row written apart from its table (header on line 3); read as a row of that table');
      expect(shown.some((l) => / … and 3 more skipped rows or warnings \(see --json for all\)$/.test(l))).toBe(true);
      expect(issueLines(failed.stderr)).toEqual(shown);
      expect(issueLines(real.stderr)).toEqual(shown);

      expect(dry.stderr).toContain('dry run: nothing written. 50 rows would be created, 0 updated, 0 unchanged, 5 conflicts, 3 errors.\n');
      expect(dry.stderr).toContain('fittrack: error: an import would write nothing: 3 rows with errors in 3 files\n');
      expect(failed.stderr).toContain('fittrack: error: nothing imported: 3 rows with errors in 3 files\n');
      expect(real.stderr).toMatch(/imported as batch \S+: 50 rows created, 0 updated, 0 unchanged \(62 rows in /);
      for (const r of [dry, failed, real]) expect(r.stderr).not.toContain('(s)');
      const reverted = await cli(['import-md', '--revert', 'last']);
      expect(reverted.stderr).toMatch(/deleted 15 health metrics, 18 exercise logs, 6 workout sessions, 5 coaching sessions, 12 meal logs\n$/);
    });

    it('counts one in the singular', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'fittrack-one-'));
      const file = path.join(dir, 'check-in-log.md');
      writeFileSync(file, '| Date | Weight (kg) |\n| --- | --- |\n| 2023-01-05 | 82.4 |\n');
      const dry = await cli(['import-md', file, '--dry-run']);
      expect(dry.stderr).toContain('dry run: nothing written. 1 row would be created, 0 updated, 0 unchanged, 0 conflicts, 0 errors.');
      const real = await cli(['import-md', file]);
      expect(real.stderr).toMatch(/: 1 row created, 0 updated, 0 unchanged \(1 row in /);
      const again = await cli(['import-md', file]);
      expect(again.stderr).toContain('nothing new to import: 1 row unchanged, 0 conflicts.');
      const reverted = await cli(['import-md', '--revert', 'last']);
      expect(reverted.stderr).toMatch(/deleted 1 health metric\n$/);
    });
  });
}

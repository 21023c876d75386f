/** `import-json` of a binary file: one line saying so, without echoing the file's bytes. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialects, useTestDb } from '../helpers/db.js';
import { runCli } from '../helpers/cli.js';

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);

    it('refuses a binary file in one line, with no raw bytes, and writes nothing', async () => {
      const file = path.join(t.dir, 'photo.png');
      // A PNG header, then an escape sequence that would clear the screen if echoed.
      fs.writeFileSync(file, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from('\x1b[2J\x07IHDR'), Buffer.from([0xff, 0xfe, 0, 1])]));
      const r = await runCli(['import-json', file], { db: t.url, home: t.dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`fittrack: error: ${file}: not valid JSON: the file is not text (it holds binary data)\ngive a file written by fittrack export --format json\n`);
    });

    it('a text file that is not JSON still says where parsing stopped', async () => {
      const file = path.join(t.dir, 'notes.txt');
      fs.writeFileSync(file, 'just some notes\n');
      const r = await runCli(['import-json', file], { db: t.url, home: t.dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('not valid JSON: Unexpected token');
    });
  });
}

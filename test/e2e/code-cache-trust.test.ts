/**
 * The code cache in `$FITTRACK_HOME/.cache` holds data V8 runs as code: it is used only when the
 * folder and the file belong to the user running fittrack and no one else can write them.
 * Otherwise it is ignored (and a file is replaced by one of ours), and the command still works.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

function logWeightCache(home: string): string {
  const dir = path.join(home, '.cache');
  const file = fs.readdirSync(dir).find((f) => f.startsWith('log-weight-') && f.endsWith('.v8'));
  if (!file) throw new Error(`no log-weight cache in ${dir}`);
  return path.join(dir, file);
}

/** Data V8 refuses, in the two equal copies fittrack checks: a cache that is read gets rewritten. */
function junk(): Buffer {
  const j = randomBytes(4096);
  return Buffer.concat([j, j]);
}

for (const dialect of dialects) {
  describe(`code cache ownership (${dialect})`, () => {
    const t = useTestDb(dialect);
    let day = 1;
    const logWeight = (env: NodeJS.ProcessEnv = {}) => {
      const date = `2024-05-${String(day++).padStart(2, '0')}`;
      return runCli(['log-weight', '80kg', '--date', date], { db: t.url, home: t.dir, env });
    };
    const expectLogged = (r: { code: number | null; stderr: string }) => {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/^Logged 80 kg for 2024-05-\d\d/m);
    };
    const cacheDir = () => path.join(t.dir, '.cache');

    it('is written 0600 in a 0700 folder, and used', async () => {
      expectLogged(await logWeight());
      expectLogged(await logWeight());
      const file = logWeightCache(t.dir);
      expect(fs.statSync(cacheDir()).mode & 0o777).toBe(0o700);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const before = fs.readFileSync(file);
      const r = await logWeight({ FITTRACK_DEBUG: '1' });
      expectLogged(r);
      expect(r.stderr).not.toContain('code cache');
      expect(fs.readFileSync(file).equals(before)).toBe(true);
    });

    it('ignores a folder others can write: it reads nothing from it and writes nothing to it', async () => {
      const file = logWeightCache(t.dir);
      const planted = junk();
      fs.writeFileSync(file, planted);
      fs.chmodSync(cacheDir(), 0o777);
      try {
        const r = await logWeight({ FITTRACK_DEBUG: '1' });
        expectLogged(r);
        expect(r.stderr).toContain(`fittrack: debug: code cache ${cacheDir()} ignored: it is writable by group or others`);
        expect(fs.readFileSync(file).equals(planted)).toBe(true);
        expectLogged(await logWeight());
        expect(fs.readFileSync(file).equals(planted)).toBe(true);
      } finally {
        fs.chmodSync(cacheDir(), 0o700);
      }
    });

    it('ignores a file others can write and replaces it with its own', async () => {
      const file = logWeightCache(t.dir);
      expectLogged(await logWeight()); // a good cache again
      fs.chmodSync(file, 0o666);
      const inode = fs.statSync(file).ino;
      const r = await logWeight({ FITTRACK_DEBUG: '1' });
      expectLogged(r);
      expect(r.stderr).toContain(`fittrack: debug: code cache ${file} ignored: it is writable by group or others`);
      expect(fs.statSync(file).ino).not.toBe(inode);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    });

    it.runIf(asRoot)('ignores a folder or a file that belongs to another user', async () => {
      const file = logWeightCache(t.dir);
      const planted = junk();
      fs.writeFileSync(file, planted);
      fs.chownSync(cacheDir(), NOBODY, NOBODY);
      try {
        const r = await logWeight({ FITTRACK_DEBUG: '1' });
        expectLogged(r);
        expect(r.stderr).toContain(`code cache ${cacheDir()} ignored: it belongs to another user (uid ${NOBODY})`);
        expect(fs.readFileSync(file).equals(planted)).toBe(true);
      } finally {
        fs.chownSync(cacheDir(), 0, 0);
      }
      expectLogged(await logWeight()); // replaces the junk with a good cache
      fs.chownSync(file, NOBODY, NOBODY);
      const inode = fs.statSync(file).ino;
      const r = await logWeight({ FITTRACK_DEBUG: '1' });
      expectLogged(r);
      expect(r.stderr).toContain(`code cache ${file} ignored: it belongs to another user (uid ${NOBODY})`);
      expect(fs.statSync(file).ino).not.toBe(inode);
      expect(fs.statSync(file).uid).toBe(0);
    });
  });
}

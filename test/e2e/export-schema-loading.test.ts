/**
 * zod, the export document's schema library, is loaded only where a document is validated
 * (`import-json`): never by the logging commands' hot bundles, nor by the full CLI's start or
 * `export`. Checked on the built files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { builtHotBundles } from '../helpers/hot-bundles.js';

const DIST = path.join(ROOT, 'dist');
/** What zod leaves in a built file: its bundled modules' path comments and classes, or a require of the package. */
const ZOD = /node_modules\/zod\/|\$ZodType\b|require\(["']zod["'/]/;

/** The files a built ES module imports: statically (`from "./x.js"`, `import "./x.js"`) and, when asked, with `import()`. */
function importsOf(file: string, dynamic: boolean): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom|^import)\s*"(\.[^"]+)"/gm)].map((m) => m[1]!);
  if (dynamic) specs.push(...[...text.matchAll(/\bimport\("(\.[^"]+)"\)/g)].map((m) => m[1]!));
  return specs.map((s) => path.resolve(path.dirname(file), s));
}

/** Every file loaded with a file, following static imports only (or dynamic ones too). */
function closure(file: string, dynamic = false): string[] {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const g of importsOf(f, dynamic)) visit(g);
  };
  visit(file);
  return [...seen];
}

const holdsZod = (file: string) => ZOD.test(fs.readFileSync(file, 'utf8'));
const main = path.join(DIST, 'cli', 'main.js');
/** The chunk of a command's actions that the current build's main.js loads. */
const chunkOf = (name: string): string => {
  const found = closure(main, true).filter((f) => path.basename(f).startsWith(`${name}-`));
  expect(found, name).toHaveLength(1);
  return found[0]!;
};

describe('zod', () => {
  it('is loaded by import-json', () => {
    expect(closure(chunkOf('import-json-actions')).some(holdsZod)).toBe(true);
  });

  it('is not loaded by the start of the full CLI, nor by export', () => {
    expect(closure(main).filter(holdsZod)).toEqual([]);
    // export loads its exporters with import(): they count.
    expect(closure(chunkOf('export-actions'), true).filter(holdsZod)).toEqual([]);
  });

  it('is in no hot bundle of the logging commands', () => {
    // The bundles of this build (older builds' files may still be there).
    const hot = [...Object.values(builtHotBundles()), 'start.cjs'];
    expect(hot.length).toBeGreaterThan(1);
    expect(hot.filter((f) => holdsZod(path.join(DIST, 'hot', f)))).toEqual([]);
  });

  it('the check sees zod bundled or required', () => {
    expect(ZOD.test('// node_modules/zod/v4/core/core.js')).toBe(true);
    expect(ZOD.test('const z=require("zod");')).toBe(true);
    expect(ZOD.test('var $ZodType = /* @__PURE__ */ $constructor(')).toBe(true);
    expect(ZOD.test('// the zod-free constants')).toBe(false);
  });
});

/**
 * The layers of src/ (see README, "Layout"): which directory may import which, read from the
 * import statements of every source file (static, type-only and dynamic imports alike).
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'src');

/** Every .ts file under src/, as a path relative to the repository (`src/db/sql.ts`). */
function sourceFiles(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path.relative(ROOT, p)] : [];
  });
}

/** The modules a file imports: relative ones resolved to `src/…ts`, packages by name. */
function importsOf(file: string, text = fs.readFileSync(path.join(ROOT, file), 'utf8')): string[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map(({ fileName }) => (fileName.startsWith('.') ? path.relative(ROOT, path.resolve(ROOT, path.dirname(file), fileName)).replace(/\.js$/, '.ts') : fileName));
}

type Graph = Map<string, string[]>;

function sourceGraph(): Graph {
  return new Map(sourceFiles().map((f) => [f, importsOf(f)]));
}

/** Layer → the layers it must not import. */
const FORBIDDEN: Record<string, string[]> = {
  'src/db': ['src/export', 'src/report', 'src/cli'],
  'src/export': ['src/db', 'src/cli'],
  'src/report': ['src/db', 'src/cli', 'src/export'],
  'src/domain': ['src/db', 'src/cli', 'src/export', 'src/report', 'src/parse'],
  'src/parse': ['src/db', 'src/cli', 'src/export', 'src/report'],
};

const within = (file: string, dir: string) => file === dir || file.startsWith(`${dir}/`);

/** The imports that cross a layer boundary the wrong way, as `from -> to`. */
function forbiddenEdges(graph: Graph): string[] {
  const out: string[] = [];
  for (const [from, tos] of graph) {
    for (const [layer, banned] of Object.entries(FORBIDDEN)) {
      if (!within(from, layer)) continue;
      for (const to of tos) if (banned.some((b) => within(to, b))) out.push(`${from} -> ${to}`);
    }
  }
  return out;
}

describe('layers', () => {
  const graph = sourceGraph();

  it('reads the imports of the whole source tree', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('src/db/export-repo.ts')).toContain('src/domain/export-document.ts');
  });

  it('sees static, type-only, re-exported and dynamic imports', () => {
    const text = [
      "import { a } from '../db/a.js';",
      "import type { B } from '../db/b.js';",
      "export { c } from '../db/c.js';",
      "const d = await import('../db/d.js');",
    ].join('\n');
    expect(importsOf('src/report/x.ts', text)).toEqual(['src/db/a.ts', 'src/db/b.ts', 'src/db/c.ts', 'src/db/d.ts']);
  });

  it('names a forbidden edge', () => {
    const fake: Graph = new Map([
      ['src/db/a-repo.ts', ['src/export/tables.ts', 'src/domain/units.ts', 'knex']],
      ['src/domain/b.ts', ['src/parse/c.ts']],
      ['src/cli/d.ts', ['src/db/a-repo.ts']],
    ]);
    expect(forbiddenEdges(fake)).toEqual(['src/db/a-repo.ts -> src/export/tables.ts', 'src/domain/b.ts -> src/parse/c.ts']);
  });

  it('has none: db, export, report, domain and parse import only the layers below them', () => {
    expect(forbiddenEdges(graph)).toEqual([]);
  });
});

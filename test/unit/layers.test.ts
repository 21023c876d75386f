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

/**
 * The import cycles of a graph (its strongly connected components of more than one file, or a
 * file importing itself), each sorted; type-only imports count.
 */
function importCycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

/** Where the driver packages may be imported: the engine adapters, and SQLite's Knex-free path. */
const DRIVER_PACKAGES = ['pg', 'better-sqlite3'];
const DRIVER_IMPORTERS = ['src/db/adapter', 'src/db/sqlite-direct.ts'];

/** What only src/db/adapter may touch: Knex's client object, its pool's connections, the `navigator` lent to pg. */
const BELOW_KNEX = [/\.client\b/, /\b(acquire|release)Connection\b/, /\bnavigator\b/];

/** The code of a file without its comments and string contents (so a comment naming `navigator` is not a use). */
function codeOf(text: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  let out = '';
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.StringLiteral || kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral) out += '""';
    else out += scanner.getTokenText();
    out += ' ';
  }
  return out.replace(/ \. /g, '.');
}

/** Files outside src/db/adapter that import a driver or reach below Knex's public API. */
function driverLeaks(files: Map<string, { imports: string[]; text: string }>): string[] {
  const out: string[] = [];
  for (const [file, { imports, text }] of files) {
    if (DRIVER_IMPORTERS.some((d) => within(file, d))) continue;
    for (const to of imports) if (DRIVER_PACKAGES.includes(to)) out.push(`${file} imports ${to}`);
    if (within(file, 'src/db/adapter')) continue;
    const code = codeOf(text);
    for (const re of BELOW_KNEX) if (re.test(code)) out.push(`${file} uses ${re.source.replace(/\\b|\\/g, '')}`);
  }
  return out;
}

const graph = sourceGraph();

describe('layers', () => {
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

describe('import cycles', () => {
  it('are found, type-only ones too', () => {
    const fake: Graph = new Map([
      ['src/cli/commands/x.ts', ['src/cli/commands/x-actions.ts', 'commander']],
      ['src/cli/commands/x-actions.ts', ['src/cli/commands/x.ts', 'src/db/a.ts']],
      ['src/db/a.ts', ['src/db/b.ts']],
      ['src/db/b.ts', ['src/domain/c.ts']],
      ['src/domain/c.ts', []],
    ]);
    expect(importCycles(fake)).toEqual([['src/cli/commands/x-actions.ts', 'src/cli/commands/x.ts']]);
  });

  it('there are none: a command file imports its actions (types only), never the other way round', () => {
    expect(importCycles(graph)).toEqual([]);
  });
});

describe('the database drivers', () => {
  it('names a file that reaches below Knex outside the adapters', () => {
    const fake = new Map([
      ['src/db/a-repo.ts', { imports: ['pg'], text: 'const c = await db.client.acquireConnection();' }],
      ['src/db/b-repo.ts', { imports: [], text: '// the navigator lent to pg\nconst s = "db.client";' }],
      ['src/db/adapter/knex-client.ts', { imports: ['pg'], text: 'db.client.acquireConnection()' }],
      ['src/db/sqlite-direct.ts', { imports: ['better-sqlite3'], text: '' }],
      ['src/cli/c.ts', { imports: [], text: 'globalThis.navigator' }],
    ]);
    expect(driverLeaks(fake)).toEqual(['src/db/a-repo.ts imports pg', 'src/db/a-repo.ts uses .client', 'src/db/a-repo.ts uses (acquire|release)Connection', 'src/cli/c.ts uses navigator']);
  });

  it('are reached only through src/db/adapter (and better-sqlite3 by the Knex-free SQLite path)', () => {
    const files = new Map(sourceFiles().map((f) => [f, { imports: graph.get(f)!, text: fs.readFileSync(path.join(ROOT, f), 'utf8') }]));
    expect(driverLeaks(files)).toEqual([]);
  });
});

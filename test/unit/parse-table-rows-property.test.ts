/**
 * The table-row scanner against marked: on generated tables (escaped pipes, code spans with
 * pipes, emphasis, empty cells, ragged rows, alignment rows, optional outer pipes) the scanner's
 * cells are marked's cells, and a long table read in pieces by the scanner gives the rows and
 * lines marked gives for the whole text.
 */
import fc from 'fast-check';
import { Lexer } from 'marked';
import type { Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { iterateBlocks, lexBlocks, splitTableRow, tableOf } from '../../src/parse/markdown-reader.js';
import type { Block } from '../../src/parse/markdown-reader.js';

const cellText = fc
  .array(fc.constantFrom('a', 'Bench', '3x8', '80 kg', ' ', '  ', '\\|', '\\\\|', '\\\\', '`a | b`', '`x \\| y`', '``c|d``', '**bold**', '_em_', '*', '~~s~~', 'é', '—', '<b>', '[l](u)', ':', '-', '---', '\t'), { maxLength: 5 })
  .map((parts) => parts.join(''));

const alignment = fc.constantFrom('---', ':---', '---:', ':-:', '-', ' --- ', ':--');

/** A row as written: some cells, the outer pipes each optional, up to three leading spaces. */
const rowLine = (width: number) =>
  fc.record({ cells: fc.array(cellText, { minLength: 0, maxLength: width + 2 }), lead: fc.constantFrom('', ' ', '   '), open: fc.boolean(), close: fc.boolean(), trail: fc.constantFrom('', ' ', '  ') }).map(({ cells, lead, open, close, trail }) => {
    // Without a leading pipe the first cell starts with a letter, so the line cannot open another block.
    const body = cells.length === 0 ? ' ' : cells.join('|');
    return `${lead}${open ? '|' : 'x'}${body}${close ? '|' : ''}${trail}`;
  });

const table = fc.integer({ min: 1, max: 5 }).chain((width) =>
  fc.record({
    width: fc.constant(width),
    delimiter: fc.tuple(fc.array(alignment, { minLength: width, maxLength: width }), fc.boolean()).map(([a, piped]) => (piped ? `| ${a.join(' | ')} |` : width === 1 ? `| ${a[0]} |` : a.join(' | '))),
    rows: fc.array(fc.oneof({ weight: 8, arbitrary: rowLine(width) }, { weight: 1, arbitrary: fc.constant(`| ${Array.from({ length: width }, () => '---').join(' | ')} |`) }), { minLength: 1, maxLength: 30 }),
  }),
);

const markedTable = (text: string): Tokens.Table => {
  const tokens = new Lexer({ gfm: true }).blockTokens(text, []);
  const t = tokens.find((x) => x.type === 'table');
  if (!t) throw new Error(`marked read no table in\n${text}`);
  return t as Tokens.Table;
};

describe('the table-row scanner agrees with marked', () => {
  it('on every cell of generated tables', () => {
    fc.assert(
      fc.property(table, ({ width, delimiter, rows }) => {
        const header = `| ${Array.from({ length: width }, (_, i) => `H${i}`).join(' | ')} |`;
        const text = `${[header, delimiter, ...rows].join('\n')}\n`;
        const t = markedTable(text);
        expect(t.rows.length, text).toBe(rows.length);
        expect(splitTableRow(header)).toEqual(t.header.map((c) => c.text));
        rows.forEach((row, i) => expect(splitTableRow(row, width), `row ${JSON.stringify(row)}`).toEqual(t.rows[i]!.map((c) => c.text)));
      }),
      { numRuns: 1000 },
    );
  });

  it('on a long table read in pieces: the same rows, cells and lines as marked on the whole text', () => {
    const rowsOf = (blocks: Iterable<Block>) => {
      const out: string[] = [];
      for (const b of blocks) if (b.token.type === 'table') for (const r of tableOf(b).rows) out.push(`${r.line}:${r.cellCount}:${r.cells.join('¦')}:${r.extraCells.join('¦')}`);
      return out;
    };
    const between = fc.constantFrom<string[]>([], [''], ['', '', 'prose'], ['', '  ', 'prose'], ['', 'prose'], ['', '## 2025', ''], ['text under the table'], ['    | indented |'], ['\t| tabbed |'], [' '], ['\t'], ['', '| Date | Weight |', '| - | - |']);
    fc.assert(
      fc.property(table, fc.array(between, { maxLength: 3 }), fc.integer({ min: 1, max: 9 }), ({ width, delimiter, rows }, tails, pieceLines) => {
        const header = `| ${Array.from({ length: width }, (_, i) => `H${i}`).join(' | ')} |`;
        const middle = Math.floor(rows.length / 2);
        const lines = [header, delimiter, ...rows.slice(0, middle), ...(tails[0] ?? []), ...rows.slice(middle), ...tails.slice(1).flat()];
        const text = `${lines.join('\n')}\n`;
        const expected = rowsOf(lexBlocks(text));
        expect(rowsOf(iterateBlocks(text, { pieceLines, minChars: 0 })), text).toEqual(expected);
        const blocksOf = (blocks: Iterable<Block>) => [...blocks].map((b) => `${b.line}:${b.token.type}:${b.continued ?? false}`);
        expect(blocksOf(iterateBlocks(text, { pieceLines, minChars: 0 })), text).toEqual(blocksOf(iterateBlocks(text, { pieceLines, minChars: 0, scanRows: false })));
      }),
      { numRuns: 500 },
    );
  });

  it('reads a code span with a pipe as two cells, as GFM does, and an escaped pipe as text', () => {
    expect(splitTableRow('| `a | b` | c |', 3)).toEqual(['`a', 'b`', 'c']);
    expect(splitTableRow('| `a \\| b` | c |', 3)).toEqual(['`a | b`', 'c', '']);
    expect(splitTableRow('a \\\\| b', 2)).toEqual(['a \\\\', 'b']);
  });
});

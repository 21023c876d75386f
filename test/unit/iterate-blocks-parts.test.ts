/**
 * A text read in parts (a file read as it goes) is lexed into exactly the blocks of the same
 * text read whole, wherever the parts end (at line ends), with the same lines.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iterateBlocks } from '../../src/parse/markdown-reader.js';
import type { Block } from '../../src/parse/markdown-reader.js';

const LINES = ['| Date | Weight | Notes |', '| --- | --- | --- |', '|\t:---\t|\t---\t| --- |', '| 2025-03-03 | 80 | ok |', '| 2025-03-04 | 81 \\| 2 | `a|b` |', '', '   ', '## 2025-03-05', 'some prose', '> quoted', '- item', '| lone | row |', '\r', '\uFEFF| bom | row |'];

const view = (blocks: Iterable<Block>) => [...blocks].map((b) => ({ type: b.token.type, raw: b.token.raw, line: b.line, continued: b.continued ?? false }));

/** The text cut after the given line ends. */
function parts(text: string, cuts: number[]): string[] {
  const ends: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) ends.push(i + 1);
  const at = [...new Set(cuts.map((c) => ends[c % Math.max(1, ends.length)] ?? text.length))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const end of at) {
    if (end > from) out.push(text.slice(from, end));
    from = Math.max(from, end);
  }
  if (from < text.length || out.length === 0) out.push(text.slice(from));
  return out;
}

describe('iterateBlocks over parts of a text', () => {
  it('gives the blocks of the whole text, wherever the parts end', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 60 }), fc.array(fc.nat(200), { maxLength: 8 }), fc.integer({ min: 2, max: 12 }), fc.boolean(), (lines, cuts, pieceLines, bom) => {
        const text = (bom ? '\uFEFF' : '') + lines.join('\n') + '\n';
        const opts = { pieceLines, minChars: 0 };
        expect(view(iterateBlocks(parts(text, cuts), opts))).toEqual(view(iterateBlocks(text, opts)));
      }),
      { numRuns: 500 },
    );
  });

  it('a small text in parts is lexed whole, as a small text is', () => {
    const text = '| Date | Weight |\n| --- | --- |\n| 2025-03-03 | 80 |\n\nprose\n';
    expect(view(iterateBlocks(['| Date | Weight |\n| --- | --- |\n', '| 2025-03-03 | 80 |\n\n', 'prose\n']))).toEqual(view(iterateBlocks(text)));
  });
});

import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/cli/render/markdown.js';

describe('renderMarkdown without colour', () => {
  it('writes headings, emphasis, lists, task lists, quotes, code and links as plain text', () => {
    const md = [
      '## Plan',
      '',
      'Keep **protein** high and *sleep* long; use `tempo` [guide](https://example.com/g).',
      '',
      '* **Protein first:** 180 g',
      '* Sleep',
      '',
      '1. one',
      '2. two',
      '',
      '- [x] done',
      '- [ ] open',
      '',
      '> hold the line',
      '',
      '    code block',
      '',
      'Fish &amp; chips <3',
    ].join('\n');
    expect(renderMarkdown(md, { color: false })).toBe(
      [
        'Plan',
        '====',
        '',
        'Keep protein high and sleep long; use tempo guide (https://example.com/g).',
        '',
        '  • Protein first: 180 g',
        '  • Sleep',
        '',
        '  1. one',
        '  2. two',
        '',
        '  • [x] done',
        '  • [ ] open',
        '',
        '│ hold the line',
        '',
        '    code block',
        '',
        'Fish & chips <3',
      ].join('\n'),
    );
  });

  it('draws tables with their alignment', () => {
    const out = renderMarkdown('| Meal | kcal |\n| :--- | ---: |\n| Breakfast | 450 |\n| Tea | 5 |', { color: false });
    expect(out).toMatch(/Meal\s+kcal/);
    expect(out).toMatch(/Breakfast\s+450/);
    expect(out).toMatch(/Tea\s+5/);
  });

  it('styles with colour when asked', () => {
    expect(renderMarkdown('**bold**', { color: true })).toBe('\u001b[1mbold\u001b[22m');
  });
});

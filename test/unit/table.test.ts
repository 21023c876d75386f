import { describe, expect, it, vi } from 'vitest';
import { plural } from '../../src/cli/render/format.js';
import { printTable, renderTable, textWidth, wrapToTerminal } from '../../src/cli/render/table.js';

describe('renderTable', () => {
  const head = ['Date', 'Weight', 'Lean mass', 'Note'];
  const rows = [['2025-03-04', '80.4 kg', '62.8 kg', 'slept badly after a late dinner, knee a bit sore'], ['2025-03-05', '80.1 kg', null, 'ok']];

  it('is compact: a header, one rule, a line per row, no borders', () => {
    expect(renderTable(head, rows, { align: ['left', 'right', 'right', 'left'], width: null })).toBe(
      [
        'Date         Weight  Lean mass  Note',
        '──────────  ───────  ─────────  ────────────────────────────────────────────────',
        '2025-03-04  80.4 kg    62.8 kg  slept badly after a late dinner, knee a bit sore',
        '2025-03-05  80.1 kg          —  ok',
      ].join('\n'),
    );
  });

  it('fits a width: wraps the note, then leaves out the least important column', () => {
    const narrow = renderTable(head, rows, { align: ['left', 'right', 'right', 'left'], wrap: [3], priority: [undefined, undefined, 1, 2], width: 40 });
    for (const line of narrow.split('\n')) expect(textWidth(line)).toBeLessThanOrEqual(40);
    expect(narrow).not.toContain('Lean mass');
    expect(narrow.split('\n')[2]).toBe('2025-03-04  80.4 kg  slept badly after a');
  });

  it('shortens with … when nothing else is left', () => {
    const out = renderTable(['Name'], [['a very long exercise name indeed']], { width: 12 });
    expect(out.split('\n')[2]).toBe('a very long…');
  });

  it('prints a long table a part at a time, exactly as the whole table printed at once', () => {
    const written: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    try {
      // Around the lines printed at once (512, the header and rule included), and a note to wrap.
      for (const n of [0, 1, 509, 510, 511, 1022, 1300]) {
        written.length = 0;
        const many = Array.from({ length: n }, (_, i) => [`2025-03-${String((i % 28) + 1).padStart(2, '0')}`, `${80 + (i % 9)}.0 kg`, null, i % 5 ? null : `note  ${i}`]);
        const table = { head, rows: many, opts: { align: ['left', 'right', 'right', 'left'] as const, wrap: [3], width: null } };
        printTable({ ...table, opts: { ...table.opts, align: [...table.opts.align] } });
        expect(written.join('')).toBe(`${renderTable(head, many, { ...table.opts, align: [...table.opts.align] })}\n`);
        expect(written.length).toBe(Math.max(1, Math.ceil((n + 2) / 512)));
      }
    } finally {
      write.mockRestore();
    }
  });

  it('wraps prose to the width', () => {
    expect(wrapToTerminal('Notes: one two three four', '  ', 12)).toBe('Notes: one\n  two three\n  four');
  });
});

describe('plural', () => {
  it('uses the singular for exactly one', () => {
    expect(plural(1, 'exercise')).toBe('1 exercise');
    expect(plural(0, 'set')).toBe('0 sets');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });
});

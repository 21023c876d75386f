/**
 * Property tests: thousands of mutated legacy files; the parsers never throw and every input
 * table row (or coaching section) ends up as a record or an issue at its line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectKind } from '../../src/parse/detect-kind.js';
import { parseLegacyFile } from '../../src/parse/legacy-file.js';
import type { LegacyKind } from '../../src/domain/legacy-records.js';
import { iterateBlocks, lexBlocks, tableOf } from '../../src/parse/markdown-reader.js';
import type { Block } from '../../src/parse/markdown-reader.js';

const BASE: Record<Exclude<LegacyKind, 'coaching'>, { header: string; rows: string[] }> = {
  'check-in': {
    header: '| Date | Weight (lbs) | Body Fat % | Waist (inches) | Chest (inches) | Notes |',
    rows: ['| 2025-03-03 | 241.0 | 29.5 | first |', '| 2025-03-05 | ~240.2 | None | 44 | 46 | |', '| 03/07/2025 | 109 kg | 29% | | | x |', '| Mar 9, 2025 | **239.0** | N/A | — | ? | TBD |'],
  },
  workouts: {
    header: '| Date | Phase | Workout | Exercise | Sets x Reps | Notes |',
    rows: ['| 2025-03-04 | Phase 1 | Lower Body A | Goblet Squat | 3 x 12 | 35 lb |', '| 2025-03-04 | Phase 1 | Lower Body A | B1) Dips | 4 x 6 (bodyweight) | |', '| 2025-03-04 | Phase 1 | Walk | Walking | 45 minutes | 3 mph |', '| 2025-03-05 | | cardio | Row | Row 2000m 7:45 | |'],
  },
  meals: {
    header: '| Date | Meal | Food/Drink | Calories (est.) | Notes |',
    rows: ['| 2025-03-04 | Breakfast | eggs | ~450 | Satiety (Pre: 2, Post: 8) |', '| 2025-03-04 | Afternoon Snack | yogurt | 150 kcal | Approx 20g protein |', '| **2025-03-04** | | **DAILY TOTAL** | **~600** | |', '| 2025-03-04 | Pre Workout | banana | None | |'],
  },
};

/** Mutations a hand-edited file goes through. */
const mutation = fc.oneof(
  fc.constant((s: string) => s.replace(/\|/g, '\\|')),
  fc.constant((s: string) => s.replace(/ \| /, ' | | ')),
  fc.constant((s: string) => s.replace(/ \|$/, '')),
  fc.constant((s: string) => s.replace(/\d/, '9')),
  fc.constant((s: string) => s.replace(/-/g, '/')),
  fc.constant((s: string) => s.replace(/ /g, '\t')),
  fc.constant((s: string) => `${s} extra |`),
  fc.constant((s: string) => s.toUpperCase()),
  fc.constant((s: string) => s.replace(/\*\*/g, '')),
  fc.constant(() => '|'),
  fc.constant(() => '| |'),
  fc.string({ maxLength: 30 }).map((junk) => (s: string) => s.replace(/[^|]+\|$/, `${junk.replace(/[\n\r]/g, ' ')} |`)),
  fc.string({ maxLength: 40 }).map((junk) => () => `| ${junk.replace(/[\n\r]/g, ' ')} |`),
  fc.constant((s: string) => s),
);

/** The 1-based lines of a table's rows (after the header and alignment lines, until a blank line). */
function rowLines(text: string, headerLine: number): number[] {
  const lines = text.split('\n');
  const out: number[] = [];
  for (let i = headerLine + 1; i < lines.length && lines[i]!.trim() !== ''; i++) out.push(i + 1);
  return out;
}

describe('legacy parsers on mutated files', () => {
  for (const kind of Object.keys(BASE) as Array<keyof typeof BASE>) {
    it(`${kind}: never throws, and every table row is a record or an issue`, () => {
      const { header, rows } = BASE[kind];
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.constantFrom(...rows), mutation), { minLength: 1, maxLength: 12 }), fc.boolean(), fc.boolean(), (picked, crlf, bom) => {
          const body = picked.map(([row, mutate]) => mutate(row));
          let text = ['# Log', '', header, '| --- | --- | --- | --- | --- | --- |'.slice(0, header.split('|').length * 6 - 11), ...body, ''].join('\n');
          // The alignment row must have as many cells as the header for the table to be one.
          text = text.replace(/^\| --- .*$/m, `|${' --- |'.repeat(header.split('|').length - 2)}`);
          const input = (bom ? '\uFEFF' : '') + (crlf ? text.replace(/\n/g, '\r\n') : text);
          const result = parseLegacyFile(kind, input, 'f.md');
          const accounted = new Set<number>();
          for (const r of result.records) {
            if ('exercises' in r) for (const e of r.exercises) accounted.add(e.source.line);
            else accounted.add(r.source.line);
          }
          for (const i of result.issues) if (i.severity !== 'warning') accounted.add(i.line);
          for (const line of rowLines(text, 3)) expect(accounted.has(line), `line ${line} of\n${text}`).toBe(true);
        }),
        { numRuns: 700 },
      );
    });
  }

  it('coaching: never throws, and every dated section is a record', () => {
    const section = fc.record({
      date: fc.constantFrom('2025-03-12', '2025-3-19', 'Mar 26, 2025', '04/02/2025'),
      form: fc.constantFrom('$D: Title', '$D - Title', 'Session 4 — $D', '$D'),
      body: fc.array(fc.constantFrom('**Coach:** Dana', '**Rating:** 8/10', '**Rating:** lots', 'Text *emph*.', '**Orders:**', '* **A:** b', '- [x] done', '- [ ] open', '### Next actions', '---', '| a | b |\n| - | - |\n| 1 | 2 |', ''), { maxLength: 10 }),
    });
    fc.assert(
      fc.property(fc.array(section, { minLength: 1, maxLength: 6 }), fc.string({ maxLength: 50 }), (sections, junk) => {
        const text = `# Coaching\n\n${junk.replace(/#/g, '')}\n\n${sections.map((s) => `## ${s.form.replace('$D', s.date)}\n\n${s.body.join('\n')}\n`).join('\n')}`;
        const result = parseLegacyFile('coaching', text, 'c.md');
        expect(result.records.length).toBe(sections.length);
        for (const r of result.records) if ('actionItems' in r) expect(r.actionItems.every((a) => a.text.length > 0)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary text of any kind', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.constantFrom<LegacyKind>('check-in', 'workouts', 'coaching', 'meals'), (text, kind) => {
        const r = parseLegacyFile(kind, text, 'x.md');
        expect(Array.isArray(r.records)).toBe(true);
        detectKind('x.md', text);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('detectKind', () => {
  it('detects the kind from the file name, else from the table header or dated sections', () => {
    expect(detectKind('check-in-log.md', '')).toBe('check-in');
    expect(detectKind('progress-check-in-log.md', '')).toBe('workouts');
    expect(detectKind('exercise-log.md', '')).toBe('workouts');
    expect(detectKind('Coaching_sessions.md', '')).toBe('coaching');
    expect(detectKind('meal-log.md', '')).toBe('meals');
    expect(detectKind('2024.md', '| Date | Meal | Food |\n|-|-|-|\n')).toBe('meals');
    expect(detectKind('2024.md', '| Date | Weight |\n|-|-|\n')).toBe('check-in');
    expect(detectKind('2024.md', '| Date | Exercise | Sets x Reps |\n|-|-|-|\n')).toBe('workouts');
    expect(detectKind('notes.md', '## 2025-03-12: Call\n\nHi\n')).toBe('coaching');
    expect(detectKind('notes.md', 'just text')).toBeNull();
  });
});

describe('iterateBlocks (long tables read in pieces)', () => {
  const rowsOf = (blocks: Iterable<Block>) => {
    const out: string[] = [];
    for (const b of blocks) if (b.token.type === 'table') for (const r of tableOf(b).rows) out.push(`${r.line}:${r.cellCount}:${r.cells.join('¦')}`);
    return out;
  };

  it('gives the same rows and lines as lexing the whole text, wherever the cuts fall', () => {
    const line = fc.constantFrom('| 2025-03-03 | 241 | a |', '| 2025-03-04 | ~240 | b \\| c |', '| x | y |', 'prose line', '', '# Heading', '| Date | Weight | Notes |\n| --- | --- | --- |', '| --- | --- | --- |');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), fc.integer({ min: 1, max: 7 }), (lines, pieceLines) => {
        const text = ['| Date | Weight | Notes |', '| --- | --- | --- |', ...lines, ''].join('\n');
        expect(rowsOf(iterateBlocks(text, { pieceLines, minChars: 0 }))).toEqual(rowsOf(lexBlocks(text)));
      }),
      { numRuns: 500 },
    );
  });
});

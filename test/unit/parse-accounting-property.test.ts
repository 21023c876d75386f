/**
 * The accounting promise, as a property: for generated and mutated files of every kind, each
 * table row line and each heading line is a record's source line or an issue's line, and no
 * line is both a record and a refusal.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LegacyKind, LegacyParseResult } from '../../src/domain/legacy-records.js';
import { readCoachingHeading } from '../../src/parse/coaching-parser.js';
import { parseLegacyFile } from '../../src/parse/legacy-file.js';

type TableKind = Exclude<LegacyKind, 'coaching'>;

const KINDS: Record<TableKind, { header: string; rows: string[] }> = {
  'check-in': {
    header: '| Date | Weight (lbs) | Body Fat % | Waist (inches) | Chest (inches) | Notes |',
    rows: ['| 2025-03-03 | 241.0 | 29.5 | first |', '| 2025-03-05 | ~240.2 | None | 44 | 46 | |', '| 03/07/2025 | 109 kg | 29% | | | x |', '| Mar 9, 2025 | **239.0** | N/A | — | ? | TBD |', '| 2025-03-10 | 238 |'],
  },
  workouts: {
    header: '| Date | Phase | Workout | Exercise | Sets x Reps | Notes |',
    rows: ['| 2025-03-04 | Phase 1 | Lower Body A | Goblet Squat | 3 x 12 | 35 lb |', '| 2025-03-04 | Phase 1 | Lower Body A | B1) Dips | 4 x 6 (bodyweight) | |', '| 2025-03-04 | Phase 1 | Walk | Walking | 45 minutes | 3 mph |', '| 2025-03-05 | | cardio | Row | Row 2000m 7:45 | |', '| 2025-03-06 | Phase 1 | Goblet Squat | 3x10 | heavy |'],
  },
  meals: {
    header: '| Date | Meal | Food/Drink | Calories (est.) | Notes |',
    rows: ['| 2025-03-04 | Breakfast | eggs | ~450 | Satiety (Pre: 2, Post: 8) |', '| 2025-03-04 | Afternoon Snack | yogurt | 150 kcal | Approx 20g protein |', '| **2025-03-04** | | **DAILY TOTAL** | **~600** | |', '| 2025-03-04 | Pre Workout | banana | None | |', '| 2025-03-05 | Lunch | soup |'],
  },
};

/** Edits a hand-kept row goes through. */
const rowMutation = fc.oneof(
  fc.constant((s: string) => s),
  fc.constant((s: string) => s),
  fc.constant((s: string) => s.replace(/\|/g, '\\|')),
  fc.constant((s: string) => s.replace(/ \| /, ' | | ')),
  fc.constant((s: string) => s.replace(/ \|$/, '')),
  fc.constant((s: string) => s.replace(/\| [^|]* \|/, '|')),
  fc.constant((s: string) => s.replace(/\d/, '9')),
  fc.constant((s: string) => s.replace(/-/g, '/')),
  fc.constant((s: string) => s.replace(/ /g, '\t')),
  fc.constant((s: string) => `${s} extra |`),
  fc.constant((s: string) => s.toUpperCase()),
  fc.constant((s: string) => s.replace(' ', ' \u0000')),
  fc.constant((s: string) => `  ${s}`),
  fc.constant((s: string) => `\t${s}`),
  fc.constant(() => '|'),
  fc.constant(() => '| |'),
  fc.constant(() => '| --- |'),
  fc.string({ maxLength: 30 }).map((junk) => (s: string) => s.replace(/[^|]+\|$/, `${junk.replace(/[\n\r]/g, ' ')} |`)),
  fc.string({ maxLength: 40 }).map((junk) => () => `| ${junk.replace(/[\n\r]/g, ' ')} |`),
);

/**
 * A quote that deepens line by line, past MAX_NESTING_LEVELS when long enough (the lines beyond
 * the limit are read as plain text), sometimes ending in text without a quote marker.
 */
const deepQuote = fc.tuple(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 3 }), fc.boolean()).map(([depth, step, lazy]) => {
  const lines = Array.from({ length: depth }, (_, i) => `${'>'.repeat(1 + i * step)} text`);
  return lazy ? [...lines, 'lazy text'] : lines;
});

/** What people put between the rows of a table, or around it. */
const separator = (header: string) =>
  fc.oneof({ weight: 6, arbitrary: separatorLine(header) }, { weight: 1, arbitrary: deepQuote });

const separatorLine = (header: string) =>
  fc.constantFrom<string[]>([''], ['   '], ['<!-- paused -->'], ['### Week 2'], ['# 2024'], ['## Spring block'], ['Some prose here.'], ['```', '| 2025-03-09 | 1 | 2 |', '```'], ['> | quoted | row |'], ['- a list item'], [header], ['---'], ['~~~'], ['2025-03-03 | 240 | 20'], ['<div>', '| 2025-03-11 | 1 |', '</div>'], ['#### 2025-03-12']);

const delimiter = (width: number) => fc.constantFrom(`|${' --- |'.repeat(width)}`, `|${':---|'.repeat(width)}`, `|${'\t---\t|'.repeat(width)}`, `${Array.from({ length: width }, () => '---').join(' | ')}`);

const isHeading = (l: string) => /^ {0,3}#{1,6}(?:[ \t]|$)/.test(l);
const isAlignment = (l: string) => /^[ \t|:-]*$/.test(l) && l.includes('-');
const isRow = (l: string) => /^[ \t]*\|/.test(l) && !isAlignment(l);

/** The lines each record came from (an exercise's own row for workouts). */
function recordLines(result: LegacyParseResult): number[] {
  if (result.kind === 'workouts') return result.records.flatMap((w) => w.exercises.map((e) => e.source.line));
  return result.records.map((r) => r.source.line);
}

function checkAccounting(text: string, headerLines: Set<number>, result: LegacyParseResult): void {
  const lines = text.split(/\r\n|\n|\r/);
  const records = recordLines(result);
  const issueLines = new Set(result.issues.map((i) => i.line));
  const refused = new Set(result.issues.filter((i) => i.severity !== 'warning').map((i) => i.line));
  const recordSet = new Set(records);
  expect(records.length, 'two records from one line').toBe(recordSet.size);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const l = raw.replace(/^\uFEFF/, '');
    if (headerLines.has(line)) return;
    if (isRow(l) || isHeading(l)) expect(recordSet.has(line) || issueLines.has(line), `line ${line} "${l}" is neither a record nor an issue in\n${text}`).toBe(true);
  });
  for (const r of records) {
    expect(refused.has(r), `line ${r} is both a record and refused`).toBe(false);
    expect(lines[r - 1]!.includes('|'), `record from line ${r}, not a row`).toBe(true);
  }
}

describe('every table row and heading is a record or an issue, one to one', () => {
  for (const kind of Object.keys(KINDS) as TableKind[]) {
    it(`${kind} logs`, () => {
      const { header, rows } = KINDS[kind];
      const width = header.split('|').length - 2;
      const item = fc.oneof({ weight: 4, arbitrary: fc.tuple(fc.constantFrom(...rows), rowMutation).map(([row, mutate]) => [mutate(row)]) }, { weight: 1, arbitrary: separator(header) });
      fc.assert(
        fc.property(fc.array(item, { minLength: 1, maxLength: 14 }), fc.array(item, { maxLength: 6 }), delimiter(width), fc.boolean(), fc.boolean(), fc.boolean(), (first, second, delim, title, crlf, bom) => {
          const out: string[] = title ? ['# Log', ''] : [];
          const headerLines = new Set<number>();
          const table = (items: string[][]) => {
            headerLines.add(out.length + 1);
            headerLines.add(out.length + 2);
            out.push(header, delim, ...items.flat());
          };
          table(first);
          if (second.length > 0) {
            out.push('', '## 2026', '');
            table(second);
          }
          const text = `${out.join('\n')}\n`;
          const input = (bom ? '\uFEFF' : '') + (crlf ? text.replace(/\n/g, '\r\n') : text);
          checkAccounting(text, headerLines, parseLegacyFile(kind, input, 'f.md'));
        }),
        { numRuns: 300 },
      );
    });
  }

  it('coaching logs: each dated heading is one session or an error; each undated heading is a subsection in its session\'s notes or a line of the report', () => {
    const date = fc.constantFrom('2024-03-05', '2024-3-19', 'March 19, 2024', '03/26/2024', '2024/04/02');
    const heading = fc.record({ level: fc.integer({ min: 1, max: 4 }), date, form: fc.constantFrom('$D: Review', '$D - Check', 'Session 4 — $D', '$D') }).map((h) => `${'#'.repeat(h.level)} ${h.form.replace('$D', h.date)}`);
    const bodyLine = fc.constantFrom('**Coach:** Dana', '**Trainer:** Sam', 'Trainer: Lee', '**Subject:** Numbers', '**Rating:** 8/10', 'Text *emph*.', '**Orders:**', '* **A:** b', '- [x] done', '- [ ] open', '### Next actions', '#### Notes', '```', '~~~', '---', '| a | b |\n| - | - |\n| 1 | 2 |', '', '> quoted', '## Coaching 2024', '# 2023', '## Spring block');
    const body = fc.array(fc.oneof({ weight: 8, arbitrary: bodyLine }, { weight: 1, arbitrary: deepQuote.map((lines) => lines.join('\n')) }), { maxLength: 8 });
    const section = fc.tuple(heading, body);
    fc.assert(
      fc.property(fc.boolean(), fc.array(section, { minLength: 1, maxLength: 6 }), (title, sections) => {
        const text = `${title ? '# Coaching\n\n' : ''}${sections.map(([h, body]) => `${h}\n\n${body.join('\n')}\n`).join('\n')}`;
        const result = parseLegacyFile('coaching', text, 'c.md');
        const lines = text.split('\n');
        const dated = new Set<number>();
        const undated = new Set<number>();
        let fence: string | null = null;
        lines.forEach((l, i) => {
          const isDated = isHeading(l) && readCoachingHeading(l.replace(/^#+\s*/, '')) !== null;
          if (fence !== null) {
            if (l.trim().startsWith(fence) && l.trim().replace(/[`~]/g, '') === '') fence = null;
            else if (isDated) fence = null;
            else return;
          } else if (/^ {0,3}(```|~~~)/.test(l)) {
            fence = l.trim().slice(0, 3);
            return;
          }
          if (isDated) dated.add(i + 1);
          else if (isHeading(l)) undated.add(i + 1);
        });
        const records = recordLines(result);
        const issueLines = new Set(result.issues.map((i) => i.line));
        expect(new Set(records).size).toBe(records.length);
        for (const line of dated) expect(records.includes(line) || issueLines.has(line), `dated heading on line ${line} lost in\n${text}`).toBe(true);
        for (const line of records) expect(dated.has(line), `session from line ${line}, not a dated heading`).toBe(true);
        for (const line of undated) {
          expect(records.includes(line), `undated heading on line ${line} read as a session`).toBe(false);
          // A subsection heading is in its session's notes; any other undated heading is a line of the report.
          const around = result.kind === 'coaching' ? result.records.filter((r) => r.source.line < line).at(-1) : undefined;
          const inNotes = around?.notes?.split('\n').includes(lines[line - 1]!.trim()) ?? false;
          expect(inNotes || issueLines.has(line), `undated heading on line ${line} "${lines[line - 1]}" is neither in a session nor in the report in\n${text}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

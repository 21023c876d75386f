import { describe, expect, it } from 'vitest';
import { parseCoachingLog, readCoachingHeading } from '../../src/parse/coaching-parser.js';

const F = 'Coaching_sessions.md';

describe('parseCoachingLog', () => {
  it('reads a session: heading, metadata lines, action items, and the whole body as notes', () => {
    const text = `# Coaching

## 2025-03-12: Week 2 Review

**Trainer:** Coach Lee

**Subject:** Two weeks in

**Topics:** sleep, protein , steps

**Rating:** 8/10

**Next session:** 2025-03-19

Down 3 lb; *on plan*.

### Nutrition
| Item | kcal |
| --- | --- |
| Target | 2,200 |

**Orders:**
* **Protein first:** 180 g a day.
* **Sleep:** lights out by 22:30.

---
`;
    const { records, issues } = parseCoachingLog(text, F);
    expect(issues.map((i) => `${i.line} ${i.severity}: ${i.message}`)).toEqual(['1 note: heading "Coaching" has no date: read as a title or group heading; the sessions under it are read below']);
    expect(records).toEqual([
      {
        sessionDate: '2025-03-12',
        title: 'Week 2 Review',
        coachName: 'Coach Lee',
        subject: 'Two weeks in',
        topics: ['sleep', 'protein', 'steps'],
        rating: 8,
        nextSessionDate: '2025-03-19',
        notes: 'Down 3 lb; *on plan*.\n\n### Nutrition\n| Item | kcal |\n| --- | --- |\n| Target | 2,200 |\n\n**Orders:**\n* **Protein first:** 180 g a day.\n* **Sleep:** lights out by 22:30.',
        actionItems: [
          { text: 'Protein first: 180 g a day.', done: false },
          { text: 'Sleep: lights out by 22:30.', done: false },
        ],
        source: { file: F, line: 3 },
      },
    ]);
  });

  it('reads every heading form', () => {
    expect(readCoachingHeading('2025-03-12: Title')).toEqual({ date: '2025-03-12', title: 'Title' });
    expect(readCoachingHeading('2025-03-12 - Title')).toEqual({ date: '2025-03-12', title: 'Title' });
    expect(readCoachingHeading('Session 4 — 2025-03-12')).toEqual({ date: '2025-03-12', title: 'Session 4' });
    expect(readCoachingHeading('2025-03-12')).toEqual({ date: '2025-03-12', title: null });
    expect(readCoachingHeading('Mar 19, 2025 - Plateau')).toEqual({ date: '2025-03-19', title: 'Plateau' });
    expect(readCoachingHeading('Plateau check')).toBeNull();
  });

  it('reads checkboxes (checked = done) and every action label', () => {
    const text = `## 2025-03-19 - Plateau

**Coach:** Dana
**Rating:** 7/10

**Action Items:**
- [x] Walk after dinner
- [ ] Log every meal

## 2025-03-26

**Adjustments:**
- Box squats for two weeks

## 2025-04-02

### Next actions
- [ ] Buy a food scale
`;
    const { records } = parseCoachingLog(text, F);
    expect(records.map((r) => [r.sessionDate, r.title, r.coachName, r.rating, r.actionItems, r.source.line])).toEqual([
      ['2025-03-19', 'Plateau', 'Dana', 7, [{ text: 'Walk after dinner', done: true }, { text: 'Log every meal', done: false }], 1],
      ['2025-03-26', null, null, null, [{ text: 'Box squats for two weeks', done: false }], 10],
      ['2025-04-02', null, null, null, [{ text: 'Buy a food scale', done: false }], 15],
    ]);
    expect(records[0]!.notes).toBe('**Action Items:**\n- [x] Walk after dinner\n- [ ] Log every meal');
  });

  it('keeps unreadable metadata in the notes with a warning, and reports a heading without a date', () => {
    const text = `## 2025-03-19\n\n**Rating:** great\n\nGood week.\n\n## Plateau check\n\nNo date here.\n`;
    const { records, issues } = parseCoachingLog(text, F);
    expect(records.map((r) => [r.rating, r.notes])).toEqual([[null, '**Rating:** great\n\nGood week.']]);
    expect(issues.map((i) => `${i.line} ${i.severity}: ${i.message}`)).toMatchInlineSnapshot(`
      [
        "3 warning: Rating "great" is not a whole number from 1 to 10; kept in the notes",
        "7 error: session heading "Plateau check" has no readable date",
      ]
    `);
  });

  it('reports text before the first session as skipped, and the title as a note', () => {
    const { issues } = parseCoachingLog('# Coaching\n\nNotes from the calls.\n\n## 2025-03-19\n\nHi.\n', F);
    expect(issues.map((i) => `${i.line} ${i.severity}`)).toEqual(['1 note', '3 skipped']);
  });

  it('reads every Action item line of a session, while other metadata keeps its first line', () => {
    const text = '## 2025-03-19\n\n**Trainer:** Dana\n**Trainer:** Sam\n**Action item:** [x] Sleep 8 hours\n**Action item:** [ ] Walk daily\n\nBody.\n';
    const { records, issues } = parseCoachingLog(text, F);
    expect(records[0]!.coachName).toBe('Dana');
    expect(records[0]!.actionItems).toEqual([
      { text: 'Sleep 8 hours', done: true },
      { text: 'Walk daily', done: false },
    ]);
    expect(records[0]!.notes).toBe('**Trainer:** Sam\n\nBody.');
    expect(issues.map((i) => `${i.line} ${i.severity}`)).toEqual(['4 warning']);
  });

  it('closes an HTML comment or declaration left open at the next session heading, with a warning', () => {
    for (const opener of ['<!A', '<!-- draft notes']) {
      const text = `# Coaching\n\n${opener}\n\n## 2025-03-12: Title\n\nBody.\n\n## 2025-03-19: Next\n\nMore.\n`;
      const { records, issues } = parseCoachingLog(text, F);
      expect(records.map((r) => r.sessionDate)).toEqual(['2025-03-12', '2025-03-19']);
      expect(issues.filter((i) => i.severity === 'warning').map((i) => `${i.line} ${i.message}`)).toEqual(['3 the HTML comment or block opened here is not closed before the session heading on line 5; it was closed there']);
    }
    // A comment closed on its own line is no warning.
    expect(parseCoachingLog('# Coaching\n\n<!-- note -->\n\n## 2025-03-12: Title\n\nBody.\n', F).issues.filter((i) => i.severity === 'warning')).toEqual([]);
  });
});

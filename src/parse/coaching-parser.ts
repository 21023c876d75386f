/**
 * `Coaching_sessions.md`: free-form sections, one per session, each under a `##` heading with
 * a date. Metadata lines (`**Trainer:**`, `**Rating:** 8/10` …) become fields, action items
 * under `**Orders:**` / `**Action Items:**` / `**Adjustments:**` / `### Next actions` become
 * items, and the whole body (without heading and metadata) is kept as markdown notes.
 */
import type { Token, Tokens } from 'marked';
import { EXTRA_FIELDS } from '../domain/legacy-records.js';
import type { ActionItemRecord, CoachingRecord, ParseIssue } from '../domain/legacy-records.js';
import { DATE_PATTERN, readLegacyDate } from './cell-values.js';
import { readExtraValue } from './extra-columns.js';
import { clip, describeBlock, isBlank, lexBlocks, normaliseSource, plainText } from './markdown-reader.js';
import type { Block } from './markdown-reader.js';

const DATE_RE = new RegExp(DATE_PATTERN, 'i');
const META_RE = /^\s*(?:\*\*|__)\s*(trainer|coach|subject|topics?|rating|next session|next|follow-up|action item)\s*:?\s*(?:\*\*|__)\s*:?\s*(.*?)\s*$/i;
const ACTIONS_RE = /^(orders|action items|actions|adjustments|next actions|next steps|to ?do)\s*:?$/i;

/**
 * Reads a section heading: `2025-03-12: Title`, `2025-03-12 - Title`, `Session 4 — 2025-03-12`, `2025-03-12`.
 *
 * @example readCoachingHeading('Session 4 — 2025-03-12') → { date: '2025-03-12', title: 'Session 4' }
 */
export function readCoachingHeading(text: string): { date: string; title: string | null } | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const date = readLegacyDate(m[0]);
  if (!date) return null;
  const before = text.slice(0, m.index).replace(/[\s:|,–—-]+$/, '').trim();
  const after = text.slice(m.index + m[0].length).replace(/^[\s:|,–—-]+/, '').trim();
  const title = [before, after].filter(Boolean).join(' — ');
  return { date, title: title === '' ? null : title.slice(0, 300) };
}

/**
 * Parses a coaching log into sessions with their action items.
 *
 * @example parseCoachingLog('## 2025-03-12: Week 2\n\n**Coach:** Dana\n', 'Coaching_sessions.md').records[0].coachName → 'Dana'
 */
export function parseCoachingLog(text: string, file: string): { records: CoachingRecord[]; issues: ParseIssue[]; rowCount: number } {
  const src = normaliseSource(text);
  const lines = src.split('\n');
  const blocks = lexBlocks(src, { inline: true });
  const records: CoachingRecord[] = [];
  const issues: ParseIssue[] = [];
  let rowCount = 0;

  // Sections: each `##` heading (or `#` heading with a date) up to the next such heading.
  const starts: number[] = [];
  blocks.forEach((b, i) => {
    if (b.token.type === 'heading') {
      const h = b.token as Tokens.Heading;
      if (h.depth === 2 || (h.depth === 1 && DATE_RE.test(h.text))) starts.push(i);
    }
  });
  const firstStart = starts[0] ?? blocks.length;
  for (const b of blocks.slice(0, firstStart)) {
    if (isBlank(b.token)) continue;
    if (b.token.type === 'heading' && (b.token as Tokens.Heading).depth === 1) continue; // the file's title
    issues.push({ file, line: b.line, severity: 'skipped', message: `${describeBlock(b.token)} before the first session heading is not part of a session`, hint: 'start each session with a heading like ## 2025-03-12: Title' });
  }

  starts.forEach((start, n) => {
    rowCount++;
    const end = starts[n + 1] ?? blocks.length;
    const headingBlock = blocks[start]!;
    const heading = headingBlock.token as Tokens.Heading;
    const head = readCoachingHeading(plainText(heading.tokens, heading.text));
    if (!head) {
      issues.push({ file, line: headingBlock.line, severity: 'error', message: `session heading "${clip(heading.text)}" has no readable date`, hint: 'write the heading like ## 2025-03-12: Title' });
      return;
    }
    const body = blocks.slice(start + 1, end);
    const lastLine = n + 1 < starts.length ? blocks[starts[n + 1]!]!.line - 1 : lines.length;
    records.push(readSection(head, body, lines, headingBlock.line, lastLine, file, issues));
  });
  if (starts.length === 0 && src.trim() !== '') {
    issues.push({ file, line: 1, severity: 'error', message: 'no coaching session found', hint: 'start each session with a heading like ## 2025-03-12: Title' });
  }
  return { records, issues: issues.sort((a, b) => a.line - b.line), rowCount };
}

function readSection(head: { date: string; title: string | null }, body: Block[], lines: string[], headingLine: number, lastLine: number, file: string, issues: ParseIssue[]): CoachingRecord {
  const record: CoachingRecord = {
    sessionDate: head.date,
    title: head.title,
    coachName: null,
    subject: null,
    topics: [],
    rating: null,
    nextSessionDate: null,
    notes: null,
    actionItems: [],
    source: { file, line: headingLine },
  };
  const metaLines = new Set<number>();
  let expectActions = false;
  for (const b of body) {
    const t = b.token;
    if (t.type === 'paragraph') {
      const raw = t.raw.replace(/^(?:[ \t]*\n)+/, '').replace(/\n+$/, '').split('\n');
      raw.forEach((l, i) => {
        const m = META_RE.exec(l);
        if (m && readMeta(record, m[1]!.toLowerCase(), m[2]!, file, b.line + i, issues)) metaLines.add(b.line + i);
      });
      expectActions = ACTIONS_RE.test(plainText((t as Tokens.Paragraph).tokens, (t as Tokens.Paragraph).text).trim());
    } else if (t.type === 'heading') {
      expectActions = ACTIONS_RE.test((t as Tokens.Heading).text.trim());
    } else if (t.type === 'list') {
      if (expectActions) record.actionItems.push(...itemsOf(t as Tokens.List));
      // Two lists in a row (`*` then `-` bullets) under one label are still its items.
    } else if (t.type !== 'space') expectActions = false;
  }
  const bodyLines: string[] = [];
  for (let ln = headingLine + 1; ln <= lastLine; ln++) if (!metaLines.has(ln)) bodyLines.push(lines[ln - 1] ?? '');
  // Drop surrounding blank lines and `---` separators between sections; keep everything else.
  while (bodyLines.length && /^\s*(?:-{3,}|\*{3,}|_{3,})?\s*$/.test(bodyLines[bodyLines.length - 1]!)) bodyLines.pop();
  while (bodyLines.length && bodyLines[0]!.trim() === '') bodyLines.shift();
  const notes = bodyLines.join('\n').replace(/\n{3,}/g, '\n\n').replace(/[ \t]+$/gm, '');
  record.notes = notes.trim() === '' ? null : notes;
  return record;
}

function itemsOf(list: Tokens.List): ActionItemRecord[] {
  const out: ActionItemRecord[] = [];
  for (const item of list.items) {
    const first = item.tokens.find((t: Token) => t.type === 'text' || t.type === 'paragraph') as Tokens.Text | undefined;
    const text = plainText(first?.tokens, first?.text ?? item.text)
      .replace(/^\[[ xX]\]\s*/, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (text) out.push({ text, done: item.task ? Boolean(item.checked) : false });
  }
  return out;
}

/** Applies one metadata line; false when its value cannot be read (the line then stays in the notes). */
function readMeta(record: CoachingRecord, key: string, value: string, file: string, line: number, issues: ParseIssue[]): boolean {
  const v = value.replace(/\*\*|__/g, '').trim();
  switch (key) {
    case 'trainer':
    case 'coach':
      record.coachName = v ? v.slice(0, 200) : null;
      return true;
    case 'subject':
      record.subject = v || null;
      return true;
    case 'topic':
    case 'topics':
      record.topics = v
        .split(/[,;]/)
        .map((s) => s.trim())
        .filter(Boolean);
      return true;
    case 'rating': {
      const m = /^(\d+(?:\.\d+)?)\s*(?:\/\s*10)?$/.exec(v);
      const n = m ? Number(m[1]) : NaN;
      if (!Number.isInteger(n) || n < 1 || n > 10) {
        issues.push({ file, line, severity: 'warning', message: `Rating "${clip(v)}" is not a whole number from 1 to 10; kept in the notes`, hint: 'write a rating like 8/10' });
        return false;
      }
      record.rating = n;
      return true;
    }
    case 'action item': {
      // One item per line, as `export --format md` writes the items of a session whose notes do not list them.
      const m = /^\[([ xX])\]\s*(.*)$/.exec(v);
      const text = (m ? m[2]! : v).replace(/\s+/g, ' ').trim();
      if (!text) return false;
      record.actionItems.push({ text, done: m ? m[1] !== ' ' : false });
      return true;
    }
    case 'follow-up': {
      const field = EXTRA_FIELDS.coaching[0];
      const r = readExtraValue(field, v);
      if ('error' in r) {
        issues.push({ file, line, severity: 'warning', message: `${r.error}; kept in the notes`, hint: r.hint });
        return false;
      }
      record.extra = { ...record.extra, [field.column]: r.value };
      return true;
    }
    default: {
      const date = readLegacyDate(v);
      if (!date) {
        issues.push({ file, line, severity: 'warning', message: `Next session "${clip(v)}" is not a date; kept in the notes`, hint: 'write the date as YYYY-MM-DD' });
        return false;
      }
      record.nextSessionDate = date;
      return true;
    }
  }
}

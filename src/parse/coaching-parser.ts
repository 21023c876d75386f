/**
 * `Coaching_sessions.md`: free-form sections, one per session, each under a `##` heading with
 * a date. Metadata lines (`**Trainer:**`, `**Rating:** 8/10` …) become fields, action items
 * under `**Orders:**` / `**Action Items:**` / `**Adjustments:**` / `### Next actions` become
 * items, and the whole body (without heading and metadata) is kept as markdown notes.
 */
import type { Token, Tokens } from 'marked';
import { EXTRA_FIELDS } from '../domain/legacy-records.js';
import type { ActionItemRecord, CoachingRecord, ParseIssue } from '../domain/legacy-records.js';
import { DATE_PATTERN, readLegacyDate, WEEKDAY } from './cell-values.js';
import { readExtraValue } from './extra-columns.js';
import { clip, describeBlock, isBlank, lexBlocks, normaliseSource, plainText } from './markdown-reader.js';
import type { Block } from './markdown-reader.js';

const DATE_RE = new RegExp(DATE_PATTERN, 'i');
const WEEKDAY_BEFORE_RE = new RegExp(String.raw`(?:^|\s)${WEEKDAY}$`, 'i');
const WEEKDAY_AFTER_RE = new RegExp(String.raw`^\s{0,3}\(?${WEEKDAY}\)?(?![a-z])`, 'i');
const META_RE = /^\s*(?:\*\*|__)\s*(trainer|coach|subject|topics?|rating|next session|next|follow-up|action item)[\s:]*(?:\*\*|__)[\s:]*(.*)$/i;
/** `Trainer: Dana` without bold: only the unambiguous names, and a short value. */
const PLAIN_META_RE = /^\s*(trainer|coach|subject|topics?|rating|next session)\s?:[ \t]*(\S.{0,79})$/i;
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
  const before = text.slice(0, m.index).replace(/[\s:|,–—-]+$/, '').replace(WEEKDAY_BEFORE_RE, '').trim();
  const after = text.slice(m.index + m[0].length).replace(WEEKDAY_AFTER_RE, '').replace(/^[\s:|,–—-]+/, '').trim();
  const title = [before, after].filter(Boolean).join(' — ');
  return { date, title: title === '' ? null : title.slice(0, 300) };
}

/**
 * Parses a coaching log into sessions with their action items. A heading that carries a date
 * starts a session at any level; a heading without one either groups the sessions under it
 * (`## Coaching 2024`, `# 2023`), is a subsection of the session it sits in (`### Training`),
 * or, followed by text at session level, is reported as a session without a date.
 *
 * @example parseCoachingLog('## 2025-03-12: Week 2\n\n**Coach:** Dana\n', 'Coaching_sessions.md').records[0].coachName → 'Dana'
 */
export function parseCoachingLog(text: string, file: string): { records: CoachingRecord[]; issues: ParseIssue[]; rowCount: number } {
  const src = normaliseSource(text);
  const lines = src.split('\n');
  const records: CoachingRecord[] = [];
  const issues: ParseIssue[] = [];
  const blocks = lexClosingFences(lines, file, issues);
  let rowCount = 0;

  // Sections: a dated heading up to the next dated heading, or to an undated heading that ends it.
  type Start = { index: number; depth: number; dated: boolean };
  const starts: Start[] = [];
  const ends = new Set<number>();
  let open: Start | null = null;
  blocks.forEach((b, i) => {
    if (b.token.type !== 'heading') return;
    const h = b.token as Tokens.Heading;
    if (DATE_RE.test(h.text)) {
      if (open) ends.add(i);
      open = { index: i, depth: h.depth, dated: true };
      starts.push(open);
      return;
    }
    // `### Training` inside a `##` session, or inside a `###` one below a `##` group, is its subsection.
    if (open && (h.depth > open.depth || (h.depth === open.depth && h.depth >= 3))) return;
    if (open) ends.add(i);
    let next = i + 1;
    while (next < blocks.length && isBlank(blocks[next]!.token)) next++;
    const hasText = next < blocks.length && blocks[next]!.token.type !== 'heading';
    // An undated heading at session level with text under it is a session whose date is missing.
    if (open && hasText) {
      open = { index: i, depth: h.depth, dated: false };
      starts.push(open);
    } else {
      open = null;
      issues.push({ file, line: b.line, severity: 'note', message: `heading "${clip(h.text)}" has no date: read as a title or group heading; the sessions under it are read below` });
    }
  });

  const sectionOf = new Map<number, Start>(starts.map((st) => [st.index, st]));
  let inSection = false;
  blocks.forEach((b, i) => {
    if (sectionOf.has(i)) inSection = true;
    else if (ends.has(i)) inSection = false;
    if (inSection || isBlank(b.token) || b.token.type === 'heading') return;
    issues.push({ file, line: b.line, severity: 'skipped', message: starts.length > 0 && i > starts[0]!.index ? `${describeBlock(b.token)} under a heading without a date is not part of a session` : `${describeBlock(b.token)} before the first session heading is not part of a session`, hint: 'start each session with a heading like ## 2025-03-12: Title' });
  });

  starts.forEach((st) => {
    rowCount++;
    const headingBlock = blocks[st.index]!;
    const heading = headingBlock.token as Tokens.Heading;
    const head = st.dated ? readCoachingHeading(plainText(heading.tokens, heading.text)) : null;
    let end = st.index + 1;
    while (end < blocks.length && !sectionOf.has(end) && !ends.has(end)) end++;
    const body = blocks.slice(st.index + 1, end);
    if (!head) {
      issues.push({ file, line: headingBlock.line, severity: 'error', message: `session heading "${clip(heading.text)}" has no readable date`, hint: 'write the heading like ## 2025-03-12: Title' });
      for (const b of body) {
        if (b.token.type === 'heading') issues.push({ file, line: b.line, severity: 'skipped', message: `heading "${clip((b.token as Tokens.Heading).text)}" belongs to the section on line ${headingBlock.line}, which has no date; it was not read` });
      }
      return;
    }
    const lastLine = end < blocks.length ? blocks[end]!.line - 1 : lines.length;
    records.push(readSection(head, body, lines, headingBlock.line, lastLine, file, issues));
  });
  // A log of nothing but its title (what an account without coaching sessions exports) is empty, not wrong.
  const onlyHeadings = blocks.every((b) => b.token.type === 'heading' || isBlank(b.token));
  if (starts.length === 0 && src.trim() !== '' && !onlyHeadings) {
    issues.push({ file, line: 1, severity: 'error', message: 'no coaching session found', hint: 'start each session with a heading like ## 2025-03-12: Title' });
  }
  return { records, issues: issues.sort((a, b) => a.line - b.line), rowCount };
}

const FENCE_RE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING_RE = /^ {0,3}#{1,6}[ \t]/;

/**
 * An HTML block that runs until its closing mark rather than a blank line (CommonMark's kinds
 * 1–5: `<script>`…, `<!--`, `<?`, `<!DOCTYPE`, `<![CDATA[`), with that mark.
 */
const HTML_BLOCKS: Array<[RegExp, string]> = [
  [/^ {0,3}<(script|pre|style|textarea)(?=[\s>]|$)/i, '</'],
  [/^ {0,3}<!--/, '-->'],
  [/^ {0,3}<\?/, '?>'],
  [/^ {0,3}<![A-Za-z]/, '>'],
  [/^ {0,3}<!\[CDATA\[/, ']]>'],
];

/** The closing mark of the HTML block a line opens, or null. */
function htmlBlockEnd(line: string): string | null {
  for (const [re, end] of HTML_BLOCKS) if (re.test(line)) return end;
  return null;
}

/**
 * Lexes the file; a code fence, or an HTML comment or block, still open at the next dated
 * heading is closed there (with a warning where it opened), so one missing ``` or `-->` does
 * not swallow every later session.
 */
function lexClosingFences(lines: string[], file: string, issues: ParseIssue[]): Block[] {
  const cuts: number[] = [];
  let fence: { mark: string; line: number } | null = null;
  let html: { end: string; line: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (html) {
      if (l.includes(html.end)) html = null;
      else if (HEADING_RE.test(l) && DATE_RE.test(l)) {
        issues.push({ file, line: html.line, severity: 'warning', message: `the HTML comment or block opened here is not closed before the session heading on line ${i + 1}; it was closed there`, hint: `close it with ${html.end}, or write the text without the leading <` });
        cuts.push(i);
        html = null;
      }
      continue;
    }
    if (fence) {
      const t = l.trim();
      if (t.startsWith(fence.mark) && /^[`~]+$/.test(t) && t[0] === fence.mark[0]) fence = null;
      else if (HEADING_RE.test(l) && DATE_RE.test(l)) {
        issues.push({ file, line: fence.line, severity: 'warning', message: `the code block opened here is not closed before the session heading on line ${i + 1}; it was closed there`, hint: `close the block with ${fence.mark} on a line of its own` });
        cuts.push(i);
        fence = null;
      }
    } else {
      const m = FENCE_RE.exec(l);
      if (m) fence = { mark: m[1]!, line: i + 1 };
      else {
        const end = htmlBlockEnd(l);
        // The opening line may close it too (`<!-- note -->`).
        const rest = end === null ? '' : l.slice(l.indexOf('<') + 2);
        if (end !== null && !rest.includes(end)) html = { end, line: i + 1 };
      }
    }
  }
  if (cuts.length === 0) return lexBlocks(lines.join('\n'), { inline: true });
  const blocks: Block[] = [];
  let from = 0;
  for (const to of [...cuts, lines.length]) {
    for (const b of lexBlocks(lines.slice(from, to).join('\n'), { inline: true })) blocks.push({ ...b, line: b.line + from });
    from = to;
  }
  return blocks;
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
  /** The metadata already read: the first line of each kind wins. */
  const seen = new Map<string, string>();
  let expectActions = false;
  for (const b of body) {
    const t = b.token;
    if (t.type === 'paragraph') {
      const raw = t.raw.replace(/^(?:[ \t]*\n)+/, '').replace(/\n+$/, '').split('\n');
      raw.forEach((l, i) => {
        const m = META_RE.exec(l) ?? PLAIN_META_RE.exec(l);
        if (m && readMeta(record, m[1]!.toLowerCase(), m[2]!, file, b.line + i, issues, seen)) metaLines.add(b.line + i);
      });
      expectActions = ACTIONS_RE.test(plainText((t as Tokens.Paragraph).tokens, (t as Tokens.Paragraph).text).trim());
    } else if (t.type === 'heading') {
      expectActions = ACTIONS_RE.test((t as Tokens.Heading).text.trim());
    } else if (t.type === 'list') {
      if (expectActions) record.actionItems.push(...itemsOf(t as Tokens.List));
      // Checkboxes are action items wherever they are in the session.
      else record.actionItems.push(...itemsOf(t as Tokens.List, true));
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

function itemsOf(list: Tokens.List, checkboxesOnly = false): ActionItemRecord[] {
  const out: ActionItemRecord[] = [];
  for (const item of list.items) {
    if (checkboxesOnly && !item.task) continue;
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
function readMeta(record: CoachingRecord, key: string, value: string, file: string, line: number, issues: ParseIssue[], seen: Map<string, string>): boolean {
  const v = value.replace(/\*\*|__/g, '').trim();
  const field = key === 'coach' ? 'trainer' : key === 'topic' ? 'topics' : key === 'next' ? 'next session' : key;
  // Every action item line is an item of its own; of the other kinds the first line wins.
  const first = field === 'action item' ? undefined : seen.get(field);
  if (first !== undefined) {
    issues.push({ file, line, severity: 'warning', message: `a second ${key[0]!.toUpperCase()}${key.slice(1)} line ("${clip(v)}"); the first ("${clip(first)}") was kept and this one stays in the notes`, hint: 'keep one metadata line of each kind at the top of the session' });
    return false;
  }
  const applied = applyMeta(record, key, v, file, line, issues);
  if (applied) seen.set(field, v);
  return applied;
}

function applyMeta(record: CoachingRecord, key: string, v: string, file: string, line: number, issues: ParseIssue[]): boolean {
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

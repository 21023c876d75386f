/**
 * `fittrack coach-note add|list|show|actions|done|undone`: coaching sessions and their
 * action items, for the acting user.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withUser, type GlobalOptions } from '../context.js';
import { askText, canPrompt, PromptCancelled } from '../prompt.js';
import { renderMarkdown } from '../render/markdown.js';
import { printJson, printLine, say } from '../render/output.js';
import { renderTable, wrapToTerminal } from '../render/table.js';
import { parseId } from './log-workout-actions.js';
import { NotFoundError, RuntimeFailure, UsageError } from '../../errors.js';
import { createCoachingSession, getActionItem, getCoachingSession, listActionItems, listCoachingSessions, setActionItemDone, type ActionItemWithSession } from '../../db/coaching-repo.js';
import type { CoachingSession } from '../../domain/coaching.js';
import { parseDateInput } from '../../domain/dates.js';
import { checkText, checkTextLength, parseNumberInRange, RULES, TEXT_LIMITS } from '../../domain/validation.js';

/** Options of `coach-note add`. */
export interface CoachNoteAddOptions {
  title?: string;
  coach?: string;
  subject?: string;
  topic: string[];
  action: string[];
  rating?: string;
  next?: string;
  date?: string;
  file?: string;
  json?: boolean;
}

/** Bytes of UTF-8 above which the notes are surely over their limit (a character is at most 4 bytes). */
const BODY_MAX_BYTES = 4 * TEXT_LIMITS.coachingBody;

function bodyTooLong(field: string, bytes: number): UsageError {
  const size = bytes >= 1024 * 1024 ? `${Math.floor(bytes / (1024 * 1024))} MB` : `${Math.floor(bytes / 1024)} kB`;
  return new UsageError(
    `${field}: the notes are over ${size}, too long (allowed up to ${TEXT_LIMITS.coachingBody} characters)`,
    `shorten the notes to at most ${TEXT_LIMITS.coachingBody} characters`,
  );
}

/** Reads all of stdin as UTF-8, giving up as soon as it is surely too long for the notes. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of process.stdin) {
    bytes += (chunk as Buffer).length;
    if (bytes > BODY_MAX_BYTES) {
      process.stdin.destroy();
      throw bodyTooLong('<body>', bytes);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Opens $VISUAL / $EDITOR (else vi) on a temp file and returns what was saved. Quitting without
 * saving any notes, or an editor that fails (vi's `:cq`), cancels like Ctrl+C at a question.
 */
function editBody(): string {
  const editor = process.env.VISUAL || process.env.EDITOR || 'vi';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fittrack-note-'));
  const file = path.join(dir, 'coach-note.md');
  try {
    writeFileSync(file, '');
    const r = spawnSync(`${editor} "${file}"`, { stdio: 'inherit', shell: true });
    if (r.error) throw new RuntimeFailure(`could not start the editor "${editor}": ${r.error.message}`, 'set $EDITOR to your editor, or give the notes as an argument, with --file or with -');
    if (r.status !== 0) throw new PromptCancelled('cancelled: nothing was written', `the editor "${editor}" exited with status ${r.status ?? r.signal}; save and quit it normally to keep the notes`);
    const text = checkTextLength('the notes', readFileSync(file, 'utf8'), 'coachingBody');
    if (text.trim() === '') throw new PromptCancelled('cancelled: nothing was written', 'the editor was closed with no notes saved; write them and save before quitting');
    return text;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The session's title: `--title`, or asked for in a terminal (after every other option was checked). */
async function readTitle(given: string | undefined, globals: GlobalOptions): Promise<string> {
  const parse = (text: string) => checkText('--title', text, { maxLength: 'coachingTitle' });
  if (given !== undefined) return parse(given);
  if (!canPrompt(globals)) {
    const why = globals.input === false ? ' (--no-input forbids asking for it)' : '';
    throw new UsageError(`missing --title${why}`, 'give the session a title, e.g. fittrack coach-note add --title "Week 2 Review" "notes…"');
  }
  return askText({ message: 'Title', parse });
}

/** Where the notes come from: the argument, --file, stdin (`-`) or the editor; null for none. */
async function readBody(body: string | undefined, opts: CoachNoteAddOptions, globals: GlobalOptions): Promise<string | null> {
  if (body !== undefined && opts.file !== undefined) throw new UsageError('give the notes either as an argument or with --file, not both', 'drop one of them');
  if (opts.file !== undefined) {
    try {
      // A file surely over the limit is refused before it is read.
      const { size } = statSync(opts.file);
      if (size > BODY_MAX_BYTES) throw bodyTooLong('--file', size);
      return checkTextLength('--file', readFileSync(opts.file, 'utf8'), 'coachingBody');
    } catch (err) {
      if (err instanceof UsageError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(`--file: cannot read "${opts.file}"${code === 'ENOENT' ? ': no such file' : code === 'EISDIR' ? ': it is a folder' : code ? ` (${code})` : ''}`, 'give the path of a markdown file');
    }
  }
  if (body === '-') return checkTextLength('<body>', await readStdin(), 'coachingBody');
  if (body !== undefined) return checkTextLength('<body>', body, 'coachingBody');
  if (canPrompt(globals)) return editBody();
  return null;
}

/** The JSON form of a coaching session. */
export function coachingJson(s: CoachingSession): Record<string, unknown> {
  return {
    id: s.id,
    session_date: s.sessionDate,
    title: s.title,
    coach_name: s.coachName,
    subject: s.subject,
    topics: s.topics,
    rating: s.rating,
    next_session_date: s.nextSessionDate,
    follow_up_required: s.followUpRequired,
    notes: s.notes,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    action_items: s.actionItems.map((a) => ({ id: a.id, position: a.position, text: a.text, done: a.done, done_at: a.doneAt })),
  };
}

function actionJson(a: ActionItemWithSession): Record<string, unknown> {
  return { id: a.id, session_id: a.sessionId, session_date: a.sessionDate, session_title: a.sessionTitle, position: a.position, text: a.text, done: a.done, done_at: a.doneAt };
}

export async function runCoachNoteAdd(body: string | undefined, opts: CoachNoteAddOptions, globals: GlobalOptions): Promise<void> {
  const coachName = opts.coach === undefined ? null : checkText('--coach', opts.coach, { maxLength: 'title' });
  const subject = opts.subject === undefined ? null : checkText('--subject', opts.subject, { maxLength: 'subject' });
  const topics = opts.topic.map((t) => checkText('--topic', t.trim(), { maxLength: 'title' }));
  checkTextLength('--topic (all of them)', JSON.stringify(topics), 'list');
  const actions = opts.action.map((a) => checkText('--action', a, { maxLength: 'actionItem' }));
  const rating = opts.rating === undefined ? null : parseNumberInRange('--rating', opts.rating, RULES.scale);
  const sessionDate = await parseDateInput(opts.date ?? 'today', { field: '--date' });
  const nextSessionDate = opts.next === undefined ? null : await parseDateInput(opts.next, { field: '--next', allowFuture: true });
  if (nextSessionDate !== null && nextSessionDate < sessionDate) {
    throw new UsageError(`--next: ${nextSessionDate} is before the session date ${sessionDate}`, 'give a day on or after the session');
  }
  const title = await readTitle(opts.title, globals);
  const notes = await readBody(body, opts, globals);
  // A coach may add a note to a client who shares their data (`--user <client>`): the note is the
  // client's, and the coach is recorded as its author.
  await withUser(globals, async ({ db, user, actor }) => {
    const coachId = actor.id === user.id ? null : actor.id;
    const s = await createCoachingSession(db, user.id, {
      sessionDate,
      title,
      coachName: coachName ?? (coachId === null ? null : (actor.display_name ?? actor.username)),
      subject,
      topics,
      notes,
      rating,
      nextSessionDate,
      actions,
      coachId,
    });
    if (opts.json) printJson(coachingJson(s));
    const parts = [`${s.actionItems.length} action item${s.actionItems.length === 1 ? '' : 's'}`];
    if (notes === null) parts.push('no notes');
    if (s.nextSessionDate) parts.push(`next session ${s.nextSessionDate}`);
    say(`Saved coaching session "${title}" for ${sessionDate} (#${s.id}): ${parts.join(', ')}`);
  }, { access: 'coach' });
}

export async function runCoachNoteList(opts: { json?: boolean }, globals: GlobalOptions): Promise<void> {
  await withUser(
    globals,
    async ({ db, user }) => {
      const sessions = await listCoachingSessions(db, user.id);
      if (opts.json) return printJson(sessions.map(coachingJson));
      if (sessions.length === 0) return say('No coaching sessions yet — add one with: fittrack coach-note add --title "Week 1" "notes…"');
      printLine(
        renderTable(
          ['ID', 'Date', 'Title', 'Coach', 'Topics', 'Rating', 'Actions open', 'Next'],
          sessions.map((s) => {
            const open = s.actionItems.filter((a) => !a.done).length;
            return [s.id, s.sessionDate, s.title, s.coachName, s.topics.join(', '), s.rating === null ? null : `${s.rating}/10`, s.actionItems.length ? `${open}/${s.actionItems.length}` : null, s.nextSessionDate];
          }),
          { align: ['right', 'left', 'left', 'left', 'left', 'right', 'right', 'left'] },
        ),
      );
    },
    { access: 'read' },
  );
}

export async function runCoachNoteShow(idText: string, opts: { json?: boolean }, globals: GlobalOptions): Promise<void> {
  const id = parseId('<id>', idText);
  await withUser(
    globals,
    async ({ db, user }) => {
      const s = await getCoachingSession(db, user.id, id);
      if (!s) throw new NotFoundError(`no coaching session #${id}`, 'see the ids with: fittrack coach-note list');
      if (opts.json) return printJson(coachingJson(s));
      const lines = [`${s.title ?? '(untitled)'} — ${s.sessionDate} (#${s.id})`];
      if (s.coachName) lines.push(`Coach: ${s.coachName}`);
      if (s.subject) lines.push(`Subject: ${s.subject}`);
      if (s.topics.length) lines.push(`Topics: ${s.topics.join(', ')}`);
      if (s.rating !== null) lines.push(`Rating: ${s.rating}/10`);
      if (s.nextSessionDate) lines.push(`Next session: ${s.nextSessionDate}`);
      if (s.notes) lines.push('', renderMarkdown(s.notes));
      if (s.actionItems.length) {
        lines.push('', 'Action items:');
        for (const a of s.actionItems) lines.push(wrapToTerminal(`  ${a.done ? '[x]' : '[ ]'} ${a.text}  (id ${a.id}${a.doneAt ? `, done ${a.doneAt.slice(0, 10)}` : ''})`, '      '));
      }
      printLine(lines.join('\n'));
    },
    { access: 'read' },
  );
}

export async function runCoachNoteActions(opts: { open?: boolean; json?: boolean }, globals: GlobalOptions): Promise<void> {
  await withUser(
    globals,
    async ({ db, user }) => {
      const items = await listActionItems(db, user.id, { open: opts.open });
      if (opts.json) return printJson(items.map(actionJson));
      if (items.length === 0) return say(opts.open ? 'No open action items.' : 'No action items yet — add them with: coach-note add --action "…"');
      printLine(
        renderTable(
          ['ID', 'Done', 'Session', 'Date', '#', 'Action'],
          items.map((a) => [a.id, a.done ? `✓ ${a.doneAt?.slice(0, 10) ?? ''}`.trim() : '', a.sessionTitle, a.sessionDate, a.position, a.text]),
          { align: ['right', 'left', 'left', 'left', 'right', 'left'] },
        ),
      );
    },
    { access: 'read' },
  );
}

export async function runCoachNoteDone(idText: string, done: boolean, opts: { json?: boolean }, globals: GlobalOptions): Promise<void> {
  const id = parseId('<action-id>', idText);
  await withUser(globals, async ({ db, user }) => {
    const before = await getActionItem(db, user.id, id);
    if (!before) throw new NotFoundError(`no action item #${id}`, 'see the ids with: fittrack coach-note actions');
    const item = before.done === done ? before : await setActionItemDone(db, user.id, id, done);
    if (!item) throw new NotFoundError(`no action item #${id}`, 'see the ids with: fittrack coach-note actions');
    if (opts.json) printJson(actionJson(item));
    const state = done ? 'done' : 'not done';
    say(before.done === done ? `Action item #${id} was already ${state}: "${item.text}"` : `Marked action item #${id} ${state}: "${item.text}"`);
  });
}

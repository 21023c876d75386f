/**
 * Coaching sessions (`coaching_sessions`) and their action items (`coaching_action_items`),
 * scoped to one user: an action item belongs to the user who owns its session.
 */
import type { Knex } from 'knex';
import { nowIso } from '../clock.js';
import type { ActionItem, CoachingSession, NewCoachingSession } from '../domain/coaching.js';
import { needsFollowUp } from '../domain/coaching.js';
import { readStringList } from './json-column.js';

type Db = Knex | Knex.Transaction;

interface SessionRow {
  id: number;
  user_id: number;
  session_date: string;
  title: string | null;
  coach_name: string | null;
  subject: string | null;
  topics: unknown;
  notes: string | null;
  rating: number | null;
  next_session_date: string | null;
  follow_up_required: boolean | number;
  created_at: string;
  updated_at: string;
}

interface ItemRow {
  id: number;
  session_id: number;
  position: number;
  text: string;
  done: boolean | number;
  done_at: string | null;
  goal_id: number | null;
}

function toItem(r: ItemRow): ActionItem {
  return { id: r.id, sessionId: r.session_id, position: r.position, text: r.text, done: Boolean(r.done), doneAt: r.done_at, goalId: r.goal_id };
}

function toSession(r: SessionRow, items: ItemRow[]): CoachingSession {
  const topics = readStringList(r.topics, 'coaching_sessions.topics');
  return {
    id: r.id,
    sessionDate: r.session_date,
    title: r.title,
    coachName: r.coach_name,
    subject: r.subject,
    topics: topics ?? [],
    notes: r.notes,
    rating: r.rating === null ? null : Number(r.rating),
    nextSessionDate: r.next_session_date,
    followUpRequired: Boolean(r.follow_up_required),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    actionItems: items.filter((i) => i.session_id === r.id).sort((a, b) => a.position - b.position).map(toItem),
  };
}

async function withItems(db: Db, rows: SessionRow[]): Promise<CoachingSession[]> {
  if (rows.length === 0) return [];
  const items: ItemRow[] = [];
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) items.push(...(await db<ItemRow>('coaching_action_items').whereIn('session_id', ids.slice(i, i + 500))));
  return rows.map((r) => toSession(r, items));
}

/**
 * Stores a coaching session and its action items (positions 1..n) in one transaction.
 *
 * @example await createCoachingSession(db, user.id, { sessionDate: '2025-03-12', title: 'Week 2', actions: ['Sleep 8h'], … })
 */
export async function createCoachingSession(db: Knex, userId: number, s: NewCoachingSession): Promise<CoachingSession> {
  return db.transaction(async (trx) => {
    const now = nowIso();
    const [inserted] = await trx('coaching_sessions')
      .insert({
        user_id: userId,
        session_date: s.sessionDate,
        title: s.title,
        coach_id: s.coachId ?? null,
        coach_name: s.coachName,
        subject: s.subject,
        topics: JSON.stringify(s.topics),
        notes: s.notes,
        rating: s.rating,
        next_session_date: s.nextSessionDate,
        follow_up_required: needsFollowUp(s),
        created_at: now,
        updated_at: now,
      })
      .returning('id');
    const id = typeof inserted === 'object' ? (inserted as { id: number }).id : (inserted as number);
    if (s.actions.length > 0) {
      await trx('coaching_action_items').insert(s.actions.map((text, i) => ({ session_id: id, position: i + 1, text, done: false })));
    }
    return (await getCoachingSession(trx, userId, id))!;
  });
}

/** One of the user's coaching sessions with its action items, or null. */
export async function getCoachingSession(db: Db, userId: number, id: number): Promise<CoachingSession | null> {
  const row = await db<SessionRow>('coaching_sessions').where({ user_id: userId, id }).first();
  return row ? (await withItems(db, [row]))[0]! : null;
}

/** The user's coaching sessions, oldest first. */
export async function listCoachingSessions(db: Db, userId: number): Promise<CoachingSession[]> {
  const rows = await db<SessionRow>('coaching_sessions').where('user_id', userId).orderBy([{ column: 'session_date' }, { column: 'id' }]);
  return withItems(db, rows);
}

/** An action item with the session it came from. */
export interface ActionItemWithSession extends ActionItem {
  sessionDate: string;
  sessionTitle: string | null;
}

/** The user's action items across sessions (oldest session first); only open ones with `open`. */
export async function listActionItems(db: Db, userId: number, opts: { open?: boolean } = {}): Promise<ActionItemWithSession[]> {
  const q = db('coaching_action_items as a')
    .join('coaching_sessions as s', 's.id', 'a.session_id')
    .where('s.user_id', userId)
    .select('a.*', 's.session_date', 's.title as session_title')
    .orderBy([{ column: 's.session_date' }, { column: 's.id' }, { column: 'a.position' }]);
  if (opts.open) q.where('a.done', false);
  const rows = (await q) as Array<ItemRow & { session_date: string; session_title: string | null }>;
  return rows.map((r) => ({ ...toItem(r), sessionDate: r.session_date, sessionTitle: r.session_title }));
}

/**
 * Marks one of the user's action items done (with the time) or not done; returns it, or null
 * when the user has no such item.
 */
export async function setActionItemDone(db: Knex, userId: number, itemId: number, done: boolean): Promise<ActionItemWithSession | null> {
  return db.transaction(async (trx) => {
    const owned = await trx('coaching_action_items as a')
      .join('coaching_sessions as s', 's.id', 'a.session_id')
      .where({ 's.user_id': userId, 'a.id': itemId })
      .first('a.id');
    if (!owned) return null;
    await trx('coaching_action_items').where('id', itemId).update({ done, done_at: done ? nowIso() : null });
    return getActionItem(trx, userId, itemId);
  });
}

/** One of the user's action items with its session, or null. */
export async function getActionItem(db: Db, userId: number, itemId: number): Promise<ActionItemWithSession | null> {
  const r = (await db('coaching_action_items as a')
    .join('coaching_sessions as s', 's.id', 'a.session_id')
    .where({ 's.user_id': userId, 'a.id': itemId })
    .first('a.*', 's.session_date', 's.title as session_title')) as (ItemRow & { session_date: string; session_title: string | null }) | undefined;
  return r ? { ...toItem(r), sessionDate: r.session_date, sessionTitle: r.session_title } : null;
}

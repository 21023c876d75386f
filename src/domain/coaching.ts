/**
 * Coaching sessions and their action items as domain records.
 */

/** One action item of a coaching session, numbered 1..n within it. */
export interface ActionItem {
  id: number;
  sessionId: number;
  position: number;
  text: string;
  done: boolean;
  doneAt: string | null;
  goalId: number | null;
}

/** A coaching session as stored, with its action items. */
export interface CoachingSession {
  id: number;
  sessionDate: string;
  title: string | null;
  coachName: string | null;
  subject: string | null;
  topics: string[];
  notes: string | null;
  rating: number | null;
  nextSessionDate: string | null;
  followUpRequired: boolean;
  createdAt: string;
  updatedAt: string;
  actionItems: ActionItem[];
}

/** What `coach-note add` stores: a session's fields (a title always), and its action items as text. */
export type NewCoachingSession = Pick<CoachingSession, 'sessionDate' | 'coachName' | 'subject' | 'topics' | 'notes' | 'rating' | 'nextSessionDate'> & {
  title: string;
  actions: string[];
  /** The coach's user id when a coach writes the note into a client's account (`--user`). */
  coachId?: number | null;
};

/** A session follows up when it has open action items or a next session planned. @example needsFollowUp({ actions: ['x'], nextSessionDate: null }) → true */
export function needsFollowUp(s: Pick<NewCoachingSession, 'actions' | 'nextSessionDate'>): boolean {
  return s.actions.length > 0 || s.nextSessionDate !== null;
}

import { describe, expect, it } from 'vitest';
import { createCoachingSession, getActionItem, getCoachingSession, listActionItems, listCoachingSessions, setActionItemDone } from '../../src/db/coaching-repo.js';
import type { NewCoachingSession } from '../../src/domain/coaching.js';
import { dialects, useTestDb } from '../helpers/db.js';

function note(over: Partial<NewCoachingSession> = {}): NewCoachingSession {
  return { sessionDate: '2025-03-12', title: 'Week 2 Review', coachName: 'Coach Dana', subject: null, topics: ['nutrition'], notes: '## Plan\n* **Sleep:** 8 h', rating: 8, nextSessionDate: '2025-03-19', actions: ['Protein first', 'Sleep by 22:30'], ...over };
}

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const user = async (name: string) => {
      await t.db('users').insert({ username: name });
      return (await t.db('users').where({ username: name }).first('id')).id as number;
    };

    it('stores a session with numbered action items and reads it back', async () => {
      const me = await user('ann');
      const s = await createCoachingSession(t.db, me, note());
      expect(s).toMatchObject({ title: 'Week 2 Review', topics: ['nutrition'], rating: 8, nextSessionDate: '2025-03-19', followUpRequired: true, notes: '## Plan\n* **Sleep:** 8 h' });
      expect(s.actionItems.map((a) => [a.position, a.text, a.done, a.doneAt])).toEqual([
        [1, 'Protein first', false, null],
        [2, 'Sleep by 22:30', false, null],
      ]);
      expect(await getCoachingSession(t.db, me, s.id)).toEqual(s);
      const bare = await createCoachingSession(t.db, me, note({ actions: [], nextSessionDate: null, notes: null, topics: [] }));
      expect(bare).toMatchObject({ followUpRequired: false, actionItems: [], topics: [], notes: null });
    });

    it('ticks an action item off and on again, only for its owner', async () => {
      const me = await user('bob');
      const other = await user('cat');
      const s = await createCoachingSession(t.db, me, note());
      const item = s.actionItems[1]!;
      const done = await setActionItemDone(t.db, me, item.id, true);
      expect(done).toMatchObject({ id: item.id, done: true, sessionTitle: 'Week 2 Review' });
      expect(Number.isNaN(Date.parse(done!.doneAt!))).toBe(false);
      expect((await listActionItems(t.db, me, { open: true })).map((a) => a.text)).toEqual(['Protein first']);
      expect(await setActionItemDone(t.db, other, item.id, false)).toBeNull();
      expect(await getActionItem(t.db, other, item.id)).toBeNull();
      expect((await getActionItem(t.db, me, item.id))?.done).toBe(true);
      const undone = await setActionItemDone(t.db, me, item.id, false);
      expect(undone).toMatchObject({ done: false, doneAt: null });
      expect(await listCoachingSessions(t.db, other)).toEqual([]);
    });
  });
}

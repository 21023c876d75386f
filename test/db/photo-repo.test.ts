/**
 * The photo repository on both engines: `is_public` comes back as a boolean on both, photos
 * list by date, and each user sees only their own.
 */
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { photoRepo, type NewPhoto } from '../../src/db/photo-repo.js';
import { dialects, useTestDb } from '../helpers/db.js';

async function addUser(db: Knex, username: string): Promise<number> {
  const [row] = await db('users').insert({ username }).returning('id');
  return (row as { id: number }).id;
}

const PHOTO: NewPhoto = {
  taken_on: '2025-03-04', photo_type: 'front', file_path: '/home/me/pics/front.jpg', sha256: 'a'.repeat(64),
  weight_kg: 80, body_fat_pct: 20, is_public: true, notes: null,
};

for (const dialect of dialects) {
  describe(`photo repository (${dialect})`, () => {
    const t = useTestDb(dialect);

    it('stores photos with booleans as booleans, lists by date, scoped to the user', async () => {
      const me = await addUser(t.db, 'me');
      const other = await addUser(t.db, 'other');
      const repo = photoRepo(t.db, me);
      const a = await repo.insert(PHOTO);
      expect(a).toMatchObject({ ...PHOTO, is_public: true });
      const b = await repo.insert({ ...PHOTO, taken_on: '2025-01-01', is_public: false, sha256: 'b'.repeat(64) });
      expect(b.is_public).toBe(false);
      expect((await repo.get(b.id))!.is_public).toBe(false);
      expect((await repo.list()).map((p) => p.id)).toEqual([b.id, a.id]);
      expect((await repo.findBySha256('a'.repeat(64))).map((p) => p.id)).toEqual([a.id]);
      expect(await photoRepo(t.db, other).get(a.id)).toBeUndefined();
      expect(await photoRepo(t.db, other).list()).toEqual([]);
      expect(await photoRepo(t.db, other).findBySha256('a'.repeat(64))).toEqual([]);
    });

    it('the database refuses a hash that is not 64 characters', async () => {
      const me = await addUser(t.db, 'someone');
      await expect(photoRepo(t.db, me).insert({ ...PHOTO, sha256: 'abc' })).rejects.toThrow();
    });
  });
}

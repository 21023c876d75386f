/**
 * Progress photos (`progress_photos`): where the image is on disk, its SHA-256, and the day's
 * weight and body fat. Every query is scoped to the user the repository was made for.
 */
import type { Knex } from 'knex';
import { nowIso } from '../clock.js';

export const PHOTO_TYPES = ['front', 'side', 'back', 'flex', 'comparison'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** A stored photo, as the repository returns it (`is_public` a real boolean on both engines). */
export interface PhotoRecord {
  id: number;
  taken_on: string;
  photo_type: PhotoType;
  file_path: string;
  sha256: string;
  weight_kg: number | null;
  body_fat_pct: number | null;
  is_public: boolean;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

type PhotoRow = Omit<PhotoRecord, 'is_public'> & { user_id: number; is_public: boolean | number };

function toRecord(row: PhotoRow): PhotoRecord {
  const { user_id: _u, ...rest } = row;
  return { ...rest, is_public: Boolean(row.is_public) };
}

export type NewPhoto = Omit<PhotoRecord, 'id' | 'created_at' | 'updated_at'>;

export interface PhotoRepo {
  insert(photo: NewPhoto): Promise<PhotoRecord>;
  get(id: number): Promise<PhotoRecord | undefined>;
  /** Photos by date, then in the order they were added. */
  list(): Promise<PhotoRecord[]>;
  /** Photos of this user with the same image content. */
  findBySha256(sha256: string): Promise<PhotoRecord[]>;
}

/**
 * The photo repository of one user.
 *
 * @example await photoRepo(db, user.id).list()
 */
export function photoRepo(db: Knex, userId: number): PhotoRepo {
  const rows = () => db<PhotoRow>('progress_photos').where('user_id', userId);
  return {
    async insert(photo) {
      const now = nowIso();
      const [row] = await db('progress_photos')
        .insert({ ...photo, user_id: userId, created_at: now, updated_at: now })
        .returning('*');
      return toRecord(row as PhotoRow);
    },
    async get(id) {
      const row = await rows().andWhere('id', id).first();
      return row ? toRecord(row as PhotoRow) : undefined;
    },
    async list() {
      return ((await rows().orderBy([{ column: 'taken_on' }, { column: 'id' }]).select('*')) as PhotoRow[]).map(toRecord);
    },
    async findBySha256(sha256) {
      return ((await rows().andWhere('sha256', sha256).orderBy('id').select('*')) as PhotoRow[]).map(toRecord);
    },
  };
}

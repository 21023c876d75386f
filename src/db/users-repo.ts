import os from 'node:os';
import type { Knex } from 'knex';
import { nowIso } from './clock.js';

/** A `users` row as the database returns it (booleans as 0/1 on SQLite). */
export interface UserRow {
  id: number;
  username: string;
  email: string | null;
  password_hash: string | null;
  role: 'user' | 'coach' | 'admin';
  is_active: boolean | number;
  failed_login_attempts: number;
  locked_until: string | null;
  last_login_at: string | null;
  display_name: string | null;
  bio: string | null;
  photo_url: string | null;
  preferred_units: 'metric' | 'imperial';
  height_cm: number | null;
  created_at: string;
  updated_at: string;
}

/** The name the local profile gets: `$USER`, else the OS account name, else `me`. */
export function localProfileName(env: NodeJS.ProcessEnv = process.env): string {
  let name = env.USER || env.LOGNAME || '';
  if (!name) {
    try {
      name = os.userInfo().username;
    } catch {
      name = '';
    }
  }
  return name.trim().slice(0, 64) || 'me';
}

/**
 * Returns the local profile (the user without a password), creating it in an empty database.
 * Returns null when the database has users but none of them is passwordless.
 */
export async function ensureLocalProfile(db: Knex): Promise<UserRow | null> {
  const existing = await db<UserRow>('users').whereNull('password_hash').orderBy('id').first();
  if (existing) return existing;
  const any = await db('users').first('id');
  if (any) return null;
  const now = nowIso();
  await db('users').insert({ username: localProfileName(), role: 'user', created_at: now, updated_at: now }).onConflict('username').ignore();
  return (await db<UserRow>('users').whereNull('password_hash').orderBy('id').first()) ?? null;
}

/** True when some user has a password: the database is then in multi-user mode. */
export async function isMultiUser(db: Knex): Promise<boolean> {
  return (await db('users').whereNotNull('password_hash').first('id')) !== undefined;
}

/**
 * Loading pg lends Node 20 a `navigator` for a moment (so that pg does not load Node's fetch
 * implementation to tell whether it runs in a Cloudflare Worker): nothing of it may stay behind.
 */
import { describe, expect, it } from 'vitest';
import { createDb, resolveDbTarget } from '../../src/db/connection.js';
import { useTestDb } from '../helpers/db.js';

describe('opening PostgreSQL', () => {
  const t = useTestDb('postgres');

  it('leaves the global scope as it found it, and the connection works', async () => {
    const before = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    const db = await createDb(resolveDbTarget(t.url));
    try {
      expect(Object.getOwnPropertyDescriptor(globalThis, 'navigator')).toEqual(before);
      expect(await db('users').count({ n: '*' }).first()).toEqual({ n: 0 });
    } finally {
      await db.destroy();
    }
  });
});

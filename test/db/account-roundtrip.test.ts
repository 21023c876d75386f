/**
 * Property: for any account (every table a user owns or uses, unicode and long text, values at
 * the ends of every range, nulls), export → import-json into an empty database → export gives
 * the same document, byte for byte, on each engine and across engines.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type Dialect, type TestDb } from '../helpers/db.js';
import { accountArb, roundTrip } from '../helpers/account-arb.js';

type Db = TestDb & { drop(): Promise<void> };

const PAIRS: Array<[Dialect, Dialect]> = [
  ['sqlite', 'postgres'],
  ['postgres', 'sqlite'],
  ['sqlite', 'sqlite'],
  ['postgres', 'postgres'],
];

for (const [from, to] of PAIRS) {
  describe(`${from} → ${to}`, () => {
    let src: Db;
    let dst: Db;
    beforeAll(async () => {
      src = await createTestDb(from);
      dst = await createTestDb(to);
    });
    afterAll(async () => {
      await src?.drop();
      await dst?.drop();
    });

    it('export → import-json → export is the same document for any account', async () => {
      await fc.assert(
        fc.asyncProperty(accountArb(), async (account) => {
          const { first, second } = await roundTrip(src.db, dst.db, account);
          expect(second).toBe(first);
        }),
        { numRuns: from === to ? 3 : 5 },
      );
    }, 180_000);
  });
}

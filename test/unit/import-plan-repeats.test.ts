/**
 * A key met twice in one import run: the second row is "the same, stored once" or a conflict
 * naming the first row, whether the first is still held whole or, far back in a long run,
 * only as a hash of its content.
 */
import { describe, expect, it } from 'vitest';
import { createImportPlanner, SEEN_WHOLE } from '../../src/domain/import-plan.js';
import type { StoredRecords } from '../../src/domain/import-plan.js';
import type { CheckInRecord } from '../../src/domain/legacy-records.js';

const empty = (): StoredRecords => ({ 'check-in': new Map(), workouts: new Map(), coaching: new Map(), meals: new Map() });
const day = (i: number) => new Date(Date.UTC(1900, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
const checkIn = (i: number, weightKg: number, line: number, file = 'a.md'): CheckInRecord => ({
  recordedDate: day(i),
  weightKg,
  weightUnit: 'kg',
  bodyFatPct: null,
  lengthUnit: null,
  chestCm: null,
  waistCm: null,
  hipsCm: null,
  neckCm: null,
  notes: null,
  source: { file, line },
});

describe('a key met twice in one run', () => {
  for (const [what, count] of [
    ['held whole', 10],
    ['far back in a long run (kept as a hash)', SEEN_WHOLE + 50],
  ] as const) {
    it(`${what}: same content is stored once, other content is a conflict naming the first row`, () => {
      const planner = createImportPlanner(empty(), { update: false });
      const first = Array.from({ length: count }, (_, i) => checkIn(i, 80 + (i % 10), i + 3));
      const a = planner.planFile({ file: 'a.md', kind: 'check-in', records: first, issues: [], rowCount: count });
      expect(a.summary.created).toBe(count);
      // A second file repeats day 0 as it was, and day 1 with another weight.
      const b = planner.planFile({ file: 'b.md', kind: 'check-in', records: [checkIn(0, 80, 7, 'b.md'), checkIn(1, 99, 8, 'b.md')], issues: [], rowCount: 2 });
      expect(b.summary).toMatchObject({ created: 0, unchanged: 1, conflicts: 1 });
      expect(b.issues.map((i) => [i.line, i.severity])).toEqual([
        [7, 'warning'],
        [8, 'conflict'],
      ]);
      expect(b.issues[0]!.message).toBe(`the same check-in of ${day(0)} as a.md:3; stored once`);
      expect(b.issues[1]!.message).toContain(`check-in of ${day(1)} appears twice: a.md:4 has `);
      expect(b.issues[1]!.message).toContain('this row has weight 99 kg');
      expect(b.planned).toHaveLength(0);
    });
  }
});

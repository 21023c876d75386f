/**
 * exportMarkdown: the four legacy logs written back; importing them gives the same records.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { dialects, useTestDb } from '../helpers/db.js';
import { ROOT } from '../helpers/cli.js';
import { loadLegacyRecords, loadStoredRecords } from '../../src/db/legacy-rows.js';
import { newBatchId } from '../../src/db/import-write.js';
import { writeImport } from '../helpers/write-import.js';
import type { LegacyRecords } from '../../src/db/legacy-rows.js';
import { planImport } from '../../src/domain/import-plan.js';
import type { ParsedFile } from '../../src/domain/import-plan.js';
import type { LegacyKind } from '../../src/domain/legacy-records.js';
import { exportMarkdown } from '../../src/export/md-exporter.js';
import { parseLegacyFile } from '../../src/parse/legacy-file.js';
import { detectKind } from '../../src/parse/detect-kind.js';
import { nowIso } from '../../src/clock.js';

async function importDir(db: Knex, userId: number, dir: string): Promise<void> {
  const files: ParsedFile[] = readdirSync(dir)
    .filter((n) => n.endsWith('.md'))
    .map((name) => {
      const text = readFileSync(path.join(dir, name), 'utf8');
      const kind = detectKind(name, text) as LegacyKind;
      const r = parseLegacyFile(kind, text, name, { defaultWeightUnit: 'lb' });
      return { file: name, kind, records: r.records, issues: r.issues, rowCount: r.rowCount };
    });
  const plan = planImport(files, await loadStoredRecords(db, userId), { update: false });
  expect(plan.issues.filter((i) => i.severity === 'error')).toEqual([]);
  await writeImport(db, userId, plan, { id: newBatchId(), files: files.map((f) => f.file), startedAt: nowIso() });
}

async function newUser(db: Knex, name: string): Promise<number> {
  const now = nowIso();
  await db('users').insert({ username: name, created_at: now, updated_at: now });
  return (await db('users').where({ username: name }).first('id')).id as number;
}

/** Records without what legitimately differs after a round trip: where they came from. */
function content(all: LegacyRecords) {
  const strip = <R extends object>(r: R): R => Object.assign({}, r, { source: undefined });
  return {
    checkIns: all.checkIns.map((r) => strip(r.record)),
    workouts: all.workouts.map((r) => ({ ...strip(r.record), exercises: r.record.exercises.map((e) => strip(e)) })),
    coaching: all.coaching.map((r) => strip(r.record)),
    meals: all.meals.map((r) => strip(r.record)),
  };
}

const CANONICAL: Record<string, string> = {
  'check-in-log.md': `# Check-in Log

| Date | Weight (lbs) | Body Fat % | Waist (inches) | Chest (inches) | Notes |
| :--- | :--- | :--- | :--- | :--- | :--- |
| 2025-03-03 | 241.0 | 29.5 |  |  | first weigh-in |
| 2025-03-05 | 240.25 |  | 44 | 46.5 | after coffee \\| before gym |
| 2025-03-07 | 108.5 kg | 29.1 |  |  |  |
`,
  'exercise-log.md': `# Exercise Log

| Date | Phase | Workout | Exercise | Sets x Reps | Notes |
| :--- | :--- | :--- | :--- | :--- | :--- |
| 2025-03-04 | Phase 1 | Lower Body A | Goblet Squat | 3 x 12 | 35 lb kettlebell |
| 2025-03-04 | Phase 1 | Lower Body A | A: Walking Lunge | 3 sets: 12, 10, 10 reps | bodyweight |
| 2025-03-04 | Phase 1 | Evening Walk | Walking | 45 minutes | 3 mph |
| 2025-03-06 | Phase 1 | Upper Body A | B1: Dips | 4 x 6 (bodyweight) |  |
`,
  'Coaching_sessions.md': `# Coaching Sessions

## 2025-03-12: Week 2 Review

**Coach:** Coach Lee
**Subject:** Two weeks in
**Rating:** 8/10

Down 3 lb, on plan.

**Orders:**
* **Protein first:** 180 g a day.

## 2025-03-19

**Coach:** Coach Lee

**Action Items:**
- [x] Walk after dinner
- [ ] Log every meal
`,
  'meal-log.md': `# Meal Log

| Date | Meal | Food/Drink | Calories (est.) | Notes |
| :--- | :--- | :--- | :--- | :--- |
| 2025-03-04 | Breakfast | 3 eggs, toast | 450 | Satiety (Pre: 2, Post: 8), Approx 30g protein |
| 2025-03-04 | Snack | Greek yogurt | 150 |  |
| 2025-03-04 | Pre-workout | Banana |  |  |
`,
};

const squeeze = (s: string) => s.replace(/[ \t]+/g, ' ');

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);

    it('round trip: the fixtures, exported and imported into an empty account, give the same records', async () => {
      const a = await newUser(t.db, 'source');
      await importDir(t.db, a, path.join(ROOT, 'fixtures', 'legacy'));
      const out = mkdtempSync(path.join(os.tmpdir(), 'fittrack-md-'));
      const written = await exportMarkdown(await loadLegacyRecords(t.db, a), out);
      expect(written.map((f) => path.basename(f))).toEqual(['check-in-log.md', 'exercise-log.md', 'Coaching_sessions.md', 'meal-log.md']);
      expect(readdirSync(out).sort()).toEqual(['Coaching_sessions.md', 'check-in-log.md', 'exercise-log.md', 'meal-log.md']);
      const b = await newUser(t.db, 'copy');
      await importDir(t.db, b, out);
      const before = content(await loadLegacyRecords(t.db, a));
      const after = content(await loadLegacyRecords(t.db, b));
      expect(after.checkIns.length).toBe(48);
      expect(after).toEqual(before);
    });

    it('writes a file already in canonical form back as it was, apart from spaces inside cells', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'fittrack-canon-'));
      for (const [name, text] of Object.entries(CANONICAL)) (await import('node:fs')).writeFileSync(path.join(dir, name), text);
      const u = await newUser(t.db, 'canonical');
      await importDir(t.db, u, dir);
      const out = mkdtempSync(path.join(os.tmpdir(), 'fittrack-canon-out-'));
      await exportMarkdown(await loadLegacyRecords(t.db, u), out);
      for (const [name, text] of Object.entries(CANONICAL)) {
        expect(squeeze(readFileSync(path.join(out, name), 'utf8')), name).toBe(squeeze(text));
      }
    });
  });
}

import { describe, expect, it, beforeAll } from 'vitest';
import { parseCsv } from '../helpers/csv.js';
import { dialects, useTestDb } from '../helpers/db.js';
import { seedUser } from '../helpers/seed.js';
import { createExportRepo } from '../../src/db/export-repo.js';
import { writeJsonDocument } from '../../src/export/json-exporter.js';
import { writeCsvTable, writeNdjson } from '../../src/export/csv-exporter.js';
import { SECTIONS } from '../../src/domain/export-format.js';
import { RECORD_FIELDS, type ExportDocument, type RecordKind } from '../../src/domain/export-document.js';
import type { Sink } from '../../src/export/output-sink.js';

function memorySink(): Sink & { text: string } {
  return { path: null, text: '', async write(t) { this.text += t; }, async commit() {}, async abort() {} };
}

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    let dana = 0;
    let lee = 0;
    beforeAll(async () => {
      dana = await seedUser(t.db, 'dana', { days: 12 });
      lee = await seedUser(t.db, 'lee', { days: 5, start: '2025-03-05', startLb: 180 });
    });

    async function exportDoc(userId: number, opts: Partial<Parameters<typeof writeJsonDocument>[2]> = {}) {
      const sink = memorySink();
      await writeJsonDocument(createExportRepo(t.db, userId), sink, { sections: [...SECTIONS], exportedAt: '2026-01-01T12:00:00.000Z', ...opts });
      return { text: sink.text, doc: JSON.parse(sink.text) as ExportDocument };
    }

    it('writes the whole account as one document, exactly as JSON.stringify with 2-space indent', async () => {
      const { text, doc } = await exportDoc(dana);
      expect(text).toBe(`${JSON.stringify(doc, null, 2)}\n`);
      expect(doc.format).toBe('fittrack-export');
      expect(doc.format_version).toBe(2);
      expect(doc.user).toEqual({ username: 'dana', email: 'dana@example.com', display_name: 'Dana', role: 'user', preferred_units: 'imperial', height_cm: 180.34, bio: null, photo_url: null });
      expect(doc.health_metrics).toHaveLength(12);
      expect(doc.workout_sessions).toHaveLength(7);
      expect(doc.meal_logs).toHaveLength(24);
      expect(doc.coaching_sessions).toHaveLength(1);
      expect(doc.goals).toHaveLength(2);
      expect(doc.progress_photos).toHaveLength(1);
      expect(doc.imports).toEqual([
        {
          batch_id: 'batch-dana-1',
          started_at: '2025-06-01T09:00:00.000Z',
          files: ['check-in-log.md', 'exercise-log.md'],
          rows_created: 18,
          reverted: false,
          finished_at: '2025-06-01T09:00:01.000Z',
          reverted_at: null,
          counts: { health_metrics: 12, workout_sessions: 6 },
        },
      ]);
    });

    it('keeps canonical values unrounded, nulls as null and every key on every record', async () => {
      const { doc } = await exportDoc(dana);
      const first = doc.health_metrics![0]!;
      expect(first.weight_kg).toBe(241 * 0.45359237);
      expect(first.weight_unit).toBe('lb');
      expect(first.body_fat_pct).toBe(29.5);
      expect(first.muscle_mass_kg).toBeNull();
      expect(first.length_unit).toBe('in');
      expect(first.waist_cm).toBe(42 * 2.54);
      expect(first.source).toEqual({ file: 'check-in-log.md', line: 7 });
      expect(doc.health_metrics![1]!.length_unit).toBeNull();
      expect(doc.health_metrics![11]!.source).toBeNull();
      const keys = (kind: RecordKind) => Object.keys(RECORD_FIELDS[kind]);
      for (const rec of doc.health_metrics!) expect(Object.keys(rec)).toEqual(keys('health_metrics'));
      for (const rec of doc.meal_logs!) expect(Object.keys(rec)).toEqual(keys('meal_logs'));
      for (const rec of doc.goals!) expect(Object.keys(rec)).toEqual(keys('goals'));
      for (const s of doc.workout_sessions!) {
        expect(Object.keys(s)).toEqual([...keys('workout_sessions'), 'exercises']);
        for (const x of s.exercises) expect(Object.keys(x)).toEqual(keys('exercises'));
      }
      expect(Object.keys(doc.coaching_sessions![0]!)).toEqual([
        'session_date', 'title', 'coach_name', 'subject', 'topics', 'rating', 'next_session_date', 'notes', 'follow_up_required', 'action_items', 'source', 'import_batch_id',
      ]);
      expect(doc.coaching_sessions![0]!.action_items).toEqual([
        { text: 'Protein first: 180 g a day before anything else.', done: false, done_at: null },
        { text: 'Sleep 7 hours.', done: true, done_at: '2025-06-01T09:30:00.000Z' },
      ]);
      // Progress is live, measured on the weight trend (not the stored current value): as goal list shows it.
      expect(doc.goals![0]!.progress_pct).toBe(6.9);
      expect(doc.goals![1]!.projected_date).toBeNull();
      expect(doc.goals![1]!.completed_at).toBe('2025-05-01T10:00:00.000Z');
      const text = JSON.stringify(doc);
      expect(text).not.toMatch(/password|token/);
    });

    it('sorts by date, then by the order of entry, exercises by their order', async () => {
      const { doc } = await exportDoc(dana);
      const s = doc.workout_sessions!;
      expect(s.slice(0, 3).map((w) => [w.session_date, w.title])).toEqual([
        ['2025-03-03', 'Lower Body A'],
        ['2025-03-03', 'Evening Walk'],
        ['2025-03-05', 'Upper Body B'],
      ]);
      expect(s[0]!.exercises.map((x) => x.exercise_name)).toEqual(['Back Squat', 'Bench Press', 'Plank']);
      expect(s[0]!.exercises[1]).toMatchObject({ sets: 3, reps: null, reps_per_set: [8, 7, 6], weight_kg: 60, rpe: 8.5 });
      expect(s[0]!.exercises[2]).toMatchObject({ sets: null, reps: null, duration_seconds: 60, weight_kg: null, weight_unit: null });
      const dates = doc.meal_logs!.map((m) => m.meal_date);
      expect(dates).toEqual([...dates].sort());
      expect(doc.meal_logs!.slice(0, 2).map((m) => m.meal_type)).toEqual(['breakfast', 'dinner']);
    });

    it('never mixes users', async () => {
      const { doc } = await exportDoc(lee);
      expect(doc.user.username).toBe('lee');
      expect(doc.health_metrics).toHaveLength(5);
      expect(doc.workout_sessions).toHaveLength(4);
      expect(doc.meal_logs).toHaveLength(10);
      expect(doc.imports!.map((i) => i.batch_id)).toEqual(['batch-lee-1']);
      expect(JSON.stringify(doc)).not.toContain('dana');
    });

    it('filters by section and date range, across page boundaries', async () => {
      const sink = memorySink();
      await writeJsonDocument(createExportRepo(t.db, dana), sink, { sections: ['health_metrics'], range: { from: '2025-03-05', to: '2025-03-09' }, exportedAt: 'x' });
      const doc = JSON.parse(sink.text) as ExportDocument;
      expect(Object.keys(doc)).toEqual(['format', 'format_version', 'exported_at', 'user', 'health_metrics']);
      expect(doc.health_metrics!.map((h) => h.recorded_date)).toEqual(['2025-03-05', '2025-03-06', '2025-03-07', '2025-03-08', '2025-03-09']);
      const repo = createExportRepo(t.db, dana);
      const pages: string[][] = [];
      for await (const page of repo.pages('workout_sessions', {}, 2)) pages.push((page as Array<{ session_date: string; title: string }>).map((w) => `${w.session_date} ${w.title}`));
      expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 1]);
      expect(pages.flat()[1]).toBe('2025-03-03 Evening Walk');
      expect(new Set(pages.flat()).size).toBe(7);
    });

    it('writes CSV tables with the JSON field names, RFC 4180 quoting, and imperial headers', async () => {
      const repo = createExportRepo(t.db, dana);
      const sink = memorySink();
      expect(await writeCsvTable(repo, 'health_metrics', sink)).toBe(12);
      const rows = parseCsv(sink.text) as Array<Record<string, string>>;
      expect(rows).toHaveLength(12);
      expect(Object.keys(rows[0]!).slice(0, 3)).toEqual(['recorded_date', 'weight_kg', 'weight_unit']);
      expect(rows[0]!.notes).toBe('first weigh-in, "fasted", after run');
      expect(sink.text).toContain('"first weigh-in, ""fasted"", after run"');
      expect(Number(rows[0]!.weight_kg)).toBe(241 * 0.45359237);
      expect(rows[0]!.muscle_mass_kg).toBe('');

      const imperial = memorySink();
      await writeCsvTable(repo, 'health_metrics', imperial, { units: 'imperial' });
      const irows = parseCsv(imperial.text) as Array<Record<string, string>>;
      expect(Object.keys(irows[0]!)).toContain('weight_lb');
      expect(Object.keys(irows[0]!)).toContain('waist_in');
      expect(Object.keys(irows[0]!)).not.toContain('weight_kg');
      expect(Number(irows[0]!.weight_lb)).toBe(241);
      expect(Number(irows[0]!.waist_in)).toBe(42);

      const ex = memorySink();
      await writeCsvTable(repo, 'exercises', ex, { units: 'imperial' });
      const xrows = parseCsv(ex.text) as Array<Record<string, string>>;
      expect(xrows).toHaveLength(19);
      expect(xrows[3]).toMatchObject({ session_date: '2025-03-03', session_title: 'Evening Walk', exercise_name: 'Walking', distance_mi: '3.5' });
      expect(xrows[1]!.reps_per_set).toBe('[8,7,6]');

      const actions = memorySink();
      await writeCsvTable(repo, 'action_items', actions);
      expect(parseCsv(actions.text)).toEqual([
        { session_date: '2025-03-12', session_title: 'Week 2 Review', position: '1', text: 'Protein first: 180 g a day before anything else.', done: 'false', done_at: '' },
        { session_date: '2025-03-12', session_title: 'Week 2 Review', position: '2', text: 'Sleep 7 hours.', done: 'true', done_at: '2025-06-01T09:30:00.000Z' },
      ]);
    });

    it('writes NDJSON, one typed object per line', async () => {
      const sink = memorySink();
      const n = await writeNdjson(createExportRepo(t.db, lee), ['health_metrics', 'goals'], sink);
      const lines = sink.text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(n).toBe(7);
      expect(lines).toHaveLength(7);
      expect(lines[0]).toMatchObject({ type: 'health_metrics', recorded_date: '2025-03-05', muscle_mass_kg: null });
      expect(lines[6]).toMatchObject({ type: 'goals', title: 'Squat 225 lb' });
    });
  });
}

import { describe, expect, it } from 'vitest';
import { dialects, useTestDb } from '../helpers/db.js';

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    it('creates every table', async () => {
      for (const table of ['users', 'health_metrics', 'workout_sessions', 'exercise_logs', 'exercise_definitions', 'coaching_sessions', 'coaching_action_items', 'user_goals', 'progress_photos', 'meal_logs', 'user_sessions', 'app_config', 'audit_log', 'import_batches']) {
        expect(await t.db.schema.hasTable(table), table).toBe(true);
      }
    });
  });
}

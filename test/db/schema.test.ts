/**
 * The schema refuses bad rows on its own, the same way on both engines: every CHECK, UNIQUE
 * and FOREIGN KEY is exercised here with a row that breaks it.
 */
import type { Knex } from 'knex';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateLatest, migratorConfig } from '../../src/db/migrate.js';
import { dialects, useTestDb, type Dialect } from '../helpers/db.js';

const TABLES = [
  'users',
  'health_metrics',
  'workout_sessions',
  'exercise_logs',
  'exercise_sets',
  'exercise_definitions',
  'coaching_sessions',
  'coaching_action_items',
  'user_goals',
  'progress_photos',
  'meal_logs',
  'user_sessions',
  'app_config',
  'audit_log',
  'import_batches',
];

const NOW = '2026-01-01T12:00:00.000Z';
const LATER = '2026-01-02T12:00:00.000Z';

interface Ids {
  user: number;
  session: number;
  exerciseLog: number;
  coaching: number;
  batch: string;
}

/** A valid row for each table; each bad case overrides one column of it. */
function validRows(ids: Ids, n: number): Record<string, Record<string, unknown>> {
  return {
    users: { username: `u${n}`, email: `u${n}@example.com` },
    health_metrics: { user_id: ids.user, recorded_date: new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10), weight_kg: 80, notes: `n${n}` },
    workout_sessions: { user_id: ids.user, session_date: '2025-01-01', title: 'Upper A' },
    exercise_logs: { session_id: ids.session, exercise_name: 'Bench', order_index: n },
    exercise_sets: { exercise_log_id: ids.exerciseLog, set_index: n + 1, reps: 8, weight_kg: 60 },
    exercise_definitions: { name: `Exercise ${n}` },
    coaching_sessions: { user_id: ids.user, session_date: '2025-01-01', title: 'Review' },
    coaching_action_items: { session_id: ids.coaching, position: n + 1, text: 'Sleep more' },
    user_goals: { user_id: ids.user, title: 'Cut', goal_type: 'weight_loss', start_date: '2025-01-01' },
    progress_photos: { user_id: ids.user, taken_on: '2025-01-01', file_path: '/p.jpg', sha256: 'a'.repeat(64) },
    meal_logs: { user_id: ids.user, meal_date: '2025-01-01', meal_type: 'lunch' },
    user_sessions: { user_id: ids.user, token_hash: String(n).padStart(64, '0'), created_at: NOW, expires_at: LATER },
    import_batches: { id: `batch-${n}`, user_id: ids.user, files: '[]' },
    audit_log: { action: 'test' },
    app_config: { key: `k${n}`, value: 'v' },
  };
}

/** [table, column, bad value, why] — each must be refused. */
const BAD: Array<[string, string, unknown, string]> = [
  ['users', 'username', null, 'username required'],
  ['users', 'username', '', 'username not empty'],
  ['users', 'role', 'owner', 'role enum'],
  ['users', 'preferred_units', 'furlongs', 'units enum'],
  ['users', 'height_cm', 20, 'height range'],
  ['users', 'failed_login_attempts', -1, 'failed attempts non-negative'],
  ['health_metrics', 'user_id', null, 'owner required'],
  ['health_metrics', 'user_id', 999999, 'owner must exist'],
  ['health_metrics', 'recorded_date', null, 'date required'],
  ['health_metrics', 'weight_kg', 19.9, 'weight below 20 kg'],
  ['health_metrics', 'weight_kg', 500.1, 'weight above 500 kg'],
  ['health_metrics', 'weight_unit', 'stone', 'weight unit enum'],
  ['health_metrics', 'body_fat_pct', 1.9, 'body fat below 2 %'],
  ['health_metrics', 'body_fat_pct', 75.1, 'body fat above 75 %'],
  ['health_metrics', 'length_unit', 'ft', 'length unit enum'],
  ['health_metrics', 'waist_cm', 0, 'waist range'],
  ['health_metrics', 'chest_cm', 1000, 'chest range'],
  ['health_metrics', 'left_thigh_cm', -3, 'thigh range'],
  ['health_metrics', 'resting_heart_rate', 24, 'heart rate below 25'],
  ['health_metrics', 'resting_heart_rate', 251, 'heart rate above 250'],
  ['health_metrics', 'blood_pressure_systolic', 301, 'systolic range'],
  ['health_metrics', 'blood_pressure_diastolic', 10, 'diastolic range'],
  ['health_metrics', 'energy_level', 0, 'energy scale'],
  ['health_metrics', 'mood', 11, 'mood scale'],
  ['health_metrics', 'sleep_quality', 11, 'sleep quality scale'],
  ['health_metrics', 'stress_level', 0, 'stress scale'],
  ['health_metrics', 'sleep_hours', 25, 'sleep hours range'],
  ['health_metrics', 'source_line', 0, 'source line positive'],
  ['health_metrics', 'import_batch_id', 'no-such-batch', 'batch must exist'],
  ['workout_sessions', 'session_type', 'dance', 'session type enum'],
  ['workout_sessions', 'title', null, 'title required'],
  ['workout_sessions', 'intensity', 11, 'intensity scale'],
  ['workout_sessions', 'fatigue', 0, 'fatigue scale'],
  ['workout_sessions', 'soreness', 12, 'soreness scale'],
  ['workout_sessions', 'duration_minutes', -5, 'duration non-negative'],
  ['exercise_logs', 'session_id', 999999, 'session must exist'],
  ['exercise_logs', 'reps', -1, 'reps non-negative'],
  ['exercise_logs', 'sets', -1, 'sets non-negative'],
  ['exercise_logs', 'rpe', 7.25, 'rpe in halves'],
  ['exercise_logs', 'rpe', 10.5, 'rpe at most 10'],
  ['exercise_logs', 'form_quality', 0, 'form scale'],
  ['exercise_logs', 'weight_kg', -10, 'load non-negative'],
  ['exercise_logs', 'weight_unit', 'st', 'load unit enum'],
  ['exercise_logs', 'distance_km', -1, 'distance non-negative'],
  ['exercise_logs', 'exercise_definition_id', 999999, 'definition must exist'],
  ['exercise_sets', 'exercise_log_id', 999999, 'set of an existing exercise'],
  ['exercise_sets', 'set_index', 0, 'set position positive'],
  ['exercise_sets', 'set_type', 'giant', 'set type enum'],
  ['exercise_sets', 'set_type', null, 'set type required'],
  ['exercise_sets', 'reps', -1, 'set reps non-negative'],
  ['exercise_sets', 'weight_kg', 1000.5, 'set load at most 1000 kg'],
  ['exercise_sets', 'rpe', 8.25, 'set rpe in halves'],
  ['exercise_sets', 'rpe', 0.5, 'set rpe at least 1'],
  ['exercise_sets', 'duration_seconds', -1, 'set time non-negative'],
  ['exercise_sets', 'distance_km', 1001, 'set distance at most 1000 km'],
  ['exercise_definitions', 'category', 'cardio-ish', 'category enum'],
  ['exercise_definitions', 'difficulty', 'legendary', 'difficulty enum'],
  ['exercise_definitions', 'name', '', 'name not empty'],
  ['coaching_sessions', 'rating', 11, 'rating scale'],
  ['coaching_sessions', 'coach_id', 999999, 'coach must exist'],
  ['coaching_action_items', 'text', '', 'action text not empty'],
  ['coaching_action_items', 'position', 0, 'position positive'],
  ['coaching_action_items', 'session_id', 999999, 'coaching session must exist'],
  ['user_goals', 'goal_type', 'vibes', 'goal type enum'],
  ['user_goals', 'status', 'done', 'goal status enum'],
  ['user_goals', 'target_date', '2024-12-31', 'target date after start'],
  ['user_goals', 'completed_at', NOW, 'completed_at only when completed'],
  ['progress_photos', 'photo_type', 'selfie', 'photo type enum'],
  ['progress_photos', 'sha256', 'abc', 'sha256 length'],
  ['progress_photos', 'weight_kg', 600, 'photo weight snapshot range'],
  ['meal_logs', 'meal_type', 'brunch', 'meal type enum'],
  ['meal_logs', 'calories', 10001, 'calories above 10000'],
  ['meal_logs', 'calories', -1, 'calories negative'],
  ['meal_logs', 'protein_g', -1, 'protein non-negative'],
  ['meal_logs', 'adherence', 'meh', 'adherence enum'],
  ['meal_logs', 'satisfaction', 11, 'satisfaction scale'],
  ['meal_logs', 'hunger_before', 0, 'hunger scale'],
  ['meal_logs', 'satiety_after', 11, 'satiety scale'],
  ['user_sessions', 'token_hash', 'short', 'token hash is a sha-256 hex'],
  ['user_sessions', 'expires_at', '2025-01-01T00:00:00.000Z', 'expiry after creation'],
  ['user_sessions', 'expires_at', null, 'expiry required'],
  ['import_batches', 'files', null, 'files required'],
  ['audit_log', 'action', null, 'action required'],
  ['audit_log', 'user_id', 999999, 'audit user must exist'],
];

/** Rows that are fine alone but break a UNIQUE constraint when inserted twice. */
const DUPLICATES: Array<[string, (ids: Ids) => Record<string, unknown>, string]> = [
  ['users', () => ({ username: 'dup' }), 'username unique'],
  ['users', () => ({ username: `e${Math.random()}`, email: 'same@example.com' }), 'email unique'],
  ['health_metrics', (ids) => ({ user_id: ids.user, recorded_date: '2024-06-01', weight_kg: 80 }), 'one check-in per user and date'],
  ['exercise_definitions', () => ({ name: 'Bench Press' }), 'exercise name unique'],
  ['user_sessions', (ids) => ({ user_id: ids.user, token_hash: 'f'.repeat(64), created_at: NOW, expires_at: LATER }), 'token hash unique'],
  ['coaching_action_items', (ids) => ({ session_id: ids.coaching, position: 99, text: 'x' }), 'action position unique per session'],
  ['exercise_sets', (ids) => ({ exercise_log_id: ids.exerciseLog, set_index: 99, reps: 1 }), 'set position unique per exercise'],
  ['app_config', () => ({ key: 'same', value: '1' }), 'config key unique'],
];

async function seed(db: Knex): Promise<Ids> {
  const [user] = await db('users').insert({ username: 'owner' }).returning('id');
  const userId = typeof user === 'object' ? (user as { id: number }).id : (user as number);
  const ids: Ids = { user: userId, session: 0, exerciseLog: 0, coaching: 0, batch: 'b0' };
  const [s] = await db('workout_sessions').insert({ user_id: userId, session_date: '2025-01-01', title: 'S' }).returning('id');
  ids.session = (s as { id: number }).id;
  const [l] = await db('exercise_logs').insert({ session_id: ids.session, exercise_name: 'Bench', order_index: 0 }).returning('id');
  ids.exerciseLog = (l as { id: number }).id;
  const [c] = await db('coaching_sessions').insert({ user_id: userId, session_date: '2025-01-01' }).returning('id');
  ids.coaching = (c as { id: number }).id;
  await db('import_batches').insert({ id: 'b0', user_id: userId, files: '[]' });
  return ids;
}

/** Column names and types, engine-specific, to compare a schema before and after down/up. */
async function describeSchema(db: Knex, dialect: Dialect): Promise<string[]> {
  if (dialect === 'sqlite') {
    const rows: Array<{ type: string; name: string; sql: string | null }> = await db.raw(
      "select type, name, sql from sqlite_master where name not like 'sqlite_%' and name not like 'knex_%' order by type, name",
    );
    return rows.map((r) => `${r.type} ${r.name} ${r.sql ?? ''}`);
  }
  const cols = await db.raw(
    `select table_name, column_name, data_type, is_nullable, column_default from information_schema.columns
     where table_schema = 'public' and table_name not like 'knex_%' order by table_name, column_name`,
  );
  const cons = await db.raw(
    `select conrelid::regclass::text as t, conname, pg_get_constraintdef(oid) as def from pg_constraint
     where connamespace = 'public'::regnamespace order by 1, 2`,
  );
  const idx = await db.raw(`select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename not like 'knex_%' order by 1`);
  return [
    ...cols.rows.map((r: Record<string, unknown>) => JSON.stringify(r)),
    ...cons.rows.map((r: Record<string, unknown>) => JSON.stringify(r)),
    ...idx.rows.map((r: Record<string, unknown>) => JSON.stringify(r)),
  ];
}

for (const dialect of dialects) {
  describe(`schema on ${dialect}`, () => {
    const t = useTestDb(dialect);
    let ids: Ids;
    beforeAll(async () => {
      ids = await seed(t.db);
    });

    it('has every table', async () => {
      for (const table of TABLES) expect(await t.db.schema.hasTable(table), table).toBe(true);
    });

    it('accepts a valid row in every table', async () => {
      const rows = validRows(ids, 500);
      for (const table of TABLES) {
        await expect(t.db(table).insert(rows[table]!), table).resolves.toBeDefined();
      }
    });

    it.each(BAD.map((b, i) => [...b, i] as const))('refuses %s.%s = %j (%s)', async (table, column, value, _why, i) => {
      const valid = validRows(ids, i + 1)[table]!;
      // The same row without the bad value is accepted (then rolled back), so the refusal below is the constraint's doing.
      const rollback = new Error('rollback');
      await expect(t.db.transaction(async (trx) => {
        await trx(table).insert(valid);
        throw rollback;
      })).rejects.toBe(rollback);
      const row = { ...valid, [column]: value };
      await expect(t.db(table).insert(row)).rejects.toThrow();
      // …and the table holds no trace of it.
      const probe = validRows(ids, i + 1)[table]!;
      const key = Object.keys(probe).find((k) => !['user_id', 'session_id', 'files'].includes(k))!;
      if (key !== column) {
        const found = await t.db(table).where(key, probe[key] as string).andWhere(column, value === null ? 'is' : '=', value as string).first().catch(() => undefined);
        expect(found).toBeUndefined();
      }
    });

    it.each(DUPLICATES)('refuses a duplicate in %s (%s)', async (table, make) => {
      const first = make(ids);
      await t.db(table).insert(first);
      const second = table === 'users' && 'email' in first ? { ...make(ids), email: first.email } : first;
      await expect(t.db(table).insert(second)).rejects.toThrow();
    });

    it('treats exercise names as unique regardless of case', async () => {
      await t.db('exercise_definitions').insert({ name: 'Romanian Deadlift' });
      await expect(t.db('exercise_definitions').insert({ name: 'romanian deadlift' })).rejects.toThrow();
    });

    it('accepts half-point RPE and refuses a malformed date', async () => {
      await t.db('exercise_logs').insert({ session_id: ids.session, exercise_name: 'Row', order_index: 900, rpe: 8.5 });
      await expect(t.db('health_metrics').insert({ user_id: ids.user, recorded_date: '2025-02-30' })).rejects.toThrow();
      await expect(t.db('health_metrics').insert({ user_id: ids.user, recorded_date: '2025-13-01' })).rejects.toThrow();
    });

    it('deleting a user cascades to everything the user owns and leaves no orphan', async () => {
      const [u] = await t.db('users').insert({ username: 'leaver' }).returning('id');
      const uid = (u as { id: number }).id;
      const [s] = await t.db('workout_sessions').insert({ user_id: uid, session_date: '2025-01-01', title: 'S' }).returning('id');
      const sid = (s as { id: number }).id;
      const [c] = await t.db('coaching_sessions').insert({ user_id: uid, session_date: '2025-01-01' }).returning('id');
      const cid = (c as { id: number }).id;
      const [g] = await t.db('user_goals').insert({ user_id: uid, title: 'g', goal_type: 'habit', start_date: '2025-01-01' }).returning('id');
      await t.db('import_batches').insert({ id: 'leaver-batch', user_id: uid, files: '[]' });
      await t.db('health_metrics').insert({ user_id: uid, recorded_date: '2025-01-01', weight_kg: 70, import_batch_id: 'leaver-batch' });
      const [l] = await t.db('exercise_logs').insert({ session_id: sid, exercise_name: 'Squat', order_index: 1 }).returning('id');
      const lid = (l as { id: number }).id;
      await t.db('exercise_sets').insert([{ exercise_log_id: lid, set_index: 1, reps: 5, weight_kg: 100, set_type: 'normal' }, { exercise_log_id: lid, set_index: 2, reps: 3, weight_kg: 110, set_type: 'failure' }]);
      await t.db('coaching_action_items').insert({ session_id: cid, position: 1, text: 'walk', goal_id: (g as { id: number }).id });
      await t.db('meal_logs').insert({ user_id: uid, meal_date: '2025-01-01', meal_type: 'dinner' });
      await t.db('progress_photos').insert({ user_id: uid, taken_on: '2025-01-01', file_path: '/x', sha256: 'b'.repeat(64) });
      await t.db('user_sessions').insert({ user_id: uid, token_hash: 'c'.repeat(64), created_at: NOW, expires_at: LATER });
      await t.db('audit_log').insert({ user_id: uid, action: 'login' });

      await t.db('users').where('id', uid).delete();

      for (const table of ['health_metrics', 'workout_sessions', 'coaching_sessions', 'user_goals', 'import_batches', 'meal_logs', 'progress_photos', 'user_sessions']) {
        expect(await t.db(table).where('user_id', uid).first(), table).toBeUndefined();
      }
      expect(await t.db('exercise_logs').where('session_id', sid).first()).toBeUndefined();
      expect(await t.db('exercise_sets').where('exercise_log_id', lid).first()).toBeUndefined();
      expect(await t.db('coaching_action_items').where('session_id', cid).first()).toBeUndefined();
      const audit = await t.db('audit_log').where('action', 'login').whereNull('user_id').first();
      expect(audit, 'audit rows outlive the user, anonymised').toBeDefined();
    });
  });

  describe(`migrations on ${dialect}`, () => {
    const t = useTestDb(dialect, { migrate: false });

    it('go down completely and up again to the same schema', async () => {
      expect(await migrateLatest(t.db)).toEqual(MIGRATIONS.map(([name]) => name));
      const before = await describeSchema(t.db, dialect);
      expect(before.length).toBeGreaterThan(20);
      await t.db.migrate.rollback(migratorConfig, true);
      for (const table of TABLES) expect(await t.db.schema.hasTable(table), table).toBe(false);
      await migrateLatest(t.db);
      expect(await describeSchema(t.db, dialect)).toEqual(before);
    });
  });
}

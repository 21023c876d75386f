/**
 * The whole fittrack schema, the same in meaning on SQLite and PostgreSQL.
 *
 * Conventions:
 * - dates are `date` columns holding `YYYY-MM-DD` (SQLite checks the form itself);
 * - timestamps are ISO-8601 UTC strings on SQLite and `timestamptz` on PostgreSQL;
 * - JSON is `jsonb` on PostgreSQL and text on SQLite;
 * - every range, scale and enum is a CHECK constraint, so the database refuses bad rows itself.
 */
import type { Knex } from 'knex';

type Table = Knex.CreateTableBuilder;

function isPg(knex: Knex): boolean {
  return (knex.client as { config: { client: string } }).config.client === 'pg';
}

export async function up(knex: Knex): Promise<void> {
  const pg = isPg(knex);
  /** The table being created, for constraint names. */
  let current = '';
  const create = (name: string, build: (t: Table) => void) =>
    knex.schema.createTable(name, (t) => {
      current = name;
      build(t);
    });
  const now = pg ? knex.fn.now() : knex.raw("(strftime('%Y-%m-%dT%H:%M:%fZ','now'))");

  const ts = (t: Table, name: string) => t.timestamp(name, { useTz: true });
  const timestamps = (t: Table) => {
    ts(t, 'created_at').notNullable().defaultTo(now);
    ts(t, 'updated_at').notNullable().defaultTo(now);
  };
  const date = (t: Table, name: string, nullable = false) => {
    const c = t.date(name);
    if (!nullable) c.notNullable();
    if (!pg) t.check(`${name} IS NULL OR (length(${name}) = 10 AND date(${name}) IS ${name})`, [], `${current}_${name}_is_date`);
    return c;
  };
  /** A nullable number with an inclusive range. */
  const num = (t: Table, name: string, min: number, max: number, kind: 'double' | 'integer' = 'double') => {
    (kind === 'integer' ? t.integer(name) : t.double(name)).nullable();
    t.check(`${name} IS NULL OR (${name} >= ${min} AND ${name} <= ${max})`, [], `${current}_${name}_range`);
  };
  const scale = (t: Table, name: string) => num(t, name, 1, 10, 'integer');
  const owner = (t: Table) => t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
  const provenance = (t: Table) => {
    t.text('source_file').nullable();
    t.integer('source_line').nullable();
    t.string('import_batch_id', 64).nullable().references('id').inTable('import_batches').onDelete('SET NULL');
    t.check('source_line IS NULL OR source_line >= 1', [], `${current}_source_line_positive`);
  };

  await create('users', (t) => {
    t.increments('id').primary();
    t.string('username', 64).notNullable().unique();
    t.string('email', 254).nullable().unique();
    t.string('password_hash', 100).nullable();
    t.enu('role', ['user', 'coach', 'admin']).notNullable().defaultTo('user');
    t.boolean('is_active').notNullable().defaultTo(true);
    t.integer('failed_login_attempts').notNullable().defaultTo(0);
    ts(t, 'locked_until').nullable();
    ts(t, 'last_login_at').nullable();
    t.string('display_name', 200).nullable();
    t.text('bio').nullable();
    t.text('photo_url').nullable();
    t.enu('preferred_units', ['metric', 'imperial']).notNullable().defaultTo('metric');
    num(t, 'height_cm', 50, 272);
    timestamps(t);
    t.check("length(username) >= 1", [], 'users_username_not_empty');
    t.check('failed_login_attempts >= 0', [], 'users_failed_login_attempts_positive');
  });

  await create('import_batches', (t) => {
    t.string('id', 64).primary();
    owner(t);
    ts(t, 'started_at').notNullable().defaultTo(now);
    ts(t, 'finished_at').nullable();
    t.jsonb('files').notNullable();
    t.jsonb('counts').nullable();
    ts(t, 'reverted_at').nullable();
    t.index(['user_id', 'started_at']);
  });

  await create('health_metrics', (t) => {
    t.increments('id').primary();
    owner(t);
    date(t, 'recorded_date');
    num(t, 'weight_kg', 20, 500);
    t.enu('weight_unit', ['kg', 'lb']).nullable();
    num(t, 'body_fat_pct', 2, 75);
    num(t, 'muscle_mass_kg', 5, 300);
    num(t, 'bmi', 5, 150);
    t.enu('length_unit', ['cm', 'in']).nullable();
    for (const point of ['chest', 'waist', 'hips', 'neck', 'left_arm', 'right_arm', 'left_thigh', 'right_thigh']) {
      num(t, `${point}_cm`, 5, 400);
    }
    num(t, 'resting_heart_rate', 25, 250, 'integer');
    num(t, 'blood_pressure_systolic', 50, 300, 'integer');
    num(t, 'blood_pressure_diastolic', 20, 200, 'integer');
    scale(t, 'energy_level');
    scale(t, 'mood');
    scale(t, 'sleep_quality');
    scale(t, 'stress_level');
    num(t, 'sleep_hours', 0, 24);
    t.text('notes').nullable();
    provenance(t);
    timestamps(t);
    t.unique(['user_id', 'recorded_date']);
    t.check(
      'blood_pressure_systolic IS NULL OR blood_pressure_diastolic IS NULL OR blood_pressure_systolic > blood_pressure_diastolic',
      [],
      'health_metrics_bp_order',
    );
  });

  await create('workout_sessions', (t) => {
    t.increments('id').primary();
    owner(t);
    date(t, 'session_date');
    t.string('title', 200).notNullable();
    t.enu('session_type', ['strength', 'cardio', 'flexibility', 'martial_arts', 'sports', 'recovery', 'mixed']).notNullable().defaultTo('strength');
    t.string('program_phase', 100).nullable();
    num(t, 'program_week', 1, 520, 'integer');
    num(t, 'program_day', 1, 7 * 520, 'integer');
    num(t, 'duration_minutes', 0, 1440);
    scale(t, 'intensity');
    scale(t, 'fatigue');
    scale(t, 'soreness');
    t.text('notes').nullable();
    provenance(t);
    timestamps(t);
    t.index(['user_id', 'session_date']);
  });

  await create('exercise_definitions', (t) => {
    t.increments('id').primary();
    t.string('name', 200).notNullable();
    t.enu('category', ['compound', 'isolation', 'cardio', 'flexibility', 'core', 'plyometric', 'martial_arts']).nullable();
    t.jsonb('muscle_groups').nullable();
    t.jsonb('equipment').nullable();
    t.enu('difficulty', ['beginner', 'intermediate', 'advanced', 'expert']).nullable();
    t.text('description').nullable();
    t.text('instructions').nullable();
    t.text('tips').nullable();
    t.text('video_url').nullable();
    t.text('image_url').nullable();
    t.integer('created_by').nullable().references('id').inTable('users').onDelete('SET NULL');
    timestamps(t);
    t.check('length(name) >= 1', [], 'exercise_definitions_name_not_empty');
  });
  await knex.raw('CREATE UNIQUE INDEX exercise_definitions_name_ci ON exercise_definitions (lower(name))');

  await create('exercise_logs', (t) => {
    t.increments('id').primary();
    t.integer('session_id').notNullable().references('id').inTable('workout_sessions').onDelete('CASCADE');
    t.integer('exercise_definition_id').nullable().references('id').inTable('exercise_definitions').onDelete('SET NULL');
    t.string('exercise_name', 200).notNullable();
    t.string('superset_label', 10).nullable();
    t.integer('order_index').notNullable();
    num(t, 'sets', 0, 100, 'integer');
    num(t, 'reps', 0, 10000, 'integer');
    t.jsonb('reps_per_set').nullable();
    num(t, 'weight_kg', 0, 1000);
    t.enu('weight_unit', ['kg', 'lb']).nullable();
    num(t, 'rest_seconds', 0, 86400, 'integer');
    num(t, 'duration_seconds', 0, 86400 * 2);
    num(t, 'distance_km', 0, 1000);
    num(t, 'rpe', 1, 10);
    scale(t, 'form_quality');
    t.text('notes').nullable();
    t.text('raw').nullable();
    provenance(t);
    ts(t, 'created_at').notNullable().defaultTo(now);
    t.index(['session_id', 'order_index']);
    t.index(['exercise_definition_id']);
    t.check('rpe IS NULL OR rpe * 2 = CAST(rpe * 2 AS INTEGER)', [], 'exercise_logs_rpe_halves');
    t.check('order_index >= 0', [], 'exercise_logs_order_index_positive');
  });

  await create('user_goals', (t) => {
    t.increments('id').primary();
    owner(t);
    t.string('title', 200).notNullable();
    t.enu('goal_type', ['weight_loss', 'muscle_gain', 'strength', 'endurance', 'flexibility', 'skill', 'habit', 'nutrition']).notNullable();
    t.string('metric', 200).nullable();
    t.double('start_value').nullable();
    t.double('target_value').nullable();
    t.double('current_value').nullable();
    t.string('unit', 20).nullable();
    date(t, 'start_date');
    date(t, 'target_date', true);
    t.enu('status', ['active', 'completed', 'paused', 'abandoned']).notNullable().defaultTo('active');
    ts(t, 'completed_at').nullable();
    t.jsonb('milestones').nullable();
    t.text('notes').nullable();
    timestamps(t);
    t.index(['user_id', 'start_date']);
    t.check('target_date IS NULL OR target_date >= start_date', [], 'user_goals_target_after_start');
    t.check("(status = 'completed') = (completed_at IS NOT NULL)", [], 'user_goals_completed_at_iff_completed');
  });

  await create('coaching_sessions', (t) => {
    t.increments('id').primary();
    owner(t);
    t.integer('coach_id').nullable().references('id').inTable('users').onDelete('SET NULL');
    date(t, 'session_date');
    t.string('title', 300).nullable();
    t.string('coach_name', 200).nullable();
    t.text('subject').nullable();
    t.jsonb('topics').nullable();
    t.text('notes').nullable();
    scale(t, 'rating');
    date(t, 'next_session_date', true);
    t.boolean('follow_up_required').notNullable().defaultTo(false);
    provenance(t);
    timestamps(t);
    t.index(['user_id', 'session_date']);
  });

  await create('coaching_action_items', (t) => {
    t.increments('id').primary();
    t.integer('session_id').notNullable().references('id').inTable('coaching_sessions').onDelete('CASCADE');
    t.integer('position').notNullable();
    t.text('text').notNullable();
    t.boolean('done').notNullable().defaultTo(false);
    ts(t, 'done_at').nullable();
    t.integer('goal_id').nullable().references('id').inTable('user_goals').onDelete('SET NULL');
    t.unique(['session_id', 'position']);
    t.check('position >= 1', [], 'coaching_action_items_position_positive');
    t.check('length(text) >= 1', [], 'coaching_action_items_text_not_empty');
  });

  await create('progress_photos', (t) => {
    t.increments('id').primary();
    owner(t);
    date(t, 'taken_on');
    t.enu('photo_type', ['front', 'side', 'back', 'flex', 'comparison']).notNullable().defaultTo('front');
    t.text('file_path').notNullable();
    t.string('sha256', 64).notNullable();
    num(t, 'weight_kg', 20, 500);
    num(t, 'body_fat_pct', 2, 75);
    t.boolean('is_public').notNullable().defaultTo(false);
    t.text('notes').nullable();
    timestamps(t);
    t.index(['user_id', 'taken_on']);
    t.check('length(sha256) = 64', [], 'progress_photos_sha256_length');
  });

  await create('meal_logs', (t) => {
    t.increments('id').primary();
    owner(t);
    date(t, 'meal_date');
    t.enu('meal_type', ['breakfast', 'lunch', 'dinner', 'snack', 'pre_workout', 'post_workout']).notNullable();
    t.text('description').nullable();
    num(t, 'calories', 0, 10000);
    num(t, 'protein_g', 0, 2000);
    num(t, 'carbs_g', 0, 2000);
    num(t, 'fat_g', 0, 2000);
    num(t, 'fiber_g', 0, 2000);
    num(t, 'sugar_g', 0, 2000);
    num(t, 'sodium_mg', 0, 100000);
    num(t, 'water_ml', 0, 20000);
    t.enu('adherence', ['perfect', 'good', 'fair', 'poor', 'off_plan']).nullable();
    scale(t, 'satisfaction');
    scale(t, 'hunger_before');
    scale(t, 'hunger_after');
    scale(t, 'satiety_before');
    scale(t, 'satiety_after');
    t.text('notes').nullable();
    provenance(t);
    timestamps(t);
    t.index(['user_id', 'meal_date']);
  });

  await create('user_sessions', (t) => {
    t.increments('id').primary();
    owner(t);
    t.string('token_hash', 64).notNullable().unique();
    ts(t, 'created_at').notNullable().defaultTo(now);
    ts(t, 'expires_at').notNullable();
    ts(t, 'last_activity_at').nullable();
    ts(t, 'revoked_at').nullable();
    t.string('revoke_reason', 200).nullable();
    t.boolean('remember_me').notNullable().defaultTo(false);
    t.string('ip_address', 64).nullable();
    t.string('user_agent', 300).nullable();
    t.string('device_type', 20).nullable();
    t.string('hostname', 255).nullable();
    t.index(['user_id', 'created_at']);
    t.index(['expires_at']);
    t.index(['revoked_at']);
    t.check('length(token_hash) = 64', [], 'user_sessions_token_hash_length');
    t.check('expires_at > created_at', [], 'user_sessions_expires_after_created');
  });

  await create('app_config', (t) => {
    t.string('key', 100).primary();
    t.text('value').nullable();
    ts(t, 'updated_at').notNullable().defaultTo(now);
  });

  await create('audit_log', (t) => {
    t.increments('id').primary();
    t.integer('user_id').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('action', 64).notNullable();
    t.string('entity', 64).nullable();
    t.string('entity_id', 64).nullable();
    t.jsonb('details').nullable();
    ts(t, 'created_at').notNullable().defaultTo(now);
    t.index(['user_id', 'created_at']);
    t.index(['created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'audit_log',
    'app_config',
    'user_sessions',
    'meal_logs',
    'progress_photos',
    'coaching_action_items',
    'coaching_sessions',
    'user_goals',
    'exercise_logs',
    'exercise_definitions',
    'workout_sessions',
    'health_metrics',
    'import_batches',
    'users',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}

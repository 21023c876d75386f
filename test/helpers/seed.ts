/**
 * Realistic data for one user, inserted straight through Knex: an import batch, weigh-ins in
 * pounds, workouts with exercises (sets, timed work, a superset), meals, coaching sessions
 * with action items, goals and a progress photo.
 *
 * @example const userId = await seedUser(t.db, 'dana', { days: 10 })
 */
import type { Knex } from 'knex';

const KG_PER_LB = 0.45359237;

export interface SeedOptions {
  /** Number of daily weigh-ins (and every other day a workout, every day two meals). */
  days?: number;
  /** First day, YYYY-MM-DD. */
  start?: string;
  /** Weight of the first weigh-in in pounds; the weight falls by 0.3 lb a day. */
  startLb?: number;
  role?: 'user' | 'coach' | 'admin';
  /** Give the user a password hash (a multi-user account) instead of being the local profile. */
  password?: boolean;
}

export function addDaysIso(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function insertId(db: Knex, table: string, row: Record<string, unknown>): Promise<number> {
  const [r] = await db(table).insert(row).returning('id');
  return Number(typeof r === 'object' ? (r as { id: number }).id : r);
}

/** Inserts a user and all their data; returns the user id. */
export async function seedUser(db: Knex, username: string, opts: SeedOptions = {}): Promise<number> {
  const days = opts.days ?? 10;
  const start = opts.start ?? '2025-03-03';
  const startLb = opts.startLb ?? 241;
  const now = '2025-06-01T09:30:00.000Z';
  const userId = await insertId(db, 'users', {
    username,
    email: `${username}@example.com`,
    display_name: username[0]!.toUpperCase() + username.slice(1),
    role: opts.role ?? 'user',
    preferred_units: 'imperial',
    height_cm: 180.34,
    password_hash: opts.password ? '$2b$04$abcdefghijklmnopqrstuv0123456789012345678901234567890' : null,
    created_at: now,
    updated_at: now,
  });
  const batchId = `batch-${username}-1`;
  await db('import_batches').insert({
    id: batchId,
    user_id: userId,
    started_at: '2025-06-01T09:00:00.000Z',
    finished_at: '2025-06-01T09:00:01.000Z',
    files: JSON.stringify(['check-in-log.md', 'exercise-log.md']),
    counts: JSON.stringify({ health_metrics: days, workout_sessions: Math.ceil(days / 2) }),
  });

  const health: Record<string, unknown>[] = [];
  for (let i = 0; i < days; i++) {
    const lb = startLb - 0.3 * i;
    health.push({
      user_id: userId,
      recorded_date: addDaysIso(start, i),
      weight_kg: lb * KG_PER_LB,
      weight_unit: 'lb',
      body_fat_pct: i === 0 ? 29.5 : null,
      length_unit: i % 7 === 0 ? 'in' : null,
      waist_cm: i % 7 === 0 ? 42 * 2.54 : null,
      resting_heart_rate: i % 3 === 0 ? 62 : null,
      mood: i % 2 === 0 ? 7 : null,
      sleep_hours: i % 2 === 0 ? 7.5 : null,
      notes: i === 0 ? 'first weigh-in, "fasted", after run' : null,
      source_file: i < days / 2 ? 'check-in-log.md' : null,
      source_line: i < days / 2 ? 7 + i : null,
      import_batch_id: i < days / 2 ? batchId : null,
      created_at: now,
      updated_at: now,
    });
  }
  for (let i = 0; i < health.length; i += 200) await db('health_metrics').insert(health.slice(i, i + 200));

  for (let i = 0; i < days; i += 2) {
    const date = addDaysIso(start, i);
    const sessionId = await insertId(db, 'workout_sessions', {
      user_id: userId,
      session_date: date,
      title: i % 4 === 0 ? 'Lower Body A' : 'Upper Body B',
      session_type: 'strength',
      program_phase: 'Phase 1',
      duration_minutes: 55,
      intensity: 7,
      notes: i === 0 ? 'felt strong' : null,
      source_file: 'exercise-log.md',
      source_line: 7 + i,
      created_at: now,
      updated_at: now,
    });
    const squatLb = 100 + 5 * i;
    await db('exercise_logs').insert([
      { session_id: sessionId, exercise_name: 'Back Squat', order_index: 1, sets: 3, reps: 5, reps_per_set: JSON.stringify([5, 5, 5]), weight_kg: squatLb * KG_PER_LB, weight_unit: 'lb', raw: `3x5 @ ${squatLb} lb`, source_file: 'exercise-log.md', source_line: 7 + i, created_at: now },
      { session_id: sessionId, exercise_name: 'Bench Press', superset_label: 'A1', order_index: 2, sets: 3, reps: null, reps_per_set: JSON.stringify([8, 7, 6]), weight_kg: 60, weight_unit: 'kg', rpe: 8.5, created_at: now },
      { session_id: sessionId, exercise_name: 'Plank', superset_label: 'A2', order_index: 3, sets: null, reps: null, duration_seconds: 60, notes: 'hold, then, rest', created_at: now },
    ]);
    // A second session on the same day, entered later.
    if (i === 0) {
      const walk = await insertId(db, 'workout_sessions', { user_id: userId, session_date: date, title: 'Evening Walk', session_type: 'cardio', created_at: now, updated_at: now });
      await db('exercise_logs').insert({ session_id: walk, exercise_name: 'Walking', order_index: 1, duration_seconds: 2700, distance_km: 3.5 * 1.609344, notes: '3 mph', created_at: now });
    }
  }

  const meals: Record<string, unknown>[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDaysIso(start, i);
    meals.push({ user_id: userId, meal_date: date, meal_type: 'breakfast', description: '3 eggs, 2 slices toast', calories: 450, protein_g: 30, satiety_before: 2, satiety_after: 8, created_at: now, updated_at: now });
    meals.push({ user_id: userId, meal_date: date, meal_type: 'dinner', description: 'chicken, rice\nand greens', calories: 700, protein_g: 55.5, carbs_g: 80, source_file: 'meal-log.md', source_line: 5 + i, created_at: now, updated_at: now });
  }
  for (let i = 0; i < meals.length; i += 200) await db('meal_logs').insert(meals.slice(i, i + 200));

  const coachingId = await insertId(db, 'coaching_sessions', {
    user_id: userId,
    session_date: addDaysIso(start, 9),
    title: 'Week 2 Review',
    coach_name: 'Coach Dana',
    subject: 'First fortnight numbers',
    topics: JSON.stringify(['nutrition', 'sleep']),
    notes: '## Numbers\n\n* **Protein first:** 180 g',
    follow_up_required: true,
    source_file: 'Coaching_sessions.md',
    source_line: 3,
    created_at: now,
    updated_at: now,
  });
  await db('coaching_action_items').insert([
    { session_id: coachingId, position: 1, text: 'Protein first: 180 g a day before anything else.', done: false },
    { session_id: coachingId, position: 2, text: 'Sleep 7 hours.', done: true, done_at: now },
  ]);

  await db('user_goals').insert([
    { user_id: userId, title: 'Reach 220 lb', goal_type: 'weight_loss', metric: 'weight_kg', start_value: startLb * KG_PER_LB, target_value: 220 * KG_PER_LB, current_value: (startLb - 3) * KG_PER_LB, unit: 'kg', start_date: start, target_date: addDaysIso(start, 182), status: 'active', created_at: now, updated_at: now },
    { user_id: userId, title: 'Squat 225 lb', goal_type: 'strength', metric: 'Back Squat', start_value: 100, target_value: 225, current_value: 145, unit: 'lb', start_date: start, target_date: null, status: 'completed', completed_at: '2025-05-01T10:00:00.000Z', created_at: now, updated_at: now },
  ]);

  await db('progress_photos').insert({ user_id: userId, taken_on: start, photo_type: 'front', file_path: `/photos/${username}/front.jpg`, sha256: 'a'.repeat(64), weight_kg: startLb * KG_PER_LB, is_public: false, created_at: now, updated_at: now });
  return userId;
}

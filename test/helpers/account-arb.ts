/**
 * Whole accounts for property tests: a user and rows of every table a user owns or uses, every
 * column filled (or, with `nulls`, sometimes null), with unicode text, long notes and values at
 * the limits of each CHECK range. `insertAccount` writes one into a database through Knex.
 *
 * @example const [account] = fc.sample(accountArb({ nulls: false }), { seed: 1, numRuns: 1 })
 */
import fc from 'fast-check';
import type { Knex } from 'knex';
import { foldName } from '../../src/domain/names.js';
import { TEXT_LIMITS } from '../../src/domain/validation.js';
import { createUserFromDocument, importAccount } from '../../src/db/account-repo.js';
import { createExportRepo } from '../../src/db/export-repo.js';
import { SECTIONS } from '../../src/domain/export-format.js';
import { validateExportDocument, type ExportDocument } from '../../src/domain/export-document.js';
import { writeJsonDocument } from '../../src/export/json-exporter.js';

type Row = Record<string, unknown>;

export interface Account {
  user: Row;
  grantee: string;
  batches: Row[];
  definitions: Row[];
  health: Row[];
  sessions: Array<{ row: Row; logs: Row[] }>;
  goals: Row[];
  coaching: Array<{ row: Row; items: Row[] }>;
  photos: Row[];
  meals: Row[];
  shares: Row[];
}

/** Text without NUL (PostgreSQL's text cannot hold it): any code point, some long. */
function textArb(maxLength: number, opts: { long?: boolean | number; minLength?: number } = {}): fc.Arbitrary<string> {
  const plain = fc.string({ unit: 'binary', minLength: opts.minLength ?? 0, maxLength }).map((s) => s.replace(/\u0000/g, ''));
  const samples = fc.constantFrom('Жим лёжа', 'SENTADILLA BÚLGARA', 'Straße', '象棋 🏋️‍♀️', 'a "quoted", comma\nnew line', 'ﬁt ＦＵＬＬ', '\t tabs \r\n');
  const base = fc.oneof(plain, samples).filter((s) => s.length >= (opts.minLength ?? 0) && [...s].length <= maxLength);
  if (!opts.long) return base;
  // Long notes: up to the column's size limit (`long` as a number, else that of a note), so a
  // handful of runs stays fast and the database takes them.
  const limit = typeof opts.long === 'number' ? opts.long : TEXT_LIMITS.note;
  return fc.oneof({ weight: 4, arbitrary: base }, { weight: 1, arbitrary: fc.tuple(base, fc.integer({ min: 1000, max: 20000 })).map(([s, n]) => `${s}·`.repeat(Math.min(n, Math.ceil(limit / (s.length + 1)))).slice(0, limit)) });
}

/** A name: not blank, no surrounding blanks (the library keeps names trimmed). */
const nameArb = (maxLength: number) => textArb(maxLength, { minLength: 1 }).map((s) => s.trim()).filter((s) => s.length > 0 && foldName(s).length > 0);

const dateArb = fc.integer({ min: Date.UTC(2000, 0, 1) / 86_400_000, max: Date.UTC(2030, 11, 31) / 86_400_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
const timestampArb = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2030, 11, 31) }).map((ms) => new Date(ms).toISOString());
/** A double in [min, max], the ends included now and then. */
const num = (min: number, max: number) => fc.oneof(fc.constantFrom(min, max), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)));
const int = (min: number, max: number) => fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max }));
const scale = () => int(1, 10);
const jsonArb = fc.oneof(fc.array(fc.record({ value: num(0, 500), date: dateArb, note: textArb(40) }), { maxLength: 3 }), fc.record({ reached: fc.boolean(), steps: fc.array(int(0, 100), { maxLength: 4 }) }));

/**
 * An account. With `nulls: false` every nullable column holds a value (the check that every
 * column is carried needs that); otherwise each may be null.
 */
export function accountArb(opts: { nulls?: boolean } = {}): fc.Arbitrary<Account> {
  const nulls = opts.nulls ?? true;
  const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null> => (nulls ? fc.option(a, { nil: null, freq: 3 }) : a);
  const size = (max: number) => ({ minLength: nulls ? 0 : 1, maxLength: max });

  const user = fc.record({
    username: nameArb(40),
    email: opt(fc.emailAddress().filter((e) => e.length <= 254)),
    display_name: opt(textArb(200)),
    bio: opt(textArb(500, { long: true })),
    photo_url: opt(textArb(200)),
    preferred_units: fc.constantFrom('metric', 'imperial'),
    height_cm: opt(num(50, 272)),
    role: fc.constant('user'),
  });
  const batch = fc.record({
    id: fc.stringMatching(/^imp-[a-z0-9]{4,20}$/),
    started_at: timestampArb,
    finished_at: opt(timestampArb),
    files: fc.array(textArb(60), { maxLength: 3 }),
    counts: opt(fc.record({ health_metrics: int(0, 1000), workout_sessions: int(0, 1000) })),
    reverted_at: opt(timestampArb),
  });
  const definition = fc.record({
    name: nameArb(200),
    category: opt(fc.constantFrom('compound', 'isolation', 'cardio', 'flexibility', 'core', 'plyometric', 'martial_arts')),
    muscle_groups: opt(fc.array(textArb(30), { maxLength: 4 })),
    equipment: opt(fc.array(textArb(30), { maxLength: 3 })),
    difficulty: opt(fc.constantFrom('beginner', 'intermediate', 'advanced', 'expert')),
    description: opt(textArb(300, { long: true })),
    instructions: opt(textArb(300)),
    tips: opt(textArb(300)),
    video_url: opt(textArb(100)),
    image_url: opt(textArb(100)),
  });
  const provenance = (batchIds: string[]) =>
    fc.record({ source_file: opt(textArb(80)), source_line: opt(int(1, 1_000_000)), import_batch_id: batchIds.length > 0 ? opt(fc.constantFrom(...batchIds)) : fc.constant(null) });

  return fc
    .record({
      user,
      batches: fc.uniqueArray(batch, { ...size(2), selector: (b) => b.id }),
      definitions: fc.uniqueArray(definition, { ...size(3), selector: (d) => foldName(d.name) }),
    })
    .chain(({ user, batches, definitions }) => {
      const batchIds = batches.map((b) => b.id);
      const prov = provenance(batchIds);
      const lengths = fc.record({ chest_cm: opt(num(5, 400)), waist_cm: opt(num(5, 400)), hips_cm: opt(num(5, 400)), neck_cm: opt(num(5, 400)), left_arm_cm: opt(num(5, 400)), right_arm_cm: opt(num(5, 400)), left_thigh_cm: opt(num(5, 400)), right_thigh_cm: opt(num(5, 400)) });
      const health = fc
        .record({
          weight_kg: opt(num(20, 500)),
          weight_unit: fc.constantFrom('kg', 'lb'),
          body_fat_pct: opt(num(2, 75)),
          muscle_mass_kg: opt(num(5, 300)),
          lean_body_mass_kg: opt(num(5, 300)),
          bmi: opt(num(5, 150)),
          length_unit: fc.constantFrom('cm', 'in'),
          lengths,
          resting_heart_rate: opt(int(25, 250)),
          bp: opt(
            fc.tuple(int(20, 199), fc.nat()).map(([d, k]) => {
              const low = Math.max(d + 1, 50);
              return [low + (k % (300 - low + 1)), d] as const;
            }),
          ),
          energy_level: opt(scale()),
          mood: opt(scale()),
          sleep_quality: opt(scale()),
          stress_level: opt(scale()),
          sleep_hours: opt(num(0, 24)),
          notes: opt(textArb(500, { long: true })),
          prov,
        })
        .map(({ lengths: l, bp, prov: p, ...r }) => {
          const anyLength = Object.values(l).some((v) => v !== null);
          return {
            ...r,
            ...l,
            weight_unit: r.weight_kg === null ? null : r.weight_unit,
            length_unit: anyLength ? r.length_unit : null,
            blood_pressure_systolic: bp ? bp[0] : null,
            blood_pressure_diastolic: bp ? bp[1] : null,
            ...p,
          };
        });
      const log = fc
        .record({
          definition: definitions.length > 0 ? fc.constantFrom(...definitions.map((d) => d.name)) : nameArb(200),
          renamed: fc.boolean(),
          other_name: nameArb(200),
          superset_label: opt(textArb(10)),
          sets: opt(int(0, 100)),
          reps: opt(int(0, 10000)),
          reps_per_set: opt(fc.array(int(0, 10000), { maxLength: 6 })),
          weight_kg: opt(num(0, 1000)),
          weight_unit: fc.constantFrom('kg', 'lb'),
          rest_seconds: opt(int(0, 86400)),
          duration_seconds: opt(num(0, 172800)),
          distance_km: opt(num(0, 1000)),
          rpe: opt(int(2, 20).map((h) => h / 2)),
          form_quality: opt(scale()),
          notes: opt(textArb(300, { long: true })),
          raw: opt(textArb(100)),
          // Sets logged one by one: none for most exercises (their summary says it all), or a few.
          per_set: fc.array(
            fc.record({
              set_type: fc.constantFrom('normal', 'warmup', 'dropset', 'failure'),
              reps: opt(int(0, 10000)),
              weight_kg: opt(num(0, 1000)),
              rpe: opt(int(2, 20).map((h) => h / 2)),
              duration_seconds: opt(num(0, 172800)),
              distance_km: opt(num(0, 1000)),
            }),
            size(4),
          ),
          prov,
        })
        .map(({ definition, renamed, other_name, prov: p, ...r }) => ({
          ...r,
          // A log keeps the name it was written with; its library entry may have been renamed since.
          definition_name: definition,
          exercise_name: renamed ? other_name : definition,
          weight_unit: r.weight_kg === null ? null : r.weight_unit,
          ...p,
        }));
      const session = fc.record({
        row: fc
          .record({
            session_date: dateArb,
            title: nameArb(200),
            session_type: fc.constantFrom('strength', 'cardio', 'flexibility', 'martial_arts', 'sports', 'recovery', 'mixed'),
            program_phase: opt(textArb(100)),
            program_week: opt(int(1, 520)),
            program_day: opt(int(1, 3640)),
            duration_minutes: opt(num(0, 1440)),
            energy_kcal: opt(num(0, 20000)),
            intensity: opt(scale()),
            fatigue: opt(scale()),
            soreness: opt(scale()),
            notes: opt(textArb(300, { long: true })),
            prov,
          })
          .map(({ prov: p, ...r }) => ({ ...r, ...p })),
        logs: fc.array(log, size(3)).map((logs) => logs.map((l, i) => ({ ...l, order_index: i + 1 }))),
      });
      const goal = fc
        .record({
          title: nameArb(200),
          goal_type: fc.constantFrom('weight_loss', 'muscle_gain', 'strength', 'endurance', 'flexibility', 'skill', 'habit', 'nutrition'),
          metric: opt(textArb(100)),
          start_value: opt(num(-1e6, 1e6)),
          target_value: opt(num(-1e6, 1e6)),
          current_value: opt(num(-1e6, 1e6)),
          unit: opt(textArb(20)),
          start_date: dateArb,
          days: opt(int(0, 3000)),
          // A completed goal is the only one with completed_at: a filled account completes them.
          status: nulls ? fc.constantFrom('active', 'completed', 'paused', 'abandoned') : fc.constant('completed'),
          completed_at: timestampArb,
          milestones: opt(jsonArb),
          notes: opt(textArb(300, { long: true })),
        })
        .map(({ days, ...g }) => ({
          ...g,
          target_date: days === null ? null : new Date(Date.parse(`${g.start_date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10),
          completed_at: g.status === 'completed' ? g.completed_at : null,
        }));
      const coaching = fc.record({
        row: fc
          .record({
            session_date: dateArb,
            title: opt(textArb(300)),
            coach_name: opt(textArb(200)),
            subject: opt(textArb(300)),
            topics: opt(fc.array(textArb(40), { maxLength: 4 })),
            notes: opt(textArb(500, { long: TEXT_LIMITS.coachingBody })),
            rating: opt(scale()),
            next_session_date: opt(dateArb),
            follow_up_required: fc.boolean(),
            prov,
          })
          .map(({ prov: p, ...r }) => ({ ...r, ...p })),
        items: fc.array(fc.record({ text: nameArb(300), done: fc.boolean(), done_at: timestampArb }).map((i) => ({ ...i, done_at: i.done ? i.done_at : nulls ? null : i.done_at })), size(3)),
      });
      const photo = fc.record({
        taken_on: dateArb,
        photo_type: fc.constantFrom('front', 'side', 'back', 'flex', 'comparison'),
        file_path: nameArb(300),
        sha256: fc.stringMatching(/^[0-9a-f]{64}$/),
        weight_kg: opt(num(20, 500)),
        body_fat_pct: opt(num(2, 75)),
        is_public: fc.boolean(),
        notes: opt(textArb(300)),
      });
      const meal = fc
        .record({
          meal_date: dateArb,
          meal_type: fc.constantFrom('breakfast', 'lunch', 'dinner', 'snack', 'pre_workout', 'post_workout'),
          meal_label: opt(textArb(100)),
          description: opt(textArb(300)),
          calories: opt(num(0, 10000)),
          protein_g: opt(num(0, 2000)),
          carbs_g: opt(num(0, 2000)),
          fat_g: opt(num(0, 2000)),
          fiber_g: opt(num(0, 2000)),
          sugar_g: opt(num(0, 2000)),
          sodium_mg: opt(num(0, 100000)),
          water_ml: opt(num(0, 20000)),
          adherence: opt(fc.constantFrom('perfect', 'good', 'fair', 'poor', 'off_plan')),
          satisfaction: opt(scale()),
          hunger_before: opt(scale()),
          hunger_after: opt(scale()),
          satiety_before: opt(scale()),
          satiety_after: opt(scale()),
          notes: opt(textArb(300, { long: true })),
          prov,
        })
        .map(({ prov: p, ...r }) => ({ ...r, ...p }));
      const share = fc.record({ granted_at: timestampArb, revoked_at: opt(timestampArb) });
      return fc.record({
        user: fc.constant(user as Row),
        grantee: nameArb(40).filter((g) => foldName(g) !== foldName(user.username)),
        batches: fc.constant(batches as Row[]),
        definitions: fc.constant(definitions as Row[]),
        health: fc.uniqueArray(fc.tuple(dateArb, health), { ...size(3), selector: ([d]) => d }).map((rows) => rows.map(([recorded_date, r]) => ({ recorded_date, ...r }) as Row)),
        sessions: fc.array(session, size(3)) as fc.Arbitrary<Array<{ row: Row; logs: Row[] }>>,
        goals: fc.array(goal, size(2)) as fc.Arbitrary<Row[]>,
        coaching: fc.array(coaching, size(2)) as fc.Arbitrary<Array<{ row: Row; items: Row[] }>>,
        photos: fc.array(photo, size(2)) as fc.Arbitrary<Row[]>,
        meals: fc.array(meal, size(3)) as fc.Arbitrary<Row[]>,
        shares: fc.array(share, { minLength: nulls ? 0 : 1, maxLength: 1 }) as fc.Arbitrary<Row[]>,
      });
    });
}

async function insertId(db: Knex, table: string, row: Row): Promise<number> {
  const [r] = await db(table).insert(row).returning('id');
  return Number(typeof r === 'object' ? (r as { id: number }).id : r);
}

const jsonText = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
const NOW = '2026-01-01T00:00:00.000Z';

/** Writes an account (and its grantee's account) into a database; returns the user's id. */
export async function insertAccount(db: Knex, a: Account): Promise<number> {
  const userId = await insertId(db, 'users', { ...a.user, username_folded: foldName(String(a.user.username)), created_at: NOW, updated_at: NOW });
  const granteeId = await insertId(db, 'users', { username: a.grantee, username_folded: foldName(a.grantee), created_at: NOW, updated_at: NOW });
  for (const b of a.batches) await db('import_batches').insert({ ...b, user_id: userId, files: jsonText(b.files), counts: jsonText(b.counts) });
  const defIds = new Map<string, number>();
  for (const d of a.definitions) {
    defIds.set(foldName(String(d.name)), await insertId(db, 'exercise_definitions', { ...d, name_folded: foldName(String(d.name)), muscle_groups: jsonText(d.muscle_groups), equipment: jsonText(d.equipment), created_by: userId, created_at: NOW, updated_at: NOW }));
  }
  for (const h of a.health) await db('health_metrics').insert({ ...h, user_id: userId, created_at: NOW, updated_at: NOW });
  for (const s of a.sessions) {
    const sessionId = await insertId(db, 'workout_sessions', { ...s.row, user_id: userId, created_at: NOW, updated_at: NOW });
    for (const { definition_name, per_set, ...l } of s.logs) {
      const folded = foldName(String(definition_name));
      let defId = defIds.get(folded);
      if (defId === undefined) {
        defId = await insertId(db, 'exercise_definitions', { name: definition_name, name_folded: folded, created_by: userId, created_at: NOW, updated_at: NOW });
        defIds.set(folded, defId);
      }
      const logId = await insertId(db, 'exercise_logs', { ...l, reps_per_set: jsonText(l.reps_per_set), session_id: sessionId, exercise_definition_id: defId, created_at: NOW });
      let setIndex = 1;
      for (const x of per_set as Row[]) await db('exercise_sets').insert({ ...x, exercise_log_id: logId, set_index: setIndex++ });
    }
  }
  for (const g of a.goals) await db('user_goals').insert({ ...g, milestones: jsonText(g.milestones), user_id: userId, created_at: NOW, updated_at: NOW });
  for (const c of a.coaching) {
    const id = await insertId(db, 'coaching_sessions', { ...c.row, topics: jsonText(c.row.topics), user_id: userId, created_at: NOW, updated_at: NOW });
    let position = 1;
    for (const i of c.items) await db('coaching_action_items').insert({ ...i, session_id: id, position: position++ });
  }
  for (const p of a.photos) await db('progress_photos').insert({ ...p, user_id: userId, created_at: NOW, updated_at: NOW });
  for (const m of a.meals) await db('meal_logs').insert({ ...m, user_id: userId, created_at: NOW, updated_at: NOW });
  for (const s of a.shares) await db('data_shares').insert({ ...s, owner_id: userId, grantee_id: granteeId });
  return userId;
}

/** Deletes every row of every table (children first), keeping the schema. */
export async function emptyDatabase(db: Knex): Promise<void> {
  for (const t of ['coaching_action_items', 'exercise_sets', 'exercise_logs', 'data_shares', 'audit_log', 'user_sessions', 'health_metrics', 'workout_sessions', 'coaching_sessions', 'meal_logs', 'progress_photos', 'user_goals', 'exercise_definitions', 'import_batches', 'users']) {
    await db(t).delete();
  }
}

/** The full JSON document of a user, with a fixed export time. */
export async function exportAccountText(db: Knex, userId: number): Promise<string> {
  const sink = { path: null, text: '', async write(t: string) { this.text += t; }, async commit() {}, async abort() {} };
  await writeJsonDocument(createExportRepo(db, userId), sink, { sections: [...SECTIONS], exportedAt: NOW });
  return sink.text;
}

/**
 * Writes the account into `src`, exports it, restores the document into `dst` (both emptied
 * first; the grantee's account exists in `dst` as it would for a real restore) and exports it
 * again from there.
 */
export async function roundTrip(src: Knex, dst: Knex, account: Account): Promise<{ first: string; second: string; srcUserId: number; dstUserId: number }> {
  await emptyDatabase(src);
  await emptyDatabase(dst);
  const srcUserId = await insertAccount(src, account);
  const first = await exportAccountText(src, srcUserId);
  const parsed: unknown = JSON.parse(first);
  const problems = validateExportDocument(parsed);
  if (problems.length > 0) throw new Error(`the export does not validate: ${problems.join('; ')}`);
  const doc = parsed as ExportDocument;
  await dst('users').insert({ username: account.grantee, username_folded: foldName(account.grantee), created_at: NOW, updated_at: NOW });
  await createUserFromDocument(dst, doc.user);
  const dstUserId = Number((await dst('users').where('username_folded', foldName(doc.user.username)).first('id')).id);
  await importAccount(dst, dstUserId, doc);
  const second = await exportAccountText(dst, dstUserId);
  return { first, second, srcUserId, dstUserId };
}

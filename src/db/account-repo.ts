/**
 * Restoring a full-account document (format version 1 or 2) into one user's account, idempotently: a record already
 * present (the same fields, as the export would write them: `restore-keys.ts`) is not created again, so running
 * the same restore twice creates nothing the second time. Which account is restored into, the
 * first user of an empty database, and the restore section by section live here; each record's
 * row is made by `restore-rows.ts`.
 */
import type { Knex } from 'knex';
import { nowIso } from '../clock.js';
import { findUserById, findUserByName, updateUser, usersSource, type ProfilePatch, type UserRow } from './users-repo.js';
import { findDefinitionByName } from './exercise-repo.js';
import { isGuarded } from './rls-repo.js';
import { restoreShare } from './share-repo.js';
import { recordAudit } from './audit-repo.js';
import { foldName } from '../domain/names.js';
import { guessExerciseCategory } from '../domain/exercise.js';
import { createExportRepo } from './export-repo.js';
import {
  toActionItemRecord,
  toCoachingRecord,
  toExerciseRecord,
  toGoalRecord,
  toHealthRecord,
  toMealRecord,
  toPhotoRecord,
  toWorkoutRecord,
} from './export-records.js';
import { actionItemRow, coachingRow, definitionRow, exerciseRow, goalRow, healthRow, importBatchRow, mealRow, photoRow, setRow, userRow, workoutRow, type Owner } from './restore-rows.js';
import { Bag, keyOf } from './restore-keys.js';
import { SECTIONS, type Section } from '../domain/export-format.js';
import type { ExportDocument, ExportUser, GoalRecord, RecordKind } from '../domain/export-document.js';

type Row = Record<string, unknown>;

export interface ImportSummary {
  /** Records created per section. */
  created: Record<Section, number>;
  /** Records already present, left alone. */
  unchanged: Record<Section, number>;
  /** Dates whose weigh-in differs from the one already stored (the stored one is kept). */
  conflicts: string[];
  /** Profile fields filled in from the document. */
  profile: string[];
  /** Grantees of shares in the document that have no account here (those shares are not restored). */
  skipped_shares: string[];
}

const zero = () => Object.fromEntries(SECTIONS.map((s) => [s, 0])) as Record<Section, number>;

/**
 * The user a document is restored into: always the acting user, whatever user the document
 * names. Restoring into another account (even as an admin) is not something fittrack does:
 * that user logs in and restores their own file.
 */
export function resolveImportTarget(acting: UserRow): { id: number; username: string } {
  return { id: acting.id, username: acting.username };
}

/** Creates the first user of an empty database from the document's user (passwordless: the local profile). */
export async function createUserFromDocument(db: Knex, docUser: ExportUser): Promise<void> {
  if (isGuarded(db)) {
    // Only the schema owner's function creates the local profile; `restore` then fills its profile.
    await db.raw('select fittrack_ensure_local_profile(?, ?)', [docUser.username, foldName(docUser.username)]);
    return;
  }
  const now = nowIso();
  await db('users').insert(userRow(docUser, now));
}

/** True when the database has no user at all. */
export async function hasNoUsers(db: Knex): Promise<boolean> {
  return (await db(usersSource(db)).first('id')) === undefined;
}

/**
 * Restores the document's records into the user's account in one transaction; with `dryRun`
 * everything is rolled back and the summary says what would have been created. A real restore
 * leaves an `import_json` entry in the audit log.
 *
 * @example const s = await importAccount(db, 7, doc, { dryRun: false }); s.created.health_metrics → 120
 */
export async function importAccount(db: Knex, userId: number, doc: ExportDocument, opts: { dryRun?: boolean; file?: string } = {}): Promise<ImportSummary> {
  const summary: ImportSummary = { created: zero(), unchanged: zero(), conflicts: [], profile: [], skipped_shares: [] };
  const trx = await db.transaction();
  try {
    await restore(trx, userId, doc, summary);
    if (opts.dryRun) await trx.rollback();
    else {
      await recordAudit(trx, {
        userId,
        action: 'import_json',
        entity: 'user',
        entityId: userId,
        details: { file: opts.file ?? null, format_version: doc.format_version, created: summary.created, unchanged: summary.unchanged },
      });
      await trx.commit();
    }
  } catch (err) {
    if (!trx.isCompleted()) await trx.rollback().catch(() => {});
    throw err;
  }
  return summary;
}

/**
 * Gives the account the document's e-mail unless another account has it (a guarded role cannot
 * see others' e-mail: the unique index decides, inside a savepoint). True when it was set.
 */
async function restoreEmail(trx: Knex.Transaction, userId: number, email: string): Promise<boolean> {
  if (!isGuarded(trx)) {
    if (await trx('users').where('email', email).first('id')) return false;
    await updateUser(trx, userId, { email });
    return true;
  }
  try {
    await trx.transaction((sp) => updateUser(sp, userId, { email }));
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === '23505') return false;
    throw err;
  }
}

async function insertReturningId(trx: Knex.Transaction, table: string, row: Row): Promise<number> {
  const [r] = await trx(table).insert(row).returning('id');
  return Number(typeof r === 'object' ? (r as { id: number }).id : r);
}

async function insertMany(trx: Knex.Transaction, table: string, rows: Row[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await trx(table).insert(rows.slice(i, i + 200));
}

async function restore(trx: Knex.Transaction, userId: number, doc: ExportDocument, summary: ImportSummary): Promise<void> {
  const now = nowIso();
  const version = doc.format_version;
  const repo = createExportRepo(trx, userId);
  const existing = async (section: Section & RecordKind, key?: (rec: never) => string): Promise<Bag> => {
    const bag = new Bag();
    for await (const page of repo.pages(section)) for (const rec of page) bag.add(key ? key(rec as never) : keyOf(section, rec as object, version));
    return bag;
  };
  // A goal is the same goal whatever its live progress says today.
  const storedGoal = ({ progress_pct: _p, projected_date: _d, ...rest }: GoalRecord): string => keyOf('goals', rest, version);

  // Profile: fill what the account does not have yet; the unit preference follows the document.
  // Written through updateUser: for a guarded role the schema owner's function, which changes only the caller's row.
  const user = (await findUserById(trx, userId)) as unknown as Row;
  const patch: ProfilePatch = {};
  for (const field of ['display_name', 'height_cm', 'bio', 'photo_url'] as const) {
    const value = doc.user[field];
    if (user[field] === null && value !== null && value !== undefined) (patch as Row)[field] = value;
  }
  if (user.preferred_units !== doc.user.preferred_units) patch.preferred_units = doc.user.preferred_units;
  if (Object.keys(patch).length > 0) await updateUser(trx, userId, patch);
  const profile = Object.keys(patch);
  if (user.email === null && doc.user.email !== null && (await restoreEmail(trx, userId, doc.user.email))) profile.push('email');
  summary.profile = profile;

  if (doc.imports) {
    for (const rec of doc.imports) {
      // A batch id another account holds (out of sight under row-level security) is left alone, and its rows are restored unlinked.
      const inserted = await trx('import_batches')
        .insert(importBatchRow(rec, userId))
        .onConflict('id')
        .ignore()
        .returning('id');
      if (inserted.length > 0) summary.created.imports += 1;
      else summary.unchanged.imports += 1;
    }
  }
  const ownBatches = new Set(((await trx('import_batches').where('user_id', userId).select('id')) as Array<{ id: string }>).map((b) => String(b.id)));
  const owner: Owner = { userId, now, batch: (id) => (id && ownBatches.has(id) ? id : null) };

  // The exercise library: entries already there (under the folded name) are kept as they are.
  const library = new Map<string, { id: number; name: string }>();
  for (const d of (await trx('exercise_definitions').select('id', 'name', 'name_folded')) as Array<{ id: number; name: string; name_folded: string | null }>) {
    library.set(d.name_folded ?? foldName(d.name), { id: Number(d.id), name: d.name });
  }
  const addToLibrary = async (fields: Row & { name: string }): Promise<{ id: number; name: string }> => {
    const id = await insertReturningId(trx, 'exercise_definitions', { ...fields, name_folded: foldName(fields.name), created_by: userId, created_at: now, updated_at: now });
    const entry = { id, name: fields.name };
    library.set(foldName(fields.name), entry);
    return entry;
  };
  /** An entry of that name out of the user's sight (another user's, under row-level security): used as it is. */
  const hiddenEntry = async (name: string): Promise<{ id: number; name: string } | undefined> => {
    const def = await findDefinitionByName(trx, name);
    if (!def) return undefined;
    const entry = { id: def.id, name: def.name };
    library.set(foldName(name), entry);
    return entry;
  };
  if (doc.exercise_definitions) {
    for (const rec of doc.exercise_definitions) {
      if (library.has(foldName(rec.name)) || (await hiddenEntry(rec.name))) {
        summary.unchanged.exercise_definitions += 1;
        continue;
      }
      await addToLibrary(definitionRow(rec));
      summary.created.exercise_definitions += 1;
    }
  }
  /** The library entry of a logged name: every exercise restored is in the library. */
  const entryFor = async (name: string) => library.get(foldName(name)) ?? (await hiddenEntry(name)) ?? (await addToLibrary({ name: name.trim(), category: guessExerciseCategory(name) }));

  if (doc.health_metrics) {
    const byDate = new Map<string, string>();
    for await (const page of repo.pages('health_metrics')) for (const rec of page) byDate.set((rec as { recorded_date: string }).recorded_date, keyOf('health_metrics', rec as object, version));
    const rows: Row[] = [];
    for (const rec of doc.health_metrics) {
      const row = healthRow(rec, owner);
      const key = keyOf('health_metrics', toHealthRecord(row), version);
      const stored = byDate.get(rec.recorded_date);
      if (stored === undefined) {
        rows.push(row);
        byDate.set(rec.recorded_date, key);
        summary.created.health_metrics += 1;
      } else if (stored === key) {
        summary.unchanged.health_metrics += 1;
      } else {
        summary.conflicts.push(rec.recorded_date);
      }
    }
    await insertMany(trx, 'health_metrics', rows);
  }

  if (doc.workout_sessions) {
    const bag = await existing('workout_sessions');
    for (const rec of doc.workout_sessions) {
      const row = workoutRow(rec, owner);
      const exRows: Row[] = [];
      const exSets: Row[][] = [];
      for (const x of rec.exercises ?? []) {
        const entry = await entryFor(x.exercise ?? x.exercise_name);
        exRows.push(exerciseRow(x, entry, owner));
        exSets.push((x.per_set ?? []).map(setRow));
      }
      if (bag.take(keyOf('workout_sessions', toWorkoutRecord(row, exRows.map((x, i) => toExerciseRecord(x, exSets[i]))), version))) {
        summary.unchanged.workout_sessions += 1;
        continue;
      }
      const id = await insertReturningId(trx, 'workout_sessions', row);
      const logs = exRows.map(({ definition_name: _name, ...x }) => ({ ...x, session_id: id }));
      if (exSets.some((list) => list.length > 0)) {
        // Each exercise's id is needed for its sets: the session's exercises go in one by one, in order.
        for (let i = 0; i < logs.length; i++) {
          const logId = await insertReturningId(trx, 'exercise_logs', logs[i]!);
          await insertMany(trx, 'exercise_sets', exSets[i]!.map((t) => ({ ...t, exercise_log_id: logId })));
        }
      } else await insertMany(trx, 'exercise_logs', logs);
      summary.created.workout_sessions += 1;
    }
  }

  if (doc.coaching_sessions) {
    const bag = await existing('coaching_sessions');
    for (const rec of doc.coaching_sessions) {
      const row = coachingRow(rec, owner);
      const items = (rec.action_items ?? []).map((i, n) => actionItemRow(i, n, now));
      if (bag.take(keyOf('coaching_sessions', toCoachingRecord(row, items.map(toActionItemRecord)), version))) {
        summary.unchanged.coaching_sessions += 1;
        continue;
      }
      const id = await insertReturningId(trx, 'coaching_sessions', row);
      await insertMany(
        trx,
        'coaching_action_items',
        items.map((i) => ({ ...i, session_id: id })),
      );
      summary.created.coaching_sessions += 1;
    }
  }

  if (doc.meal_logs) {
    const bag = await existing('meal_logs');
    const rows: Row[] = [];
    for (const rec of doc.meal_logs) {
      const row = mealRow(rec, owner);
      if (bag.take(keyOf('meal_logs', toMealRecord(row), version))) summary.unchanged.meal_logs += 1;
      else {
        rows.push(row);
        summary.created.meal_logs += 1;
      }
    }
    await insertMany(trx, 'meal_logs', rows);
  }

  if (doc.goals) {
    const bag = await existing('goals', storedGoal);
    for (const rec of doc.goals) {
      const row = goalRow(rec, owner);
      if (bag.take(storedGoal(toGoalRecord(row)))) summary.unchanged.goals += 1;
      else {
        await trx('user_goals').insert(row);
        summary.created.goals += 1;
      }
    }
  }

  if (doc.progress_photos) {
    const bag = await existing('progress_photos');
    for (const rec of doc.progress_photos) {
      const row = photoRow(rec, owner);
      if (bag.take(keyOf('progress_photos', toPhotoRecord(row), version))) summary.unchanged.progress_photos += 1;
      else {
        await trx('progress_photos').insert(row);
        summary.created.progress_photos += 1;
      }
    }
  }

  if (doc.shares) {
    for (const rec of doc.shares) {
      const grantee = await findUserByName(trx, rec.grantee);
      if (!grantee || grantee.id === userId) {
        summary.skipped_shares.push(rec.grantee);
        continue;
      }
      if (await restoreShare(trx, userId, grantee.id, rec.granted_at, rec.revoked_at ?? null)) summary.created.shares += 1;
      else summary.unchanged.shares += 1;
    }
  }
}

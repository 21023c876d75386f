/**
 * Names are matched by one Unicode-aware rule (src/domain/names.ts: NFKC plus full case
 * folding). The folded form is stored beside the name and unique on both engines:
 * `users.username_folded`, `exercise_definitions.name_folded` (the older `lower(name)` index
 * folds ASCII only on SQLite).
 *
 * Existing rows are backfilled. Exercise definitions that fold to the same name are merged into
 * the oldest one (its empty fields filled from the others, their logs moved to it). Usernames
 * that fold alike keep their rows; the later ones get `#<id>` appended to their folded form
 * (found by their exact name until renamed). Every exercise log without a library entry is
 * linked to the entry of its name, created when missing.
 */
import type { Knex } from 'knex';
import { foldName } from '../src/domain/names.js';

type Row = Record<string, unknown> & { id?: number };

const DEFINITION_FIELDS = ['category', 'muscle_groups', 'equipment', 'difficulty', 'description', 'instructions', 'tips', 'video_url', 'image_url', 'created_by'];

function isPg(knex: Knex): boolean {
  return (knex.client as { config: { client: string } }).config.client === 'pg';
}

export async function up(knex: Knex): Promise<void> {
  const pg = isPg(knex);
  await knex.schema.alterTable('users', (t) => t.text('username_folded').nullable());
  await knex.schema.alterTable('exercise_definitions', (t) => t.text('name_folded').nullable());

  const users = (await knex('users').select('id', 'username').orderBy('id')) as Array<{ id: number; username: string }>;
  const takenUser = new Set<string>();
  for (const u of users) {
    let folded = foldName(u.username);
    if (takenUser.has(folded)) folded = `${folded}#${u.id}`;
    takenUser.add(folded);
    await knex('users').where('id', u.id).update({ username_folded: folded });
  }

  const defs = (await knex('exercise_definitions').select('*').orderBy('id')) as Array<Row & { id: number }>;
  const keeperOf = new Map<string, Row & { id: number }>();
  for (const d of defs) {
    const folded = foldName(String(d.name));
    const keeper = keeperOf.get(folded);
    if (!keeper) {
      keeperOf.set(folded, d);
      await knex('exercise_definitions').where('id', d.id).update({ name_folded: folded });
      continue;
    }
    const fill: Row = {};
    for (const f of DEFINITION_FIELDS) {
      if ((keeper[f] === null || keeper[f] === undefined) && d[f] !== null && d[f] !== undefined) {
        fill[f] = pg && (f === 'muscle_groups' || f === 'equipment') ? JSON.stringify(d[f]) : d[f];
        keeper[f] = d[f];
      }
    }
    if (Object.keys(fill).length > 0) await knex('exercise_definitions').where('id', keeper.id).update(fill);
    await knex('exercise_logs').where('exercise_definition_id', d.id).update({ exercise_definition_id: keeper.id });
    await knex('exercise_definitions').where('id', d.id).delete();
  }

  const unlinked = (await knex('exercise_logs as l')
    .join('workout_sessions as s', 's.id', 'l.session_id')
    .whereNull('l.exercise_definition_id')
    .select('l.id', 'l.exercise_name', 's.user_id')
    .orderBy('l.id')) as Array<{ id: number; exercise_name: string; user_id: number }>;
  const now = new Date().toISOString();
  for (const log of unlinked) {
    const folded = foldName(log.exercise_name);
    let def = keeperOf.get(folded);
    if (!def) {
      const [r] = await knex('exercise_definitions')
        .insert({ name: log.exercise_name.trim(), name_folded: folded, created_by: log.user_id, created_at: now, updated_at: now })
        .returning('id');
      def = { id: Number(typeof r === 'object' ? (r as { id: number }).id : r) };
      keeperOf.set(folded, def);
    }
    await knex('exercise_logs').where('id', log.id).update({ exercise_definition_id: def.id });
  }

  await knex.raw('CREATE UNIQUE INDEX users_username_folded_unique ON users (username_folded)');
  await knex.raw('CREATE UNIQUE INDEX exercise_definitions_name_folded_unique ON exercise_definitions (name_folded)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS exercise_definitions_name_folded_unique');
  await knex.raw('DROP INDEX IF EXISTS users_username_folded_unique');
  await knex.schema.alterTable('exercise_definitions', (t) => t.dropColumn('name_folded'));
  await knex.schema.alterTable('users', (t) => t.dropColumn('username_folded'));
}

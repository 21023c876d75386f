/**
 * A size limit, in characters, on every free-text column, so the database itself refuses a
 * 100 MB coaching body or note whatever wrote it. The numbers are those of `TEXT_LIMITS` in
 * src/domain/validation.ts, written out here because a migration never changes once landed.
 *
 * - PostgreSQL: a CHECK constraint `<table>_<column>_max_length` per column (`char_length`, or
 *   the length of the JSON text for the jsonb lists).
 * - SQLite cannot add a CHECK to an existing table without rebuilding it, so each column gets
 *   a BEFORE INSERT and a BEFORE UPDATE OF trigger that aborts with
 *   `CHECK constraint failed: <table>_<column>_max_length` (SQLite's `length` counts characters).
 *
 * Existing rows over a limit make the migration stop with a message naming them (nothing is
 * changed): shorten them, then migrate again.
 */
import type { Knex } from 'knex';
import { DbError } from '../src/errors.js';

/** table → column → the longest text allowed, in characters. */
const LIMITS: Record<string, Record<string, number>> = {
  users: { username: 64, email: 254, display_name: 200, bio: 10_000, photo_url: 2_000 },
  health_metrics: { notes: 10_000, source_file: 4_096 },
  workout_sessions: { title: 200, program_phase: 100, notes: 10_000, source_file: 4_096 },
  exercise_definitions: {
    name: 200, muscle_groups: 10_000, equipment: 10_000, description: 10_000, instructions: 10_000, tips: 10_000, video_url: 2_000, image_url: 2_000,
  },
  exercise_logs: { exercise_name: 200, superset_label: 10, notes: 10_000, raw: 10_000, source_file: 4_096 },
  user_goals: { title: 200, metric: 200, unit: 20, notes: 10_000 },
  coaching_sessions: { title: 300, coach_name: 200, subject: 1_000, topics: 10_000, notes: 100_000, source_file: 4_096 },
  coaching_action_items: { text: 1_000 },
  progress_photos: { file_path: 4_096, notes: 10_000 },
  meal_logs: { description: 2_000, notes: 10_000, source_file: 4_096 },
};

/** Columns stored as jsonb on PostgreSQL (text on SQLite): the limit is on their JSON text. */
const JSON_COLUMNS = new Set(['muscle_groups', 'equipment', 'topics']);

function isPg(knex: Knex): boolean {
  return (knex.client as { config: { client: string } }).config.client === 'pg';
}

const nameOf = (table: string, column: string) => `${table}_${column}_max_length`;

function lengthOf(pg: boolean, column: string): string {
  if (!pg) return `length(${column})`;
  return JSON_COLUMNS.has(column) ? `char_length(${column}::text)` : `char_length(${column})`;
}

export async function up(knex: Knex): Promise<void> {
  const pg = isPg(knex);
  const over: string[] = [];
  for (const [table, columns] of Object.entries(LIMITS)) {
    for (const [column, max] of Object.entries(columns)) {
      const row = (await knex.raw(`SELECT count(*) AS n FROM ${table} WHERE ${lengthOf(pg, column)} > ${max}`)) as unknown;
      const n = Number(pg ? (row as { rows: Array<{ n: string }> }).rows[0]!.n : (row as Array<{ n: number }>)[0]!.n);
      if (n > 0) over.push(`${table}.${column}: ${n} row(s) longer than ${max} characters`);
    }
  }
  if (over.length) throw new DbError(`cannot add the text size limits: ${over.join('; ')}`, 'shorten that text (fittrack export --format json shows it), then run: fittrack db migrate');

  for (const [table, columns] of Object.entries(LIMITS)) {
    for (const [column, max] of Object.entries(columns)) {
      const name = nameOf(table, column);
      if (pg) {
        await knex.raw(`ALTER TABLE ${table} ADD CONSTRAINT ${name} CHECK (${column} IS NULL OR ${lengthOf(pg, column)} <= ${max})`);
        continue;
      }
      const raise = `SELECT RAISE(ABORT, 'CHECK constraint failed: ${name}')`;
      await knex.raw(`CREATE TRIGGER ${name}_insert BEFORE INSERT ON ${table} WHEN length(NEW.${column}) > ${max} BEGIN ${raise}; END`);
      await knex.raw(`CREATE TRIGGER ${name}_update BEFORE UPDATE OF ${column} ON ${table} WHEN length(NEW.${column}) > ${max} BEGIN ${raise}; END`);
    }
  }
}

export async function down(knex: Knex): Promise<void> {
  const pg = isPg(knex);
  for (const [table, columns] of Object.entries(LIMITS)) {
    for (const column of Object.keys(columns)) {
      const name = nameOf(table, column);
      if (pg) await knex.raw(`ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${name}`);
      else {
        await knex.raw(`DROP TRIGGER IF EXISTS ${name}_insert`);
        await knex.raw(`DROP TRIGGER IF EXISTS ${name}_update`);
      }
    }
  }
}

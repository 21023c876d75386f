/**
 * PostgreSQL as the security boundary. Policies on every user-owned table admit only rows of
 * `fittrack_current_user_id()`, the user of the login session whose token the connection
 * carries in the setting `fittrack.session_token` (see migrations/20261201000400_db_security.ts),
 * plus, for reading, rows of users who shared their data with that user. Table owners bypass
 * RLS, so the policies bind the application role a deployment connects as (`--app-role`): that
 * role gets no privileges on `users`, `user_sessions`, `audit_log` and `data_shares` and reaches
 * them only through the schema owner's SECURITY DEFINER functions and views.
 */
import type { Knex } from 'knex';
import { nowIso } from '../clock.js';
import { beforeEveryConnection, instanceKeyOf } from './adapter/knex-client.js';
import { FUNCTIONS as SECURITY_FUNCTIONS, VIEWS } from '../../migrations/20261201000400_db_security.js';
import { FUNCTIONS as LIBRARY_FUNCTIONS, REPLACED } from '../../migrations/20261201000900_guarded_names_library.js';

/** The schema owner's functions the app role may call (the replaced versions are gone). */
const FUNCTIONS: string[] = [...SECURITY_FUNCTIONS.filter((f) => !(REPLACED as readonly string[]).includes(f)), ...LIBRARY_FUNCTIONS];

/** The current fittrack user as PostgreSQL sees it (evaluated once per statement). */
const ME = '(SELECT fittrack_current_user_id())';
/** The current user and the users who share their data with them. */
const READABLE = '(SELECT fittrack_readable_owner_ids())';
/** Tables with `user_id` that are not user data in this sense (accounts, sessions, the log). */
const PROTECTED = ['users', 'user_sessions', 'audit_log', 'data_shares'];
const NOT_DATA = new Set([...PROTECTED, 'knex_migrations', 'knex_migrations_lock']);
/** Child tables owned through their parent: child → [foreign key, parent]. */
const CHILDREN: Record<string, [string, string]> = {
  exercise_logs: ['session_id', 'workout_sessions'],
  coaching_action_items: ['session_id', 'coaching_sessions'],
};
/** Tables owned through their parent's parent: table → [foreign key, parent, parent's foreign key, grandparent]. */
const GRANDCHILDREN: Record<string, [string, string, string, string]> = {
  exercise_sets: ['exercise_log_id', 'exercise_logs', 'session_id', 'workout_sessions'],
};
const POLICIES = ['fittrack_owner', 'fittrack_shared_read', 'fittrack_coach_write', 'fittrack_coach_insert', 'fittrack_via_parent', 'fittrack_child_read', 'fittrack_child_write'];

export interface RlsResult {
  tables: string[];
  appRole: string | null;
}

function ident(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_$]*$/.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return `"${name}"`;
}

/** True when a role of this name exists. */
export async function roleExists(db: Knex, role: string): Promise<boolean> {
  const r = await db.raw('select 1 from pg_roles where rolname = ?', [role]);
  return r.rows.length > 0;
}

/** True when pgcrypto (needed to check passwords inside the database) is or can be installed. */
export async function ensurePgcrypto(db: Knex): Promise<boolean> {
  try {
    await db.raw('CREATE EXTENSION IF NOT EXISTS pgcrypto');
    return true;
  } catch {
    return false;
  }
}

/**
 * Turns on RLS with fittrack's policies on every user-owned table (idempotent) and, given an
 * application role, grants it what it needs and nothing on accounts, sessions, shares and the
 * audit log. Returns the tables covered.
 */
export async function enableRls(db: Knex, opts: { appRole?: string } = {}): Promise<RlsResult> {
  return db.transaction(async (trx) => {
    const owned: string[] = (
      await trx.raw(
        `select c.table_name from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
          where c.table_schema = current_schema() and c.column_name = 'user_id' and t.table_type = 'BASE TABLE' order by c.table_name`,
      )
    ).rows
      .map((r: { table_name: string }) => r.table_name)
      .filter((t: string) => !NOT_DATA.has(t));
    const tables: string[] = [];
    const dropPolicies = async (t: string) => {
      for (const p of POLICIES) await trx.raw(`DROP POLICY IF EXISTS ${p} ON ${t}`);
    };
    for (const table of owned) {
      const t = ident(table);
      await trx.raw(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`);
      await dropPolicies(t);
      await trx.raw(`CREATE POLICY fittrack_owner ON ${t} USING (user_id = ${ME}) WITH CHECK (user_id = ${ME})`);
      await trx.raw(`CREATE POLICY fittrack_shared_read ON ${t} FOR SELECT USING (user_id IN ${READABLE})`);
      if (table === 'coaching_sessions') {
        // A coach adds notes (as their author) to a client's data once the client shared it; nothing more.
        await trx.raw(`CREATE POLICY fittrack_coach_insert ON ${t} FOR INSERT WITH CHECK (coach_id = ${ME} AND user_id IN ${READABLE})`);
      }
      tables.push(table);
    }
    for (const [child, [fk, parent]] of Object.entries(CHILDREN)) {
      if (!(await trx.schema.hasTable(child))) continue;
      const t = ident(child);
      const p = ident(parent);
      await trx.raw(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`);
      await dropPolicies(t);
      // Readable where the parent row is readable (its own policies decide); writable only by the parent's owner.
      await trx.raw(`CREATE POLICY fittrack_child_read ON ${t} FOR SELECT USING (EXISTS (SELECT 1 FROM ${p} p WHERE p.id = ${ident(fk)}))`);
      const own = `EXISTS (SELECT 1 FROM ${p} p WHERE p.id = ${ident(fk)} AND p.user_id = ${ME})`;
      await trx.raw(`CREATE POLICY fittrack_child_write ON ${t} USING (${own}) WITH CHECK (${own})`);
      if (child === 'coaching_action_items') {
        await trx.raw(`CREATE POLICY fittrack_coach_insert ON ${t} FOR INSERT WITH CHECK (EXISTS (SELECT 1 FROM ${p} p WHERE p.id = ${ident(fk)} AND p.coach_id = ${ME} AND p.user_id IN ${READABLE}))`);
      }
      tables.push(child);
    }
    for (const [grandchild, [fk, child, childFk, parent]] of Object.entries(GRANDCHILDREN)) {
      if (!(await trx.schema.hasTable(grandchild))) continue;
      const t = ident(grandchild);
      await trx.raw(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`);
      await dropPolicies(t);
      // Readable where its parent row is readable (the parent's policies decide); writable only by the owner at the top.
      await trx.raw(`CREATE POLICY fittrack_child_read ON ${t} FOR SELECT USING (EXISTS (SELECT 1 FROM ${ident(child)} c WHERE c.id = ${ident(fk)}))`);
      const own = `EXISTS (SELECT 1 FROM ${ident(child)} c JOIN ${ident(parent)} p ON p.id = c.${ident(childFk)} WHERE c.id = ${ident(fk)} AND p.user_id = ${ME})`;
      await trx.raw(`CREATE POLICY fittrack_child_write ON ${t} USING (${own}) WITH CHECK (${own})`);
      tables.push(grandchild);
    }
    if (await trx.schema.hasTable('exercise_definitions')) {
      await libraryPolicies(trx);
      tables.push('exercise_definitions');
    }
    let appRole: string | null = null;
    if (opts.appRole) {
      const role = ident(opts.appRole);
      const schema = ident((await trx.raw('select current_schema() as s')).rows[0].s as string);
      await trx.raw(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
      await trx.raw(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`);
      await trx.raw(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`);
      for (const table of [...PROTECTED, 'knex_migrations_lock', ...VIEWS]) await trx.raw(`REVOKE ALL ON ${ident(table)} FROM ${role}`);
      for (const table of PROTECTED) {
        const seq = (await trx.raw('select pg_get_serial_sequence(?, ?) as s', [table, 'id'])).rows[0].s as string | null;
        if (seq) await trx.raw(`REVOKE ALL ON SEQUENCE ${seq} FROM ${role}`);
      }
      for (const table of ['knex_migrations', 'app_config']) await trx.raw(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${ident(table)} FROM ${role}`);
      for (const view of VIEWS) await trx.raw(`GRANT SELECT ON ${ident(view)} TO ${role}`);
      for (const fn of FUNCTIONS) await trx.raw(`GRANT EXECUTE ON FUNCTION ${fn} TO ${role}`);
      appRole = opts.appRole;
    }
    await trx('app_config')
      .insert({ key: 'rls_enabled_at', value: nowIso(), updated_at: nowIso() })
      .onConflict('key')
      .merge();
    return { tables, appRole };
  });
}

const LIBRARY_POLICIES = ['fittrack_library_read', 'fittrack_library_insert', 'fittrack_library_update', 'fittrack_library_delete'];

/**
 * The exercise library is shared (no user_id): a user reads the catalogue (entries nobody
 * created), their own entries and the entries they, or someone sharing with them, logged; adds
 * entries as themselves (catalogue entries: admins only); changes or removes an entry only as
 * an admin, or as its creator while no one else logs it. The owner's helper functions read the
 * logs, so the policies neither recurse nor show other users' logs.
 */
async function libraryPolicies(trx: Knex.Transaction): Promise<void> {
  const t = 'exercise_definitions';
  await trx.raw(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`);
  for (const p of LIBRARY_POLICIES) await trx.raw(`DROP POLICY IF EXISTS ${p} ON ${t}`);
  await trx.raw(`CREATE POLICY fittrack_library_read ON ${t} FOR SELECT USING (created_by IS NULL OR created_by = ${ME} OR id IN (SELECT fittrack_logged_exercise_ids()))`);
  const author = `(created_by = ${ME} OR (SELECT fittrack_is_admin()))`;
  await trx.raw(`CREATE POLICY fittrack_library_insert ON ${t} FOR INSERT WITH CHECK (${author})`);
  await trx.raw(`CREATE POLICY fittrack_library_update ON ${t} FOR UPDATE USING (fittrack_exercise_editable(id)) WITH CHECK (${author})`);
  await trx.raw(`CREATE POLICY fittrack_library_delete ON ${t} FOR DELETE USING (fittrack_exercise_editable(id))`);
}

/** Knex instances (by their shared config, which transactions inherit) that reach accounts only through the functions. */
const guarded = new WeakSet<object>();

/**
 * True when `db` is a PostgreSQL connection whose role may not read `users` itself (an app role
 * under `db enable-rls`): accounts, sessions, shares and the audit log then go through the
 * schema owner's functions and views. Always false on SQLite. `db` is a Knex instance or
 * transaction, or an `Sql` (sql.ts), which says so itself.
 *
 * @example isGuarded(db) ? 'fittrack_user_directory' : 'users'
 */
export function isGuarded(db: Knex | { readonly guarded?: boolean }): boolean {
  if (typeof db !== 'function') return db.guarded === true;
  return guarded.has(instanceKeyOf(db));
}

/** The query that tells whether the role is guarded: it may not read `users` itself. */
const GUARD_QUERY = "select coalesce(not has_table_privilege(to_regclass('users')::oid, 'SELECT'), false) as guarded";

/** Finds out (one query) whether this PostgreSQL connection is guarded; see `isGuarded`. */
export async function detectGuard(db: Knex): Promise<boolean> {
  const r = await db.raw(GUARD_QUERY);
  const on = Boolean((r.rows[0] as { guarded: boolean }).guarded);
  if (on) guarded.add(instanceKeyOf(db));
  return on;
}

/**
 * Whether the role of a PostgreSQL connection is guarded (one query), for a connection without
 * Knex (pg-direct.ts), which is used only when it is not.
 *
 * @example if (await guardedRole(sql)) … // fall back to Knex
 */
export async function guardedRole(sql: { first<T>(text: string): Promise<T | undefined> }): Promise<boolean> {
  const r = await sql.first<{ guarded: boolean }>(GUARD_QUERY);
  return Boolean(r?.guarded);
}

/**
 * Makes every connection this Knex instance hands out carry the login token in
 * `fittrack.session_token`, which `fittrack_current_user_id()` hashes and looks up: the setting
 * is made (once per connection, awaited) before the connection reaches the caller. One process
 * serves one login, so the setting lives for the connection's session.
 */
export function bindSessionToken(db: Knex, token: string): void {
  type Conn = { query(text: string, values: unknown[]): Promise<unknown>; __fittrackToken?: string };
  beforeEveryConnection<Conn>(db, async (conn) => {
    if (conn.__fittrackToken !== token) {
      await conn.query("select set_config('fittrack.session_token', $1, false)", [token]);
      conn.__fittrackToken = token;
    }
  });
}

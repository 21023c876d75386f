/**
 * Row-level security on PostgreSQL. Policies on every user-owned table admit only rows of the
 * user named by the setting `fittrack.user_id` (plus, for reading, rows of users who shared
 * their data with that user). Table owners bypass RLS, so the policies bind the application
 * role a deployment connects as (`--app-role`), not the role that owns the schema.
 */
import type { Knex } from 'knex';
import { nowIso } from './clock.js';

/** The current fittrack user as PostgreSQL sees it; NULL (no rows) when the setting is absent. */
const UID = "nullif(current_setting('fittrack.user_id', true), '')::integer";
const SHARED_OWNERS = `(SELECT s.owner_id FROM data_shares s WHERE s.grantee_id = ${UID} AND s.revoked_at IS NULL)`;
/** Tables with `user_id` that are not user data in this sense (accounts, sessions, the log). */
const NOT_DATA = new Set(['users', 'user_sessions', 'audit_log', 'data_shares', 'knex_migrations', 'knex_migrations_lock']);
/** Child tables owned through their parent: child → [foreign key, parent]. */
const CHILDREN: Record<string, [string, string]> = {
  exercise_logs: ['session_id', 'workout_sessions'],
  coaching_action_items: ['session_id', 'coaching_sessions'],
};

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

/**
 * Turns on RLS with fittrack's policies on every user-owned table (idempotent) and, given an
 * application role, grants it the table privileges it needs. Returns the tables covered.
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
    for (const table of owned) {
      const t = ident(table);
      await trx.raw(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`);
      for (const p of ['fittrack_owner', 'fittrack_shared_read', 'fittrack_coach_write']) await trx.raw(`DROP POLICY IF EXISTS ${p} ON ${t}`);
      await trx.raw(`CREATE POLICY fittrack_owner ON ${t} USING (user_id = ${UID}) WITH CHECK (user_id = ${UID})`);
      await trx.raw(`CREATE POLICY fittrack_shared_read ON ${t} FOR SELECT USING (user_id IN ${SHARED_OWNERS})`);
      if (table === 'coaching_sessions') {
        // A coach records notes into a client's data once the client shared it.
        await trx.raw(`CREATE POLICY fittrack_coach_write ON ${t} FOR ALL USING (coach_id = ${UID} AND user_id IN ${SHARED_OWNERS}) WITH CHECK (coach_id = ${UID} AND user_id IN ${SHARED_OWNERS})`);
      }
      tables.push(table);
    }
    for (const [child, [fk, parent]] of Object.entries(CHILDREN)) {
      if (!(await trx.schema.hasTable(child))) continue;
      const t = ident(child);
      await trx.raw(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`);
      await trx.raw(`DROP POLICY IF EXISTS fittrack_via_parent ON ${t}`);
      // The parent's own policies decide: a child row is visible/writable when its parent row is.
      const visible = `EXISTS (SELECT 1 FROM ${ident(parent)} p WHERE p.id = ${ident(fk)})`;
      await trx.raw(`CREATE POLICY fittrack_via_parent ON ${t} USING (${visible}) WITH CHECK (${visible})`);
      tables.push(child);
    }
    let appRole: string | null = null;
    if (opts.appRole) {
      const role = ident(opts.appRole);
      const schema = ident((await trx.raw('select current_schema() as s')).rows[0].s as string);
      await trx.raw(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
      await trx.raw(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`);
      await trx.raw(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`);
      appRole = opts.appRole;
    }
    await trx('app_config')
      .insert({ key: 'rls_enabled_at', value: nowIso(), updated_at: nowIso() })
      .onConflict('key')
      .merge();
    return { tables, appRole };
  });
}

/**
 * Makes every connection this Knex instance hands out carry `fittrack.user_id` = `userId`,
 * so RLS policies see the acting user: the setting is made (once per connection, awaited)
 * before the connection reaches the caller. One process serves one user, so the setting
 * lives for the connection's session rather than for each transaction.
 */
export function bindConnectionsToUser(db: Knex, userId: number): void {
  type Conn = { query(text: string, values: unknown[]): Promise<unknown>; __fittrackUserId?: number };
  const client = db.client as { acquireConnection(): Promise<Conn> };
  const acquire = client.acquireConnection.bind(client);
  client.acquireConnection = async () => {
    const conn = await acquire();
    if (conn.__fittrackUserId !== userId) {
      await conn.query("select set_config('fittrack.user_id', $1, false)", [String(userId)]);
      conn.__fittrackUserId = userId;
    }
    return conn;
  };
}

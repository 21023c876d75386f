/**
 * The security boundary (20261201000400_db_security.ts) meets folded names, full-account
 * restores and the exercise library (nothing changes on SQLite, which has no roles).
 *
 * - Users the schema owner's functions create or rename get their folded name
 *   (`users.username_folded`, see src/domain/names.ts), passed in by fittrack, so a guarded role
 *   finds `ana` by `ANA` and two names that fold alike are refused by the unique index. The
 *   versions without it are dropped: a caller cannot create a user without a folded name.
 * - `fittrack_user_directory` shows the folded name (appended as its last column).
 * - `fittrack_share_restore`: `import-json` restores the caller's own shares, with their dates.
 * - Helpers for the exercise library's policies (rls-repo.ts), run as the schema owner so the
 *   policies read other users' logs without recursion and without showing them: which entries
 *   the caller (or someone who shares with them) logged, whether others log an entry, whether
 *   the caller may change one, and the entry of a folded name (a name is unique in the whole
 *   library, so a guarded caller must still find a name another user took, to log it or to be
 *   told it is taken).
 */
import type { Knex } from 'knex';
import { up as securityUp } from './20261201000400_db_security.js';

function isPg(knex: Knex): boolean {
  return (knex.client as { config: { client: string } }).config.client === 'pg';
}

/** The owner's functions this migration adds; `db enable-rls` grants them to the app role. */
export const FUNCTIONS = [
  'fittrack_ensure_local_profile(text, text)',
  'fittrack_user_claim_local(text, text, text, text, numeric, text, jsonb, text)',
  'fittrack_user_add(text, text, text, text, text, numeric, text)',
  'fittrack_share_restore(integer, timestamptz, timestamptz)',
  'fittrack_logged_exercise_ids()',
  'fittrack_exercise_used_by_others(integer)',
  'fittrack_exercise_editable(integer)',
  'fittrack_exercise_by_folded_name(text)',
] as const;

/** The versions without a folded name, dropped here (and no longer granted). */
export const REPLACED = ['fittrack_ensure_local_profile(text)', 'fittrack_user_claim_local(text, text, text, text, numeric, text, jsonb)', 'fittrack_user_add(text, text, text, text, text, numeric)'] as const;

function body(schema: string): string {
  const head = (ret: string, opts = '') => `RETURNS ${ret} LANGUAGE plpgsql ${opts} SECURITY DEFINER SET search_path = ${schema}, pg_temp AS $fn$
#variable_conflict use_column`;
  const denied = (what: string) => `RAISE EXCEPTION 'fittrack: ${what}' USING ERRCODE = '42501'`;
  return `
CREATE OR REPLACE FUNCTION fittrack_ensure_local_profile(p_name text, p_folded text) ${head('void')}
BEGIN
  IF NOT EXISTS (SELECT 1 FROM users) THEN
    INSERT INTO users (username, username_folded, role, created_at, updated_at) VALUES (p_name, p_folded, 'user', now(), now()) ON CONFLICT DO NOTHING;
  END IF;
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_user_claim_local(p_username text, p_email text, p_hash text, p_units text, p_height numeric, p_audit_action text, p_audit_details jsonb, p_folded text) ${head('integer')}
DECLARE uid integer;
BEGIN
  -- Only while no one has a password (local mode, where there is no secret to check yet).
  IF EXISTS (SELECT 1 FROM users WHERE password_hash IS NOT NULL) THEN ${denied('only admins manage users')}; END IF;
  IF p_username IS NOT NULL AND p_folded IS NULL THEN ${denied('a username needs its folded form')}; END IF;
  SELECT id INTO uid FROM users WHERE password_hash IS NULL ORDER BY id LIMIT 1;
  IF uid IS NULL THEN
    INSERT INTO users (username, username_folded, email, role, password_hash, preferred_units, height_cm, created_at, updated_at)
    VALUES (p_username, p_folded, p_email, 'admin', p_hash, coalesce(p_units, 'metric'), p_height, now(), now()) RETURNING id INTO uid;
  ELSE
    UPDATE users SET username = coalesce(p_username, username), username_folded = coalesce(p_folded, username_folded), email = coalesce(p_email, email),
           role = 'admin', password_hash = p_hash, preferred_units = coalesce(p_units, preferred_units), height_cm = coalesce(p_height, height_cm), updated_at = now()
     WHERE id = uid;
  END IF;
  INSERT INTO audit_log (user_id, action, entity, entity_id, details) VALUES (uid, p_audit_action, 'user', uid::text, p_audit_details);
  RETURN uid;
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_user_add(p_username text, p_email text, p_role text, p_hash text, p_units text, p_height numeric, p_folded text) ${head('integer')}
DECLARE uid integer;
BEGIN
  IF NOT fittrack_is_admin() THEN ${denied('only admins add users')}; END IF;
  IF p_folded IS NULL THEN ${denied('a username needs its folded form')}; END IF;
  INSERT INTO users (username, username_folded, email, role, password_hash, preferred_units, height_cm, created_at, updated_at)
  VALUES (p_username, p_folded, p_email, p_role, p_hash, coalesce(p_units, 'metric'), p_height, now(), now()) RETURNING id INTO uid;
  RETURN uid;
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_user_update(p_target integer, p_patch jsonb) ${head('void')}
DECLARE me integer := fittrack_current_user_id(); admin boolean := fittrack_is_admin(); k text;
BEGIN
  IF me IS NULL OR (p_target <> me AND NOT admin) THEN ${denied('only admins change other users')}; END IF;
  FOR k IN SELECT jsonb_object_keys(p_patch) LOOP
    IF k NOT IN ('username', 'username_folded', 'email', 'role', 'display_name', 'bio', 'photo_url', 'preferred_units', 'height_cm') THEN ${denied('this field cannot be changed here')}; END IF;
  END LOOP;
  IF (p_patch->'username' IS NULL) <> (p_patch->'username_folded' IS NULL) OR jsonb_typeof(p_patch->'username_folded') = 'null' THEN
    ${denied('a username is changed with its folded form')};
  END IF;
  IF p_patch->'role' IS NOT NULL THEN
    IF NOT admin THEN ${denied('only admins change roles')}; END IF;
    IF p_patch->>'role' <> 'admin' AND (SELECT role FROM users WHERE id = p_target) = 'admin'
       AND (SELECT count(*) FROM users WHERE role = 'admin' AND is_active AND password_hash IS NOT NULL AND id <> p_target) = 0 THEN
      ${denied('the last admin cannot give up the role')};
    END IF;
  END IF;
  UPDATE users SET
    username = CASE WHEN p_patch->'username' IS NOT NULL THEN p_patch->>'username' ELSE username END,
    username_folded = CASE WHEN p_patch->'username_folded' IS NOT NULL THEN p_patch->>'username_folded' ELSE username_folded END,
    email = CASE WHEN p_patch->'email' IS NOT NULL THEN p_patch->>'email' ELSE email END,
    role = CASE WHEN p_patch->'role' IS NOT NULL THEN p_patch->>'role' ELSE role END,
    display_name = CASE WHEN p_patch->'display_name' IS NOT NULL THEN p_patch->>'display_name' ELSE display_name END,
    bio = CASE WHEN p_patch->'bio' IS NOT NULL THEN p_patch->>'bio' ELSE bio END,
    photo_url = CASE WHEN p_patch->'photo_url' IS NOT NULL THEN p_patch->>'photo_url' ELSE photo_url END,
    preferred_units = CASE WHEN p_patch->'preferred_units' IS NOT NULL THEN p_patch->>'preferred_units' ELSE preferred_units END,
    height_cm = CASE WHEN p_patch->'height_cm' IS NOT NULL THEN (p_patch->>'height_cm')::numeric ELSE height_cm END,
    updated_at = now()
  WHERE id = p_target;
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_share_restore(p_grantee integer, p_granted_at timestamptz, p_revoked_at timestamptz) ${head('boolean')}
DECLARE me integer := fittrack_current_user_id(); n integer;
BEGIN
  -- Always the caller's own share: a restore cannot write another account's.
  IF me IS NULL THEN ${denied('not logged in')}; END IF;
  IF p_grantee = me OR NOT EXISTS (SELECT 1 FROM users WHERE id = p_grantee) THEN RETURN false; END IF;
  INSERT INTO data_shares (owner_id, grantee_id, granted_at, revoked_at) VALUES (me, p_grantee, coalesce(p_granted_at, now()), p_revoked_at)
  ON CONFLICT (owner_id, grantee_id) DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n > 0;
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_logged_exercise_ids() ${head('SETOF integer', 'STABLE')}
BEGIN
  RETURN QUERY SELECT DISTINCT l.exercise_definition_id FROM exercise_logs l JOIN workout_sessions s ON s.id = l.session_id
    WHERE l.exercise_definition_id IS NOT NULL AND s.user_id IN (SELECT fittrack_readable_owner_ids());
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_exercise_used_by_others(p_definition integer) ${head('boolean', 'STABLE')}
DECLARE me integer := fittrack_current_user_id();
BEGIN
  RETURN EXISTS (SELECT 1 FROM exercise_logs l JOIN workout_sessions s ON s.id = l.session_id
                  WHERE l.exercise_definition_id = p_definition AND s.user_id IS DISTINCT FROM me);
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_exercise_editable(p_definition integer) ${head('boolean', 'STABLE')}
DECLARE me integer := fittrack_current_user_id();
BEGIN
  IF me IS NULL THEN RETURN false; END IF;
  IF fittrack_is_admin() THEN RETURN true; END IF;
  RETURN EXISTS (SELECT 1 FROM exercise_definitions WHERE id = p_definition AND created_by = me) AND NOT fittrack_exercise_used_by_others(p_definition);
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_exercise_by_folded_name(p_folded text) ${head('TABLE(id integer, name varchar, category varchar)', 'STABLE')}
BEGIN
  RETURN QUERY SELECT d.id, d.name::varchar, d.category::varchar FROM exercise_definitions d WHERE d.name_folded = p_folded;
END $fn$;

CREATE OR REPLACE VIEW fittrack_user_directory WITH (security_barrier) AS
  SELECT u.id, u.username,
         CASE WHEN u.id = me.uid OR me.admin THEN u.email END AS email,
         CASE WHEN u.password_hash IS NULL THEN NULL ELSE '(hidden)' END::varchar(100) AS password_hash,
         u.role, u.is_active,
         CASE WHEN u.id = me.uid OR me.admin THEN u.failed_login_attempts ELSE 0 END AS failed_login_attempts,
         CASE WHEN u.id = me.uid OR me.admin THEN u.locked_until END AS locked_until,
         CASE WHEN u.id = me.uid OR me.admin THEN u.last_login_at END AS last_login_at,
         u.display_name, u.bio, u.photo_url, u.preferred_units, u.height_cm, u.created_at, u.updated_at,
         u.username_folded
    FROM users u CROSS JOIN (SELECT fittrack_current_user_id() AS uid, fittrack_is_admin() AS admin) me;
`;
}

export async function up(knex: Knex): Promise<void> {
  if (!isPg(knex)) return;
  const schema = (await knex.raw('select current_schema() as s')).rows[0].s as string;
  const quoted = `"${schema.replace(/"/g, '""')}"`;
  for (const fn of REPLACED) await knex.raw(`DROP FUNCTION IF EXISTS ${fn}`);
  await knex.raw(body(quoted));
  for (const fn of FUNCTIONS) await knex.raw(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
}

/** Back to the functions and view of 20261201000400 (run `db enable-rls` again to grant them). */
export async function down(knex: Knex): Promise<void> {
  if (!isPg(knex)) return;
  for (const fn of [...FUNCTIONS].reverse()) await knex.raw(`DROP FUNCTION IF EXISTS ${fn}`);
  await knex.raw('DROP VIEW IF EXISTS fittrack_user_directory');
  await securityUp(knex);
}

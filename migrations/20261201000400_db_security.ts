/**
 * PostgreSQL as the security boundary (nothing changes on SQLite, which has no roles).
 *
 * The identity row-level security uses is `fittrack_current_user_id()`: the user of the live
 * login session whose token the connection carries in the setting `fittrack.session_token`
 * (hashed with SHA-256 as fittrack stores it, looked up in `user_sessions`). A caller who does
 * not hold a token cannot take on a user. In local mode (no user has a password) there is no
 * secret at all and the identity is the local profile.
 *
 * Accounts, sessions, shares and the audit log are reached by an application role only through
 * the SECURITY DEFINER functions and the views below, which run as the schema owner and check
 * the caller's identity themselves. `fittrack db enable-rls --app-role R` grants R exactly those.
 * The functions are plpgsql, bound at run time; the login check needs pgcrypto (`crypt`), which
 * `db enable-rls` installs.
 */
import type { Knex } from 'knex';

function isPg(knex: Knex): boolean {
  return (knex.client as { config: { client: string } }).config.client === 'pg';
}

/** Failed logins in a row that lock an account, and for how long (as MAX_FAILED_LOGINS and LOCKOUT_MS in src/domain/auth.ts). */
const MAX_FAILED = 5;
const LOCKOUT = "interval '15 minutes'";
/** A bcrypt hash of cost 12 (the cost of real hashes): what an unknown user's password is compared with. */
const DUMMY_HASH = '$2b$12$M5PaKbsV.awCuwWiQfmFfOE0rEf/tBqAE0QTWqIDzMuISX4Yvhq.K';

export const FUNCTIONS = [
  'fittrack_current_user_id()',
  'fittrack_is_admin()',
  'fittrack_readable_owner_ids()',
  'fittrack_bcrypt_check(text, text)',
  'fittrack_login(text, text, text, boolean, text, text)',
  'fittrack_session_current()',
  'fittrack_session_touch()',
  'fittrack_session_end(text, text)',
  'fittrack_sessions_revoke(integer, text)',
  'fittrack_sessions_cleanable(timestamptz)',
  'fittrack_sessions_cleanup(timestamptz, integer)',
  'fittrack_audit(text, text, text, jsonb)',
  'fittrack_share_grant(integer)',
  'fittrack_share_revoke(integer)',
  'fittrack_ensure_local_profile(text)',
  'fittrack_user_claim_local(text, text, text, text, numeric, text, jsonb)',
  'fittrack_user_add(text, text, text, text, text, numeric)',
  'fittrack_user_update(integer, jsonb)',
  'fittrack_user_set_password(integer, text, text)',
  'fittrack_user_set_active(integer, boolean)',
  'fittrack_user_remove(integer)',
] as const;

export const VIEWS = ['fittrack_user_directory', 'fittrack_my_sessions', 'fittrack_my_shares', 'fittrack_audit_entries'] as const;

function body(schema: string): string {
  const head = (ret: string, opts = '') => `RETURNS ${ret} LANGUAGE plpgsql ${opts} SECURITY DEFINER SET search_path = ${schema}, pg_temp AS $fn$
#variable_conflict use_column`;
  const denied = (what: string) => `RAISE EXCEPTION 'fittrack: ${what}' USING ERRCODE = '42501'`;
  return `
CREATE OR REPLACE FUNCTION fittrack_current_user_id() ${head('integer', 'STABLE')}
DECLARE tok text := coalesce(current_setting('fittrack.session_token', true), '');
BEGIN
  IF tok <> '' THEN
    RETURN (SELECT s.user_id FROM user_sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = encode(sha256(convert_to(tok, 'UTF8')), 'hex')
               AND s.revoked_at IS NULL AND s.expires_at > now() AND u.is_active AND u.password_hash IS NOT NULL);
  END IF;
  IF EXISTS (SELECT 1 FROM users WHERE password_hash IS NOT NULL) THEN RETURN NULL; END IF;
  RETURN (SELECT id FROM users WHERE password_hash IS NULL ORDER BY id LIMIT 1);
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_is_admin() ${head('boolean', 'STABLE')}
BEGIN
  RETURN coalesce((SELECT role = 'admin' FROM users WHERE id = fittrack_current_user_id() AND password_hash IS NOT NULL), false);
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_readable_owner_ids() ${head('SETOF integer', 'STABLE')}
DECLARE me integer := fittrack_current_user_id();
BEGIN
  IF me IS NULL THEN RETURN; END IF;
  RETURN NEXT me;
  RETURN QUERY SELECT owner_id FROM data_shares WHERE grantee_id = me AND revoked_at IS NULL;
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_bcrypt_check(p_password text, p_hash text) ${head('boolean', 'STABLE')}
DECLARE ext text; h text; result text;
BEGIN
  SELECT n.nspname INTO ext FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pgcrypto';
  IF ext IS NULL THEN RAISE EXCEPTION 'fittrack: the pgcrypto extension is missing' USING HINT = 'run as the schema owner: fittrack db enable-rls'; END IF;
  -- pgcrypto knows bcrypt as $2a$; $2b$ and $2y$ hash the same for passwords under 72 bytes.
  h := '$2a$' || substr(p_hash, 5);
  EXECUTE format('SELECT %I.crypt($1, $2)', ext) INTO result USING p_password, h;
  RETURN result = h;
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_login(p_username text, p_password text, p_token_hash text, p_remember boolean, p_user_agent text, p_hostname text)
  ${head('TABLE(ok boolean, user_id integer, session_id integer, expires_at timestamptz)')}
DECLARE u users%ROWTYPE; good boolean; failures integer; locked timestamptz; sid integer; exp timestamptz;
BEGIN
  SELECT * INTO u FROM users WHERE username = p_username;
  -- Always one bcrypt comparison of real cost, whatever the account's state.
  good := fittrack_bcrypt_check(p_password, coalesce(u.password_hash, '${DUMMY_HASH}')) AND u.password_hash IS NOT NULL;
  IF u.id IS NULL THEN
    INSERT INTO audit_log (user_id, action, details) VALUES (NULL, 'login_failure', '{"reason":"bad credentials"}');
    RETURN QUERY SELECT false, NULL::integer, NULL::integer, NULL::timestamptz; RETURN;
  END IF;
  IF NOT good THEN
    UPDATE users SET failed_login_attempts = CASE WHEN failed_login_attempts + 1 >= ${MAX_FAILED} THEN 0 ELSE failed_login_attempts + 1 END,
                     locked_until = CASE WHEN failed_login_attempts + 1 >= ${MAX_FAILED} THEN now() + ${LOCKOUT} ELSE locked_until END,
                     updated_at = now()
     WHERE id = u.id AND (locked_until IS NULL OR locked_until <= now())
     RETURNING failed_login_attempts, users.locked_until INTO failures, locked;
    INSERT INTO audit_log (user_id, action, entity, entity_id, details) VALUES (u.id, 'login_failure', 'user', u.id::text, '{"reason":"bad credentials"}');
    IF failures = 0 THEN
      INSERT INTO audit_log (user_id, action, entity, entity_id, details)
      VALUES (u.id, 'lockout', 'user', u.id::text, jsonb_build_object('lockedUntil', to_char(locked AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'failures', ${MAX_FAILED}));
    END IF;
    RETURN QUERY SELECT false, NULL::integer, NULL::integer, NULL::timestamptz; RETURN;
  END IF;
  -- The right password: a lock or a deactivation (checked again, atomically) still refuses.
  UPDATE users SET failed_login_attempts = 0, locked_until = NULL, last_login_at = now()
   WHERE id = u.id AND is_active AND (locked_until IS NULL OR locked_until <= now()) RETURNING id INTO sid;
  IF sid IS NULL THEN
    INSERT INTO audit_log (user_id, action, entity, entity_id, details)
    VALUES (u.id, 'login_failure', 'user', u.id::text, jsonb_build_object('reason', CASE WHEN u.is_active THEN 'locked' ELSE 'inactive' END));
    RETURN QUERY SELECT false, NULL::integer, NULL::integer, NULL::timestamptz; RETURN;
  END IF;
  exp := now() + interval '24 hours';
  INSERT INTO user_sessions (user_id, token_hash, created_at, expires_at, last_activity_at, remember_me, user_agent, hostname, device_type)
  VALUES (u.id, p_token_hash, now(), exp, now(), p_remember, left(p_user_agent, 300), left(p_hostname, 255), 'cli') RETURNING id INTO sid;
  INSERT INTO audit_log (user_id, action, entity, entity_id, details)
  VALUES (u.id, 'login_success', 'user_session', sid::text, jsonb_build_object('remember', p_remember, 'hostname', p_hostname));
  RETURN QUERY SELECT true, u.id, sid, exp;
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_session_current()
  ${head('TABLE(id integer, user_id integer, created_at timestamptz, expires_at timestamptz, last_activity_at timestamptz, revoked_at timestamptz, revoke_reason varchar, remember_me boolean, user_agent varchar, device_type varchar, hostname varchar)', 'STABLE')}
DECLARE tok text := coalesce(current_setting('fittrack.session_token', true), '');
BEGIN
  RETURN QUERY SELECT s.id, s.user_id, s.created_at, s.expires_at, s.last_activity_at, s.revoked_at, s.revoke_reason, s.remember_me, s.user_agent, s.device_type, s.hostname
    FROM user_sessions s WHERE tok <> '' AND s.token_hash = encode(sha256(convert_to(tok, 'UTF8')), 'hex');
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_session_touch() ${head('timestamptz')}
DECLARE tok text := coalesce(current_setting('fittrack.session_token', true), ''); exp timestamptz;
BEGIN
  UPDATE user_sessions s SET last_activity_at = now(),
         expires_at = least(now() + interval '24 hours', s.created_at + CASE WHEN s.remember_me THEN interval '30 days' ELSE interval '24 hours' END)
   WHERE tok <> '' AND s.token_hash = encode(sha256(convert_to(tok, 'UTF8')), 'hex') AND s.revoked_at IS NULL AND s.expires_at > now()
   RETURNING s.expires_at INTO exp;
  RETURN exp;
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_session_end(p_token text, p_reason text) ${head('integer')}
DECLARE sid integer; uid integer;
BEGIN
  UPDATE user_sessions SET revoked_at = now(), revoke_reason = left(p_reason, 200)
   WHERE token_hash = encode(sha256(convert_to(p_token, 'UTF8')), 'hex') AND revoked_at IS NULL
   RETURNING id, user_id INTO sid, uid;
  IF sid IS NOT NULL AND p_reason = 'logout' THEN
    INSERT INTO audit_log (user_id, action, entity, entity_id) VALUES (uid, 'logout', 'user_session', sid::text);
  END IF;
  RETURN sid;
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_sessions_revoke(p_session_id integer, p_reason text) ${head('integer')}
DECLARE me integer := fittrack_current_user_id(); cur integer := (SELECT id FROM fittrack_session_current()); n integer;
BEGIN
  IF me IS NULL THEN ${denied('not logged in')}; END IF;
  UPDATE user_sessions SET revoked_at = now(), revoke_reason = left(p_reason, 200)
   WHERE user_id = me AND revoked_at IS NULL
     AND (CASE WHEN p_session_id IS NULL THEN id IS DISTINCT FROM cur ELSE id = p_session_id END);
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_sessions_cleanable(p_cutoff timestamptz) ${head('bigint', 'STABLE')}
DECLARE cutoff timestamptz := least(p_cutoff, now());
BEGIN
  RETURN (SELECT count(*) FROM user_sessions WHERE expires_at < cutoff OR revoked_at < cutoff);
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_sessions_cleanup(p_cutoff timestamptz, p_limit integer) ${head('integer')}
DECLARE cutoff timestamptz := least(p_cutoff, now()); n integer;
BEGIN
  -- Only sessions already dead before now go: a caller cannot end live sessions this way.
  DELETE FROM user_sessions WHERE id IN (SELECT id FROM user_sessions WHERE expires_at < cutoff OR revoked_at < cutoff LIMIT greatest(p_limit, 0));
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_audit(p_action text, p_entity text, p_entity_id text, p_details jsonb) ${head('void')}
DECLARE me integer := fittrack_current_user_id();
BEGIN
  -- Rows are always the caller's own; only the unattended cleanup writes without a login.
  IF me IS NULL AND p_action <> 'sessions_cleanup' THEN ${denied('audit entries are written by logged-in users only')}; END IF;
  INSERT INTO audit_log (user_id, action, entity, entity_id, details) VALUES (me, p_action, p_entity, p_entity_id, p_details);
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_share_grant(p_grantee integer) ${head('boolean')}
DECLARE me integer := fittrack_current_user_id(); n integer;
BEGIN
  IF me IS NULL THEN ${denied('not logged in')}; END IF;
  INSERT INTO data_shares (owner_id, grantee_id, granted_at) VALUES (me, p_grantee, now())
  ON CONFLICT (owner_id, grantee_id) DO UPDATE SET revoked_at = NULL, granted_at = now() WHERE data_shares.revoked_at IS NOT NULL;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n > 0;
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_share_revoke(p_grantee integer) ${head('boolean')}
DECLARE me integer := fittrack_current_user_id(); n integer;
BEGIN
  IF me IS NULL THEN ${denied('not logged in')}; END IF;
  UPDATE data_shares SET revoked_at = now() WHERE owner_id = me AND grantee_id = p_grantee AND revoked_at IS NULL;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n > 0;
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_ensure_local_profile(p_name text) ${head('void')}
BEGIN
  IF NOT EXISTS (SELECT 1 FROM users) THEN
    INSERT INTO users (username, role, created_at, updated_at) VALUES (p_name, 'user', now(), now()) ON CONFLICT (username) DO NOTHING;
  END IF;
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_user_claim_local(p_username text, p_email text, p_hash text, p_units text, p_height numeric, p_audit_action text, p_audit_details jsonb) ${head('integer')}
DECLARE uid integer;
BEGIN
  -- Only while no one has a password (local mode, where there is no secret to check yet).
  IF EXISTS (SELECT 1 FROM users WHERE password_hash IS NOT NULL) THEN ${denied('only admins manage users')}; END IF;
  SELECT id INTO uid FROM users WHERE password_hash IS NULL ORDER BY id LIMIT 1;
  IF uid IS NULL THEN
    INSERT INTO users (username, email, role, password_hash, preferred_units, height_cm, created_at, updated_at)
    VALUES (p_username, p_email, 'admin', p_hash, coalesce(p_units, 'metric'), p_height, now(), now()) RETURNING id INTO uid;
  ELSE
    UPDATE users SET username = coalesce(p_username, username), email = coalesce(p_email, email), role = 'admin', password_hash = p_hash,
           preferred_units = coalesce(p_units, preferred_units), height_cm = coalesce(p_height, height_cm), updated_at = now()
     WHERE id = uid;
  END IF;
  INSERT INTO audit_log (user_id, action, entity, entity_id, details) VALUES (uid, p_audit_action, 'user', uid::text, p_audit_details);
  RETURN uid;
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_user_add(p_username text, p_email text, p_role text, p_hash text, p_units text, p_height numeric) ${head('integer')}
DECLARE uid integer;
BEGIN
  IF NOT fittrack_is_admin() THEN ${denied('only admins add users')}; END IF;
  INSERT INTO users (username, email, role, password_hash, preferred_units, height_cm, created_at, updated_at)
  VALUES (p_username, p_email, p_role, p_hash, coalesce(p_units, 'metric'), p_height, now(), now()) RETURNING id INTO uid;
  RETURN uid;
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_user_update(p_target integer, p_patch jsonb) ${head('void')}
DECLARE me integer := fittrack_current_user_id(); admin boolean := fittrack_is_admin(); k text;
BEGIN
  IF me IS NULL OR (p_target <> me AND NOT admin) THEN ${denied('only admins change other users')}; END IF;
  FOR k IN SELECT jsonb_object_keys(p_patch) LOOP
    IF k NOT IN ('username', 'email', 'role', 'display_name', 'bio', 'photo_url', 'preferred_units', 'height_cm') THEN ${denied("this field cannot be changed here")}; END IF;
  END LOOP;
  IF p_patch->'role' IS NOT NULL THEN
    IF NOT admin THEN ${denied('only admins change roles')}; END IF;
    IF p_patch->>'role' <> 'admin' AND (SELECT role FROM users WHERE id = p_target) = 'admin'
       AND (SELECT count(*) FROM users WHERE role = 'admin' AND is_active AND password_hash IS NOT NULL AND id <> p_target) = 0 THEN
      ${denied('the last admin cannot give up the role')};
    END IF;
  END IF;
  UPDATE users SET
    username = CASE WHEN p_patch->'username' IS NOT NULL THEN p_patch->>'username' ELSE username END,
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

CREATE OR REPLACE FUNCTION fittrack_user_set_password(p_target integer, p_current text, p_new_hash text) ${head('integer')}
DECLARE me integer := fittrack_current_user_id(); cur integer := (SELECT id FROM fittrack_session_current()); n integer;
BEGIN
  IF me IS NULL THEN ${denied('not logged in')}; END IF;
  IF p_target = me THEN
    IF NOT fittrack_bcrypt_check(coalesce(p_current, ''), (SELECT password_hash FROM users WHERE id = me)) THEN RETURN -1; END IF;
  ELSIF NOT fittrack_is_admin() THEN ${denied('only admins change other users')};
  END IF;
  UPDATE users SET password_hash = p_new_hash, updated_at = now() WHERE id = p_target;
  UPDATE user_sessions SET revoked_at = now(), revoke_reason = 'password_change'
   WHERE user_id = p_target AND revoked_at IS NULL AND (p_target <> me OR id IS DISTINCT FROM cur);
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_user_set_active(p_target integer, p_active boolean) ${head('integer')}
DECLARE n integer := 0;
BEGIN
  IF NOT fittrack_is_admin() THEN ${denied('only admins lock or unlock users')}; END IF;
  IF p_active THEN
    UPDATE users SET is_active = true, locked_until = NULL, failed_login_attempts = 0, updated_at = now() WHERE id = p_target;
  ELSE
    UPDATE users SET is_active = false, updated_at = now() WHERE id = p_target;
    UPDATE user_sessions SET revoked_at = now(), revoke_reason = 'locked' WHERE user_id = p_target AND revoked_at IS NULL;
    GET DIAGNOSTICS n = ROW_COUNT;
  END IF;
  RETURN n;
END $fn$;

CREATE OR REPLACE FUNCTION fittrack_user_remove(p_target integer) ${head('void')}
BEGIN
  IF NOT fittrack_is_admin() THEN ${denied('only admins remove users')}; END IF;
  DELETE FROM users WHERE id = p_target;
END $fn$;

CREATE OR REPLACE VIEW fittrack_user_directory WITH (security_barrier) AS
  SELECT u.id, u.username,
         CASE WHEN u.id = me.uid OR me.admin THEN u.email END AS email,
         CASE WHEN u.password_hash IS NULL THEN NULL ELSE '(hidden)' END::varchar(100) AS password_hash,
         u.role, u.is_active,
         CASE WHEN u.id = me.uid OR me.admin THEN u.failed_login_attempts ELSE 0 END AS failed_login_attempts,
         CASE WHEN u.id = me.uid OR me.admin THEN u.locked_until END AS locked_until,
         CASE WHEN u.id = me.uid OR me.admin THEN u.last_login_at END AS last_login_at,
         u.display_name, u.bio, u.photo_url, u.preferred_units, u.height_cm, u.created_at, u.updated_at
    FROM users u CROSS JOIN (SELECT fittrack_current_user_id() AS uid, fittrack_is_admin() AS admin) me;

CREATE OR REPLACE VIEW fittrack_my_sessions WITH (security_barrier) AS
  SELECT s.id, s.user_id, s.created_at, s.expires_at, s.last_activity_at, s.revoked_at, s.revoke_reason, s.remember_me, s.ip_address, s.user_agent, s.device_type, s.hostname
    FROM user_sessions s WHERE s.user_id = (SELECT fittrack_current_user_id());

CREATE OR REPLACE VIEW fittrack_my_shares WITH (security_barrier) AS
  SELECT s.id, s.owner_id, s.grantee_id, s.granted_at, s.revoked_at
    FROM data_shares s CROSS JOIN (SELECT fittrack_current_user_id() AS uid) me
   WHERE s.owner_id = me.uid OR s.grantee_id = me.uid;

CREATE OR REPLACE VIEW fittrack_audit_entries WITH (security_barrier) AS
  SELECT a.* FROM audit_log a WHERE (SELECT fittrack_is_admin());
`;
}

export async function up(knex: Knex): Promise<void> {
  if (!isPg(knex)) return;
  const schema = (await knex.raw('select current_schema() as s')).rows[0].s as string;
  const quoted = `"${schema.replace(/"/g, '""')}"`;
  await knex.raw(body(quoted));
  for (const fn of FUNCTIONS) await knex.raw(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
}

export async function down(knex: Knex): Promise<void> {
  if (!isPg(knex)) return;
  for (const view of [...VIEWS].reverse()) await knex.raw(`DROP VIEW IF EXISTS ${view}`);
  for (const fn of [...FUNCTIONS].reverse()) await knex.raw(`DROP FUNCTION IF EXISTS ${fn}`);
}

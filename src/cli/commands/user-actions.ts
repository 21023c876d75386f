import type { Knex } from 'knex';
import { checkNewPassword, hashPassword, verifyPassword } from '../../domain/password.js';
import { checkEmail, checkUsername, parseHeightInput, parseRole, parseUnits } from '../../domain/user-profile.js';
import { checkTextLength } from '../../domain/validation.js';
import { recordAudit } from '../../db/audit-repo.js';
import { isGuarded } from '../../db/rls-repo.js';
import {
  claimLocalProfile,
  countActiveAdmins,
  deleteUser,
  findUserByName,
  insertUser,
  isActiveUser,
  listUsers,
  loadModeAndLocal,
  setUserActive,
  setUserPassword,
  updateUser,
  type ProfilePatch,
  type UserRow,
} from '../../db/users-repo.js';
import { AuthError, NotFoundError, UsageError } from '../../errors.js';
import { resolveCaller, withDatabase, type Caller, type DbContext, type GlobalOptions } from '../context.js';
import { printJson, printLine, say } from '../render/output.js';
import { formatLocalTime } from '../render/format.js';
import { canPrompt, confirmOnTty, readPassword } from '../secret-input.js';

/** A user as shown to people: never the password hash. */
export interface UserRecord {
  id: number;
  username: string;
  email: string | null;
  role: UserRow['role'];
  active: boolean;
  hasPassword: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  displayName: string | null;
  bio: string | null;
  photoUrl: string | null;
  preferredUnits: UserRow['preferred_units'];
  heightCm: number | null;
  createdAt: string;
}

export function toUserRecord(u: UserRow): UserRecord {
  return {
    id: u.id,
    username: u.username,
    email: u.email,
    role: u.role,
    active: isActiveUser(u),
    hasPassword: u.password_hash !== null,
    lockedUntil: u.locked_until,
    lastLoginAt: u.last_login_at,
    displayName: u.display_name,
    bio: u.bio,
    photoUrl: u.photo_url,
    preferredUnits: u.preferred_units,
    heightCm: u.height_cm === null ? null : Number(u.height_cm),
    createdAt: u.created_at,
  };
}

function requireAdmin(caller: Caller, what: string): void {
  if (!caller.multiUser) throw new AuthError(`only admins can ${what}, and this database has no admin yet`, 'create the first (admin) user with: fittrack user add <name>');
  if (caller.actor.role !== 'admin') throw new AuthError(`only admins can ${what}`, 'ask an admin of this database');
}

async function targetUser(db: Knex, username: string): Promise<UserRow> {
  const u = await findUserByName(db, username);
  if (!u) throw new NotFoundError(`no user named "${username}"`, 'see the users with: fittrack user list');
  return u;
}

async function newPassword(globals: GlobalOptions, fromStdin: boolean | undefined, line = 0): Promise<string> {
  const pw = await readPassword(globals, { fromStdin, message: 'New password', line, confirm: true, check: checkNewPassword });
  checkNewPassword(pw);
  return pw;
}

export interface UserAddOptions {
  email?: string;
  role?: string;
  units?: string;
  height?: string;
  passwordStdin?: boolean;
}

export async function runUserAdd(globals: GlobalOptions, usernameArg: string, opts: UserAddOptions): Promise<void> {
  const username = checkUsername(usernameArg);
  const email = opts.email === undefined ? undefined : checkEmail(opts.email);
  const role = opts.role === undefined ? undefined : parseRole(opts.role);
  const units = opts.units === undefined ? undefined : parseUnits(opts.units);
  const heightCm = opts.height === undefined ? undefined : parseHeightInput(opts.height, units ?? 'metric').value;
  await withDatabase(globals, async (ctx) => {
    const { db } = ctx;
    const mode = await loadModeAndLocal(db);
    if (!mode.multiUser) {
      // The first user with a password becomes the admin and takes over the local profile's data.
      const taken = await findUserByName(db, username);
      if (taken && taken.id !== mode.local?.id) throw new UsageError(`username "${username}" is taken`, 'choose another name');
      const pw = await newPassword(globals, opts.passwordStdin);
      const hash = await hashPassword(pw);
      await claimLocalProfile(db, mode.local, { username, passwordHash: hash, email, preferredUnits: units, heightCm }, { action: 'user_add', details: { username, role: 'admin', adoptedLocalProfile: mode.local ? mode.local.username : null } });
      if (role && role !== 'admin') say(`note: the first user with a password is always an admin (--role ${role} ignored)`);
      say(
        mode.local
          ? `added ${username} (admin); the local profile "${mode.local.username}" and all its data now belong to ${username}.\nThe database is now in multi-user mode: run fittrack login ${username}`
          : `added ${username} (admin). The database is now in multi-user mode: run fittrack login ${username}`,
      );
      return;
    }
    const caller = await resolveCaller(ctx, globals);
    requireAdmin(caller, 'add users');
    if (await findUserByName(db, username)) throw new UsageError(`username "${username}" is taken`, 'choose another name');
    const pw = await newPassword(globals, opts.passwordStdin);
    const user = await insertUser(db, { username, email, role: role ?? 'user', passwordHash: await hashPassword(pw), preferredUnits: units, heightCm });
    await recordAudit(db, { userId: caller.actor.id, action: 'user_add', entity: 'user', entityId: user.id, details: { username, role: user.role } });
    say(`added ${username} (${user.role})`);
  });
}

export async function runUserList(globals: GlobalOptions, opts: { json?: boolean }): Promise<void> {
  await withDatabase(globals, async (ctx) => {
    const caller = await resolveCaller(ctx, globals);
    const admin = caller.actor.role === 'admin' || !caller.multiUser;
    const users = (await listUsers(ctx.db)).map(toUserRecord).map((u) => (admin || u.id === caller.actor.id ? u : { ...u, email: null, lastLoginAt: null, lockedUntil: null }));
    if (opts.json) {
      printJson({ users });
      return;
    }
    const { renderTable } = await import('../render/table.js');
    printLine(renderTable(['Username', 'Role', 'Active', 'Display name', 'E-mail', 'Last login'], users.map((u) => [u.username, u.role, u.active ? 'yes' : 'locked', u.displayName, u.email, u.lastLoginAt && formatLocalTime(u.lastLoginAt)]), { align: ['left', 'left', 'left', 'left', 'left', 'left'] }));
  });
}

async function visibleUser(ctx: DbContext, caller: Caller, username: string | undefined, what: string): Promise<UserRow> {
  if (!username || username === caller.actor.username) return caller.actor;
  if (caller.actor.role !== 'admin') throw new AuthError(`only admins can ${what} another user`, 'leave out the username to act on your own account');
  return targetUser(ctx.db, username);
}

export async function runUserShow(globals: GlobalOptions, username: string | undefined, opts: { json?: boolean }): Promise<void> {
  await withDatabase(globals, async (ctx) => {
    const caller = await resolveCaller(ctx, globals);
    const u = toUserRecord(await visibleUser(ctx, caller, username, 'see'));
    if (opts.json) {
      printJson(u);
      return;
    }
    const lines: Array<[string, unknown]> = [
      ['Username', u.username],
      ['Display name', u.displayName],
      ['Role', u.role],
      ['Active', u.active ? 'yes' : 'no (locked by an admin)'],
      ['E-mail', u.email],
      ['Units', u.preferredUnits],
      ['Height', u.heightCm === null ? null : `${u.heightCm} cm`],
      ['Bio', u.bio],
      ['Photo', u.photoUrl],
      ['Password', u.hasPassword ? 'set' : 'none (local profile)'],
      ['Locked until', u.lockedUntil && formatLocalTime(u.lockedUntil)],
      ['Last login', u.lastLoginAt && formatLocalTime(u.lastLoginAt)],
      ['Created', u.createdAt && formatLocalTime(u.createdAt)],
    ];
    for (const [k, v] of lines) printLine(`${`${k}:`.padEnd(14)}${v === null || v === undefined || v === '' ? '—' : String(v)}`);
  });
}

export async function runUserPasswd(globals: GlobalOptions, username: string | undefined, opts: { passwordStdin?: boolean }): Promise<void> {
  await withDatabase(globals, async (ctx) => {
    const { db } = ctx;
    const mode = await loadModeAndLocal(db);
    if (!mode.multiUser) {
      const local = mode.local ?? (await resolveCaller(ctx, globals)).actor;
      if (username && username !== local.username) throw new NotFoundError(`no user named "${username}" with a login`, `in local mode only the local profile "${local.username}" exists`);
      const hash = await hashPassword(await newPassword(globals, opts.passwordStdin));
      await claimLocalProfile(db, local, { username: local.username, passwordHash: hash }, { action: 'password_change', details: { username: local.username, firstPassword: true } });
      say(`password set for ${local.username}, now the admin. The database is now in multi-user mode: run fittrack login ${local.username}`);
      return;
    }
    const caller = await resolveCaller(ctx, globals);
    const target = await visibleUser(ctx, caller, username, 'change the password of');
    const own = target.id === caller.actor.id;
    const wrongCurrent = () => new AuthError('the current password is wrong', 'nothing was changed; an admin can set a new one with: fittrack user passwd <username>');
    let current: string | undefined;
    if (own) {
      current = await readPassword(globals, { fromStdin: opts.passwordStdin, message: 'Current password', line: 0 });
      // A guarded PostgreSQL role cannot see the hash: the database checks the current password.
      if (!isGuarded(db) && !(await verifyPassword(current, target.password_hash))) throw wrongCurrent();
    }
    const hash = await hashPassword(await newPassword(globals, opts.passwordStdin, own ? 1 : 0));
    const revoked = await setUserPassword(db, target.id, hash, { currentPassword: current, keepSessionId: own ? caller.sessionId : null });
    if (revoked === null) throw wrongCurrent();
    await recordAudit(db, { userId: caller.actor.id, action: 'password_change', entity: 'user', entityId: target.id, details: { username: target.username, sessionsRevoked: revoked } });
    say(own ? 'password changed; your other sessions were logged out' : `password of ${target.username} changed; their sessions were logged out`);
  });
}

export interface UserEditOptions {
  displayName?: string;
  bio?: string;
  photoUrl?: string;
  units?: string;
  height?: string;
  email?: string;
  role?: string;
}

export async function runUserEdit(globals: GlobalOptions, username: string | undefined, opts: UserEditOptions): Promise<void> {
  const patch: ProfilePatch = {};
  const blank = (v: string) => (v.trim() === '' ? null : v.trim());
  if (opts.displayName !== undefined) patch.display_name = blank(checkTextLength('--display-name', opts.displayName, 'title'));
  if (opts.bio !== undefined) patch.bio = blank(checkTextLength('--bio', opts.bio, 'note'));
  if (opts.photoUrl !== undefined) patch.photo_url = blank(checkTextLength('--photo-url', opts.photoUrl, 'url'));
  if (opts.units !== undefined) patch.preferred_units = parseUnits(opts.units);
  if (opts.email !== undefined) patch.email = opts.email.trim() === '' ? null : checkEmail(opts.email);
  if (opts.role !== undefined) patch.role = parseRole(opts.role);
  if (Object.keys(patch).length === 0 && opts.height === undefined) throw new UsageError('user edit: nothing to change', 'give at least one of --display-name, --bio, --photo-url, --units, --height, --email, --role');
  await withDatabase(globals, async (ctx) => {
    const caller = await resolveCaller(ctx, globals);
    if (patch.role !== undefined) requireAdmin(caller, 'change roles');
    const target = await visibleUser(ctx, caller, username, 'edit');
    const roleChange = patch.role !== undefined && patch.role !== target.role ? { from: target.role, to: patch.role } : null;
    if (roleChange?.from === 'admin' && isActiveUser(target) && (await countActiveAdmins(ctx.db)) <= 1) {
      throw new UsageError(`${target.username} is the only admin: without the role nobody could manage users`, `make another user admin first: fittrack user edit <username> --role admin`);
    }
    // A bare number is in the units the profile will have (those given with --units, else its own).
    if (opts.height !== undefined) patch.height_cm = opts.height.trim() === '' ? null : parseHeightInput(opts.height, patch.preferred_units ?? target.preferred_units).value;
    await updateUser(ctx.db, target.id, patch);
    if (roleChange) await recordAudit(ctx.db, { userId: caller.actor.id, action: 'user_role', entity: 'user', entityId: target.id, details: { username: target.username, ...roleChange } });
    say(roleChange ? `${target.username} is now ${roleChange.to === 'admin' ? 'an admin' : `a ${roleChange.to}`} (was ${roleChange.from})` : `updated the profile of ${target.username}`);
  });
}

export async function runUserLock(globals: GlobalOptions, username: string, lock: boolean): Promise<void> {
  await withDatabase(globals, async (ctx) => {
    const caller = await resolveCaller(ctx, globals);
    requireAdmin(caller, lock ? 'lock users' : 'unlock users');
    const target = await targetUser(ctx.db, username);
    if (lock && target.id === caller.actor.id) throw new UsageError('you cannot lock yourself out', 'another admin can lock this account');
    const revoked = await setUserActive(ctx.db, target.id, !lock, { endSessions: true });
    await recordAudit(ctx.db, { userId: caller.actor.id, action: lock ? 'user_lock' : 'user_unlock', entity: 'user', entityId: target.id, details: { username: target.username, ...(lock ? { sessionsRevoked: revoked } : {}) } });
    say(lock ? `locked ${target.username}: they cannot log in and their sessions were ended` : `unlocked ${target.username}`);
  });
}

export async function runUserRemove(globals: GlobalOptions, username: string, opts: { yes?: boolean }): Promise<void> {
  await withDatabase(globals, async (ctx) => {
    const caller = await resolveCaller(ctx, globals);
    requireAdmin(caller, 'remove users');
    const target = await targetUser(ctx.db, username);
    if (target.id === caller.actor.id && (await countActiveAdmins(ctx.db)) <= 1) {
      throw new UsageError('you are the only admin: removing yourself would leave nobody to manage users', 'make another user admin first: fittrack user edit <username> --role admin');
    }
    if (!opts.yes) {
      if (!canPrompt(globals)) throw new UsageError(`user remove ${username} deletes the user and ALL their data`, 'add --yes to confirm (no terminal to ask on)');
      if (!(await confirmOnTty(`Remove ${username} and ALL their data (weigh-ins, workouts, meals, goals, notes, photos)?`))) {
        say('nothing removed');
        return;
      }
    }
    await ctx.db.transaction(async (trx) => {
      // Audited first: an admin removing themselves has no login left afterwards (their row's user goes to NULL).
      await recordAudit(trx, { userId: target.id === caller.actor.id ? null : caller.actor.id, action: 'user_remove', entity: 'user', entityId: target.id, details: { username: target.username, by: caller.actor.username } });
      await deleteUser(trx, target.id);
    });
    say(`removed ${target.username} and all their data`);
  });
}

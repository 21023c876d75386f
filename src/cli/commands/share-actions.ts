import { recordAudit } from '../../db/audit-repo.js';
import { grantShare, listShares, revokeShare } from '../../db/share-repo.js';
import { findUserByName } from '../../db/users-repo.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { resolveCaller, withDatabase, type GlobalOptions } from '../context.js';
import { printJson, printLine, say } from '../render/output.js';

export async function runShareGrant(globals: GlobalOptions, granteeName: string): Promise<void> {
  await withDatabase(globals, async (ctx) => {
    const caller = await resolveCaller(ctx, globals);
    const grantee = await findUserByName(ctx.db, granteeName);
    if (!grantee) throw new NotFoundError(`no user named "${granteeName}"`, 'see the users with: fittrack user list');
    if (grantee.id === caller.actor.id) throw new UsageError('share grant: you cannot share with yourself', 'name your coach (or another user)');
    const granted = await grantShare(ctx.db, caller.actor.id, grantee.id);
    if (granted) await recordAudit(ctx.db, { userId: caller.actor.id, action: 'share_grant', entity: 'user', entityId: grantee.id, details: { owner: caller.actor.username, grantee: grantee.username } });
    say(granted ? `${grantee.username} can now read your data (fittrack … --user ${caller.actor.username}) and add coaching notes; stop it with: fittrack share revoke ${grantee.username}` : `${grantee.username} already has access to your data`);
  });
}

export async function runShareRevoke(globals: GlobalOptions, granteeName: string): Promise<void> {
  await withDatabase(globals, async (ctx) => {
    const caller = await resolveCaller(ctx, globals);
    const grantee = await findUserByName(ctx.db, granteeName);
    const revoked = grantee ? await revokeShare(ctx.db, caller.actor.id, grantee.id) : false;
    if (!revoked || !grantee) throw new NotFoundError(`you do not share your data with "${granteeName}"`, 'see your shares with: fittrack share list');
    await recordAudit(ctx.db, { userId: caller.actor.id, action: 'share_revoke', entity: 'user', entityId: grantee.id, details: { owner: caller.actor.username, grantee: grantee.username } });
    say(`${grantee.username} can no longer read your data`);
  });
}

export async function runShareList(globals: GlobalOptions, opts: { json?: boolean }): Promise<void> {
  await withDatabase(globals, async (ctx) => {
    const caller = await resolveCaller(ctx, globals);
    const { given, received } = await listShares(ctx.db, caller.actor.id);
    if (opts.json) {
      printJson({ sharedWith: given.map((s) => ({ username: s.granteeName, since: s.grantedAt })), sharedWithMe: received.map((s) => ({ username: s.ownerName, since: s.grantedAt })) });
      return;
    }
    if (given.length === 0 && received.length === 0) {
      say('no shares: nobody else can read your data');
      return;
    }
    const { renderTable } = await import('../render/table.js');
    const { formatLocalTime } = await import('../render/format.js');
    printLine(
      renderTable(
        ['Shared', 'Since', 'Read with'],
        [
          ...given.map((s) => [`you → ${s.granteeName}`, formatLocalTime(s.grantedAt), '']),
          ...received.map((s) => [`${s.ownerName} → you`, formatLocalTime(s.grantedAt), `--user ${s.ownerName}`]),
        ],
      ),
    );
  });
}

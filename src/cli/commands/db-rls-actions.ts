import { enableRls, ensurePgcrypto, roleExists } from '../../db/rls-repo.js';
import { DbError, UsageError } from '../../errors.js';
import { withDatabase, type GlobalOptions } from '../context.js';
import { say } from '../render/output.js';

export async function runEnableRls(globals: GlobalOptions, opts: { appRole?: string }): Promise<void> {
  await withDatabase(globals, async ({ db, target }) => {
    if (target.engine !== 'postgres') throw new UsageError('db enable-rls: row-level security needs PostgreSQL', 'a SQLite file is protected by its file permissions; point --db at a postgres:// URL');
    if (opts.appRole !== undefined) {
      if (!/^[A-Za-z_][A-Za-z0-9_$]*$/.test(opts.appRole)) throw new UsageError(`--app-role: "${opts.appRole}" is not a plain role name`, 'use letters, digits and underscores');
      if (!(await roleExists(db, opts.appRole))) throw new UsageError(`--app-role: there is no role "${opts.appRole}"`, `create it first, e.g.: CREATE ROLE ${opts.appRole} LOGIN PASSWORD '…'`);
    }
    // Passwords are checked inside the database (the app role never sees a hash): bcrypt from pgcrypto.
    if (!(await ensurePgcrypto(db))) throw new DbError('db enable-rls: the pgcrypto extension is not available on this server', 'install it (e.g. the postgresql-contrib package), or run as a role that may: CREATE EXTENSION pgcrypto');
    const r = await enableRls(db, { appRole: opts.appRole });
    say(`row-level security is on for ${r.tables.length} tables: ${r.tables.join(', ')}`);
    say(
      r.appRole
        ? `granted ${r.appRole} access to the data tables; accounts, sessions, shares and the audit log only through fittrack's functions.\nConnect fittrack as ${r.appRole} (not as the table owner, which bypasses the policies)`
        : 'the policies bind roles that do not own the tables: connect fittrack as such a role (see --app-role)',
    );
  });
}

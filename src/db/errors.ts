import { TEXT_COLUMNS, TEXT_LIMITS } from '../domain/validation.js';
import { DbError, FittrackError, RuntimeFailure, UsageError } from '../errors.js';
import { describeConnectError, maskUrl } from './connection.js';

/**
 * Turns a driver error that escaped a command into a fittrack error with a plain message,
 * or returns null when the error is not a database error.
 *
 * @example translateDbError(Object.assign(new Error('x'), { code: 'SQLITE_READONLY' }))?.message → 'the database is read-only: …'
 */
export function translateDbError(err: unknown): FittrackError | null {
  if (err instanceof FittrackError) return err;
  const e = err as { code?: string; message?: string; constraint?: string; detail?: string };
  const code = typeof e?.code === 'string' ? e.code : '';
  const first = maskUrl(String(e?.message ?? '').split('\n')[0] ?? '');
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY') || code === '25006') {
    return new DbError('the database is read-only: nothing was written', 'check the file permissions of the database and its folder');
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === '53100') {
    return new RuntimeFailure('the disk is full: nothing was written', 'free some space and run the command again');
  }
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED') {
    return new DbError('the database stayed locked by another fittrack process: nothing was written', 'run the command again in a moment');
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new DbError(`the database file is damaged or not a SQLite database (${first})`, 'restore it from a backup or point --db at the right file');
  }
  if (code === '22001') {
    // PostgreSQL's varchar(N) columns refuse longer text before any CHECK runs.
    const n = /character varying\((\d+)\)/.exec(first)?.[1];
    return new UsageError(`the database refused text longer than ${n ?? 'the limit of'} characters: nothing was written`, n ? `shorten it to at most ${n} characters` : 'shorten the text');
  }
  if (code.startsWith('SQLITE_CONSTRAINT') || /^23\d{3}$/.test(code)) {
    const tooLong = textLimitBroken(e.constraint ?? first);
    if (tooLong) return tooLong;
    const what = e.constraint ? `constraint ${e.constraint}` : first.replace(/^.*?- /, '');
    return new DbError(`the database refused the change (${what}): nothing was written`, 'check the values you gave');
  }
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08006', '08001', '08003'].includes(code) || /Connection terminated|timeout acquiring a connection|encountered a connection error|not queryable|terminating connection/i.test(first)) {
    return new DbError(`lost the connection to the database: ${describeConnectError(err)}; the change was not committed`, 'check that the database server is running and try again');
  }
  if (/^[0-9A-Z]{5}$/.test(code) || code.startsWith('SQLITE_')) {
    return new DbError(`database error: ${first}`);
  }
  return null;
}

/**
 * The error for a text length limit the database enforced (`<table>_<column>_max_length`), or
 * null for any other constraint.
 */
function textLimitBroken(constraintOrMessage: string): UsageError | null {
  const m = /\b([a-z_]+)_max_length\b/.exec(constraintOrMessage);
  if (!m) return null;
  const column = Object.keys(TEXT_COLUMNS).find((c) => c.replace('.', '_') === m[1]);
  if (!column) return null;
  const limit = TEXT_LIMITS[TEXT_COLUMNS[column]!];
  return new UsageError(`the database refused text longer than ${limit} characters in ${column}: nothing was written`, `shorten it to at most ${limit} characters`);
}

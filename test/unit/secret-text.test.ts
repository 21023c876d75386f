import { describe, expect, it } from 'vitest';
import { resolveDbTarget } from '../../src/db/connection.js';
import { maskSecrets, maskUrl } from '../../src/domain/secret-text.js';
import { UsageError } from '../../src/errors.js';

describe('maskUrl', () => {
  it.each([
    ['postgres://u:pw@h/db', 'postgres://u:****@h/db'],
    ['postgresql://u@h/db?password=pw&sslmode=require', 'postgresql://u@h/db?password=****&sslmode=require'],
    ['postgres://u@h/db?sslmode=require&sslpassword=k3y', 'postgres://u@h/db?sslmode=require&sslpassword=****'],
    ['cannot connect to postgres://a:b@h:1/x: connection refused', 'cannot connect to postgres://a:****@h:1/x: connection refused'],
    ['at postgres://u@h/db?password=s3:cr3t: timed out', 'at postgres://u@h/db?password=****: timed out'],
    ['postgres://h/db', 'postgres://h/db'],
    ['/home/me/fittrack.db', '/home/me/fittrack.db'],
  ])('%s', (input, masked) => {
    expect(maskUrl(input)).toBe(masked);
    expect(maskUrl(masked)).toBe(masked);
  });
});

describe('maskSecrets', () => {
  it.each([
    ["error: unknown option '--password=hunter2'", "error: unknown option '--password=****'"],
    ["error: unknown option '--pasword=hunter2'", "error: unknown option '--pasword=****'"],
    ['run with --db-password=x y', 'run with --db-password=**** y'],
    ["error: unknown option '--verbose'", "error: unknown option '--verbose'"],
  ])('%s', (input, masked) => expect(maskSecrets(input)).toBe(masked));
});

describe('resolveDbTarget', () => {
  it.each(['mysql://x', 'postgress://u:pw@h/db', 'MONGODB://h', 'file:x.db?mode=ro', 'file:///tmp/x.db', 'sqlite:file:x.db'])('refuses %s', (given) => {
    expect(() => resolveDbTarget(given, {})).toThrow(UsageError);
  });

  it('names DATABASE_URL or --to when the value came from there', () => {
    expect(() => resolveDbTarget(undefined, { DATABASE_URL: 'mysql://x' })).toThrow(/^DATABASE_URL: /);
    expect(() => resolveDbTarget('redis://x', {}, '--to')).toThrow(/^--to: /);
  });

  it('takes PostgreSQL URLs, paths and sqlite: paths', () => {
    expect(resolveDbTarget('postgresql://u:pw@h/db?password=pw', {})).toMatchObject({ engine: 'postgres', display: 'postgresql://u:****@h/db?password=****' });
    expect(resolveDbTarget('/tmp/a.db', {})).toMatchObject({ engine: 'sqlite', location: '/tmp/a.db' });
    expect(resolveDbTarget('sqlite:///tmp/b.db', {})).toMatchObject({ engine: 'sqlite', location: '/tmp/b.db' });
  });
});

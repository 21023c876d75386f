import { describe, expect, it } from 'vitest';
import { copyTextRow } from '../../src/db/adapter/pg-adapter.js';

describe('copyTextRow', () => {
  it('writes the columns in order, an id first when given, NULL for a missing value', () => {
    expect(copyTextRow({ b: 2, a: 1 }, ['a', 'b', 'c'], 7)).toBe('7\t1\t2\t\\N\n');
    expect(copyTextRow({ a: null }, ['a'])).toBe('\\N\n');
  });

  it('escapes what COPY would read as structure, and writes booleans, objects and dates as PostgreSQL reads them', () => {
    expect(copyTextRow({ a: 'x\ty\nz\\w\r' }, ['a'])).toBe('x\\ty\\nz\\\\w\\r\n');
    expect(copyTextRow({ a: true, b: false, c: [8, 6], d: new Date('2026-01-02T03:04:05Z') }, ['a', 'b', 'c', 'd'])).toBe('t\tf\t[8,6]\t2026-01-02T03:04:05.000Z\n');
  });
});

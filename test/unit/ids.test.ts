import { describe, expect, it } from 'vitest';
import { MAX_ID, parseIdInput } from '../../src/domain/validation.js';

const how = { what: 'a goal number', fix: 'see the numbers with: fittrack goal list' };

describe('parseIdInput', () => {
  it('reads decimal ids, with an optional #, from 1 to the largest 32-bit id', () => {
    expect(parseIdInput('<id>', '12', how)).toBe(12);
    expect(parseIdInput('<id>', ' #7 ', how)).toBe(7);
    expect(parseIdInput('<id>', String(MAX_ID), how)).toBe(2147483647);
  });
  it.each(['1e3', '0x10', '0b1', '1.0', '-1', '+1', '0', '', 'abc', '2147483648', '99999999999', '٣'])('refuses %j', (text) => {
    expect(() => parseIdInput('<id>', text, how)).toThrowError(`<id>: "${text}" is not a goal number`);
  });
});

/**
 * Dates written YYYY-MM-DD (most cells of most logs) are read without the general grammar:
 * the answer must be the calendar's, every day of the range and around it.
 */
import { describe, expect, it } from 'vitest';
import { readLegacyDate, readRowDate } from '../../src/parse/cell-values.js';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('YYYY-MM-DD cells', () => {
  it('are real days from 1900 to 2200, and nothing else', () => {
    for (const y of [1899, 1900, 1999, 2000, 2023, 2024, 2100, 2200, 2201]) {
      for (let mo = 0; mo <= 13; mo++) {
        for (let d = 0; d <= 32; d++) {
          const text = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
          const dt = new Date(Date.UTC(y, mo - 1, d));
          const real = y >= 1900 && y <= 2200 && mo >= 1 && mo <= 12 && d >= 1 && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
          expect(readLegacyDate(text), text).toBe(real ? text : null);
        }
      }
    }
  });

  it('other spellings still go through the grammar', () => {
    expect(readLegacyDate('**2024-02-29**')).toBe('2024-02-29');
    expect(readLegacyDate('2024/2/9')).toBe('2024-02-09');
    expect(readLegacyDate('2024-2-9')).toBe('2024-02-09');
    expect(readLegacyDate('2O24-02-09')).toBeNull();
    expect(readRowDate('〃', '2024-02-09')).toBe('2024-02-09');
    expect(readRowDate('2024-02-10', '2024-02-09')).toBe('2024-02-10');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { parseDateInput, setDateOrderSource } from '../../src/domain/dates.js';

const now = new Date(2025, 5, 15, 12); // Sunday 15 June 2025, local time
const read = (text: string, opts: Parameters<typeof parseDateInput>[1] = {}) => parseDateInput(text, { now, ...opts });

describe('parseDateInput: slash dates', () => {
  afterEach(() => setDateOrderSource(() => null));

  it('refuses a slash date whose order is ambiguous, naming both readings and the setting', async () => {
    await expect(read('02/03/2025')).rejects.toMatchObject({ exitCode: 2, message: '--date: "02/03/2025" could be 2 March or 3 February' });
    await expect(read('02/03/2025')).rejects.toMatchObject({ hint: expect.stringContaining('fittrack config set date-order dmy') });
    await expect(read('2/3')).rejects.toMatchObject({ exitCode: 2 });
  });

  it('reads an ambiguous one in the order the user set', async () => {
    expect(await read('02/03/2025', { dateOrder: 'dmy' })).toBe('2025-03-02');
    expect(await read('02/03/2025', { dateOrder: 'mdy' })).toBe('2025-02-03');
    setDateOrderSource(() => 'mdy');
    expect(await read('02/03/2025')).toBe('2025-02-03');
  });

  it('accepts an unambiguous one either way round', async () => {
    expect(await read('13/02/2025')).toBe('2025-02-13');
    expect(await read('02/13/2025')).toBe('2025-02-13');
    expect(await read('13.02.25')).toBe('2025-02-13');
    expect(await read('03/03/2025')).toBe('2025-03-03');
  });

  it('refuses a slash date that is no calendar date', async () => {
    await expect(read('31/02/2025')).rejects.toThrow('"31/02/2025" is not a calendar date');
    await expect(read('13/13/2025')).rejects.toThrow('is not a calendar date');
  });
});

describe('parseDateInput: dates without a year', () => {
  it('is the most recent past one', async () => {
    expect(await read('13/02')).toBe('2025-02-13');
    expect(await read('20/06')).toBe('2024-06-20');
    expect(await read('4 March')).toBe('2025-03-04');
    expect(await read('July 4')).toBe('2024-07-04');
    expect(await read('15 jun')).toBe('2025-06-15');
  });

  it('is the next one where future dates are allowed (a goal date, the next session)', async () => {
    expect(await read('July 4', { allowFuture: true })).toBe('2025-07-04');
    expect(await read('4 March', { allowFuture: true })).toBe('2026-03-04');
  });

  it('still reads the other forms', async () => {
    expect(await read('2025-03-04')).toBe('2025-03-04');
    expect(await read('yesterday')).toBe('2025-06-14');
    expect(await read('-2d')).toBe('2025-06-13');
    await expect(read('2025-06-16')).rejects.toThrow('is in the future');
  });
});

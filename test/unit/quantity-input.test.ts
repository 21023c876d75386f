import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseDistanceInput,
  parseDurationInput,
  parseLengthInput,
  parsePlainNumber,
  parseVolumeInput,
  parseWeightInput,
} from '../../src/domain/quantity-input.js';
import { KG_PER_LB } from '../../src/domain/units.js';
import { UsageError } from '../../src/errors.js';

describe('parseWeightInput', () => {
  const cases: Array<[string, 'metric' | 'imperial', number, string, number, number, boolean]> = [
    // text, preferred units, kg, unit, entered, decimals, assumed
    ['80kg', 'metric', 80, 'kg', 80, 0, false],
    ['80 kg', 'imperial', 80, 'kg', 80, 0, false],
    ['80.45kgs', 'metric', 80.45, 'kg', 80.45, 2, false],
    ['176.4lb', 'metric', 176.4 * KG_PER_LB, 'lb', 176.4, 1, false],
    ['176.4 lbs', 'metric', 176.4 * KG_PER_LB, 'lb', 176.4, 1, false],
    ['176.4 LBS', 'metric', 176.4 * KG_PER_LB, 'lb', 176.4, 1, false],
    ['200 pounds', 'metric', 200 * KG_PER_LB, 'lb', 200, 0, false],
    ['80', 'metric', 80, 'kg', 80, 0, true],
    ['176.4', 'imperial', 176.4 * KG_PER_LB, 'lb', 176.4, 1, true],
    ['80,5kg', 'metric', 80.5, 'kg', 80.5, 1, false],
    ['.5kg', 'metric', 0.5, 'kg', 0.5, 1, false],
  ];
  for (const [text, units, kg, unit, entered, decimals, assumed] of cases) {
    it(`${text} (${units})`, () => {
      const q = parseWeightInput(text, { units });
      expect(q.value).toBeCloseTo(kg, 10);
      expect(q).toMatchObject({ unit, entered, decimals, assumed });
    });
  }
  it('176.4 lb is 80.0137 kg to four places', () => {
    expect(parseWeightInput('176.4lb').value.toFixed(4)).toBe('80.0137');
  });
  for (const bad of ['', 'abc', '80 stone', 'kg', '1e3kg', 'NaN', 'Infinity', '80kg80', '8 0kg', '--80']) {
    it(`refuses "${bad}" naming the field`, () => {
      expect(() => parseWeightInput(bad, { field: '<weight>' })).toThrow(UsageError);
      expect(() => parseWeightInput(bad, { field: '<weight>' })).toThrow(/^<weight>: /);
    });
  }
  it('names the bad unit', () => {
    expect(() => parseWeightInput('80 stone')).toThrow('<weight>: "stone" in "80 stone" is not a weight unit');
  });
});

describe('parseLengthInput', () => {
  const cases: Array<[string, 'metric' | 'imperial', number, string, number, number]> = [
    ['34in', 'metric', 86.36, 'in', 34, 0],
    ['34 inches', 'metric', 86.36, 'in', 34, 0],
    ['34"', 'metric', 86.36, 'in', 34, 0],
    ['86.5cm', 'imperial', 86.5, 'cm', 86.5, 1],
    ['86.5', 'metric', 86.5, 'cm', 86.5, 1],
    ['34', 'imperial', 86.36, 'in', 34, 0],
    ['6ft1in', 'metric', 73 * 2.54, 'in', 73, 0],
    ['6ft 1in', 'metric', 73 * 2.54, 'in', 73, 0],
    [`6'1"`, 'metric', 73 * 2.54, 'in', 73, 0],
    ['6ft', 'metric', 72 * 2.54, 'in', 72, 0],
    ['1.83m', 'imperial', 183, 'cm', 183, 0],
    ['865mm', 'metric', 86.5, 'cm', 86.5, 0],
  ];
  for (const [text, units, cm, unit, entered, decimals] of cases) {
    it(`${text} (${units})`, () => {
      const q = parseLengthInput(text, { units });
      expect(q.value).toBeCloseTo(cm, 10);
      expect(q.unit).toBe(unit);
      expect(q.entered).toBeCloseTo(entered, 10);
      expect(q.decimals).toBe(decimals);
    });
  }
  it('refuses a weight unit', () => {
    expect(() => parseLengthInput('34kg', { field: '--waist' })).toThrow('--waist: "kg" in "34kg" is not a length unit');
  });
});

describe('parseDistanceInput', () => {
  it.each([
    ['5km', 'metric', 5, 'km'],
    ['3mi', 'metric', 4.828032, 'mi'],
    ['3 miles', 'metric', 4.828032, 'mi'],
    ['400m', 'metric', 0.4, 'm'],
    ['5', 'metric', 5, 'km'],
    ['3', 'imperial', 4.828032, 'mi'],
  ] as const)('%s (%s)', (text, units, km, unit) => {
    const q = parseDistanceInput(text, { units });
    expect(q.value).toBeCloseTo(km, 10);
    expect(q.unit).toBe(unit);
  });
  it('refuses a non-distance', () => expect(() => parseDistanceInput('5 hours', { field: '--distance' })).toThrow(/^--distance: /));
});

describe('parseDurationInput', () => {
  it.each([
    ['45min', 2700, 'min'],
    ['45 minutes', 2700, 'min'],
    ['1h30', 5400, 'h'],
    ['1h 30m', 5400, 'h'],
    ['2 hours', 7200, 'h'],
    ['90s', 90, 's'],
    ['7:45', 465, 'min'],
    ['1:02:03', 3723, 'h'],
    ['45', 2700, 'min'],
  ] as const)('%s', (text, seconds, unit) => {
    const q = parseDurationInput(text);
    expect(q.value).toBe(seconds);
    expect(q.unit).toBe(unit);
  });
  it('a bare number can mean seconds', () => expect(parseDurationInput('90', { bareUnit: 's' }).value).toBe(90));
  it('refuses nonsense', () => expect(() => parseDurationInput('soon', { field: '--duration' })).toThrow('--duration: "soon" is not a duration'));
});

describe('parseVolumeInput', () => {
  it.each([
    ['500ml', 'metric', 500, 'ml', 0],
    ['1.5l', 'metric', 1500, 'l', 1],
    ['1.5 L', 'metric', 1500, 'l', 1],
    ['16floz', 'metric', 16 * 29.5735295625, 'floz', 0],
    ['16 fl oz', 'metric', 16 * 29.5735295625, 'floz', 0],
    ['500', 'metric', 500, 'ml', 0],
    ['16', 'imperial', 16 * 29.5735295625, 'floz', 0],
  ] as const)('%s (%s)', (text, units, ml, unit, decimals) => {
    const q = parseVolumeInput(text, { units });
    expect(q.value).toBeCloseTo(ml, 10);
    expect(q.unit).toBe(unit);
    expect(q.decimals).toBe(decimals);
  });
  it('refuses a weight', () => expect(() => parseVolumeInput('500g', { field: '--water' })).toThrow('--water: "g" in "500g" is not a volume unit'));
});

describe('parsePlainNumber', () => {
  it('reads integers and decimals', () => {
    expect(parsePlainNumber('--calories', '450')).toBe(450);
    expect(parsePlainNumber('--fat', '12.5')).toBe(12.5);
  });
  it.each(['abc', '1e3', 'Infinity', '12abc', '', ' '])('refuses "%s"', (text) => {
    expect(() => parsePlainNumber('--calories', text)).toThrow(`--calories: "${text}" is not a number`);
  });
});

describe('properties', () => {
  it('a weight typed in lb converts back to the number typed at its precision', () => {
    fc.assert(
      fc.property(fc.integer({ min: 440, max: 11000 }), (tenths) => {
        const typed = (tenths / 10).toFixed(1);
        const q = parseWeightInput(`${typed}lb`);
        expect((q.value / KG_PER_LB).toFixed(q.decimals)).toBe(typed);
      }),
    );
  });
  it('never throws anything but a UsageError', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        for (const parse of [parseWeightInput, parseLengthInput, parseDistanceInput, parseDurationInput, parseVolumeInput]) {
          try {
            parse(text);
          } catch (err) {
            expect(err).toBeInstanceOf(UsageError);
          }
        }
      }),
    );
  });
});

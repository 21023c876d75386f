/**
 * The pound, inch and mile factors are defined once (src/domain/units.ts); everything else
 * converts with them or with toKg/fromKg, toCm/fromCm, toKm.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CM_PER_IN, fromKg, KG_PER_LB, KM_PER_MI } from '../../src/domain/units.js';
import { formatHeight, formatWeight } from '../../src/cli/render/format.js';
import { showLoad } from '../../src/cli/render/workout-view.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('unit factors', () => {
  it('are written only in src/domain/units.ts', () => {
    const root = path.resolve(__dirname, '../../src');
    const retyped = sources(root)
      .filter((f) => path.relative(root, f) !== path.join('domain', 'units.ts'))
      .filter((f) => /0\.45359237|1\.609344|(?<![\d.])2\.54(?!\d)/.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(root, f));
    expect(retyped).toEqual([]);
    expect([KG_PER_LB, CM_PER_IN, KM_PER_MI]).toEqual([0.45359237, 2.54, 1.609344]);
  });

  it('weights are formatted by one function, loads as whole numbers where they are', () => {
    expect(formatWeight(80.0137, 'lb', 1)).toBe('176.4 lb');
    expect(showLoad(100, 'kg')).toBe('100 kg');
    expect(showLoad(fromKg(80, 'kg'), 'lb')).toBe(formatWeight(80, 'lb', 1));
    expect(formatHeight(185.42, 'imperial')).toBe('6′1″');
  });
});

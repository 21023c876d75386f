import { describe, expect, it } from 'vitest';
import { checkText, checkTextLength, legacyTextProblem, TEXT_COLUMNS, TEXT_LIMITS } from '../../src/domain/validation.js';

describe('text limits', () => {
  it('counts characters (code points), not UTF-16 units', () => {
    expect(checkTextLength('--note', '💪'.repeat(10_000), 'note')).toHaveLength(20_000);
    expect(() => checkTextLength('--note', `${'💪'.repeat(10_000)}x`, 'note')).toThrow('--note: 10001 characters is too long (allowed up to 10000)');
    expect(() => checkText('<title>', 'é'.repeat(201), { maxLength: 'title' })).toThrow('<title>: 201 characters is too long (allowed up to 200)');
  });

  it('refuses 100 MB of text quickly, naming the field, the size and the limit', () => {
    const huge = 'x'.repeat(100 * 1024 * 1024);
    const started = Date.now();
    expect(() => checkTextLength('<body>', huge, 'coachingBody')).toThrow('<body>: at least 52428800 characters is too long (allowed up to 100000)');
    expect(Date.now() - started).toBeLessThan(500);
    expect(() => checkTextLength('--note', 'x'.repeat(1_048_576), 'note')).toThrow('--note: 1048576 characters is too long (allowed up to 10000)');
  });

  it('has a limit for every limited column, and the documented numbers', () => {
    expect(TEXT_LIMITS).toMatchObject({ title: 200, note: 10_000, coachingBody: 100_000, url: 2_000, mealDescription: 2_000 });
    for (const kind of Object.values(TEXT_COLUMNS)) expect(TEXT_LIMITS[kind]).toBeGreaterThan(0);
  });

  it('finds the first text over its limit in an imported record', () => {
    const source = { file: 'meal-log.md', line: 4 };
    const meal = { mealDate: '2025-03-03', mealType: 'lunch', description: 'soup', notes: 'n'.repeat(10_001), source } as never;
    expect(legacyTextProblem('meals', meal)).toBe('notes: 10001 characters is too long (allowed up to 10000)');
    expect(legacyTextProblem('meals', { mealDate: '2025-03-03', mealType: 'lunch', description: 'soup', notes: null, source } as never)).toBeNull();
  });
});

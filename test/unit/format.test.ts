import { describe, expect, it } from 'vitest';
import { displayDecimals, formatDate, formatDelta, formatDuration, formatHeight, formatLength, formatLocalTime, formatNumber, formatWeight } from '../../src/cli/render/format.js';
import { KG_PER_LB } from '../../src/domain/units.js';

describe('format', () => {
  it('shows a weight typed in lb back as typed', () => {
    expect(formatWeight(176.4 * KG_PER_LB, 'lb', 1)).toBe('176.4 lb');
    expect(formatWeight(176.4 * KG_PER_LB, 'lb')).toBe('176.4 lb');
    expect(formatWeight(80, 'kg', 0)).toBe('80 kg');
    expect(formatWeight(80, 'kg')).toBe('80.0 kg');
    expect(formatWeight(80, 'lb')).toBe('176.37 lb');
  });
  it('picks the fewest decimals that show a value', () => {
    expect(displayDecimals(80)).toBe(1);
    expect(displayDecimals(80.25)).toBe(2);
    expect(displayDecimals(176.40000000001)).toBe(1);
  });
  it('formats lengths', () => expect(formatLength(86.36, 'in')).toBe('34.0 in'));
  it('formats heights', () => {
    expect(formatHeight(183, 'metric')).toBe('183 cm');
    expect(formatHeight(185.42, 'imperial')).toBe('6′1″');
  });
  it('uses a real minus sign in deltas', () => {
    expect(formatDelta(-0.8, 1, 'lb')).toBe('\u22120.8 lb');
    expect(formatDelta(1.25, 1, 'kg')).toBe('+1.3 kg');
    expect(formatDelta(-0.01, 1, 'kg')).toBe('±0.0 kg');
    expect(formatDelta(-2, 1, '%')).toBe('\u22122.0%');
  });
  it('never prints -0', () => expect(formatNumber(-0.0001, 1)).toBe('0.0'));
  it('formats dates and durations', () => {
    expect(formatDate('2025-03-04', { weekday: true })).toBe('2025-03-04 (Tue)');
    expect(formatDuration(5400)).toBe('1 h 30 min');
    expect(formatDuration(2700)).toBe('45 min');
    expect(formatDuration(90)).toBe('90 s');
  });
});

describe('formatLocalTime', () => {
  it('shows a moment in local time: weekday, day, month, time; the year only when not this year', () => {
    const now = new Date(2026, 11, 1, 12, 0);
    expect(formatLocalTime(new Date(2026, 11, 2, 14, 5), now)).toBe('Wed 2 Dec 14:05');
    expect(formatLocalTime(new Date(2025, 2, 4, 7, 9), now)).toBe('Tue 4 Mar 2025 07:09');
    expect(formatLocalTime(new Date(2026, 11, 2, 14, 5).toISOString(), now)).toBe('Wed 2 Dec 14:05');
    expect(formatLocalTime(null, now)).toBe('—');
  });
});

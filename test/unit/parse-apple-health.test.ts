import fs from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { activityName, openAppleHealthZip, parseAppleHealthXml } from '../../src/parse/apple-health-parser.js';
import type { DailyRule } from '../../src/domain/app-import.js';

const fixture = (name: string) => new URL(`../../fixtures/apps/${name}`, import.meta.url).pathname;
const parseFixture = (daily: DailyRule = 'first') => parseAppleHealthXml(fs.createReadStream(fixture('apple-health-export.xml')), 'export.xml', { daily });
const xml = (body: string) => Readable.from([`<?xml version="1.0"?>\n<HealthData locale="en_US">\n${body}\n</HealthData>\n`]);
const mass = (start: string, value: number, unit = 'kg', source = 'Scale') =>
  `<Record type="HKQuantityTypeIdentifierBodyMass" sourceName="${source}" unit="${unit}" startDate="${start}" endDate="${start}" value="${value}"/>`;

describe('Apple Health export', () => {
  it('reads weigh-ins, body fat (a fraction there), lean mass, resting heart rate and blood pressure into one check-in a day', async () => {
    const r = await parseFixture();
    expect(r.issues).toEqual([]);
    expect(r.rowCount).toBe(14);
    expect(r.checkIns.map((c) => [c.recordedDate, c.weightKg, c.weightUnit, c.bodyFatPct, c.extra ?? {}])).toEqual([
      ['2024-03-05', 82.4, 'kg', 18.2, { lean_body_mass_kg: 67.4, resting_heart_rate: 58 }],
      ['2024-03-06', 181 * 0.45359237, 'lb', null, { blood_pressure_systolic: 121, blood_pressure_diastolic: 79 }],
      ['2024-03-10', 81.9, 'kg', null, {}],
    ]);
    expect(r.checkIns[0]!.source).toEqual({ file: 'export.xml', line: 23 });
    expect(r.folded).toBe(2);
    expect(r.notices).toEqual(['2 readings folded into 3 daily check-ins (--daily first)']);
    expect(r.heightCm).toBe(172);
  });

  it('folds the readings of a day by the rule asked for: first (the morning weigh-in), last or mean', async () => {
    expect((await parseFixture('first')).checkIns[0]!.weightKg).toBe(82.4);
    expect((await parseFixture('last')).checkIns[0]!.weightKg).toBe(83.6);
    expect((await parseFixture('mean')).checkIns[0]!.weightKg).toBeCloseTo((82.4 + 82.4 + 83.6) / 3, 9);
  });

  it('orders a day by time, not by file order, and keeps the date each reading was taken in its own time zone', async () => {
    const r = await parseAppleHealthXml(xml([mass('2024-03-05 21:00:00 +0100', 84), mass('2024-03-05 06:30:00 +0100', 82), mass('2024-03-05 23:30:00 -0800', 83)].join('\n')), 'x.xml', { daily: 'first' });
    expect(r.checkIns.map((c) => [c.recordedDate, c.weightKg])).toEqual([['2024-03-05', 82]]);
  });

  it('reads workouts with activity, duration, distance and energy, in both the attribute and the statistics forms', async () => {
    const r = await parseFixture();
    expect(r.workouts.map((w) => [w.date, w.startTime, w.title, w.durationSeconds, w.energyKcal, w.exercises[0]!.sets[0]!.distanceKm])).toEqual([
      ['2024-03-05', '18:08', 'Running', 1890, 312.4, 5.21],
      ['2024-03-06', '18:05', 'Traditional Strength Training', 3120, 260, null],
      ['2024-03-08', '23:10', 'Cycling', 5700, 501.9, 31.2],
    ]);
  });

  it('reads the export.xml inside the export.zip as a stream', async () => {
    const r = await parseAppleHealthXml(await openAppleHealthZip(fixture('apple-health-export.zip')), 'export.zip', { daily: 'first' });
    expect(r.checkIns).toHaveLength(3);
    expect(r.workouts).toHaveLength(3);
  });

  it('reports a reading out of range at its line, and damaged XML as one error', async () => {
    const r = await parseAppleHealthXml(xml(mass('2024-03-05 07:00:00 +0100', 900)), 'x.xml', { daily: 'first' });
    expect(r.issues.map((i) => [i.line, i.severity, i.message])).toEqual([[3, 'error', 'body mass: 900 kg is out of range (allowed 20–500 kg)']]);
    const bad = await parseAppleHealthXml(Readable.from(['<HealthData><Record type="x"></HealthData>']), 'x.xml', { daily: 'first' });
    expect(bad.issues).toMatchObject([{ severity: 'error', message: expect.stringMatching(/^the XML is damaged/) }]);
    const other = await parseAppleHealthXml(Readable.from(['<Other/>']), 'x.xml', { daily: 'first' });
    expect(other.issues).toMatchObject([{ severity: 'error', message: 'not an Apple Health export: no <HealthData> element' }]);
  });

  it('names activities as people read them', () => {
    expect(activityName('HKWorkoutActivityTypeHighIntensityIntervalTraining')).toBe('High Intensity Interval Training');
  });
});

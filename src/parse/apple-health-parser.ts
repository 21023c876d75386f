/**
 * Apple Health's export (`export.zip`, or the `export.xml` inside it), read as a stream: real
 * exports are gigabytes, almost all of it readings fittrack does not keep (steps, heart rate
 * samples), so memory holds one small aggregate per day and metric, never the file.
 *
 * Kept: body mass, body fat percentage (a fraction in the file), lean body mass, resting heart
 * rate, blood pressure (a correlation of a systolic and a diastolic reading), height (the latest,
 * reported) and workouts (activity, duration, distance, energy). The readings of one day become
 * that day's check-in by one rule (`daily`): the first reading of the day (the morning
 * weigh-in), the last, or the mean; readings of several sources (a scale and the phone that
 * mirrors it) fold by the same rule. Dates are the wall-clock dates the export wrote, in the
 * time zone each reading carries.
 */
import { ownText } from '../domain/own-text.js';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { SaxesParser } from 'saxes';
import type { CheckInRecord, ParseIssue } from '../domain/legacy-records.js';
import { round, toCm, toKg, toKm, weightUnitOf } from '../domain/units.js';
import type { WeightUnit } from '../domain/units.js';
import { FittrackError } from '../errors.js';
import { checkRange, RULES } from '../domain/validation.js';
import type { RangeRule } from '../domain/validation.js';
import { readAppDateTime } from './app-workouts.js';
import type { AppWorkout } from './app-workouts.js';

import type { DailyRule } from '../domain/app-import.js';

export interface AppleHealthOptions {
  daily: DailyRule;
}

export interface AppleHealthResult {
  checkIns: CheckInRecord[];
  workouts: AppWorkout[];
  issues: ParseIssue[];
  /** Readings and workouts read (of the kinds fittrack keeps). */
  rowCount: number;
  /** Readings folded into another of their day by the daily rule. */
  folded: number;
  /** The latest height reading, in cm, when the export has one. */
  heightCm: number | null;
  notices: string[];
}

type Metric = 'weight' | 'bodyFat' | 'leanMass' | 'restingHr' | 'bloodPressure';

const QUANTITY_TYPES: Record<string, Metric | 'height' | 'systolic' | 'diastolic'> = {
  HKQuantityTypeIdentifierBodyMass: 'weight',
  HKQuantityTypeIdentifierBodyFatPercentage: 'bodyFat',
  HKQuantityTypeIdentifierLeanBodyMass: 'leanMass',
  HKQuantityTypeIdentifierRestingHeartRate: 'restingHr',
  HKQuantityTypeIdentifierHeight: 'height',
  HKQuantityTypeIdentifierBloodPressureSystolic: 'systolic',
  HKQuantityTypeIdentifierBloodPressureDiastolic: 'diastolic',
};

/** The attribute strings saxes hands over are slices of a whole chunk of the file: kept ones are copied. */
const own = ownText;

/** One reading: its value(s), when in the day, and where in the file. */
interface Reading {
  values: number[];
  unit: WeightUnit | null;
  at: string;
  line: number;
}

/** The readings of one metric on one day, folded as they come (first, last, sum). */
interface DayMetric {
  first: Reading;
  last: Reading;
  sums: number[];
  count: number;
}

/**
 * Reads an Apple Health export.xml stream.
 *
 * @example (await parseAppleHealthXml(fs.createReadStream('export.xml'), 'export.xml', { daily: 'first' })).checkIns.length
 */
export async function parseAppleHealthXml(input: Readable, file: string, options: AppleHealthOptions): Promise<AppleHealthResult> {
  const issues: ParseIssue[] = [];
  const days = new Map<string, Map<Metric, DayMetric>>();
  const workouts: AppWorkout[] = [];
  let rowCount = 0;
  let folded = 0;
  let height: { at: string; cm: number } | null = null;
  let sawRoot = false;
  let pressure: { date: string; at: string; line: number; systolic: number | null; diastolic: number | null } | null = null;
  let workout: { w: AppWorkout; energyKcal: number | null; distanceKm: number | null } | null = null;

  const parser = new SaxesParser({ fileName: file });
  const issue = (severity: ParseIssue['severity'], message: string, hint?: string) => issues.push({ file, line: parser.line, severity, message, ...(hint ? { hint } : {}) });

  const add = (date: string, metric: Metric, reading: Reading) => {
    let byMetric = days.get(date);
    if (!byMetric) days.set(date, (byMetric = new Map()));
    const d = byMetric.get(metric);
    if (!d) byMetric.set(metric, { first: reading, last: reading, sums: [...reading.values], count: 1 });
    else {
      folded++;
      if (reading.at < d.first.at) d.first = reading;
      if (reading.at >= d.last.at) d.last = reading;
      reading.values.forEach((v, i) => (d.sums[i] = (d.sums[i] ?? 0) + v));
      d.count++;
    }
  };

  const checked = (field: string, value: number, rule: RangeRule): number | null => {
    try {
      return checkRange(field, value, rule);
    } catch (e) {
      if (!(e instanceof FittrackError)) throw e;
      issue('error', e.message, 'fix the reading in the Health app and export again, or give --skip-errors to import the rest');
      return null;
    }
  };

  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    switch (tag.name) {
      case 'HealthData':
        sawRoot = true;
        return;
      case 'Record': {
        const kind = QUANTITY_TYPES[a.type ?? ''];
        if (!kind) return;
        // The two readings of a blood pressure count as one, with their correlation.
        if (kind !== 'systolic' && kind !== 'diastolic') rowCount++;
        const when = readAppDateTime(a.startDate ?? '');
        const value = Number(a.value);
        if (!when || !Number.isFinite(value)) {
          issue('error', `a ${kind} reading with start date "${a.startDate ?? ''}" and value "${a.value ?? ''}" cannot be read`, 'export again from the Health app');
          return;
        }
        const at = own(`${when.date}T${when.time ?? '00:00'}\u0000${a.startDate}`);
        const unit = (a.unit ?? '').trim();
        if (kind === 'systolic' || kind === 'diastolic') {
          if (pressure) pressure[kind] = value;
          else issue('warning', `a ${kind} blood pressure reading outside a blood pressure correlation was not read`, 'blood pressure is read as systolic/diastolic pairs');
          return;
        }
        if (kind === 'height') {
          const cm = unit === 'cm' ? value : unit === 'm' ? value * 100 : unit === 'in' ? toCm(value, 'in') : unit === 'ft' ? toCm(value * 12, 'in') : null;
          if (cm === null) issue('warning', `a height in "${unit}" was not read`, 'heights are read in cm, m, in or ft');
          else if (!height || at >= height.at) height = { at, cm };
          return;
        }
        if (kind === 'weight' || kind === 'leanMass') {
          const wu = weightUnitOf(unit);
          if (!wu) return void issue('error', `a ${kind === 'weight' ? 'body mass' : 'lean body mass'} in "${unit}" cannot be read`, 'weights are read in kg or lb');
          const kg = checked(kind === 'weight' ? 'body mass' : 'lean body mass', toKg(value, wu), kind === 'weight' ? RULES.weightKg : RULES.muscleMassKg);
          if (kg !== null) add(when.date, kind, { values: [kg], unit: wu, at, line: parser.line });
          return;
        }
        if (kind === 'bodyFat') {
          const pct = checked('body fat', unit === '%' && value <= 1 ? value * 100 : value, RULES.bodyFatPct);
          if (pct !== null) add(when.date, kind, { values: [pct], unit: null, at, line: parser.line });
          return;
        }
        const bpm = checked('resting heart rate', Math.round(value), RULES.restingHeartRate);
        if (bpm !== null) add(when.date, 'restingHr', { values: [bpm], unit: null, at, line: parser.line });
        return;
      }
      case 'Correlation': {
        if (a.type !== 'HKCorrelationTypeIdentifierBloodPressure') return;
        const when = readAppDateTime(a.startDate ?? '');
        if (!when) return void issue('error', `a blood pressure reading with start date "${a.startDate ?? ''}" cannot be read`, 'export again from the Health app');
        pressure = { date: when.date, at: own(`${when.date}T${when.time ?? '00:00'}\u0000${a.startDate}`), line: parser.line, systolic: null, diastolic: null };
        return;
      }
      case 'Workout': {
        rowCount++;
        const when = readAppDateTime(a.startDate ?? '');
        if (!when) return void issue('error', `a workout with start date "${a.startDate ?? ''}" cannot be read`, 'export again from the Health app');
        const title = own(activityName(a.workoutActivityType ?? ''));
        const duration = Number(a.duration);
        const durationSeconds = Number.isFinite(duration) && duration > 0 ? Math.round(duration * ({ min: 60, s: 1, sec: 1, h: 3600, hr: 3600 }[a.durationUnit ?? 'min'] ?? 60)) : null;
        workout = {
          w: { date: when.date, startTime: when.time, title, durationSeconds, notes: a.sourceName ? own(`Recorded by ${a.sourceName}`) : null, exercises: [], line: parser.line },
          energyKcal: energyKcal(a.totalEnergyBurned, a.totalEnergyBurnedUnit),
          distanceKm: distanceKm(a.totalDistance, a.totalDistanceUnit),
        };
        return;
      }
      case 'WorkoutStatistics': {
        if (!workout) return;
        const type = a.type ?? '';
        if (/Distance/.test(type)) workout.distanceKm ??= distanceKm(a.sum, a.unit);
        else if (type === 'HKQuantityTypeIdentifierActiveEnergyBurned') workout.energyKcal ??= energyKcal(a.sum, a.unit);
        return;
      }
    }
  });

  parser.on('closetag', (tag) => {
    if (tag.name === 'Correlation' && pressure) {
      const p = pressure;
      pressure = null;
      rowCount++;
      if (p.systolic === null || p.diastolic === null) return void issue('warning', 'a blood pressure reading without both systolic and diastolic values was not read');
      const sys = checked('systolic blood pressure', Math.round(p.systolic), RULES.systolic);
      const dia = checked('diastolic blood pressure', Math.round(p.diastolic), RULES.diastolic);
      if (sys !== null && dia !== null) add(p.date, 'bloodPressure', { values: [sys, dia], unit: null, at: p.at, line: p.line });
    } else if (tag.name === 'Workout' && workout) {
      const { w, energyKcal: kcal, distanceKm: km } = workout;
      workout = null;
      w.energyKcal = kcal === null ? null : round(kcal, 1);
      w.exercises.push({ name: w.title, notes: null, supersetLabel: null, restSeconds: null, line: w.line, sets: [{ setType: 'normal', reps: null, weightKg: null, weightUnit: null, rpe: null, distanceKm: km, durationSeconds: w.durationSeconds, line: w.line }] });
      workouts.push(w);
    }
  });

  let failure: Error | null = null;
  parser.on('error', (e) => {
    failure ??= e;
  });
  input.setEncoding('utf8');
  for await (const chunk of input) {
    parser.write(chunk as string);
    if (failure) break;
  }
  if (!failure) parser.close();
  if (failure) {
    issues.push({ file, line: parser.line, severity: 'error', message: `the XML is damaged: ${(failure as Error).message.replace(/^[^:]*:\d+:\d+: /, '')}`, hint: 'export again from the Health app; nothing was imported from this file' });
    return { checkIns: [], workouts: [], issues, rowCount, folded, heightCm: null, notices: [] };
  }
  if (!sawRoot) issues.push({ file, line: 1, severity: 'error', message: 'not an Apple Health export: no <HealthData> element', hint: 'give the export.zip or the export.xml the Health app wrote' });

  const checkIns = [...days.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([date, byMetric]) => checkInOf(date, byMetric, options.daily, file));
  const notices: string[] = [];
  if (folded > 0) notices.push(`${folded} reading${folded === 1 ? '' : 's'} folded into ${checkIns.length} daily check-in${checkIns.length === 1 ? '' : 's'} (--daily ${options.daily})`);
  const h = height as { at: string; cm: number } | null;
  return { checkIns, workouts, issues, rowCount, folded, heightCm: h ? round(h.cm, 1) : null, notices };
}

/** The day's check-in from its folded readings. */
function checkInOf(date: string, byMetric: Map<Metric, DayMetric>, rule: DailyRule, file: string): CheckInRecord {
  const pick = (metric: Metric, integer = false): number[] | null => {
    const d = byMetric.get(metric);
    if (!d) return null;
    if (rule === 'first') return d.first.values;
    if (rule === 'last') return d.last.values;
    return d.sums.map((s) => (integer ? Math.round(s / d.count) : s / d.count));
  };
  const weight = byMetric.get('weight');
  const firstLine = Math.min(...[...byMetric.values()].map((d) => Math.min(d.first.line, d.last.line)));
  const extra: Record<string, number> = {};
  const lean = pick('leanMass');
  if (lean) extra.lean_body_mass_kg = lean[0]!;
  const hr = pick('restingHr', true);
  if (hr) extra.resting_heart_rate = hr[0]!;
  const bp = pick('bloodPressure', true);
  if (bp) [extra.blood_pressure_systolic, extra.blood_pressure_diastolic] = [bp[0]!, bp[1]!];
  return {
    recordedDate: date,
    weightKg: pick('weight')?.[0] ?? null,
    weightUnit: weight ? (rule === 'last' ? weight.last.unit : weight.first.unit) : null,
    bodyFatPct: pick('bodyFat')?.[0] ?? null,
    lengthUnit: null,
    chestCm: null,
    waistCm: null,
    hipsCm: null,
    neckCm: null,
    notes: null,
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
    source: { file, line: firstLine },
  };
}

/** `HKWorkoutActivityTypeTraditionalStrengthTraining` → `Traditional Strength Training`. */
export function activityName(type: string): string {
  const name = type.replace(/^HKWorkoutActivityType/, '').replace(/([a-z])([A-Z])/g, '$1 $2').trim();
  return name === '' ? 'Workout' : name;
}

function distanceKm(value: string | undefined, unit: string | undefined): number | null {
  const v = Number(value);
  if (!Number.isFinite(v) || v <= 0) return null;
  switch ((unit ?? 'km').toLowerCase()) {
    case 'km':
      return v;
    case 'm':
      return toKm(v, 'm');
    case 'mi':
      return toKm(v, 'mi');
    case 'yd':
      return toKm(v / 1760, 'mi');
    default:
      return null;
  }
}

function energyKcal(value: string | undefined, unit: string | undefined): number | null {
  const v = Number(value);
  if (!Number.isFinite(v) || v <= 0) return null;
  const u = (unit ?? 'kcal').toLowerCase();
  return u === 'kj' ? v / 4.184 : u === 'kcal' || u === 'cal' || u === 'cal_' ? v : null;
}

/**
 * The export.xml of an Apple Health export.zip, as a stream (the zip is read from its central
 * directory; nothing is unpacked to disk).
 *
 * @example parseAppleHealthXml(await openAppleHealthZip('export.zip'), 'export.zip', { daily: 'first' })
 */
export function openAppleHealthZip(zipPath: string): Promise<Readable> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true, autoClose: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('cannot open the zip'));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!/(^|\/)export\.xml$/.test(entry.fileName)) return void zip.readEntry();
        zip.openReadStream(entry, (e, stream) => (e || !stream ? reject(e ?? new Error('cannot read export.xml')) : resolve(stream)));
      });
      zip.on('end', () => reject(new Error('the zip holds no export.xml')));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

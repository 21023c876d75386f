/**
 * `fittrack log-weight`: read the options → merge into the day's entry → confirm with context;
 * and `log-weight --list`.
 */
import { today, parseDateInput } from '../../domain/dates.js';
import { computeBmi, deriveHealth, MEASUREMENT_POINTS, mergeHealthValues, movingAverageKg, type HealthRecord, type HealthValueField, type HealthValues, type MeasurementPoint } from '../../domain/health.js';
import { parseDurationInput, parseLengthInput, parseWeightInput, type Quantity } from '../../domain/quantity-input.js';
import { checkQuantity, checkRange, checkText, parseBloodPressure, parseNumberInRange, RULES } from '../../domain/validation.js';
import { DECIMALS, fromKg, round, SECONDS_PER, weightUnitFor, type UnitSystem, type WeightUnit } from '../../domain/units.js';
import { UsageError } from '../../errors.js';
import type { GlobalOptions } from '../context.js';
import { withSqlUser } from '../context.js';
import { requireValue } from '../prompt.js';
import { formatDelta, formatLength, formatNumber, formatWeight } from '../render/format.js';
import { colorEnabled, printJson, say } from '../render/output.js';
import { completeReachedGoals } from '../../db/goal-repo.js';
import { healthRepo, type HealthRepo, type HealthShown } from '../../db/health-repo.js';

/** Options of `fittrack log-weight`, as commander hands them over (all text). */
export interface LogWeightOptions {
  bodyFat?: string;
  waist?: string;
  chest?: string;
  hips?: string;
  neck?: string;
  leftArm?: string;
  rightArm?: string;
  leftThigh?: string;
  rightThigh?: string;
  muscleMass?: string;
  rhr?: string;
  bp?: string;
  energy?: string;
  mood?: string;
  sleepQuality?: string;
  stress?: string;
  sleepHours?: string;
  note?: string;
  date?: string;
  replace?: boolean;
  json?: boolean;
  list?: boolean;
  from?: string;
  to?: string;
}

const POINT_OPTION: Record<MeasurementPoint, keyof LogWeightOptions> = {
  chest: 'chest',
  waist: 'waist',
  hips: 'hips',
  neck: 'neck',
  left_arm: 'leftArm',
  right_arm: 'rightArm',
  left_thigh: 'leftThigh',
  right_thigh: 'rightThigh',
};

const SCALES: Array<[keyof LogWeightOptions, string, 'energy_level' | 'mood' | 'sleep_quality' | 'stress_level', string]> = [
  ['energy', '--energy', 'energy_level', 'energy'],
  ['mood', '--mood', 'mood', 'mood'],
  ['sleepQuality', '--sleep-quality', 'sleep_quality', 'sleep quality'],
  ['stress', '--stress', 'stress_level', 'stress'],
];

function optionName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** The values given on the command line (weight excluded), checked, with how to show each. */
interface ParsedValues {
  values: HealthValues;
  /** How each given value is shown back, with the column(s) it sets. */
  shown: Array<{ field: HealthValueField; text: string }>;
}

function quantityText(q: Quantity): string {
  return `${formatNumber(q.entered, q.decimals)} ${q.unit}`;
}

/** Reads and checks every option except the weight; throws a UsageError on the first bad one. */
function parseOptions(opts: LogWeightOptions, units: UnitSystem): ParsedValues {
  const values: HealthValues = {};
  const shown: ParsedValues['shown'] = [];
  if (opts.bodyFat !== undefined) {
    values.body_fat_pct = parseNumberInRange('--body-fat', opts.bodyFat.replace(/\s*%$/, ''), RULES.bodyFatPct);
    shown.push({ field: 'body_fat_pct', text: `body fat ${opts.bodyFat.replace(/\s*%$/, '')} %` });
  }
  if (opts.muscleMass !== undefined) {
    const q = checkQuantity('--muscle-mass', parseWeightInput(opts.muscleMass, { units, field: '--muscle-mass' }), RULES.muscleMassKg);
    values.muscle_mass_kg = q.value;
    shown.push({ field: 'muscle_mass_kg', text: `muscle mass ${quantityText(q)}` });
  }
  for (const point of MEASUREMENT_POINTS) {
    const text = opts[POINT_OPTION[point]];
    if (typeof text !== 'string') continue;
    const field = optionName(POINT_OPTION[point]);
    const q = checkQuantity(field, parseLengthInput(text, { units, field }), RULES.circumferenceCm);
    values[`${point}_cm`] = q.value;
    values.length_unit ??= q.unit;
    shown.push({ field: `${point}_cm`, text: `${point.replace('_', ' ')} ${quantityText(q)}` });
  }
  if (opts.rhr !== undefined) {
    values.resting_heart_rate = parseNumberInRange('--rhr', opts.rhr.replace(/\s*bpm$/i, ''), RULES.restingHeartRate);
    shown.push({ field: 'resting_heart_rate', text: `resting HR ${values.resting_heart_rate}` });
  }
  if (opts.bp !== undefined) {
    const bp = parseBloodPressure('--bp', opts.bp);
    values.blood_pressure_systolic = bp.systolic;
    values.blood_pressure_diastolic = bp.diastolic;
    shown.push({ field: 'blood_pressure_systolic', text: `BP ${bp.systolic}/${bp.diastolic}` });
  }
  for (const [key, field, column, label] of SCALES) {
    const text = opts[key];
    if (typeof text !== 'string') continue;
    values[column] = parseNumberInRange(field, text, RULES.scale);
    shown.push({ field: column, text: `${label} ${values[column]}/10` });
  }
  if (opts.sleepHours !== undefined) {
    const hours = parseDurationInput(opts.sleepHours, { field: '--sleep-hours', bareUnit: 'h' }).value / SECONDS_PER.h;
    values.sleep_hours = checkRange('--sleep-hours', hours, RULES.sleepHours);
    shown.push({ field: 'sleep_hours', text: `sleep ${formatNumber(hours, Number.isInteger(hours) ? 0 : 1)} h` });
  }
  if (opts.note !== undefined) {
    values.notes = checkText('--note', opts.note, { maxLength: 'note' });
    shown.push({ field: 'notes', text: 'note' });
  }
  return { values, shown };
}

const FIELD_LABEL: Record<HealthValueField, string> = {
  weight_kg: 'weight',
  body_fat_pct: 'body fat',
  muscle_mass_kg: 'muscle mass',
  chest_cm: 'chest',
  waist_cm: 'waist',
  hips_cm: 'hips',
  neck_cm: 'neck',
  left_arm_cm: 'left arm',
  right_arm_cm: 'right arm',
  left_thigh_cm: 'left thigh',
  right_thigh_cm: 'right thigh',
  resting_heart_rate: 'resting HR',
  blood_pressure_systolic: 'systolic',
  blood_pressure_diastolic: 'diastolic',
  energy_level: 'energy',
  mood: 'mood',
  sleep_quality: 'sleep quality',
  stress_level: 'stress',
  sleep_hours: 'sleep hours',
  notes: 'note',
};

function showValue(field: HealthValueField, value: number | string, weightUnit: string | null | undefined, lengthUnit: string | null | undefined): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value);
  if (field === 'weight_kg' || field === 'muscle_mass_kg') return formatWeight(value, (weightUnit ?? 'kg') as WeightUnit);
  if (field.endsWith('_cm')) return formatLength(value, (lengthUnit ?? 'cm') as 'cm' | 'in');
  if (field === 'body_fat_pct') return `${value} %`;
  return String(value);
}

/** Runs `fittrack log-weight [weight] [options]`. */
export async function runLogWeight(globals: GlobalOptions, weightArg: string | undefined, opts: LogWeightOptions): Promise<void> {
  if (opts.from !== undefined || opts.to !== undefined) throw new UsageError('--from and --to go with --list', 'run: fittrack log-weight --list --from 2025-03-01');
  const date = opts.date === undefined ? today() : await parseDateInput(opts.date);

  await withSqlUser(globals, async ({ sql, user }) => {
    const health = healthRepo(sql, user.id);
    const units = user.preferred_units;
    const { values, shown } = parseOptions(opts, units);

    let weight: Quantity<WeightUnit> | null = null;
    const parseWeight = (text: string) => checkQuantity('<weight>', parseWeightInput(text, { units, field: '<weight>' }), RULES.weightKg);
    if (weightArg !== undefined || shown.length === 0) {
      weight = await requireValue(weightArg, globals, {
        name: 'weight',
        example: 'fittrack log-weight 80kg',
        message: `Weight (${weightUnitFor(units)})`,
        parse: parseWeight,
        defaultFrom: async () => {
          const last = await health.latest('weight_kg');
          return last ? formatWeight(last.value, (last.unit as WeightUnit | null) ?? weightUnitFor(units)) : undefined;
        },
      });
      values.weight_kg = weight.value;
      values.weight_unit = weight.unit;
      if (user.height_cm) {
        const bmi = computeBmi(weight.value, user.height_cm);
        if (bmi >= RULES.bmi.min && bmi <= RULES.bmi.max) values.bmi = round(bmi, DECIMALS.bmi);
      }
    }

    const result = await sql.transaction(async (trx) => {
      const repo = healthRepo(trx, user.id);
      // The usual case, a new day, is one statement; an existing day is read and merged.
      /** The columns this run changed, when it merged into an existing day (else all given). */
      let changed: Set<string> | null = null;
      const inserted = await repo.insertIfAbsent(date, values);
      const existing = inserted ? undefined : await repo.findByDate(date);
      let record: HealthRecord;
      let action: 'logged' | 'added' | 'replaced' | 'unchanged';
      if (inserted || !existing) {
        record = inserted ?? (await repo.insert(date, values));
        action = 'logged';
      } else {
        const { patch, conflicts } = mergeHealthValues(existing, values, Boolean(opts.replace));
        if (conflicts.length > 0) {
          const list = conflicts.map((c) => `${FIELD_LABEL[c.field]} ${showValue(c.field, c.stored, existing.weight_unit, existing.length_unit)} (you gave ${showValue(c.field, c.given, values.weight_unit, values.length_unit)})`);
          throw new UsageError(`${date} already has ${list.join(', ')}`, 'add --replace to overwrite, or --date for another day');
        }
        changed = new Set(Object.keys(patch));
        if (Object.keys(patch).length === 0) {
          record = existing;
          action = 'unchanged';
        } else {
          record = (await repo.update(existing.id, patch)) ?? existing;
          action = opts.replace && Object.keys(patch).some((k) => existing[k as HealthValueField] !== null && existing[k as HealthValueField] !== undefined) ? 'replaced' : 'added';
        }
      }
      const completed = action === 'unchanged' ? [] : await completeReachedGoals(trx, user.id, date, values);
      return { record, action, completed, changed };
    });

    if (opts.json) {
      printJson(result.record);
    } else {
      const entries = weight ? [{ field: 'weight_kg', text: `${formatNumber(weight.entered, weight.decimals)} ${weight.unit}` }, ...shown] : shown;
      const { changed } = result;
      const kept = changed === null || result.action === 'unchanged' ? entries : entries.filter((e) => changed.has(e.field));
      const what = kept.map((e) => e.text).join(', ');
      const same = changed === null || result.action === 'unchanged' ? [] : entries.filter((e) => !changed.has(e.field));
      let line: string;
      if (result.action === 'unchanged') line = `Nothing new for ${date}: ${what} already logged`;
      else if (result.action === 'logged') line = `Logged ${what} for ${date}`;
      else if (result.action === 'added') line = `Added ${what} to ${date}`;
      else line = `Replaced ${what} for ${date}`;
      if (same.length > 0) line += ` (${same.map((e) => e.text).join(', ')} already logged)`;
      if (weight && result.action !== 'unchanged' && (changed === null || changed.has('weight_kg'))) {
        const context = await weightContext(health, date, weight, result.record);
        if (context) line += ` (${context})`;
      }
      say(line);
    }
    if (result.completed.length > 0) {
      // chalk is loaded only when there is something to colour on a terminal.
      const chalk = colorEnabled(process.stderr) ? (await import('chalk')).default : null;
      for (const g of result.completed) {
        const text = `Goal #${g.id} "${g.title}" reached — marked complete`;
        say(chalk ? chalk.green.bold(text) : text);
      }
    }
  });
}

/** `−0.8 lb since 2025-03-02 · 7-day average 177.1 lb · BMI 24.7` for a new weight. */
async function weightContext(health: HealthRepo, date: string, weight: Quantity<WeightUnit>, record: HealthRecord): Promise<string> {
  const before = await health.weightsBefore(date, 7);
  const decimals = Math.max(1, weight.decimals);
  const parts: string[] = [];
  const previous = before[0];
  if (previous) parts.push(`${formatDelta(fromKg(weight.value - previous.weightKg, weight.unit), decimals, weight.unit)} since ${previous.date}`);
  const all = [{ date, weightKg: weight.value }, ...before];
  const inWindow = all.filter((w) => w.date > shiftDays(date, -7));
  if (inWindow.length >= 2) {
    const avg = movingAverageKg(all, date, 7)!;
    parts.push(`7-day average ${formatWeight(avg, weight.unit, decimals)}`);
  }
  if (record.bmi !== null) parts.push(`BMI ${formatNumber(record.bmi, 1)}`);
  return parts.join(' · ');
}

function shiftDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d + days));
  return dt.toISOString().slice(0, 10);
}

/** Runs `fittrack log-weight --list [--from D] [--to D] [--json]`. */
export async function runListWeights(globals: GlobalOptions, weightArg: string | undefined, opts: LogWeightOptions): Promise<void> {
  if (weightArg !== undefined) throw new UsageError(`--list does not take a weight ("${weightArg}")`, 'run either: fittrack log-weight 80kg   or: fittrack log-weight --list');
  const from = opts.from === undefined ? undefined : await parseDateInput(opts.from, { field: '--from' });
  const to = opts.to === undefined ? undefined : await parseDateInput(opts.to, { field: '--to', allowFuture: true });
  if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`, 'give the earlier day with --from');

  // Portable SQL: on an existing SQLite file the list is read without loading Knex.
  await withSqlUser(
    globals,
    async ({ sql, user }) => {
      const repo = healthRepo(sql, user.id);
      if (opts.json) {
        printJson((await repo.list({ from, to })).map((r) => ({ ...r, ...derivedJson(r, user.height_cm) })));
        return;
      }
      // The days are kept as read (six columns each), not as their cells: the table is made from
      // them twice at full width, to measure its columns and to print it (see printTable).
      const days: HealthShown[] = [];
      await repo.eachShown({ from, to }, (day) => days.push(day));
      if (days.length === 0) {
        say(from || to ? 'No weigh-ins in that range.' : 'No weigh-ins yet — log one with: fittrack log-weight 80kg');
        return;
      }
      const { weightListRowSource, weightListTable } = await import('../render/health-view.js');
      const { printTable } = await import('../render/table.js');
      printTable(weightListTable(weightListRowSource(days, user.height_cm, weightUnitFor(user.preferred_units), user.preferred_units === 'imperial' ? 'in' : 'cm')));
    },
    { access: 'read' },
  );
}

function derivedJson(r: HealthRecord, heightCm: number | null): { lean_mass_kg: number | null; fat_mass_kg: number | null; bmi: number | null } {
  const d = deriveHealth(r, heightCm);
  // Derived numbers to a stated precision (0.01 kg, BMI 0.01), not the float noise of the arithmetic.
  const to = (v: number | null, places: number) => (v === null ? null : round(v, places));
  return { lean_mass_kg: to(d.leanMassKg, 2), fat_mass_kg: to(d.fatMassKg, 2), bmi: to(d.bmi, DECIMALS.bmi) };
}

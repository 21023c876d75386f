/**
 * `check-in-log.md`: one table row per weigh-in date → check-in records (health metrics).
 */
import { EXTRA_FIELDS } from '../domain/legacy-records.js';
import type { CheckInRecord, ParseIssue } from '../domain/legacy-records.js';
import { lengthUnitOf, toCm, toKg, weightUnitOf } from '../domain/units.js';
import type { LengthUnit, WeightUnit } from '../domain/units.js';
import { cellsByColumn, mapColumns, readNumber, readRowDate, textOrNull } from './cell-values.js';
import type { CellNumber, ColumnMap } from './cell-values.js';
import { extraColumnsOf, readExtraCells } from './extra-columns.js';
import type { ExtraColumn } from './extra-columns.js';
import { clip } from './markdown-reader.js';
import { shortRowWarning, unitlessWeightNote, walkTableRows, collectRecords } from './table-file.js';

const ALIASES = {
  date: /^(date|day|when)$/,
  weight: /^(weight|wt|body ?weight|scale|mass)$/,
  bodyFat: /^(body ?fat|bf|fat|body fat %|bf %|fat %|bf%)$/,
  waist: /^(waist)$/,
  chest: /^(chest)$/,
  hips: /^(hips?)$/,
  neck: /^(neck)$/,
  notes: /^(notes?|comments?|remarks?)$/,
};
type Role = keyof typeof ALIASES;

export const CHECK_IN_HEADER = '| Date | Weight (lbs) | Body Fat % | Waist (inches) | Chest (inches) | Notes |';

/** True when a table header is a check-in table's: a date and a weight, body-fat or other check-in column (`Sleep`, `RHR`, `Mood` …). */
export function isCheckInHeader(header: string[], dateFromHeading = false): boolean {
  const map = mapColumns(header, ALIASES);
  return (map.index.date !== undefined || dateFromHeading) && (map.index.weight !== undefined || map.index.bodyFat !== undefined || extraColumnsOf(header, EXTRA_FIELDS.checkIn).length > 0);
}

/** Rows written before the header grew have 4 cells: date, weight, body fat, notes. */
const OLD_ROW_WIDTH = 4;

/** True when a header is the grown one the 4-cell rows sit under: Date, Weight, Body fat first, Notes last. */
function isGrownHeader(map: ColumnMap<Role>, width: number): boolean {
  return width > OLD_ROW_WIDTH && map.index.date === 0 && map.index.weight === 1 && map.index.bodyFat === 2 && map.index.notes === width - 1;
}

export interface CheckInOptions {
  /** The unit of a weight written without one, in a column without one. Default: lb. */
  defaultWeightUnit?: WeightUnit;
  /** The unit of a length written without one, in a column without one. Default: in. */
  defaultLengthUnit?: LengthUnit;
}

/**
 * Parses a check-in log.
 *
 * @example parseCheckInLog('| Date | Weight (kg) |\n|-|-|\n| 2025-03-03 | 80 |', 'check-in-log.md').records[0].weightKg → 80
 */
export function parseCheckInLog(text: string, file: string, options: CheckInOptions = {}): { records: CheckInRecord[]; issues: ParseIssue[]; rowCount: number } {
  return collectRecords(checkInRecords(text, file, options));
}

/**
 * The records of a check-in log one by one as its rows are read, then (returned) the issues
 * and the number of rows: `parseCheckInLog` without holding the records.
 *
 * @example for (const r of checkInRecords(text, 'check-in-log.md')) …
 */
export function* checkInRecords(text: string | Iterable<string>, file: string, options: CheckInOptions = {}): Generator<CheckInRecord, { issues: ParseIssue[]; rowCount: number }> {
  const rowIssues: ParseIssue[] = [];
  /** The date of the row above, for a blank or ditto (`"`, `same`) date cell. */
  let dateAbove: string | null = null;
  const unitless = { first: null as number | null };
  let weighed = false;
  const walk = walkTableRows(text, file, { kindName: 'a check-in', expectedHeader: CHECK_IN_HEADER, accepts: isCheckInHeader });
  let next = walk.next();
  for (; !next.done; next = walk.next()) {
    const { table, row, context } = next.value;
    const map = mapColumns(table.header, ALIASES);
    const oldShape = isGrownHeader(map, table.header.length) ? OLD_ROW_WIDTH : undefined;
    if (row.cellCount < table.header.length && row.cellCount !== oldShape) rowIssues.push(shortRowWarning(file, row, table.header));
    const cells = cellsByColumn(row.cells, row.cellCount, table.header.length, map.index.notes, oldShape);
    const result = readRow(cells, row.extraCells, map, extraColumnsOf(table.header, EXTRA_FIELDS.checkIn), file, row.line, options, dateAbove, context.headingDate, unitless);
    dateAbove = 'error' in result ? result.date : result.record.recordedDate;
    if ('error' in result) rowIssues.push(result.error);
    else {
      if (result.record.weightKg !== null) weighed = true;
      yield result.record;
    }
  }
  const { issues, rowCount } = next.value;
  if (unitless.first !== null && weighed) rowIssues.push(unitlessWeightNote(file, unitless.first, options.defaultWeightUnit ?? 'lb'));
  return { issues: [...issues, ...rowIssues].sort((a, b) => a.line - b.line), rowCount };
}

function readRow(cells: string[], extra: string[], map: ColumnMap<Role>, extraColumns: ExtraColumn[], file: string, line: number, options: CheckInOptions, dateAbove: string | null, headingDate: string | null, unitless: { first: number | null }): { record: CheckInRecord } | { error: ParseIssue; date: string | null } {
  const cell = (role: Role) => (map.index[role] === undefined ? '' : (cells[map.index[role]] ?? ''));
  const dateText = map.index.date === undefined ? (headingDate ?? '') : cell('date');
  const date = readRowDate(dateText, dateAbove);
  const fail = (message: string, hint: string) => ({ error: { file, line, severity: 'error' as const, message, hint }, date });
  if (!date) return fail(`Date "${clip(dateText)}" is not a date`, 'write dates as YYYY-MM-DD, e.g. 2025-03-07');

  let weightKg: number | null = null;
  let weightUnit: WeightUnit | null = null;
  /** Remarks and ranges cut off the numbers (`82.4 (after dinner)`), for the notes. */
  const remarks: string[] = [];
  const remark = (n: CellNumber, label: string) => {
    if (n.kind === 'number' && n.remark) remarks.push(n.remark.startsWith('range ') ? `${label} ${n.remark}` : n.remark);
  };
  const w = readNumber(cell('weight'));
  remark(w, 'weight');
  if (w.kind === 'bad') return fail(`Weight "${clip(cell('weight'))}" is not a number`, 'write a weight like 240.2, 240.2 lbs or 109 kg, or leave it empty');
  if (w.kind === 'number') {
    const unit = w.unit ? weightUnitOf(w.unit) : map.unit.weight ? weightUnitOf(map.unit.weight) : (options.defaultWeightUnit ?? 'lb');
    if (!w.unit && !map.unit.weight) unitless.first ??= line;
    if (!unit) return fail(`Weight "${clip(cell('weight'))}" has an unknown unit "${w.unit ?? map.unit.weight}"`, 'use lb or kg');
    weightKg = toKg(w.value, unit);
    weightUnit = unit;
    if (weightKg < 20 || weightKg > 500) return fail(`Weight ${w.value} ${unit} is outside the plausible range 20–500 kg`, 'fix the typo in the file, or leave the cell empty');
  }

  let bodyFatPct: number | null = null;
  const bf = readNumber(cell('bodyFat'));
  remark(bf, 'body fat');
  if (bf.kind === 'bad' || (bf.kind === 'number' && bf.unit !== null && bf.unit !== '%')) return fail(`Body fat "${clip(cell('bodyFat'))}" is not a percentage`, 'write body fat like 29.5 or 29.5%, or leave it empty');
  if (bf.kind === 'number') {
    if (bf.value < 2 || bf.value > 75) return fail(`Body fat ${bf.value}% is outside the plausible range 2–75 %`, 'fix the typo in the file, or leave the cell empty');
    bodyFatPct = bf.value;
  }

  let lengthUnit: LengthUnit | null = null;
  const lengths: Partial<Record<'chest' | 'waist' | 'hips' | 'neck', number>> = {};
  for (const role of ['waist', 'chest', 'hips', 'neck'] as const) {
    const n = readNumber(cell(role));
    if (n.kind === 'empty') continue;
    remark(n, role);
    const label = role[0]!.toUpperCase() + role.slice(1);
    if (n.kind === 'bad') return fail(`${label} "${clip(cell(role))}" is not a number`, `write ${role} like 44 or 44 in, or leave it empty`);
    const unit = n.unit ? lengthUnitOf(n.unit) : map.unit[role] ? lengthUnitOf(map.unit[role]) : (options.defaultLengthUnit ?? 'in');
    if (!unit) return fail(`${label} "${clip(cell(role))}" has an unknown unit "${n.unit ?? map.unit[role]}"`, 'use in or cm');
    const cm = toCm(n.value, unit);
    if (cm < 5 || cm > 400) return fail(`${label} ${n.value} ${unit} is outside the plausible range 5–400 cm`, 'fix the typo in the file, or leave the cell empty');
    lengths[role] = cm;
    lengthUnit = lengthUnit ?? unit;
  }

  const extraValues = readExtraCells(extraColumns, cells, file, line);
  if ('error' in extraValues) return { ...extraValues, date };

  const noteParts: string[] = [];
  const notes = textOrNull(cell('notes'));
  if (notes) noteParts.push(notes);
  for (const u of map.unknown) {
    if (extraColumns.some((c) => c.index === u.index)) continue;
    const v = textOrNull(cells[u.index]);
    if (v) noteParts.push(`${u.name}: ${v}`);
  }
  for (const v of extra) if (textOrNull(v)) noteParts.push(v);
  noteParts.push(...remarks);

  return {
    record: {
      recordedDate: date,
      weightKg,
      weightUnit,
      bodyFatPct,
      lengthUnit,
      chestCm: lengths.chest ?? null,
      waistCm: lengths.waist ?? null,
      hipsCm: lengths.hips ?? null,
      neckCm: lengths.neck ?? null,
      notes: noteParts.length ? noteParts.join('; ') : null,
      ...(extraColumns.length ? { extra: extraValues.extra } : {}),
      source: { file, line },
    },
  };
}

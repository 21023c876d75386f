/**
 * The extra columns of a legacy table (see EXTRA_FIELDS): found in the header by their label,
 * read from a row's cells. A file without them reads exactly as before.
 */
import type { ExtraField, ExtraValue, ExtraValues, ParseIssue } from '../domain/legacy-records.js';
import { parseDurationSeconds, SECONDS_PER } from '../domain/units.js';
import type { DurationUnit } from '../domain/units.js';
import { isEmptyCell, readHeader, readNumber, stripEmphasis } from './cell-values.js';
import type { CellNumber } from './cell-values.js';
import { clip } from './markdown-reader.js';

export interface ExtraColumn {
  index: number;
  field: ExtraField;
  /** The unit its header names (`Sleep (min)`), for a field that counts time. */
  headerUnit?: string | null;
}

const found = new WeakMap<string[], WeakMap<readonly ExtraField[], ExtraColumn[]>>();

/** A header name as matched: case, spaces, `-`, `_` and `.` aside (`Resting-HR`, `sleep_hours`). */
function nameKey(text: string): string {
  return readHeader(text)
    .name.replace(/[-_.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The header's columns that carry extra fields, matched by the label's name or one of its
 * aliases (case, spaces and units aside: `RHR`, `Resting HR`, `Sleep (h)`, `Sleep hrs`).
 *
 * @example extraColumnsOf(['Date', 'Exercise', 'RPE'], EXTRA_FIELDS.exercise) → [{ index: 2, field: rpe }]
 */
export function extraColumnsOf(header: string[], fields: readonly ExtraField[]): ExtraColumn[] {
  let byFields = found.get(header);
  if (!byFields) found.set(header, (byFields = new WeakMap()));
  let columns = byFields.get(fields);
  if (!columns) {
    const names = new Map<string, ExtraField>();
    for (const f of fields) for (const name of [f.label, ...(f.aliases ?? [])]) if (!names.has(nameKey(name))) names.set(nameKey(name), f);
    columns = [];
    header.forEach((cell, index) => {
      const field = names.get(nameKey(cell));
      if (field && !columns!.some((c) => c.field === field)) columns!.push(field.durationUnit ? { index, field, headerUnit: readHeader(cell).unit } : { index, field });
    });
    byFields.set(fields, columns);
  }
  return columns;
}

/**
 * One extra value from its cell text: null when empty, else the value or what is wrong with it.
 * A time is read in the field's unit, or the header's (`Sleep (min)`), or the cell's (`7h30`).
 *
 * @example readExtraValue(rpeField, '8.5') → { value: 8.5 }
 */
export function readExtraValue(field: ExtraField, text: string, headerUnit?: string | null): { value: ExtraValue } | { error: string; hint: string } {
  if (isEmptyCell(text.trim())) return { value: null };
  const t = stripEmphasis(text).trim();
  if (field.durationUnit) return readDuration(field, field.durationUnit, t, headerUnit ?? null);
  if (field.type === 'boolean') {
    if (/^(yes|y|true|x|1)$/i.test(t)) return { value: true };
    if (/^(no|n|false|0)$/i.test(t)) return { value: false };
    return { error: `${field.label} "${clip(t)}" is not yes or no`, hint: 'write yes or no, or leave it empty' };
  }
  if (Array.isArray(field.type)) {
    const v = t.toLowerCase().replace(/[\s-]+/g, '_');
    if ((field.type as readonly string[]).includes(v)) return { value: v };
    return { error: `${field.label} "${clip(t)}" is not one of ${(field.type as readonly string[]).join(', ')}`, hint: 'use one of those words, or leave it empty' };
  }
  const n = readCellNumber(t);
  // A 1–10 scale is often written out of ten (`7/10`).
  if (n.kind === 'bad' && field.max === 10 && t.endsWith('/10')) return checked(field, t, readNumber(t.slice(0, -3)));
  return checked(field, t, n);
}

/** A cell's number; numbers are written at full precision, which for the tiniest is in exponent form (5e-324). */
function readCellNumber(t: string): CellNumber {
  return /^[+-]?\d+(?:\.\d+)?e[+-]?\d+$/i.test(t) ? { kind: 'number', value: Number(t), unit: null } : readNumber(t);
}

/** A number read from a cell against the field's type and range. */
function checked(field: ExtraField, t: string, n: CellNumber): { value: number } | { error: string; hint: string } {
  if (n.kind !== 'number' || (field.type === 'integer' && !Number.isInteger(n.value))) {
    return { error: `${field.label} "${clip(t)}" is not ${field.type === 'integer' ? 'a whole number' : 'a number'}`, hint: `write a number${field.min !== undefined ? ` from ${field.min} to ${field.max}` : ''}, or leave it empty` };
  }
  if ((field.min !== undefined && n.value < field.min) || (field.max !== undefined && n.value > field.max)) {
    return { error: `${field.label} ${n.value} is outside the range ${field.min}–${field.max}`, hint: 'fix the typo in the file, or leave the cell empty' };
  }
  return { value: n.value };
}

/** Seconds in one of a header's time units (`h`, `hrs`, `min`, `s`), or null. @example secondsPer('hrs') → 3600 */
function secondsPer(unit: string): number | null {
  return parseDurationSeconds(`1 ${unit}`);
}

/** A time cell in the field's unit: `7.5` (the header's unit or the field's), `7h30`, `450 min`, `90s`. */
function readDuration(field: ExtraField, unit: DurationUnit, t: string, headerUnit: string | null): { value: number } | { error: string; hint: string } {
  const per = SECONDS_PER[unit];
  const n = readCellNumber(t);
  if (n.kind === 'number' && n.unit === null) {
    const headerPer = headerUnit === null ? per : secondsPer(headerUnit);
    if (headerPer === null) return { error: `${field.label} has an unknown time unit "${clip(headerUnit ?? '')}" in its header`, hint: 'write the unit as h, min or s' };
    return checked(field, t, headerPer === per ? n : { ...n, value: (n.value * headerPer) / per });
  }
  const seconds = parseDurationSeconds(t);
  if (seconds === null) return { error: `${field.label} "${clip(t)}" is not a time`, hint: `write it like 7.5, 7h30, 450 min or 90s${field.min !== undefined ? ` (${field.min}–${field.max} ${unit})` : ''}, or leave it empty` };
  return checked(field, t, { kind: 'number', value: seconds / per, unit: null });
}

/**
 * The extra values of a row (every found column, null when empty), or the first bad cell.
 *
 * @example readExtraCells(columns, cells, 'exercise-log.md', 7) → { extra: { rpe: 8, rest_seconds: null, form_quality: null } }
 */
export function readExtraCells(columns: ExtraColumn[], cells: string[], file: string, line: number): { extra: ExtraValues } | { error: ParseIssue } {
  const extra: ExtraValues = {};
  for (const c of columns) {
    const r = readExtraValue(c.field, cells[c.index] ?? '', c.headerUnit);
    if ('error' in r) return { error: { file, line, severity: 'error', message: r.error, hint: r.hint } };
    extra[c.field.column] = r.value;
  }
  return { extra };
}

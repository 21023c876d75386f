/**
 * The extra columns of a legacy table (see EXTRA_FIELDS): found in the header by their label,
 * read from a row's cells. A file without them reads exactly as before.
 */
import type { ExtraField, ExtraValue, ExtraValues, ParseIssue } from '../domain/legacy-records.js';
import { isEmptyCell, readHeader, readNumber, stripEmphasis } from './cell-values.js';
import { clip } from './markdown-reader.js';

export interface ExtraColumn {
  index: number;
  field: ExtraField;
}

const found = new WeakMap<string[], WeakMap<readonly ExtraField[], ExtraColumn[]>>();

/**
 * The header's columns that carry extra fields, matched by the label's name (units aside).
 *
 * @example extraColumnsOf(['Date', 'Exercise', 'RPE'], EXTRA_FIELDS.exercise) → [{ index: 2, field: rpe }]
 */
export function extraColumnsOf(header: string[], fields: readonly ExtraField[]): ExtraColumn[] {
  let byFields = found.get(header);
  if (!byFields) found.set(header, (byFields = new WeakMap()));
  let columns = byFields.get(fields);
  if (!columns) {
    const names = new Map(fields.map((f) => [readHeader(f.label).name, f]));
    columns = [];
    header.forEach((cell, index) => {
      const field = names.get(readHeader(cell).name);
      if (field && !columns!.some((c) => c.field === field)) columns!.push({ index, field });
    });
    byFields.set(fields, columns);
  }
  return columns;
}

/**
 * One extra value from its cell text: null when empty, else the value or what is wrong with it.
 *
 * @example readExtraValue(rpeField, '8.5') → { value: 8.5 }
 */
export function readExtraValue(field: ExtraField, text: string): { value: ExtraValue } | { error: string; hint: string } {
  if (isEmptyCell(text.trim())) return { value: null };
  const t = stripEmphasis(text).trim();
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
  // Numbers are written at full precision, which for the tiniest is in exponent form (5e-324).
  const n = /^[+-]?\d+(?:\.\d+)?e[+-]?\d+$/i.test(t) ? ({ kind: 'number', value: Number(t), unit: null } as const) : readNumber(t);
  if (n.kind !== 'number' || (field.type === 'integer' && !Number.isInteger(n.value))) {
    return { error: `${field.label} "${clip(t)}" is not ${field.type === 'integer' ? 'a whole number' : 'a number'}`, hint: `write a number${field.min !== undefined ? ` from ${field.min} to ${field.max}` : ''}, or leave it empty` };
  }
  if ((field.min !== undefined && n.value < field.min) || (field.max !== undefined && n.value > field.max)) {
    return { error: `${field.label} ${n.value} is outside the range ${field.min}–${field.max}`, hint: 'fix the typo in the file, or leave the cell empty' };
  }
  return { value: n.value };
}

/**
 * The extra values of a row (every found column, null when empty), or the first bad cell.
 *
 * @example readExtraCells(columns, cells, 'exercise-log.md', 7) → { extra: { rpe: 8, rest_seconds: null, form_quality: null } }
 */
export function readExtraCells(columns: ExtraColumn[], cells: string[], file: string, line: number): { extra: ExtraValues } | { error: ParseIssue } {
  const extra: ExtraValues = {};
  for (const c of columns) {
    const r = readExtraValue(c.field, cells[c.index] ?? '');
    if ('error' in r) return { error: { file, line, severity: 'error', message: r.error, hint: r.hint } };
    extra[c.field.column] = r.value;
  }
  return { extra };
}

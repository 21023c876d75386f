/**
 * One entry point for any legacy file: decode its bytes, detect (or take) its kind, make it
 * safe to lex and run its parser.
 */
import type { LegacyKind, LegacyParseResult, ParseIssue } from '../domain/legacy-records.js';
import type { WeightUnit } from '../domain/units.js';
import { checkInRecords } from './check-in-parser.js';
import { parseCoachingLog } from './coaching-parser.js';
import { exerciseLogRecords } from './exercise-log-parser.js';
import { guardSource, MAX_LINE_CHARS, MAX_NESTING_LEVELS } from './markdown-reader.js';
import type { GuardedLine } from './markdown-reader.js';
import { parseMealLog } from './meal-log-parser.js';
import { collectRecords } from './table-file.js';

export interface LegacyParseOptions {
  /** The unit of weights written without any unit. */
  defaultWeightUnit?: WeightUnit;
}

/**
 * Parses a legacy file of the given kind. A line with a NUL byte costs only its own row (an
 * error at its line); a line is read up to MAX_LINE_CHARS and nesting too deep as plain text,
 * each with a warning.
 *
 * @example parseLegacyFile('check-in', text, 'check-in-log.md').records.length
 */
export function parseLegacyFile(kind: LegacyKind, text: string, fileName: string, options: LegacyParseOptions = {}): LegacyParseResult {
  return { kind, ...collectRecords(streamLegacyFile(kind, text, fileName, options)) } as LegacyParseResult;
}

/** A record of any legacy log. */
export type LegacyRecord = LegacyParseResult['records'][number];

/** What a legacy file gives besides its records. */
export interface LegacyFileSummary {
  issues: ParseIssue[];
  rowCount: number;
}

/**
 * `parseLegacyFile`'s records one by one as the file is read, then (returned) its issues and
 * row count: check-in logs row by row, exercise logs session by session (see
 * `exerciseLogRecords` for `handOver`), coaching and meal logs once read whole.
 *
 * @example for (const r of streamLegacyFile('check-in', text, 'check-in-log.md')) …
 */
export function* streamLegacyFile(kind: LegacyKind, text: string | Iterable<string>, fileName: string, options: LegacyParseOptions = {}, handOver = false): Generator<LegacyRecord, LegacyFileSummary> {
  // Coaching and meal logs are read whole (sections, a day's total row).
  if (typeof text !== 'string' && (kind === 'coaching' || kind === 'meals')) text = [...text].join('');
  const guardedLines: GuardedLine[] = [];
  const lost = new Set<number>();
  const guard = (part: string, offset: number): string => {
    const guarded = guardSource(part);
    for (const g of guarded.lines) {
      guardedLines.push(offset === 0 ? g : { ...g, line: g.line + offset });
      if (g.reason === 'nul') lost.add(g.line + offset);
    }
    return guarded.text;
  };
  // A text in parts (each ending at a line end) is guarded part by part, its lines counted on.
  const parts = text;
  const source =
    typeof parts === 'string'
      ? guard(parts, 0)
      : (function* () {
          let offset = 0;
          for (const part of parts) {
            yield guard(part, offset);
            for (let i = part.indexOf('\n'); i !== -1; i = part.indexOf('\n', i + 1)) offset++;
          }
        })();
  const records = recordsOf(kind, source, fileName, options, handOver);
  let next = records.next();
  for (; !next.done; next = records.next()) {
    const record = lost.size === 0 || kind === 'coaching' ? next.value : withoutLostLines(next.value, lost);
    if (record) yield record;
  }
  return guardedLines.length === 0 ? next.value : { issues: guardedIssues(kind, next.value.issues, guardedLines, fileName), rowCount: next.value.rowCount };
}

function* wholeFile<R>(result: { records: R[]; issues: ParseIssue[]; rowCount: number }): Generator<R, LegacyFileSummary> {
  yield* result.records;
  return { issues: result.issues, rowCount: result.rowCount };
}

function recordsOf(kind: LegacyKind, text: string | Iterable<string>, fileName: string, options: LegacyParseOptions, handOver: boolean): Generator<LegacyRecord, LegacyFileSummary> {
  switch (kind) {
    case 'check-in':
      return checkInRecords(text, fileName, { defaultWeightUnit: options.defaultWeightUnit, defaultLengthUnit: options.defaultWeightUnit === 'kg' ? 'cm' : 'in' });
    case 'workouts':
      return exerciseLogRecords(text, fileName, { defaultWeightUnit: options.defaultWeightUnit }, handOver);
    case 'coaching':
      return wholeFile(parseCoachingLog(text as string, fileName));
    case 'meals':
      return wholeFile(parseMealLog(text as string, fileName));
  }
}

/** A table log's record without the rows of lines that held a NUL byte (null when none is left). */
function withoutLostLines(record: LegacyRecord, lost: Set<number>): LegacyRecord | null {
  if (!('exercises' in record)) return lost.has(record.source.line) ? null : record;
  const exercises = record.exercises.filter((e) => !lost.has(e.source.line)).map((e, i) => ({ ...e, orderIndex: i + 1 }));
  return exercises.length === 0 ? null : { ...record, exercises, source: exercises[0]!.source };
}

/** The issues of a file some of whose lines were guarded: those of lost rows go, the guards' come. */
function guardedIssues(kind: LegacyKind, found: ParseIssue[], guarded: GuardedLine[], file: string): ParseIssue[] {
  const lost = new Set(guarded.filter((g) => g.reason === 'nul').map((g) => g.line));
  const tableLog = kind !== 'coaching';
  const issues: ParseIssue[] = tableLog ? found.filter((i) => !lost.has(i.line) || i.severity === 'warning') : [...found];
  // A run of lines nested too deep is one warning, at its first line.
  let runEnd = -1;
  for (const g of guarded) {
    const inRun = g.reason === 'nesting' && g.line === runEnd + 1;
    if (g.reason === 'nesting') runEnd = g.line;
    if (!inRun) issues.push(guardIssue(g, file, tableLog));
  }
  return issues.sort((a, b) => a.line - b.line);
}

function guardIssue(g: GuardedLine, file: string, tableLog: boolean): ParseIssue {
  switch (g.reason) {
    case 'nul':
      return tableLog
        ? { file, line: g.line, severity: 'error', message: 'the row holds a NUL byte (binary data); it was not read', hint: 'retype the row; the rest of the file was read' }
        : { file, line: g.line, severity: 'warning', message: 'the line held a NUL byte (binary data); it was removed' };
    case 'long':
      return { file, line: g.line, severity: 'warning', message: `the line is longer than ${MAX_LINE_CHARS} characters; only its first ${MAX_LINE_CHARS} were read`, hint: 'split the line, or move the long text out of the log' };
    case 'nesting':
      return { file, line: g.line, severity: 'warning', message: `quotes or lists nested more than ${MAX_NESTING_LEVELS} levels deep from this line on were read as plain text` };
  }
}

/** Control bytes beyond this share of a file (with a NUL among them) mean it is not text at all. */
/**
 * Thrown by `decodeLegacyParts` when the bytes are not UTF-8: the file is then to be read whole
 * by `decodeLegacyBytes`, which tells where and falls back to Windows-1252.
 */
export class NotUtf8Error extends Error {}

/**
 * UTF-8 bytes read in chunks as text in parts, each ending at a line end (the last one where
 * the text ends), so a large file is never held whole; throws `NotUtf8Error` at bytes that are
 * not UTF-8.
 *
 * @example for (const part of decodeLegacyParts(chunks)) …
 */
export function* decodeLegacyParts(chunks: Iterable<Uint8Array>): Generator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (bytes?: Uint8Array) => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw new NotUtf8Error('the file is not UTF-8');
    }
  };
  let held = '';
  for (const chunk of chunks) {
    held += decode(chunk);
    const cut = held.lastIndexOf('\n');
    if (cut === -1) continue;
    yield held.slice(0, cut + 1);
    held = held.slice(cut + 1);
  }
  held += decode();
  if (held !== '') yield held;
}

const BINARY_CONTROL_SHARE = 0.01;

/** True when a file holding a NUL byte has many control bytes: binary data, not a stray NUL. */
function isBinary(bytes: Uint8Array): boolean {
  let controls = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
  }
  return controls > 8 && controls > bytes.length * BINARY_CONTROL_SHARE;
}

/**
 * Decodes a legacy file's bytes: UTF-8 (with or without BOM), else Windows-1252 (files saved
 * by Windows editors) with a warning; a file with many NUL bytes is binary, refused with an error.
 *
 * @example decodeLegacyBytes(Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'log.md').text → 'café'
 */
export function decodeLegacyBytes(bytes: Uint8Array, file: string): { text: string; issues: ParseIssue[] } {
  if (bytes.indexOf(0) !== -1 && isBinary(bytes)) {
    return { text: '', issues: [{ file, line: 1, severity: 'error', message: 'the file is not text (it holds binary data)', hint: 'give the markdown log itself' }] };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), issues: [] };
  } catch {
    const text = decodeWindows1252(bytes);
    const line = firstBadLine(bytes);
    return { text, issues: [{ file, line, severity: 'warning', message: 'the file is not UTF-8; it was read as Windows-1252', hint: 'save the file as UTF-8 if its accents or symbols look wrong' }] };
  }
}

/** The 1-based line of the first byte sequence that is not UTF-8. */
function firstBadLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let nl = bytes.indexOf(10); ; nl = bytes.indexOf(10, nl + 1)) {
    const end = nl === -1 ? bytes.length : nl;
    try {
      decoder.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    if (nl === -1) return 1;
    line++;
    start = nl + 1;
  }
}

/** The characters of bytes 0x80–0x9F in Windows-1252 (the rest is Latin-1); undefined ones stay as they are. */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Decodes Windows-1252 (Node's own decoder reads that label as Latin-1). @example decodeWindows1252(Buffer.from([0x80])) → '€' */
function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const chunk: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    chunk.push(b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b);
    if (chunk.length === 8192) {
      out += String.fromCharCode(...chunk);
      chunk.length = 0;
    }
  }
  return out + String.fromCharCode(...chunk);
}

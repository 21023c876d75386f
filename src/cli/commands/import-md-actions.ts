/**
 * `fittrack import-md`: reads legacy markdown logs, plans the import against what the user
 * already has, and writes it in one transaction (or reports what it would do). Also lists
 * and reverts past import batches.
 */
import { plural, pluralOfTable } from '../render/format.js';
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { withUser, type GlobalOptions } from '../context.js';
import { printJson, printLine, say } from '../render/output.js';
import { NO_PROGRESS, startProgress } from '../render/progress.js';
import { renderTable } from '../render/table.js';
import { listImportBatches, revertImport } from '../../db/import-batches.js';
import { importWriter, newBatchId } from '../../db/import-write.js';
import type { BatchInfo, ImportWriter } from '../../db/import-write.js';
import { loadStoredIndex } from '../../db/legacy-rows.js';
import { engineOf, transactionKeepingCause } from '../../db/connection.js';
import { nowIso } from '../../clock.js';
import { keepHeapTight } from '../heap-growth.js';
import { ownText } from '../../domain/own-text.js';
import { createImportPlanner } from '../../domain/import-plan.js';
import type { AnyRecord, FileSummary, ImportPlan, ParsedFile, ReportIssue } from '../../domain/import-plan.js';
import { LEGACY_KINDS } from '../../domain/legacy-records.js';
import type { LegacyKind, ParseIssue } from '../../domain/legacy-records.js';
import { weightUnitFor, weightUnitOf } from '../../domain/units.js';
import type { WeightUnit } from '../../domain/units.js';
import { RuntimeFailure, UsageError } from '../../errors.js';
import { kindFromContent, kindFromFileName } from '../../parse/detect-kind.js';
import { decodeLegacyBytes, decodeLegacyParts, NotUtf8Error, streamLegacyFile } from '../../parse/legacy-file.js';
import { SplitSessionError } from '../../parse/exercise-log-parser.js';

/** Options of `import-md`, as commander hands them over. */
export interface ImportMdOptions {
  kind?: string;
  dryRun?: boolean;
  skipErrors?: boolean;
  update?: boolean;
  json?: boolean;
  list?: boolean;
  revert?: string;
  units?: string;
}

const KIND_ALIASES: Record<string, LegacyKind> = {
  'check-in': 'check-in',
  'check-ins': 'check-in',
  checkin: 'check-in',
  checkins: 'check-in',
  workouts: 'workouts',
  workout: 'workouts',
  exercises: 'workouts',
  exercise: 'workouts',
  coaching: 'coaching',
  meals: 'meals',
  meal: 'meals',
};

/** Issues of these kinds shown per file before "… and N more" (errors and conflicts are all shown). */
const SHOWN_PER_FILE = 5;

/** The command an import runs under, for the commands its messages suggest. */
export type ImportCommand = 'import' | 'import-md';

/** A file to import: a legacy log of a kind, or another app's export with its own reader. */
export interface InputFile {
  path: string;
  kind: LegacyKind;
  /** Reads a file that is not a legacy log (one file may give records of several kinds). */
  read?: (defaultWeightUnit: WeightUnit) => Promise<ParsedFile[]>;
}

/** Runs `import-md` with its arguments and options. */
export async function runImportMd(paths: string[], opts: ImportMdOptions, globals: GlobalOptions, command: ImportCommand = 'import-md'): Promise<void> {
  if (opts.list && opts.revert !== undefined) throw new UsageError('--list and --revert cannot be used together', 'give one of them');
  if (opts.list || opts.revert !== undefined) {
    if (paths.length > 0) throw new UsageError(`"${paths[0]}": --list and --revert take no files`, `run: fittrack ${command} --list  or  fittrack ${command} --revert BATCH`);
    return opts.list ? listBatches(opts, globals, command) : revertBatch(opts.revert!, opts, globals, command);
  }
  if (paths.length === 0) throw new UsageError('no file or folder to import', 'run: fittrack import-md PATH… (e.g. fittrack import-md ~/Health_and_Fitness/data --dry-run)');
  let kind: LegacyKind | undefined;
  if (opts.kind !== undefined) {
    kind = KIND_ALIASES[opts.kind.trim().toLowerCase()];
    if (!kind) throw new UsageError(`--kind: "${opts.kind}" is not a kind of legacy log`, `use one of: ${LEGACY_KINDS.join(', ')}`);
  }
  const { files, ignored } = collectFiles(paths, kind);
  if (files.length === 0) {
    throw new UsageError(`no legacy log found in ${paths.join(', ')}${ignored.length ? ` (ignored: ${ignored.map((i) => i.path).join(', ')})` : ''}`, 'name the files check-in-log.md, exercise-log.md, Coaching_sessions.md or meal-log.md, or give --kind');
  }
  await importFiles(files, ignored, opts, globals);
}

/** The files to import: each named file, and the recognised files of each named folder. */
export function collectFiles(paths: string[], kind: LegacyKind | undefined): { files: InputFile[]; ignored: Array<{ path: string; reason: string }> } {
  const files: InputFile[] = [];
  const ignored: Array<{ path: string; reason: string }> = [];
  // Files are read for their content only when their name does not tell their kind.
  const detect = (file: string) => kindFromFileName(file) ?? kindFromContent(readText(file));
  for (const p of paths) {
    let stat;
    try {
      stat = statSync(p);
    } catch {
      throw new UsageError(`${p}: no such file or folder`, 'check the path');
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        const full = path.join(p, name);
        if (!statSync(full).isFile()) continue;
        if (!/\.(md|markdown)$/i.test(name)) {
          ignored.push({ path: full, reason: 'not a .md file' });
          continue;
        }
        const detected = detect(full);
        if (!detected) ignored.push({ path: full, reason: 'not a legacy log (unknown name, no check-in, exercise or meal table, no dated ## sessions)' });
        else if (kind && detected !== kind) ignored.push({ path: full, reason: `a ${detected} log, not ${kind}` });
        else files.push({ path: full, kind: detected });
      }
    } else {
      const detected = kind ?? detect(p);
      if (!detected) throw new UsageError(`${p}: cannot tell which legacy log this is`, 'give --kind check-in, workouts, coaching or meals');
      files.push({ path: p, kind: detected });
    }
  }
  return { files, ignored };
}

function readText(file: string): string {
  return decodeLegacyBytes(readBytes(file), file).text;
}

function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new RuntimeFailure(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`, 'check the file’s permissions');
  }
}

/** A file's records as they are read, then (returned) its issues and row count. */
interface RecordStream {
  file: string;
  kind: LegacyKind;
  records: Iterator<AnyRecord, { issues: ParseIssue[]; rowCount: number }>;
  /** Lets go of the file, once read or given up. */
  close?: () => void;
}

/** How an import reads its legacy files: as they go (see `streamFile`), or each whole. */
interface ReadMode {
  inParts: boolean;
  handOver: boolean;
}

/** Bytes read at a time from a legacy file read as it goes. */
const PART_BYTES = 1 << 20;

/**
 * A legacy file's records as it is read. In parts (`inParts`): a file of more than one part
 * without a NUL byte in its first is read a megabyte at a time (a file that turns out not to be
 * UTF-8 throws `NotUtf8Error`, to be read again whole); `handOver`: exercise sessions are handed
 * over as it goes too (see `exerciseLogRecords`).
 */
function streamFile(f: InputFile, defaultWeightUnit: WeightUnit, mode: ReadMode): RecordStream {
  const whole = (bytes: Uint8Array): RecordStream => {
    const decoded = decodeLegacyBytes(bytes, f.path);
    if (decoded.issues.some((i) => i.severity === 'error')) return streamOf({ file: f.path, kind: f.kind, records: [], rowCount: 0, issues: decoded.issues });
    const records = streamLegacyFile(f.kind, decoded.text, f.path, { defaultWeightUnit }, mode.handOver);
    return {
      file: f.path,
      kind: f.kind,
      records: {
        next: () => {
          const next = records.next();
          return next.done ? { done: true, value: { issues: [...decoded.issues, ...next.value.issues], rowCount: next.value.rowCount } } : next;
        },
      },
    };
  };
  if (!mode.inParts) return whole(readBytes(f.path));
  let fd: number;
  try {
    fd = openSync(f.path, 'r');
  } catch (err) {
    throw new RuntimeFailure(`${f.path}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`, 'check the file’s permissions');
  }
  /**
   * Up to PART_BYTES more bytes of the file (fewer only at its end: a pipe hands them over in
   * pieces), into `buf` when given (a part read as it goes is decoded before the next is read).
   */
  const readPart = (buf: Buffer = Buffer.allocUnsafe(PART_BYTES)): Buffer => {
    let length = 0;
    for (let n = -1; length < PART_BYTES && n !== 0; length += n) n = readSync(fd, buf, length, PART_BYTES - length, null);
    return buf.subarray(0, length);
  };
  let first: Buffer;
  try {
    first = readPart();
    // A file of one part, or one with a NUL byte in its first (binary?), is read whole, on the same descriptor.
    if (first.length < PART_BYTES || first.includes(0)) {
      const parts = [first];
      for (let part = first; part.length === PART_BYTES; ) parts.push((part = readPart()));
      closeSync(fd);
      return whole(Buffer.concat(parts));
    }
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  function* chunks(): Generator<Uint8Array> {
    yield first;
    // One buffer for every part: a fresh megabyte each time left the C heap fragmented.
    const buf = first;
    for (let part = readPart(buf); part.length > 0; part = readPart(buf)) yield part;
  }
  const records = streamLegacyFile(f.kind, decodeLegacyParts(chunks()), f.path, { defaultWeightUnit }, mode.handOver);
  return { file: f.path, kind: f.kind, records, close: () => closeSync(fd) };
}

/** A file read whole (another app's export) as a stream. */
function streamOf(parsed: ParsedFile): RecordStream {
  let at = 0;
  return {
    file: parsed.file,
    kind: parsed.kind,
    records: { next: () => (at < parsed.records.length ? { done: false, value: parsed.records[at++]! } : { done: true, value: { issues: parsed.issues, rowCount: parsed.rowCount } }) },
  };
}

/** The `--units` option: the unit of weights written without one. */
function unitsOption(text: string): WeightUnit {
  const unit = weightUnitOf(text);
  if (!unit) throw new UsageError(`--units: "${text}" is not a weight unit`, 'give --units kg or --units lb');
  return unit;
}

/** Records planned (and written) at a time: bounds the stored records and rows held at once. */
const PLAN_CHUNK = 2000;

/** The SQLite page cache of an import, in SQLite's notation: negative for kibibytes (2 MB). */
const IMPORT_SQLITE_CACHE_KB_NEGATED = -2000;

/** Records read between two turns of the event loop while chunks are being written. */
const YIELD_EVERY = 64;
/** Chunk writes queued at most while the next chunk is read. */
const WRITES_AHEAD = 1;

/**
 * Chunk writes go on while the next chunk is read and planned: PostgreSQL takes a chunk's COPY
 * while this process reads on. The writes run one after the other, in order, at most
 * `WRITES_AHEAD` queued (so that many chunks are held besides the one read); reading gives the
 * event loop a turn every few records (`yieldTo`) so the driver can answer the server, and a
 * write's error is thrown at the next turn.
 */
function writeBehind() {
  const queue: Array<Promise<void>> = [];
  let running = 0;
  let failed = false;
  return {
    /** Waits for every queued write; throws the first error. */
    async settle(): Promise<void> {
      for (const p of queue.splice(0)) await p;
    },
    /** Queues `write` after the ones before it, once fewer than WRITES_AHEAD are queued. */
    async start(write: () => Promise<void>): Promise<void> {
      if (failed) await this.settle();
      while (queue.length >= WRITES_AHEAD) await queue.shift();
      const p = (queue.at(-1) ?? Promise.resolve()).then(write);
      running++;
      p.then(
        () => void running--,
        () => void (running--, (failed = true)),
      );
      queue.push(p);
    },
    /** A turn of the event loop while a write runs; the error of one as soon as it failed. */
    async yieldTo(): Promise<void> {
      if (failed) await this.settle();
      else if (running > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
}

/** Thrown inside the transaction to roll it back when a row has an error. */
class RolledBack extends Error {}

/**
 * Reads one file at a time, and plans and writes its records a chunk at a time inside ONE
 * transaction, so memory holds one file's records and one chunk's stored ones, not the whole
 * run's or the whole database's; an error row anywhere rolls everything back.
 */
export async function importFiles(files: InputFile[], ignored: Array<{ path: string; reason: string }>, opts: ImportMdOptions, globals: GlobalOptions, command: ImportCommand = 'import-md'): Promise<void> {
  await withUser(globals, async ({ db, user }) => {
    const started = Date.now();
    keepHeapTight();
    // One bar for the whole import (rows written, of those planned so far), once it has run about a second.
    const progress = opts.dryRun ? NO_PROGRESS : await startProgress('import', { json: opts.json });
    const timings = { parse: 0, load_existing: 0, plan: 0, write: 0 };
    const defaultWeightUnit = opts.units === undefined ? weightUnitFor(user.preferred_units) : unitsOption(opts.units);
    // What is stored is indexed by key; the stored records themselves are read a chunk at a time.
    const stored = await loadStoredIndex(db, user.id);
    timings.load_existing = Date.now() - started;
    const batch: BatchInfo = { id: newBatchId(), files: files.map((f) => f.path), startedAt: nowIso() };
    let report: ImportPlan = { planned: [], issues: [], files: [] };
    let errors = 0;
    let opened = false;
    const blockedNow = () => errors > 0 && !opts.skipErrors;

    /** One run over the files (again without handing exercise sessions over, after a split session). */
    const run = async (trx: Knex.Transaction | null, mode: ReadMode) => {
      const planner = createImportPlanner(stored.records, { update: Boolean(opts.update) });
      report = { planned: [], issues: [], files: [] };
      errors = 0;
      const writer = trx ? importWriter(trx, user.id, batch) : null;
      try {
        for (const [i, f] of files.entries()) {
          const t = Date.now();
          const streams = f.read ? (await f.read(defaultWeightUnit)).map(streamOf) : [streamFile(f, defaultWeightUnit, mode)];
          timings.parse += Date.now() - t;
          for (const stream of streams) await planAndWrite(trx, writer, planner, stream);
          // The records met of a kind no later file can give are let go.
          const later = new Set(files.slice(i + 1).flatMap((g) => (g.read ? LEGACY_KINDS : [g.kind])));
          for (const kind of LEGACY_KINDS) if (!later.has(kind)) planner.forget(kind);
        }
        const t = Date.now();
        await behind.settle();
        timings.write += Date.now() - t;
      } finally {
        // The transaction ends only once its last write has (a failed read rolls back after it).
        await behind.settle().catch(() => undefined);
      }
      if (writer && blockedNow()) throw new RolledBack();
      if (writer) opened = await writer.close(report.files);
    };
    const behind = writeBehind();
    /** Plans a file's records a chunk at a time, as they are read, against the stored ones, writing each chunk as it goes. */
    const planAndWrite = async (trx: Knex.Transaction | null, writer: ImportWriter | null, planner: ReturnType<typeof createImportPlanner>, stream: RecordStream) => {
      const summary: FileSummary = { file: stream.file, kind: stream.kind, rows: 0, created: 0, unchanged: 0, updated: 0, conflicts: 0, errors: 0, skipped: 0, warnings: 0 };
      const issues: ReportIssue[] = [];
      const plan = async (records: AnyRecord[], fileIssues: ParseIssue[], rowCount: number) => {
        let t = Date.now();
        await stored.prefetch(stream.kind, records, trx ?? db);
        timings.load_existing += Date.now() - t;
        t = Date.now();
        const chunk = planner.planFile({ file: stream.file, kind: stream.kind, records, issues: fileIssues, rowCount });
        timings.plan += Date.now() - t;
        for (const k of ['rows', 'created', 'unchanged', 'updated', 'conflicts', 'errors', 'skipped', 'warnings'] as const) summary[k] += chunk.summary[k];
        // Kept to the end of the run: copies, not slices of the file's text.
        for (const i of chunk.issues) issues.push({ ...i, message: ownText(i.message), ...(i.hint === undefined ? {} : { hint: ownText(i.hint) }) });
        errors += chunk.summary.errors;
        if (!writer || blockedNow()) return;
        t = Date.now();
        progress.grow(chunk.planned.reduce((n, p) => n + (p.outcome !== 'create' && p.outcome !== 'update' ? 0 : 'exercises' in p.record ? p.record.exercises.length : 1), 0));
        await behind.start(() => writer.write(chunk.planned, (n) => progress.add(n)));
        timings.write += Date.now() - t;
      };
      try {
        for (;;) {
          const t = Date.now();
          const records: AnyRecord[] = [];
          let next = stream.records.next();
          while (!next.done) {
            records.push(next.value);
            if (records.length === PLAN_CHUNK) break;
            if (records.length % YIELD_EVERY === 0) await behind.yieldTo();
            next = stream.records.next();
          }
          timings.parse += Date.now() - t;
          if (records.length > 0) await plan(records, [], 0);
          // The file's own issues (and its row count) are known once it is read to its end.
          if (next.done) {
            await plan([], next.value.issues, next.value.rowCount);
            break;
          }
        }
      } finally {
        stream.close?.();
      }
      // Sorted by line as one file's issues, whichever chunk met them.
      for (const i of issues.sort((a, b) => a.line - b.line)) report.issues.push(i);
      report.files.push(summary);
    };
    /** Runs the import, once more with each file read whole when an exercise log's sessions are apart or a file is not UTF-8. */
    const runAll = async (mode: ReadMode): Promise<void> => {
      try {
        if (opts.dryRun) await run(null, mode);
        else
          await transactionKeepingCause(db, async (trx) => {
            // SQLite's own default page cache (better-sqlite3 builds with 16 MB): an import's
            // pages go on to the write-ahead log, and it writes no faster with more.
            if (engineOf(db) === 'sqlite') await trx.raw(`pragma cache_size = ${IMPORT_SQLITE_CACHE_KB_NEGATED}`);
            await run(trx, mode);
          });
      } catch (err) {
        // A session's rows apart, or a file not in UTF-8: the files are read again, each whole.
        if ((err instanceof SplitSessionError || err instanceof NotUtf8Error) && (mode.handOver || mode.inParts)) return runAll({ inParts: false, handOver: false });
        if (!(err instanceof RolledBack)) throw err;
        opened = false;
      }
    };
    try {
      await runAll({ inParts: true, handOver: true });
    } finally {
      progress.stop();
    }
    const written = opened;
    const elapsedMs = Date.now() - started;
    const blocked = blockedNow();

    if (opts.json) {
      printJson({
        dry_run: Boolean(opts.dryRun),
        written,
        batch: written ? batch.id : null,
        files: report.files,
        ignored,
        totals: totals(report),
        issues: report.issues,
        elapsed_ms: elapsedMs,
        timings_ms: timings,
      });
    } else {
      printIssues(report);
      for (const i of ignored) say(`ignored ${i.path}: ${i.reason}`);
      say(renderSummary(report));
      const t = totals(report);
      const rate = elapsedMs > 0 ? Math.round((t.rows / elapsedMs) * 1000) : t.rows;
      if (opts.dryRun) say(`dry run: nothing written. ${plural(t.created, 'row')} would be created, ${t.updated} updated, ${t.unchanged} unchanged, ${plural(t.conflicts, 'conflict')}, ${plural(t.errors, 'error')}.`);
      else if (blocked) say(''); // the error below says what happened
      else if (written) say(`imported as batch ${batch.id}: ${plural(t.created, 'row')} created, ${t.updated} updated, ${t.unchanged} unchanged (${plural(t.rows, 'row')} in ${(elapsedMs / 1000).toFixed(1)} s, ${rate} rows/s). Undo with: fittrack ${command} --revert ${batch.id}`);
      else say(`nothing new to import: ${plural(t.unchanged, 'row')} unchanged, ${plural(t.conflicts, 'conflict')}.`);
    }
    if (blocked) {
      const errorIssues = report.issues.filter((i) => i.severity === 'error');
      throw new RuntimeFailure(
        `${opts.dryRun ? 'an import would write nothing' : 'nothing imported'}: ${plural(errorIssues.length, 'row')} with errors in ${plural(new Set(errorIssues.map((e) => e.file)).size, 'file')}`,
        'fix the rows listed above, or run again with --skip-errors to import the rest',
      );
    }
  }, { dryRun: opts.dryRun });
}

function totals(plan: ImportPlan) {
  const t = { rows: 0, created: 0, unchanged: 0, updated: 0, conflicts: 0, errors: 0, skipped: 0, warnings: 0 };
  for (const f of plan.files) {
    t.rows += f.rows;
    t.created += f.created;
    t.unchanged += f.unchanged;
    t.updated += f.updated;
    t.conflicts += f.conflicts;
    t.errors += f.errors;
    t.skipped += f.skipped;
    t.warnings += f.warnings;
  }
  return t;
}

function issueLine(i: ReportIssue): string {
  return `${i.file}:${i.line}: ${i.severity}: ${i.message}${i.hint && i.severity !== 'skipped' ? `\n  ${i.hint}` : ''}`;
}

/** Every error and conflict; the first few skipped rows and warnings of each file, then notes if room is left, in a dry run and a real one alike. */
function printIssues(plan: ImportPlan): void {
  // One file may give records of several kinds (an Apple Health export): its issues once.
  for (const f of new Map(plan.files.map((x) => [x.file, x])).values()) {
    const mine = plan.issues.filter((i) => i.file === f.file);
    const minor = mine.filter((i) => i.severity === 'skipped' || i.severity === 'warning');
    const shown = new Set([...minor, ...mine.filter((i) => i.severity === 'note')].slice(0, SHOWN_PER_FILE));
    for (const i of mine) if (i.severity === 'error' || i.severity === 'conflict' || shown.has(i)) say(issueLine(i));
    const hidden = minor.length - SHOWN_PER_FILE;
    if (hidden > 0) say(`${f.file}: … and ${plural(hidden, 'more skipped row or warning', 'more skipped rows or warnings')} (see --json for all)`);
  }
}

function renderSummary(plan: ImportPlan): string {
  const rows = plan.files.map((f) => [f.file, f.kind, f.rows, f.created, f.unchanged, f.updated, f.conflicts, f.errors, f.skipped, f.warnings]);
  const t = totals(plan);
  if (plan.files.length > 1) rows.push(['total', '', t.rows, t.created, t.unchanged, t.updated, t.conflicts, t.errors, t.skipped, t.warnings]);
  return renderTable(['File', 'Kind', 'Rows', 'Created', 'Unchanged', 'Updated', 'Conflicts', 'Errors', 'Skipped', 'Warnings'], rows, {
    align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  });
}

async function listBatches(opts: ImportMdOptions, globals: GlobalOptions, command: ImportCommand): Promise<void> {
  await withUser(globals, async ({ db, user }) => {
    const batches = await listImportBatches(db, user.id);
    if (opts.json) {
      printJson(batches.map((b) => ({ batch_id: b.id, started_at: b.startedAt, finished_at: b.finishedAt, files: b.files, rows_created: b.created, rows_updated: b.updated, reverted: b.revertedAt !== null, reverted_at: b.revertedAt })));
      return;
    }
    if (batches.length === 0) {
      say(`no imports yet — run: fittrack ${command} PATH`);
      return;
    }
    printLine(
      renderTable(
        ['Batch', 'Started', 'Files', 'Created', 'Updated', 'Reverted'],
        batches.map((b) => [b.id, b.startedAt.replace('T', ' ').slice(0, 19), b.files.join('\n'), b.created, b.updated, b.revertedAt ? b.revertedAt.replace('T', ' ').slice(0, 19) : '']),
        { align: ['left', 'left', 'left', 'right', 'right', 'left'] },
      ),
    );
  });
}

async function revertBatch(batchId: string, opts: ImportMdOptions, globals: GlobalOptions, command: ImportCommand): Promise<void> {
  if (opts.dryRun) throw new UsageError('--dry-run does not go with --revert', `run: fittrack ${command} --list to see what a batch created`);
  await withUser(globals, async ({ db, user }) => {
    let id = batchId.trim();
    // `last`: the newest batch not yet reverted, so a script need not copy an id from --list.
    if (id === 'last') {
      const open = (await listImportBatches(db, user.id)).filter((b) => b.revertedAt === null);
      if (open.length === 0) throw new UsageError('--revert last: there is no import to revert', `list the batches with: fittrack ${command} --list`);
      id = open[open.length - 1]!.id;
    }
    const r = await revertImport(db, user.id, id);
    if (opts.json) {
      printJson({ batch: r.batch, deleted: r.deleted, kept: r.kept, restored: r.restored, changed_since: r.changedSince });
      return;
    }
    const part = (counts: Record<string, number>) =>
      Object.entries(counts)
        .filter(([, n]) => n > 0)
        .map(([t, n]) => pluralOfTable(n, t))
        .join(', ') || 'nothing';
    const restored = Object.values(r.restored).reduce((a, b) => a + b, 0);
    say(`reverted ${r.batch}: deleted ${part(r.deleted)}${restored > 0 ? `; put back the previous values of ${part(r.restored)}` : ''}`);
    for (const c of r.changedSince) say(`left alone ${c.table.replace(/_/g, ' ')} #${c.id} of ${c.what}: changed since the import, so the values it replaced were not put back`);
    const kept = Object.values(r.kept).reduce((a, b) => a + b, 0);
    if (kept > 0) say(`kept ${part(r.kept)}: changed since the import (by hand or by a later --update), so they are no longer only this import's`);
  });
}

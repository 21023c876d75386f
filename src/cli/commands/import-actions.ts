/**
 * `fittrack import`: other apps' exports (Strong and Hevy CSV, Apple Health) through the same
 * plan-and-write machinery as `import-md`, so every guarantee holds (dry run, all or nothing,
 * FILE:LINE, idempotent re-runs, conflicts, batches and revert). A markdown log given here is
 * handed to the legacy readers.
 */
import { createReadStream, openSync, readSync, closeSync, readFileSync } from 'node:fs';

import type { GlobalOptions } from '../context.js';
import { collectFiles, importFiles, runImportMd } from './import-md-actions.js';
import type { ImportMdOptions, InputFile } from './import-md-actions.js';
import type { ParsedFile } from '../../domain/import-plan.js';
import type { ParseIssue } from '../../domain/legacy-records.js';
import { readNameMap } from '../../domain/app-exercise-names.js';
import type { WeightUnit } from '../../domain/units.js';
import { InputError, RuntimeFailure, UsageError } from '../../errors.js';
import { readCsvRows } from '../../parse/app-csv.js';
import type { CsvRow } from '../../parse/app-csv.js';
import { toWorkoutRecords } from '../../parse/app-workouts.js';
import type { AppParseResult } from '../../parse/app-workouts.js';
import { openAppleHealthZip, parseAppleHealthXml } from '../../parse/apple-health-parser.js';
import { DAILY_RULES, IMPORT_APPS } from '../../domain/app-import.js';
import type { DailyRule, ImportApp } from '../../domain/app-import.js';
import { isHevyHeader, parseHevyCsv } from '../../parse/hevy-csv-parser.js';
import { isStrongHeader, parseStrongCsv } from '../../parse/strong-csv-parser.js';
import type { AppCsvOptions } from '../../parse/strong-csv-parser.js';

/** Options of `import`, as commander hands them over. */
export interface ImportOptions extends ImportMdOptions {
  from?: string;
  daily?: string;
  map?: string;
}

const APPS = IMPORT_APPS;
type App = ImportApp;
const APP_ALIASES: Record<string, App> = { strong: 'strong', hevy: 'hevy', 'apple-health': 'apple-health', applehealth: 'apple-health', apple: 'apple-health', health: 'apple-health' };

/** Runs `import` with its arguments and options. */
export async function runImport(files: string[], opts: ImportOptions, globals: GlobalOptions): Promise<void> {
  if (opts.list || opts.revert !== undefined) return runImportMd(files, opts, globals, 'import');
  if (files.length === 0) throw new UsageError('no file to import', 'run: fittrack import FILE… (e.g. fittrack import strong_workouts.csv --dry-run)');
  let from: App | undefined;
  if (opts.from !== undefined) {
    from = APP_ALIASES[opts.from.trim().toLowerCase().replace(/[\s_]+/g, '-')];
    if (!from) throw new UsageError(`--from: "${opts.from}" is not an app fittrack reads`, `use one of: ${APPS.join(', ')}`);
  }
  const daily = (opts.daily ?? 'first').trim().toLowerCase() as DailyRule;
  if (!DAILY_RULES.includes(daily)) throw new UsageError(`--daily: "${opts.daily}" is not a rule`, `use one of: ${DAILY_RULES.join(', ')}`);
  const nameMap = opts.map === undefined ? undefined : readMapFile(opts.map);
  const inputs: InputFile[] = [];
  const ignored: Array<{ path: string; reason: string }> = [];
  for (const file of files) {
    const app = from ?? detectApp(file);
    if (app === 'markdown') {
      const legacy = collectFiles([file], undefined);
      inputs.push(...legacy.files);
      ignored.push(...legacy.ignored);
    } else inputs.push(appInput(file, app, { daily, nameMap }));
  }
  await importFiles(inputs, ignored, opts, globals, 'import');
}

function readMapFile(file: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--map: ${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`, 'check the path');
  }
  const read = readNameMap(text);
  if ('badLine' in read) throw new InputError('not a name mapping: write one "app name = fittrack name" a line', { file, line: read.badLine, hint: 'e.g. Bench Press (Barbell) = Bench Press' });
  return read.map;
}

/** Which app wrote a file, from its first bytes: a zip, XML, or a CSV header; `markdown` for an .md log. */
function detectApp(file: string): App | 'markdown' {
  if (/\.(md|markdown)$/i.test(file)) return 'markdown';
  const head = readHead(file);
  if (head.subarray(0, 4).equals(Buffer.from('PK\u0003\u0004', 'latin1'))) return 'apple-health';
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  if (/^\s*<(\?xml|!DOCTYPE|HealthData)/.test(text)) return 'apple-health';
  const header = text.split(/\r?\n/, 1)[0]!.split(/[,;\t]/).map((c) => c.replace(/^"|"$/g, ''));
  if (isStrongHeader(header)) return 'strong';
  if (isHevyHeader(header)) return 'hevy';
  throw new UsageError(`${file}: cannot tell which app wrote this file`, `give --from ${APPS.join('|')}, or import a markdown log with fittrack import-md`);
}

function readHead(file: string): Buffer {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${file}: no such file`, 'check the path');
    throw new RuntimeFailure(`${file}: cannot be read (${code ?? 'error'})`, 'check the file’s permissions');
  }
  try {
    const buf = Buffer.alloc(4096);
    return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
  } finally {
    closeSync(fd);
  }
}

/** A notice of a reader, as a warning at the file's first line (shown by the dry run and the real run alike). */
const noticeIssue = (file: string, message: string): ParseIssue => ({ file, line: 1, severity: 'warning', message });

function appInput(file: string, app: App, opts: { daily: DailyRule; nameMap: Map<string, string> | undefined }): InputFile {
  const csv = (parse: (rows: AsyncIterable<CsvRow>, file: string, o: AppCsvOptions) => Promise<AppParseResult>) => async (weightUnit: WeightUnit): Promise<ParsedFile[]> => {
    const r = await parse(readCsvRows(createReadStream(file)), file, { weightUnit });
    const { records, mapped } = toWorkoutRecords(r.workouts, file, opts.nameMap);
    const asWritten = [...mapped.entries()].filter(([, m]) => m.by === 'as written').map(([name]) => name);
    const notices = [...r.notices];
    if (asWritten.length > 0) notices.push(`exercise names kept as written (not in the name table): ${asWritten.join(', ')}; map them to your own with --map FILE`);
    return [{ file, kind: 'workouts', records, rowCount: r.rowCount, issues: [...notices.map((n) => noticeIssue(file, n)), ...r.issues] }];
  };
  switch (app) {
    case 'strong':
      return { path: file, kind: 'workouts', read: csv(parseStrongCsv) };
    case 'hevy':
      return { path: file, kind: 'workouts', read: csv(parseHevyCsv) };
    case 'apple-health':
      return {
        path: file,
        kind: 'check-in',
        read: async () => {
          const isZip = readHead(file).subarray(0, 4).equals(Buffer.from('PK\u0003\u0004', 'latin1'));
          let stream;
          try {
            stream = isZip ? await openAppleHealthZip(file) : createReadStream(file);
          } catch (err) {
            throw new InputError(`not an Apple Health export: ${(err as Error).message}`, { file, hint: 'give the export.zip or the export.xml the Health app wrote' });
          }
          const r = await parseAppleHealthXml(stream, file, { daily: opts.daily });
          const { records: workouts } = toWorkoutRecords(r.workouts, file, opts.nameMap);
          for (const [i, w] of workouts.entries()) {
            const kcal = r.workouts[i]!.energyKcal;
            if (kcal != null) w.extra = { ...w.extra, energy_kcal: kcal };
          }
          const notices = [...r.notices];
          if (r.heightCm !== null) notices.push(`height ${r.heightCm} cm (the latest reading) was not imported; set it with: fittrack config set height ${r.heightCm}cm`);
          return [
            { file, kind: 'check-in', records: r.checkIns, rowCount: r.rowCount - r.workouts.length, issues: [...notices.map((n) => noticeIssue(file, n)), ...r.issues] },
            { file, kind: 'workouts', records: workouts, rowCount: r.workouts.length, issues: [] },
          ];
        },
      };
  }
}


import { plural } from '../render/format.js';
import fs from 'node:fs';
import path from 'node:path';
import { withUser, type GlobalOptions } from '../context.js';
import { parseDateInput } from '../../domain/dates.js';
import { UsageError } from '../../errors.js';
import { nowIso } from '../../clock.js';
import { createExportRepo } from '../../db/export-repo.js';
import { loadLegacyRecords } from '../../db/legacy-rows.js';
import { sectionsFor, type DateRange } from '../../domain/export-format.js';
import { fileSink, stdoutSink, withSink } from '../../export/output-sink.js';
import { SECTION_OF, tablesFor } from '../../export/tables.js';
import type { Sink } from '../../export/output-sink.js';
import { startProgress } from '../render/progress.js';
import { say, stdout, warn } from '../render/output.js';

export interface ExportOptions {
  format: 'csv' | 'json' | 'ndjson' | 'md';
  what: 'health' | 'workouts' | 'exercises' | 'sets' | 'meals' | 'coaching' | 'actions' | 'goals' | 'all';
  from?: string;
  to?: string;
  output?: string;
  units?: 'metric' | 'imperial';
  csvRaw?: boolean;
}

async function readRange(opts: ExportOptions): Promise<DateRange> {
  const range: DateRange = {};
  if (opts.from) range.from = await parseDateInput(opts.from, { field: '--from', allowFuture: true });
  if (opts.to) range.to = await parseDateInput(opts.to, { field: '--to', allowFuture: true });
  if (range.from && range.to && range.from > range.to) throw new UsageError(`--from ${range.from} is after --to ${range.to}`, 'give --from on or before --to');
  return range;
}

const isDir = (p: string) => fs.existsSync(p) && fs.statSync(p).isDirectory();

export async function runExport(globals: GlobalOptions, optsIn: ExportOptions): Promise<void> {
  // `--output -` is stdout, as for most tools, not a file named "-".
  const opts = optsIn.output === '-' ? { ...optsIn, output: undefined } : optsIn;
  const range = await readRange(opts);
  if (opts.format === 'json' && opts.units === 'imperial') warn('--units imperial applies to CSV and NDJSON; the JSON document is always in kilograms, centimetres and kilometres');
  if (opts.csvRaw && opts.format !== 'csv') warn(`--csv-raw applies to CSV; --format ${opts.format} always writes the text exactly`);
  if (opts.format === 'md' && !opts.output) throw new UsageError('--format md writes several files and needs --output DIR', 'e.g. fittrack export --format md --output ./markdown');
  await withUser(
    globals,
    async ({ db, user, actor }) => {
      const repo = createExportRepo(db, user.id);
      const units = opts.units ?? 'metric';

      if (opts.format === 'md') {
        const dir = path.resolve(opts.output!);
        fs.mkdirSync(dir, { recursive: true });
        if (opts.what !== 'all' || range.from || range.to || opts.units) warn('--format md writes the four legacy logs whole: --what, --from, --to and --units are ignored');
        const { exportMarkdown } = await import('../../export/md-exporter.js');
        const files = await exportMarkdown(await loadLegacyRecords(db, user.id), dir);
        say(`exported markdown to ${dir}: ${files.map((f) => path.basename(f)).join(', ')}`);
        return;
      }

      if (opts.format === 'json') {
        // Whom an account shares with is the owner's business: a grantee exporting it (--user) does not get it.
        const sections = sectionsFor(opts.what).filter((s) => s !== 'shares' || actor.id === user.id);
        let total = 0;
        for (const s of sections) total += await repo.count(s, range);
        const progress = await startProgress('export', { total });
        const sink = opts.output ? fileSink(isDir(opts.output) ? path.join(opts.output, 'fittrack-export.json') : opts.output) : stdoutSink(stdout());
        const n = await withSink(sink, (s) => writeJson(repo, s, sections, range, (k) => progress.add(k))).finally(() => progress.stop());
        if (sink.path) say(`exported ${plural(n, 'record')} to ${sink.path}`);
        return;
      }

      const tables = tablesFor(opts.what);
      let total = 0;
      for (const t of tables) total += await repo.count(SECTION_OF[t], range);
      const progress = await startProgress('export', { total });
      const { writeCsvTable, writeNdjson } = await import('../../export/csv-exporter.js');
      try {
        if (opts.format === 'ndjson') {
          const sink = opts.output ? fileSink(isDir(opts.output) ? path.join(opts.output, 'fittrack-export.ndjson') : opts.output) : stdoutSink(stdout());
          const n = await withSink(sink, (s) => writeNdjson(repo, tables, s, { range, units, onRows: (k) => progress.add(k) }));
          if (sink.path) say(`exported ${plural(n, 'row')} to ${sink.path}`);
          return;
        }
        // CSV: one table to stdout or a file, several tables into a folder.
        if (tables.length === 1 && (!opts.output || !isDir(opts.output)) && !(opts.output && /[/\\]$/.test(opts.output))) {
          const sink = opts.output ? fileSink(opts.output) : stdoutSink(stdout());
          const n = await withSink(sink, (s) => writeCsvTable(repo, tables[0]!, s, { range, units, raw: opts.csvRaw, onRows: (k) => progress.add(k) }));
          if (sink.path) say(`exported ${plural(n, 'row')} to ${sink.path}`);
          return;
        }
        if (!opts.output) throw new UsageError(`--format csv --what ${opts.what} writes one file per table and needs --output DIR`, 'e.g. fittrack export --format csv --output ./export, or pick one table with --what health');
        if (fs.existsSync(opts.output) && !isDir(opts.output)) throw new UsageError(`--output ${opts.output} is a file, but several CSV tables need a folder`, 'give a folder path (it is created if missing)');
        fs.mkdirSync(opts.output, { recursive: true });
        const written: string[] = [];
        for (const table of tables) {
          const sink = fileSink(path.join(opts.output, `${table}.csv`));
          const n = await withSink(sink, (s) => writeCsvTable(repo, table, s, { range, units, raw: opts.csvRaw, onRows: (k) => progress.add(k) }));
          written.push(`${table}.csv (${n})`);
        }
        say(`exported to ${path.resolve(opts.output)}: ${written.join(', ')}`);
      } finally {
        progress.stop();
      }
    },
    { access: 'read' },
  );
}

async function writeJson(repo: ReturnType<typeof createExportRepo>, sink: Sink, sections: ReturnType<typeof sectionsFor>, range: DateRange, onRecords: (n: number) => void): Promise<number> {
  const { writeJsonDocument } = await import('../../export/json-exporter.js');
  return writeJsonDocument(repo, sink, { sections, range, exportedAt: nowIso(), onRecords });
}


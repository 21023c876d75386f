/**
 * Writes the full-account document (format version 1) section by section as the pages arrive,
 * byte for byte what `JSON.stringify(document, null, 2)` would give, without holding it all.
 */
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, type DateRange, type Section } from '../domain/export-format.js';
import type { ExportSource } from '../domain/export-document.js';
import type { Sink } from './output-sink.js';

const indent = (text: string, spaces: number) => text.replace(/\n/g, `\n${' '.repeat(spaces)}`);

/**
 * Streams the document for the chosen sections to the sink; returns the records written.
 *
 * @example await writeJsonDocument(repo, sink, { sections: ['health_metrics'], exportedAt: nowIso() })
 */
export async function writeJsonDocument(
  repo: ExportSource,
  sink: Sink,
  opts: { sections: Section[]; range?: DateRange; exportedAt: string; onRecords?: (n: number) => void },
): Promise<number> {
  const head = { format: EXPORT_FORMAT, format_version: EXPORT_FORMAT_VERSION, exported_at: opts.exportedAt, user: await repo.user() };
  let text = '{';
  let first = true;
  for (const [k, v] of Object.entries(head)) {
    text += `${first ? '' : ','}\n  ${JSON.stringify(k)}: ${indent(JSON.stringify(v, null, 2), 2)}`;
    first = false;
  }
  await sink.write(text);
  let total = 0;
  for (const section of opts.sections) {
    await sink.write(`,\n  ${JSON.stringify(section)}: `);
    let n = 0;
    for await (const page of repo.pages(section, opts.range)) {
      let chunk = '';
      for (const rec of page) {
        chunk += `${n === 0 ? '[\n    ' : ',\n    '}${indent(JSON.stringify(rec, null, 2), 4)}`;
        n += 1;
      }
      await sink.write(chunk);
      opts.onRecords?.(page.length);
    }
    await sink.write(n === 0 ? '[]' : '\n  ]');
    total += n;
  }
  await sink.write('\n}\n');
  return total;
}

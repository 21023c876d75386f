/**
 * Reading the CSV files other training apps export (Strong, Hevy): rows with their 1-based
 * line, the delimiter found from the header, a BOM dropped, CRLF read as LF, quoted fields
 * holding delimiters and newlines. The rows are streamed: a file of a million sets is never
 * held in memory as text.
 */
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';

/** One CSV record: its cells as written and the line it starts on. */
export interface CsvRow {
  line: number;
  cells: string[];
}

/** Turns CRLF (and a lone CR) into LF, across chunk boundaries. */
function lineFeeds(): Transform {
  let heldCr = false;
  return new Transform({
    decodeStrings: false,
    transform(chunk: Buffer | string, _enc, done) {
      let text = (heldCr ? '\r' : '') + chunk.toString();
      heldCr = text.endsWith('\r');
      if (heldCr) text = text.slice(0, -1);
      done(null, text.replace(/\r\n?/g, '\n'));
    },
    flush(done) {
      done(null, heldCr ? '\n' : '');
    },
  });
}

/**
 * The delimiter of a CSV file from its header line: the one of `;`, `,` or tab that occurs
 * most often outside quotes.
 *
 * @example csvDelimiter('Date;Workout Name;Exercise Name') → ';'
 */
export function csvDelimiter(headerLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  return (Object.entries(counts) as Array<[',' | ';' | '\t', number]>).reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

/**
 * Streams the rows of a CSV file (the header included, as the first row). Empty lines are
 * skipped; a row's line is where it starts, so a quoted note over three lines is still found.
 *
 * @example for await (const row of readCsvRows(fs.createReadStream(file))) console.log(row.line, row.cells)
 */
export async function* readCsvRows(input: Readable): AsyncGenerator<CsvRow> {
  const chunks = input.pipe(lineFeeds())[Symbol.asyncIterator]();
  // The delimiter comes from the header line, read before the parser starts.
  const head: string[] = [];
  let headText = '';
  while (!headText.includes('\n') && headText.length < 65_536) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(String(next.value));
    headText += String(next.value);
  }
  const nl = headText.indexOf('\n');
  const delimiter = csvDelimiter(headText.replace(/^\uFEFF/, '').slice(0, nl >= 0 ? nl : undefined));
  // Lines are counted here (csv-parse's own count costs a tenth of the reading): a record takes
  // one line plus the line breaks inside its quoted cells; an empty line is a record of one empty cell.
  const parser = parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true });
  const write = async (text: string) => {
    if (!parser.write(text)) await new Promise((r) => parser.once('drain', r));
  };
  const feed = (async () => {
    for (const c of head) await write(c);
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) await write(String(next.value));
    parser.end();
  })();
  feed.catch((e: unknown) => parser.destroy(e as Error));
  let line = 1;
  for await (const cells of parser as AsyncIterable<string[]>) {
    const start = line;
    line++;
    for (const cell of cells) for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) line++;
    if (cells.length === 1 && cells[0] === '') continue;
    yield { line: start, cells };
  }
  await feed;
}

/** A header cell as a lookup key: lower case, spaces squeezed. @example headerKey(' Weight  Unit') → 'weight unit' */
export function headerKey(cell: string): string {
  return cell.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s_]+/g, ' ');
}

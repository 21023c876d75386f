// The physical ceiling for `export --format csv --what health`: the same rows read by the bare
// driver and written to a file as CSV, with no mapping, units or formula guard. better-sqlite3:
// one statement iterated in raw mode; pg: a server-side cursor fetched 10 000 rows at a time in
// array mode. Run as its own process, so it is measured the way the CLI is (whole process).
//
//   node bench/baseline-export.mjs --db <file|postgres-url> --user <id> --output FILE
import { closeSync, openSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';

const { values } = parseArgs({ options: { db: { type: 'string' }, user: { type: 'string' }, output: { type: 'string' } } });
const SQL = 'SELECT * FROM health_metrics WHERE user_id = $1 ORDER BY recorded_date, id';
const SPECIAL = /[",\r\n]/;
const cell = (v) => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return `${v}`;
  const s = typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : String(v);
  return SPECIAL.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const fd = openSync(values.output, 'w', 0o600);
let rows = 0;
const writeRows = (list) => {
  let chunk = '';
  for (const r of list) {
    let line = cell(r[0]);
    for (let i = 1; i < r.length; i++) line += `,${cell(r[i])}`;
    chunk += `${line}\r\n`;
  }
  writeSync(fd, chunk);
  rows += list.length;
};
if (/^postgres(ql)?:\/\//.test(values.db)) {
  const client = new pg.Client({ connectionString: values.db });
  await client.connect();
  await client.query('BEGIN READ ONLY');
  const res = await client.query({ text: `DECLARE c NO SCROLL CURSOR FOR ${SQL}`, values: [Number(values.user)] });
  void res;
  let header = false;
  for (;;) {
    const { rows: page, fields } = await client.query({ text: 'FETCH FORWARD 10000 FROM c', rowMode: 'array' });
    if (!header) {
      writeSync(fd, `${fields.map((f) => f.name).join(',')}\r\n`);
      header = true;
    }
    if (page.length === 0) break;
    writeRows(page);
  }
  await client.query('COMMIT');
  await client.end();
} else {
  const db = new Database(values.db, { readonly: true });
  const stmt = db.prepare(SQL.replace('$1', '?')).raw(true);
  writeSync(fd, `${stmt.columns().map((c) => c.name).join(',')}\r\n`);
  let page = [];
  for (const r of stmt.iterate(Number(values.user))) {
    page.push(r);
    if (page.length === 10_000) {
      writeRows(page);
      page = [];
    }
  }
  if (page.length > 0) writeRows(page);
  db.close();
}
closeSync(fd);
process.stdout.write(`${JSON.stringify({ rows })}\n`);

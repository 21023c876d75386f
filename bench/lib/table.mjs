// The results table: markdown for people, JSON for machines.

/** Renders result rows as a markdown table (rows not measured say why). */
export function renderTable(rows) {
  const lines = ['| What | Engine | Figure | Target | Verdict |', '| :--- | :--- | :--- | :--- | :--- |'];
  for (const r of rows) {
    if (r.notMeasured) lines.push(`| ${r.what} | ${r.engine} | not measured: ${r.notMeasured} | ${r.target ?? ''} | — |`);
    else lines.push(`| ${r.what} | ${r.engine} | ${r.figure} | ${r.target} | ${r.met === null ? '—' : r.met ? 'met' : 'MISSED'} |`);
  }
  return lines.join('\n');
}

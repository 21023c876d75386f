/**
 * The HTML report: one self-contained page (inline CSS and SVG, no scripts, no network) with
 * the weight trend, lift records and volume, goals and the period summary.
 */

export interface HtmlSeries {
  name: string;
  color: string;
  values: number[];
}

/** A shaded region between two lines (null where it does not reach), drawn behind the series. */
export interface HtmlBand {
  name: string;
  color: string;
  lower: Array<number | null>;
  upper: Array<number | null>;
}

export interface HtmlReport {
  title: string;
  generatedAt: string;
  unitLabel: string;
  weight: { dates: string[]; series: HtmlSeries[]; rows: string[][]; headline: string; pace?: string[]; band?: HtmlBand };
  lifts: { rows: string[][]; volume: Array<{ week: string; value: number }>; volumeUnit: string };
  goals: Array<{ title: string; pct: number | null; detail: string }>;
  summary: Array<[string, string]>;
}

/** Escapes text for HTML. @example escapeHtml('<b>') → '&lt;b&gt;' */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(1));

/**
 * An SVG line chart of equally long series with a labelled y axis.
 *
 * @example svgLineChart([{ name: 'weight', color: '#888', values: [80, 79] }], ['2025-03-01', '2025-03-02'])
 */
export function svgLineChart(series: HtmlSeries[], xLabels: string[], opts: { width?: number; height?: number; band?: HtmlBand } = {}): string {
  const width = opts.width ?? 720;
  const height = opts.height ?? 260;
  const pad = { left: 52, right: 12, top: 12, bottom: 28 };
  const all = series.flatMap((s) => s.values);
  if (all.length === 0) return '<p class="empty">No data yet.</p>';
  const band = opts.band;
  if (band) for (const v of [...band.lower, ...band.upper]) if (v !== null) all.push(v);
  let min = Math.min(...all);
  let max = Math.max(...all);
  if (max === min) {
    max += 1;
    min -= 1;
  }
  const n = Math.max(...series.map((s) => s.values.length));
  const x = (i: number) => pad.left + (n === 1 ? (width - pad.left - pad.right) / 2 : (i / (n - 1)) * (width - pad.left - pad.right));
  const y = (v: number) => pad.top + ((max - v) / (max - min)) * (height - pad.top - pad.bottom);
  const parts: string[] = [];
  for (let k = 0; k <= 4; k++) {
    const v = min + ((max - min) * k) / 4;
    parts.push(`<line class="grid" x1="${pad.left}" x2="${width - pad.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/>`);
    parts.push(`<text class="axis" x="${pad.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${fmt(v)}</text>`);
  }
  if (xLabels.length > 0) {
    parts.push(`<text class="axis" x="${pad.left}" y="${height - 8}">${escapeHtml(xLabels[0]!)}</text>`);
    parts.push(`<text class="axis" x="${width - pad.right}" y="${height - 8}" text-anchor="end">${escapeHtml(xLabels[xLabels.length - 1]!)}</text>`);
  }
  if (band) {
    const idx = band.lower.map((v, i) => (v !== null && band.upper[i] !== null ? i : -1)).filter((i) => i >= 0);
    if (idx.length > 1) {
      const edge = (vals: Array<number | null>, order: number[]) => order.map((i) => `${x(i).toFixed(1)},${y(vals[i]!).toFixed(1)}`);
      const d = `M${[...edge(band.upper, idx), ...edge(band.lower, [...idx].reverse())].join(' L')} Z`;
      parts.push(`<path class="band" data-band="${escapeHtml(band.name)}" d="${d}" fill="${band.color}" fill-opacity="0.18" stroke="${band.color}" stroke-opacity="0.5" stroke-dasharray="4 3"/>`);
    }
  }
  for (const s of series) {
    if (s.values.length === 0) continue;
    const d = s.values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    const single = s.values.length === 1 ? `<circle cx="${x(0).toFixed(1)}" cy="${y(s.values[0]!).toFixed(1)}" r="3" fill="${s.color}"/>` : '';
    parts.push(`<path class="series" data-series="${escapeHtml(s.name)}" d="${d}" fill="none" stroke="${s.color}" stroke-width="2"/>${single}`);
  }
  const legend = [...series, ...(band ? [band] : [])].map((s) => `<span style="color:${s.color}">■</span> ${escapeHtml(s.name)}`).join(' &nbsp; ');
  return `<svg class="chart" role="img" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg><div class="legend">${legend}</div>`;
}

/** An SVG bar chart of labelled values. */
export function svgBarChart(bars: Array<{ label: string; value: number }>, opts: { width?: number; height?: number; color?: string } = {}): string {
  if (bars.length === 0) return '<p class="empty">No lifts with a load yet.</p>';
  const width = opts.width ?? 720;
  const height = opts.height ?? 200;
  const pad = { left: 52, right: 12, top: 12, bottom: 28 };
  const max = Math.max(...bars.map((b) => b.value), 1);
  const slot = (width - pad.left - pad.right) / bars.length;
  const barW = Math.max(1, slot * 0.8);
  const parts: string[] = [];
  bars.forEach((b, i) => {
    const h = (b.value / max) * (height - pad.top - pad.bottom);
    const x = pad.left + i * slot + (slot - barW) / 2;
    parts.push(`<rect class="bar" x="${x.toFixed(1)}" y="${(height - pad.bottom - h).toFixed(1)}" width="${barW.toFixed(1)}" height="${Math.max(h, 0).toFixed(1)}" fill="${opts.color ?? '#4a7fb5'}"><title>${escapeHtml(b.label)}: ${fmt(b.value)}</title></rect>`);
  });
  parts.push(`<text class="axis" x="${pad.left - 6}" y="${pad.top + 8}" text-anchor="end">${fmt(max)}</text>`);
  parts.push(`<text class="axis" x="${pad.left}" y="${height - 8}">${escapeHtml(bars[0]!.label)}</text>`);
  parts.push(`<text class="axis" x="${width - pad.right}" y="${height - 8}" text-anchor="end">${escapeHtml(bars[bars.length - 1]!.label)}</text>`);
  return `<svg class="chart" role="img" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

function table(head: string[], rows: string[][]): string {
  if (rows.length === 0) return '<p class="empty">Nothing recorded yet.</p>';
  return `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

/** The whole page. */
export function renderHtmlReport(r: HtmlReport): string {
  const goals = r.goals.length
    ? r.goals
        .map(
          (g) =>
            `<div class="goal"><div class="goal-title">${escapeHtml(g.title)}</div><svg class="progress" xmlns="http://www.w3.org/2000/svg" width="300" height="14" viewBox="0 0 300 14"><rect x="0" y="0" width="300" height="14" rx="3" fill="#e3e7ec"/><rect x="0" y="0" width="${((g.pct ?? 0) * 3).toFixed(1)}" height="14" rx="3" fill="#3c9a5f"/></svg> <span>${g.pct === null ? '—' : `${g.pct.toFixed(1)} %`}</span><div class="detail">${escapeHtml(g.detail)}</div></div>`,
        )
        .join('')
    : '<p class="empty">No goals yet.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(r.title)}</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; color: #1d2733; max-width: 780px; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; } h2 { margin-top: 1.8em; border-bottom: 1px solid #d8dde3; }
.meta, .detail, .legend, .empty { color: #5b6775; font-size: 0.9em; }
table { border-collapse: collapse; width: 100%; margin: 0.8em 0; } th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #eceff2; }
.chart { display: block; max-width: 100%; height: auto; } .grid { stroke: #eceff2; } .axis { font-size: 11px; fill: #5b6775; }
.goal { margin: 0.8em 0; } .goal-title { font-weight: 600; } .progress { vertical-align: middle; }
</style>
</head>
<body>
<h1>${escapeHtml(r.title)}</h1>
<p class="meta">Generated ${escapeHtml(r.generatedAt)} · weights in ${escapeHtml(r.unitLabel)}</p>
<section id="weight"><h2>Weight</h2><p>${escapeHtml(r.weight.headline)}</p>
${(r.weight.pace ?? []).map((l) => `<p class="pace">${escapeHtml(l)}</p>`).join('')}
${svgLineChart(r.weight.series, [r.weight.dates[0] ?? '', r.weight.dates[r.weight.dates.length - 1] ?? ''].filter(Boolean), { band: r.weight.band })}
${table(['Date', 'Weight', 'Trend', 'Weekly rate'], r.weight.rows)}</section>
<section id="lifts"><h2>Lifts</h2>
${table(['Exercise', 'Heaviest', 'Best e1RM (Epley)', 'Best e1RM (Brzycki)', 'Sets'], r.lifts.rows)}
<h3>Weekly volume (${escapeHtml(r.lifts.volumeUnit)})</h3>
${svgBarChart(r.lifts.volume.map((v) => ({ label: v.week, value: v.value })))}</section>
<section id="goals"><h2>Goals</h2>${goals}</section>
<section id="summary"><h2>Summary</h2>${table(r.summary[0] ?? ['', ''], r.summary.slice(1).map(([k, v]) => [k, v]))}</section>
</body>
</html>
`;
}

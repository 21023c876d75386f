/**
 * Terminal pictures: a line chart (asciichart) sized to the terminal, sparklines and bars.
 */
import asciichart from 'asciichart';
import { colorEnabled } from './output.js';

/**
 * Shrinks a series to at most `width` points by averaging buckets (null-free input).
 *
 * @example resample([1, 2, 3, 4], 2) → [1.5, 3.5]
 */
export function resample(values: number[], width: number): number[] {
  if (values.length <= width || width < 1) return values;
  const out: number[] = [];
  for (let i = 0; i < width; i++) {
    const a = Math.floor((i * values.length) / width);
    const b = Math.max(a + 1, Math.floor(((i + 1) * values.length) / width));
    const slice = values.slice(a, b);
    out.push(slice.reduce((x, y) => x + y, 0) / slice.length);
  }
  return out;
}

/**
 * A line chart of one or more equally long series, as wide as the terminal (`process.stdout.columns`, default 80).
 *
 * @example renderLineChart([[80, 79.5, 79]], { height: 8 })
 */
export function renderLineChart(series: number[][], opts: { height?: number; columns?: number; decimals?: number } = {}): string {
  const columns = opts.columns ?? (process.stdout.columns || 80);
  const decimals = opts.decimals ?? 1;
  const all = series.flat();
  if (all.length === 0) return '';
  const labelWidth = Math.max(...all.map((v) => v.toFixed(decimals).length)) + 1;
  const width = Math.max(10, columns - labelWidth - 3);
  const data = series.map((s) => resample(s, width));
  const color = colorEnabled();
  return asciichart.plot(data, {
    height: opts.height ?? 10,
    format: (x: number) => x.toFixed(decimals).padStart(labelWidth),
    ...(color ? { colors: [asciichart.lightgray, asciichart.blue, asciichart.green] } : {}),
  });
}

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** A one-line sparkline, lowest value ▁, highest █. @example sparkline([0, 5, 10]) → '▁▅█' */
export function sparkline(values: number[]): string {
  if (values.length === 0) return '';
  const max = Math.max(...values);
  const min = Math.min(0, ...values);
  return values.map((v) => (max === min ? BLOCKS[0] : BLOCKS[Math.round(((v - min) / (max - min)) * (BLOCKS.length - 1))])).join('');
}

/** A horizontal bar of `width` cells filled to `pct` percent. @example progressBar(50, 10) → '█████░░░░░' */
export function progressBar(pct: number, width = 20): string {
  const filled = Math.round((Math.min(100, Math.max(0, pct)) / 100) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

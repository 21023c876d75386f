declare module 'asciichart' {
  export interface PlotConfig {
    height?: number;
    offset?: number;
    padding?: string;
    colors?: string[];
    min?: number;
    max?: number;
    format?: (x: number, i: number) => string;
  }
  export function plot(series: number[] | number[][], cfg?: PlotConfig): string;
  export const blue: string;
  export const green: string;
  export const red: string;
  export const lightgray: string;
  export const reset: string;
  const asciichart: { plot: typeof plot; blue: string; green: string; red: string; lightgray: string; reset: string };
  export default asciichart;
}

/**
 * A progress bar on stderr for long jobs: only on a TTY, never with NO_COLOR, and only when
 * the job is big enough to be worth watching.
 */
import { colorEnabled } from './output.js';

export interface Progress {
  add(n: number): void;
  stop(): void;
}

const NONE: Progress = { add() {}, stop() {} };

/** Rows above which a bar is shown. */
export const PROGRESS_THRESHOLD = 5000;

/**
 * Starts a bar for `total` items, or a no-op when stderr is not a terminal or the job is small.
 *
 * @example const p = await startProgress('export', 120000); p.add(2000); p.stop()
 */
export async function startProgress(label: string, total: number): Promise<Progress> {
  if (total < PROGRESS_THRESHOLD || !process.stderr.isTTY || !colorEnabled(process.stderr)) return NONE;
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {percentage}% | {value}/{total} rows | {eta_formatted} left`, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  let done = 0;
  return {
    add(n) {
      done += n;
      bar.update(Math.min(done, total));
    },
    stop() {
      bar.stop();
    },
  };
}

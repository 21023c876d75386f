/**
 * A progress bar on stderr for long jobs (imports, exports): rows done, of how many, and rows
 * per second. It appears only once a job has run about a second, and only where a person is
 * watching: stderr is a terminal, the terminal is not `TERM=dumb`, and the output is not
 * `--json`. NO_COLOR does not hide it (the bar has no colour to remove), as with curl, pip or
 * cargo; piped or redirected stderr never gets it.
 */
import { groupThousands } from './format.js';

export interface Progress {
  /** `n` more rows done. */
  add(n: number): void;
  /** `n` more rows to do (a job that learns its size as it goes). */
  grow(n: number): void;
  /** Clears the bar (if shown); call once, when the job ends or fails. */
  stop(): void;
}

/** No bar: for jobs that have nothing to show (a dry run). */
export const NO_PROGRESS: Progress = { add() {}, grow() {}, stop() {} };

/** How long a job runs before its bar appears, in ms: short jobs finish without one. */
export const PROGRESS_DELAY_MS = 1000;

/**
 * True when a progress bar may be drawn on `stream`: a terminal, not `TERM=dumb`, not `--json`.
 *
 * @example progressWanted({ isTTY: true }, { TERM: 'xterm' }, { json: false }) → true
 */
export function progressWanted(stream: { isTTY?: boolean } = process.stderr, env: NodeJS.ProcessEnv = process.env, opts: { json?: boolean } = {}): boolean {
  return Boolean(stream.isTTY) && env.TERM !== 'dumb' && !opts.json;
}

/** The delay before a bar appears; tests may shorten it with `FITTRACK_PROGRESS_DELAY_MS`, honoured only with `FITTRACK_TEST_MODE=1`. */
function delayMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.FITTRACK_TEST_MODE === '1' ? env.FITTRACK_PROGRESS_DELAY_MS : undefined;
  const n = raw === undefined || raw === '' ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : PROGRESS_DELAY_MS;
}

/**
 * Rows per second, rounded, for the bar: `21 300`.
 *
 * @example rowsPerSecond(45000, 2000) → '22 500'
 */
export function rowsPerSecond(rows: number, elapsedMs: number): string {
  return groupThousands(String(Math.round(elapsedMs > 0 ? (rows * 1000) / elapsedMs : 0)));
}

/**
 * Starts tracking a job of `total` rows (more may be added with `grow`); a no-op where no bar is
 * wanted (see `progressWanted`). The bar is drawn on the first update after the delay, or by a
 * timer when the job yields to the event loop.
 *
 * @example const p = await startProgress('export', { total: 120000 }); p.add(2000); p.stop()
 */
export async function startProgress(
  label: string,
  opts: { total?: number; json?: boolean; stream?: NodeJS.WritableStream & { isTTY?: boolean }; env?: NodeJS.ProcessEnv; now?: () => number } = {},
): Promise<Progress> {
  const stream = opts.stream ?? process.stderr;
  const env = opts.env ?? process.env;
  if (!progressWanted(stream, env, opts)) return NO_PROGRESS;
  const { default: cliProgress } = await import('cli-progress');
  const now = opts.now ?? Date.now;
  const started = now();
  const delay = delayMs(env);
  let total = opts.total ?? 0;
  let done = 0;
  let stopped = false;
  let bar: InstanceType<typeof cliProgress.SingleBar> | null = null;
  const payload = () => ({ speed: rowsPerSecond(done, now() - started), doneText: groupThousands(String(done)), totalText: groupThousands(String(total)) });
  const show = () => {
    if (bar || stopped || total + done === 0 || now() - started < delay) return;
    bar = new cliProgress.SingleBar(
      {
        stream: stream as NodeJS.WritableStream,
        format: `${label} [{bar}] {percentage}% | {doneText}/{totalText} rows | {speed} rows/s | {eta_formatted} left`,
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(total, done, 1), done, payload());
  };
  const timer = setTimeout(show, delay);
  timer.unref();
  const update = () => {
    show();
    if (bar) {
      bar.setTotal(Math.max(total, done, 1));
      bar.update(done, payload());
    }
  };
  return {
    add(n) {
      done += n;
      update();
    },
    grow(n) {
      total += n;
      update();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      bar?.stop();
    },
  };
}

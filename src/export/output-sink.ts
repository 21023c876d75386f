/**
 * Where an export writes: stdout, or a file written under a temporary name in the same folder
 * and renamed only when complete, so an interrupted export never leaves a truncated file with
 * the final name. The temporary file has a random name and is created exclusively (O_EXCL,
 * mode 0600): a file or symlink planted at that path makes the open fail instead of being
 * written through, and every exported file ends up readable by its owner only.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { RuntimeFailure } from '../errors.js';

export interface Sink {
  /** Writes text, waiting when the stream asks to slow down. */
  write(text: string): Promise<void>;
  /** Finishes: the file gets its final name. */
  commit(): Promise<void>;
  /** Gives up: the temporary file is removed. */
  abort(): Promise<void>;
  /** The final path, or null for stdout. */
  path: string | null;
}

/** Temporary files still open, removed if the process is interrupted. */
const pending = new Set<string>();
let signalsHooked = false;

function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      for (const f of pending) {
        try {
          fs.unlinkSync(f);
        } catch {
          // already gone
        }
      }
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
}

/** A sink on stdout, or the stream given (backpressure honoured, the stream is not closed). */
export function stdoutSink(out: NodeJS.WritableStream = process.stdout): Sink {
  return {
    path: null,
    async write(text) {
      if (!out.write(text)) await drained(out);
    },
    async commit() {},
    async abort() {},
  };
}

/** Mode of every file an export writes: readable and writable by its owner only. */
export const EXPORT_FILE_MODE = 0o600;

/**
 * Creates a new temporary file beside `abs` with a random name, exclusively (`wx`: fails on
 * anything already there, a symlink included) and mode 0600; returns its path and descriptor.
 */
function openTempBeside(abs: string, shownPath: string): { tmp: string; fd: number } {
  const dir = path.dirname(abs);
  if (!fs.existsSync(dir)) throw new RuntimeFailure(`cannot write ${shownPath}: the folder ${dir} does not exist`, 'create the folder first or choose another --output');
  for (let attempt = 0; ; attempt++) {
    const tmp = path.join(dir, `.${path.basename(abs)}.${randomBytes(8).toString('hex')}.tmp`);
    try {
      const fd = fs.openSync(tmp, 'wx', EXPORT_FILE_MODE);
      // The mode given to open is filtered by the umask; set it exactly.
      fs.fchmodSync(fd, EXPORT_FILE_MODE);
      return { tmp, fd };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 5) continue;
      throw new RuntimeFailure(`cannot write ${shownPath}: ${(err as Error).message}`, 'choose a folder you can write to with --output');
    }
  }
}

/**
 * Writes a whole file atomically through an exclusive temporary file (see `fileSink`), mode 0600.
 *
 * @example writeFileAtomically('legacy/check-in-log.md', text)
 */
export function writeFileAtomically(finalPath: string, text: string): void {
  const abs = path.resolve(finalPath);
  const { tmp, fd } = openTempBeside(abs, finalPath);
  try {
    try {
      fs.writeFileSync(fd, text);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, abs);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * A sink on a file written atomically: `.NAME.RANDOM.tmp` beside it, created exclusively with
 * mode 0600, renamed on commit.
 *
 * @example const s = fileSink('/tmp/out.csv'); await s.write('a,b\n'); await s.commit()
 */
export function fileSink(finalPath: string): Sink {
  const abs = path.resolve(finalPath);
  hookSignals();
  const { tmp, fd } = openTempBeside(abs, finalPath);
  const stream = fs.createWriteStream(tmp, { fd });
  pending.add(tmp);
  let failure: Error | null = null;
  stream.on('error', (err) => {
    failure = err;
  });
  const check = () => {
    if (failure) throw new RuntimeFailure(`cannot write ${finalPath}: ${failure.message}`, 'check the free space and permissions of the folder');
  };
  return {
    path: abs,
    async write(text) {
      check();
      if (!stream.write(text)) await drained(stream);
      check();
    },
    async commit() {
      check();
      await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
      check();
      fs.renameSync(tmp, abs);
      pending.delete(tmp);
    },
    async abort() {
      stream.destroy();
      try {
        fs.unlinkSync(tmp);
      } catch {
        // never created or already removed
      }
      pending.delete(tmp);
    },
  };
}

/** Waits for a stream's `drain`, or its error, leaving no listener behind. */
function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      stream.removeListener('drain', onDrain);
      stream.removeListener('error', onError);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onError = (err: Error) => done(err);
    stream.on('drain', onDrain);
    stream.on('error', onError);
  });
}

/** Runs `fn` with a sink, committing on success and removing the partial file on failure. */
export async function withSink<T>(sink: Sink, fn: (sink: Sink) => Promise<T>): Promise<T> {
  try {
    const result = await fn(sink);
    await sink.commit();
    return result;
  } catch (err) {
    await sink.abort();
    throw err;
  }
}

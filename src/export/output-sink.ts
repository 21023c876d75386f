/**
 * Where an export writes: stdout, or a file written under a temporary name in the same folder
 * and renamed only when complete, so an interrupted export never leaves a truncated file with
 * the final name.
 */
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

/**
 * A sink on a file written atomically: `.NAME.PID.tmp` beside it, renamed on commit.
 *
 * @example const s = fileSink('/tmp/out.csv'); await s.write('a,b\n'); await s.commit()
 */
export function fileSink(finalPath: string): Sink {
  const abs = path.resolve(finalPath);
  const dir = path.dirname(abs);
  if (!fs.existsSync(dir)) throw new RuntimeFailure(`cannot write ${finalPath}: the folder ${dir} does not exist`, 'create the folder first or choose another --output');
  const tmp = path.join(dir, `.${path.basename(abs)}.${process.pid}.tmp`);
  hookSignals();
  let stream: fs.WriteStream;
  try {
    fs.writeFileSync(tmp, '', { mode: 0o600 });
    stream = fs.createWriteStream(tmp, { flags: 'w' });
  } catch (err) {
    throw new RuntimeFailure(`cannot write ${finalPath}: ${(err as Error).message}`, 'choose a folder you can write to with --output');
  }
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

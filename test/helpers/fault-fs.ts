/**
 * Disk faults for tests: a folder that can be made read-only (even for root) and a folder that
 * fills up. A small tmpfs mount is used where this process may mount (root on Linux); without
 * it, read-only falls back to `chattr +i` or plain permissions, and a full disk to a file-size
 * limit (`ulimit -f`, which Node turns into EFBIG).
 *
 * @example const m = scratchMount(1024); … m.setReadOnly(true); … m.release()
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function tryRun(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** True when a file cannot be created or written in `dir` by this process. */
export function writesBlocked(dir: string): boolean {
  const probe = path.join(dir, `.probe-${process.pid}`);
  try {
    writeFileSync(probe, 'x');
  } catch {
    return true;
  }
  rmSync(probe, { force: true });
  return false;
}

export interface ScratchMount {
  dir: string;
  /** How the fault is made: 'tmpfs' (a mount of the given size) or 'plain' (an ordinary folder). */
  kind: 'tmpfs' | 'plain';
  /** Makes every file in the folder, and the folder, read-only (or writable again). Returns how. */
  setReadOnly(readOnly: boolean): string;
  /** Unmounts (if mounted) and removes the folder. */
  release(): void;
}

/** Whether tmpfs mounts can be made here; FITTRACK_TEST_NO_MOUNT=1 forces the fallbacks. */
export function canMount(): boolean {
  if (process.env.FITTRACK_TEST_NO_MOUNT === '1' || process.platform !== 'linux') return false;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fittrack-mount-probe-'));
  const ok = tryRun('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
  if (ok) tryRun('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
  return ok;
}

/** A scratch folder: a tmpfs of `sizeKb` when mounting is allowed, else a plain folder. */
export function scratchMount(sizeKb: number): ScratchMount {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fittrack-fault-'));
  const kind = canMount() && tryRun('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0777`, 'tmpfs', dir]) ? 'tmpfs' : 'plain';
  let immutable: string[] = [];
  return {
    dir,
    kind,
    setReadOnly(readOnly) {
      if (kind === 'tmpfs') {
        execFileSync('mount', ['-o', `remount,${readOnly ? 'ro' : 'rw'}`, dir]);
        return 'a read-only tmpfs mount';
      }
      const files = readdirSync(dir).map((f) => path.join(dir, f));
      if (readOnly) {
        if (tryRun('chattr', ['+i', ...files, dir])) {
          immutable = [...files, dir];
          if (writesBlocked(dir)) return 'chattr +i';
        }
        for (const f of files) chmodSync(f, 0o444);
        chmodSync(dir, 0o555);
        return 'chmod 0444/0555';
      }
      if (immutable.length > 0) tryRun('chattr', ['-i', ...immutable]);
      immutable = [];
      chmodSync(dir, 0o755);
      for (const f of readdirSync(dir)) chmodSync(path.join(dir, f), 0o644);
      return 'writable';
    },
    release() {
      if (immutable.length > 0) tryRun('chattr', ['-i', ...immutable]);
      if (kind === 'tmpfs') tryRun('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

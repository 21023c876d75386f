import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressWanted, rowsPerSecond, startProgress } from '../../src/cli/render/progress.js';

/** A stream that says it is a terminal and keeps what is written to it. */
function fakeTerminal(): Writable & { isTTY: boolean; columns: number; text(): string } {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  }) as Writable & { isTTY: boolean; columns: number; text(): string };
  w.isTTY = true;
  w.columns = 120;
  w.text = () => chunks.join('');
  return w;
}

describe('progress', () => {
  it('is wanted on a terminal only, not with TERM=dumb or --json; NO_COLOR does not hide it', () => {
    expect(progressWanted({ isTTY: true }, { TERM: 'xterm' })).toBe(true);
    expect(progressWanted({ isTTY: true }, { TERM: 'xterm', NO_COLOR: '1' })).toBe(true);
    expect(progressWanted({ isTTY: false }, { TERM: 'xterm' })).toBe(false);
    expect(progressWanted({}, {})).toBe(false);
    expect(progressWanted({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(progressWanted({ isTTY: true }, { TERM: 'xterm' }, { json: true })).toBe(false);
  });

  it('says rows per second with grouped thousands', () => {
    expect(rowsPerSecond(45_000, 2_000)).toBe('22 500');
    expect(rowsPerSecond(10, 0)).toBe('0');
  });

  it('draws nothing during the first second, then the rows done, of how many, and rows/s', async () => {
    const term = fakeTerminal();
    let clock = 1_000_000;
    const p = await startProgress('import', { total: 100_000, stream: term, env: { TERM: 'xterm' }, now: () => clock });
    clock += 400;
    p.add(20_000);
    clock += 500;
    p.add(20_000);
    expect(term.text()).toBe('');
    clock += 1_100;
    p.add(10_000);
    p.stop();
    expect(term.text()).toMatch(/import \[.*\] 50% \| 50 000\/100 000 rows \| 25 000 rows\/s/);
  });

  it('grows with a job that learns its size as it goes, and draws nothing where no bar is wanted', async () => {
    const term = fakeTerminal();
    let clock = 0;
    const p = await startProgress('import', { stream: term, env: { TERM: 'xterm' }, now: () => clock });
    p.grow(1_000);
    clock = 2_000;
    p.add(1_000);
    p.grow(3_000);
    p.stop();
    expect(term.text()).toContain('1 000/4 000 rows');

    const piped = fakeTerminal();
    piped.isTTY = false;
    const q = await startProgress('export', { total: 10, stream: piped, env: { TERM: 'xterm' }, now: () => 5_000 });
    q.add(10);
    q.stop();
    const json = await startProgress('import', { total: 10, json: true, stream: term, env: { TERM: 'xterm' }, now: () => 5_000 });
    expect(json).toBe(await startProgress('import', { total: 10, stream: term, env: { TERM: 'dumb' } }));
    expect(piped.text()).toBe('');
  });
});

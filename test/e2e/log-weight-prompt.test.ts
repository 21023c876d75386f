/**
 * `fittrack log-weight` at a terminal: with the weight missing it asks for it (the last weight
 * as the default), re-asks after a bad answer, and Ctrl+C writes nothing. Without a terminal,
 * or with --no-input, it refuses at once instead of waiting.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';
import { plain, spawnCliPty } from '../helpers/pty.js';

for (const dialect of dialects) {
  describe(`log-weight asks at a terminal (${dialect})`, () => {
    const t = useTestDb(dialect);
    const weightOn = async (date: string) => (await t.db('health_metrics').where('recorded_date', date).first())?.weight_kg;

    it('asks for the weight with the last weight as the default; Enter takes it', async () => {
      expect((await runCli(['log-weight', '80.5kg', '--date', '2025-03-01'], { db: t.url, home: t.dir })).code).toBe(0);
      const p = spawnCliPty(['log-weight', '--date', '2025-03-02'], { db: t.url, home: t.dir });
      await p.waitFor(/Weight \(kg\).*80\.5 kg/);
      p.write('\r');
      expect(await p.exit).toBe(0);
      expect(plain(p.output())).toContain('Logged 80.5 kg for 2025-03-02');
      expect(Number(await weightOn('2025-03-02'))).toBe(80.5);
    });

    it('says what is wrong with an answer and asks again', async () => {
      const p = spawnCliPty(['log-weight', '--date', '2025-03-03'], { db: t.url, home: t.dir });
      await p.waitFor(/Weight/);
      p.write('abc\r');
      await p.waitFor(/<weight>: "abc" is not a weight/);
      p.write('\x7f\x7f\x7f176.4lb\r');
      expect(await p.exit).toBe(0);
      expect(plain(p.output())).toContain('Logged 176.4 lb for 2025-03-03');
      expect(Number(await weightOn('2025-03-03')).toFixed(4)).toBe('80.0137');
    });

    it('Ctrl+C at the question writes nothing', async () => {
      const p = spawnCliPty(['log-weight', '--date', '2025-03-04'], { db: t.url, home: t.dir });
      await p.waitFor(/Weight/);
      p.write('\x03');
      expect(await p.exit).toBe(130);
      expect(plain(p.output())).toContain('cancelled: nothing was written');
      expect(await weightOn('2025-03-04')).toBeUndefined();
    });

    it('--no-input refuses at a terminal too', async () => {
      const p = spawnCliPty(['--no-input', 'log-weight', '--date', '2025-03-04'], { db: t.url, home: t.dir });
      expect(await p.exit).toBe(2);
      expect(plain(p.output())).toContain('fittrack: error: missing <weight> — give it as an argument (e.g. fittrack log-weight 80kg) or leave out --no-input in a terminal to be asked');
    });

    it('without a terminal it refuses at once, even with input waiting on stdin', async () => {
      const started = Date.now();
      const r = await runCli(['log-weight', '--date', '2025-03-04'], { db: t.url, home: t.dir, input: '80kg\n', timeoutMs: 20_000 });
      expect(r.code).toBe(2);
      expect(r.signal).toBeNull();
      expect(r.stderr).toContain('missing <weight>');
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(await weightOn('2025-03-04')).toBeUndefined();
    });
  });
}

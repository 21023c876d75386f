/**
 * The exercise library holds every exercise a user has, from every source, and names are matched
 * by one Unicode-aware rule (NFKC and case folding) for exercises, users and meal types.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addUser, asUser, loginAs, passwordOf } from '../helpers/auth-cli.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { dialects, useTestDb } from '../helpers/db.js';

for (const dialect of dialects) {
  describe(dialect, () => {
    const t = useTestDb(dialect);
    const cli = (args: string[]) => runCli(args, { db: t.url, home: t.dir });

    it('puts every exercise of imported markdown logs in the library', async () => {
      const imp = await cli(['import-md', path.join(ROOT, 'fixtures/legacy')]);
      expect(imp.code, imp.stderr).toBe(0);
      const show = await cli(['exercise', 'show', 'goblet squat', '--json']);
      expect(show.stderr).toBe('');
      expect(show.code).toBe(0);
      const def = JSON.parse(show.stdout) as { name: string; category: string; history: unknown[] };
      expect(def).toMatchObject({ name: 'Goblet Squat', category: 'compound' });
      expect(def.history.length).toBeGreaterThan(0);
      // Every logged name resolves to an entry.
      const unlinked = await t.db('exercise_logs').whereNull('exercise_definition_id').count({ n: '*' }).first();
      expect(Number(unlinked!.n)).toBe(0);
    });

    it('matches exercise names beyond ASCII: one entry for every spelling of a name', async () => {
      expect((await cli(['exercise', 'add', 'Жим лёжа'])).code).toBe(0);
      const again = await cli(['exercise', 'add', 'ЖИМ ЛЁЖА']);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('exercise "ЖИМ ЛЁЖА" is already in the library (as "Жим лёжа")');
      for (const spec of ['SENTADILLA BÚLGARA 3x8@20kg', 'sentadilla búlgara 3x6@22kg', 'Sentadilla  Búlgara 2x5']) {
        const r = await cli(['log-workout', 'Piernas', spec, '--date', '2025-05-01']);
        expect(r.code, r.stderr).toBe(0);
      }
      const list = JSON.parse((await cli(['exercise', 'list', '--json'])).stdout) as Array<{ name: string }>;
      expect(list.filter((d) => d.name.toLowerCase().startsWith('sentadilla'))).toHaveLength(1);
      expect(list.filter((d) => d.name.toLowerCase().startsWith('жим'))).toHaveLength(1);
      const show = await cli(['exercise', 'show', 'жим лёжа', '--json']);
      expect(show.code).toBe(0);
      // Reports find the lifts by the same rule.
      const lifts = await cli(['report', 'lifts', 'SENTADILLA BÚLGARA', '--json']);
      expect(lifts.code, lifts.stderr).toBe(0);
      expect(lifts.stdout).toContain('22');
      expect((await cli(['exercise', 'add', 'Straße Lunge'])).code).toBe(0);
      const sharp = await cli(['exercise', 'show', 'STRASSE LUNGE', '--json']);
      expect(sharp.code).toBe(0);
      expect(JSON.parse(sharp.stdout)).toMatchObject({ name: 'Straße Lunge' });
    });

    it('refuses two library entries that fold to the same name, in the database itself', async () => {
      const now = '2026-01-01T00:00:00.000Z';
      await expect(t.db('exercise_definitions').insert({ name: 'ПРИСЕД', name_folded: 'присед', created_at: now, updated_at: now })).resolves.toBeDefined();
      await expect(t.db('exercise_definitions').insert({ name: 'присед', name_folded: 'присед', created_at: now, updated_at: now })).rejects.toThrow();
    });

    it('reads meal types in any case and width', async () => {
      const r = await cli(['log-meal', 'ＢＲＥＡＫＦＡＳＴ', 'oats', '--calories', '300', '--date', '2025-05-02']);
      expect(r.code, r.stderr).toBe(0);
      expect(await t.db('meal_logs').where({ meal_date: '2025-05-02' }).first('meal_type')).toEqual({ meal_type: 'breakfast' });
    });

    it('matches usernames by the same rule: one account per folded name', async () => {
      await addUser(t, 'Elodie');
      // Logging in with another case of the name is the same account.
      const login = await runCli(['login', 'ELODIE', '--password-stdin', '--print-token'], { db: t.url, home: t.dir, input: `${passwordOf('Elodie')}\n` });
      expect(login.code, login.stderr).toBe(0);
      const token = login.stdout.trim();
      const clash = await runCli(['user', 'add', 'ELODIE', '--password-stdin'], asUser(t, token, { input: 'another-Passw0rd!\n' }));
      expect(clash.code).toBe(2);
      expect(clash.stderr).toContain('username "ELODIE" is taken');
    });
  });
}

for (const dialect of dialects) {
  describe(`${dialect}: who sees and changes library entries`, () => {
    const t = useTestDb(dialect);
    const tokens: Record<string, string> = {};
    const as = (who: string, args: string[]) => runCli(args, asUser(t, tokens[who]!));

    it('shows a user only the catalogue and the entries they created or logged, and lets only the creator or an admin change them', async () => {
      await addUser(t, 'root');
      tokens.root = await loginAs(t, 'root');
      await addUser(t, 'alice', { adminToken: tokens.root });
      await addUser(t, 'bob', { adminToken: tokens.root });
      tokens.alice = await loginAs(t, 'alice');
      tokens.bob = await loginAs(t, 'bob');
      const now = '2026-01-01T00:00:00.000Z';
      await t.db('exercise_definitions').insert({ name: 'Push-up', name_folded: 'push-up', category: 'compound', created_at: now, updated_at: now });

      expect((await as('alice', ['log-workout', 'Secret', 'Secret Move 3x5@50kg', '--date', '2025-05-01'])).code).toBe(0);
      expect((await as('alice', ['exercise', 'add', 'Alice Stretch'])).code).toBe(0);

      const bobList = await as('bob', ['exercise', 'list', '--json']);
      expect(bobList.code, bobList.stderr).toBe(0);
      expect(bobList.stdout).not.toMatch(/Secret Move|Alice Stretch/);
      expect((JSON.parse(bobList.stdout) as Array<Record<string, unknown>>).map((d) => [d.name, d.created_at])).toEqual([['Push-up', null]]);
      const aliceList = JSON.parse((await as('alice', ['exercise', 'list', '--json'])).stdout) as Array<Record<string, unknown>>;
      expect(aliceList.map((d) => d.name)).toEqual(['Alice Stretch', 'Push-up', 'Secret Move']);
      expect(aliceList.find((d) => d.name === 'Secret Move')).toMatchObject({ created_by_you: true, created_at: expect.any(String) });

      for (const args of [['exercise', 'show', 'secret move'], ['exercise', 'edit', 'Secret Move', '--rename', 'Public Move']]) {
        const r = await as('bob', args);
        expect(r.code).toBe(1);
        expect(r.stderr.split('\n')[0]).toBe('fittrack: error: no exercise "' + args[2] + '" in the library');
      }
      const taken = await as('bob', ['exercise', 'add', 'SECRET MOVE']);
      expect(taken.code).toBe(2);
      expect(taken.stderr).not.toContain('Secret Move');

      const catalogue = await as('bob', ['exercise', 'edit', 'push-up', '--tips', 'mine now']);
      expect(catalogue.code).toBe(3);
      expect((await as('root', ['exercise', 'edit', 'push-up', '--tips', 'elbows in'])).code).toBe(0);
      const renamed = await as('alice', ['exercise', 'edit', 'secret move', '--rename', 'Quiet Move']);
      expect(renamed.code, renamed.stderr).toBe(0);
    });

    it("exports the shares an account granted to its owner only, not to a grantee reading it", async () => {
      expect((await as('alice', ['share', 'grant', 'bob'])).code).toBe(0);
      expect((await as('alice', ['share', 'grant', 'root'])).code).toBe(0);
      const own = JSON.parse((await as('alice', ['export', '--format', 'json'])).stdout) as { shares: Array<{ grantee: string }> };
      expect(own.shares.map((x) => x.grantee)).toEqual(['bob', 'root']);
      const theirs = await as('bob', ['export', '--format', 'json', '--user', 'alice']);
      expect(theirs.code, theirs.stderr).toBe(0);
      const doc = JSON.parse(theirs.stdout) as Record<string, unknown>;
      expect(doc.health_metrics).toBeDefined();
      expect(doc.shares).toBeUndefined();
    });
  });
}

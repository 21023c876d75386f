/**
 * The exercise library holds every exercise a user has, from every source, and names are matched
 * by one Unicode-aware rule (NFKC and case folding) for exercises, users and meal types.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addUser, asUser, passwordOf } from '../helpers/auth-cli.js';
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

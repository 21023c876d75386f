/**
 * `fittrack config`: the acting user's preferred units and height.
 */
import { updateUserSettings, type UserSettings } from '../../db/settings-repo.js';
import { parseHeightInput } from '../../domain/user-profile.js';
import { parseChoice } from '../../domain/validation.js';
import { DATE_ORDERS } from '../../domain/dates.js';
import type { GlobalOptions } from '../context.js';
import { readInputSettings, writeInputSettings } from '../input-settings.js';
import { withUser } from '../context.js';
import { formatHeight } from '../render/format.js';
import { printJson, printLine, say } from '../render/output.js';

const KEYS = ['units', 'height', 'date-order'] as const;
type Key = (typeof KEYS)[number];

function keyOf(text: string): Key {
  return parseChoice('<key>', text, KEYS, { preferred_units: 'units', unit: 'units', height_cm: 'height', date_order: 'date-order', dateorder: 'date-order' });
}

function show(key: Key, s: UserSettings): string {
  if (key === 'units') return s.preferred_units;
  if (key === 'date-order') return readInputSettings().dateOrder ?? '';
  if (s.height_cm === null) return '';
  const metric = formatHeight(s.height_cm, 'metric');
  return s.preferred_units === 'imperial' ? `${formatHeight(s.height_cm, 'imperial')} (${metric})` : metric;
}

function asJson(s: UserSettings): Record<string, unknown> {
  return { units: s.preferred_units, height_cm: s.height_cm, date_order: readInputSettings().dateOrder ?? null };
}

/** Runs `fittrack config set <key> <value>`. */
export async function runConfigSet(globals: GlobalOptions, keyText: string, value: string, opts: { json?: boolean }): Promise<void> {
  const key = keyOf(keyText);
  if (key === 'date-order') {
    const stored = writeInputSettings({ dateOrder: parseChoice('date-order', value, DATE_ORDERS) });
    if (opts.json) printJson({ date_order: stored.dateOrder });
    else say(`Date order set to ${stored.dateOrder}: ${stored.dateOrder === 'dmy' ? '02/03/2025 is 2 March 2025' : '02/03/2025 is 3 February 2025'}`);
    return;
  }
  await withUser(globals, async ({ db, user }) => {
    let patch: Partial<UserSettings>;
    let typedImperial = user.preferred_units === 'imperial';
    if (key === 'units') {
      patch = { preferred_units: parseChoice('units', value, ['metric', 'imperial'] as const) };
    } else {
      const q = parseHeightInput(value, user.preferred_units, 'height');
      patch = { height_cm: q.value };
      typedImperial = q.unit === 'in';
    }
    const stored = await updateUserSettings(db, user.id, patch);
    if (opts.json) printJson(asJson(stored));
    else if (key === 'units') say(`Units set to ${stored.preferred_units}`);
    else say(`Height set to ${show(key, { ...stored, preferred_units: typedImperial ? 'imperial' : 'metric' })}`);
  });
}

/** Runs `fittrack config get [key]` and `fittrack config list`. */
export async function runConfigGet(globals: GlobalOptions, keyText: string | undefined, opts: { json?: boolean }): Promise<void> {
  const key = keyText === undefined ? undefined : keyOf(keyText);
  await withUser(
    globals,
    async ({ user }) => {
      const s: UserSettings = { preferred_units: user.preferred_units, height_cm: user.height_cm === null ? null : Number(user.height_cm) };
      if (opts.json) {
        const all = asJson(s);
        const jsonKey = key === 'height' ? 'height_cm' : key === 'date-order' ? 'date_order' : 'units';
        printJson(key === undefined ? all : { [jsonKey]: all[jsonKey] });
        return;
      }
      if (key !== undefined) {
        const text = show(key, s);
        if (text === '') say(`${key} is not set — set it with: fittrack config set ${key} ${key === 'height' ? '183cm' : key === 'date-order' ? 'dmy' : 'metric'}`);
        else printLine(text);
        return;
      }
      const { renderTable } = await import('../render/table.js');
      printLine(renderTable(['Setting', 'Value'], KEYS.map((k) => [k, show(k, s) || '(not set)'])));
    },
    { access: 'read' },
  );
}


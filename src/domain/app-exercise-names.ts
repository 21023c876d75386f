/**
 * The exercise names other apps use, mapped to fittrack's library: Strong and Hevy write
 * `Bench Press (Barbell)`, `Lateral Raise (Dumbbell)`, `Pull Up`. A name in the table below maps
 * to its entry; any other `Name (Equipment)` becomes `Equipment Name` with that equipment; the
 * user's own map (`--map FILE`) comes first. Matching is by folded name (`foldName`), the one
 * name matching fittrack has.
 */
import { foldName } from './names.js';

/** The library entry an app's exercise name maps to. */
export interface MappedExercise {
  name: string;
  equipment: string | null;
  /** How the name was mapped: by the user's map, the table, the `(Equipment)` rule, or kept as written. */
  by: 'user map' | 'table' | 'equipment rule' | 'as written';
}

/** The equipment the apps put in parentheses, as the library spells it. */
const EQUIPMENT: Record<string, string> = {
  barbell: 'barbell',
  dumbbell: 'dumbbell',
  cable: 'cable',
  machine: 'machine',
  'smith machine': 'smith machine',
  kettlebell: 'kettlebell',
  band: 'band',
  'resistance band': 'band',
  bodyweight: 'bodyweight',
  'weighted bodyweight': 'bodyweight',
  'assisted bodyweight': 'bodyweight',
  assisted: 'machine',
  'ez bar': 'ez bar',
  'trap bar': 'trap bar',
  'plate loaded': 'machine',
  plate: 'plate',
  'medicine ball': 'medicine ball',
  other: 'other',
};

/**
 * Names whose usual form needs no equipment word (a bench press is a barbell bench press), or
 * that fittrack spells otherwise. Keys are as the apps write them.
 */
const TABLE: ReadonlyArray<readonly [string, string, string | null]> = [
  ['Bench Press (Barbell)', 'Bench Press', 'barbell'],
  ['Incline Bench Press (Barbell)', 'Incline Bench Press', 'barbell'],
  ['Decline Bench Press (Barbell)', 'Decline Bench Press', 'barbell'],
  ['Squat (Barbell)', 'Back Squat', 'barbell'],
  ['Full Squat', 'Back Squat', 'barbell'],
  ['Front Squat (Barbell)', 'Front Squat', 'barbell'],
  ['Deadlift (Barbell)', 'Deadlift', 'barbell'],
  ['Deadlift', 'Deadlift', 'barbell'],
  ['Romanian Deadlift (Barbell)', 'Romanian Deadlift', 'barbell'],
  ['Sumo Deadlift (Barbell)', 'Sumo Deadlift', 'barbell'],
  ['Deadlift (Trap bar)', 'Trap Bar Deadlift', 'trap bar'],
  ['Overhead Press (Barbell)', 'Overhead Press', 'barbell'],
  ['Strict Military Press (Barbell)', 'Overhead Press', 'barbell'],
  ['Bent Over Row (Barbell)', 'Barbell Row', 'barbell'],
  ['Hip Thrust (Barbell)', 'Hip Thrust', 'barbell'],
  ['Pull Up', 'Pull-up', 'bodyweight'],
  ['Pull Up (Assisted)', 'Assisted Pull-up', 'machine'],
  ['Pull Up (Weighted)', 'Weighted Pull-up', 'bodyweight'],
  ['Chin Up', 'Chin-up', 'bodyweight'],
  ['Push Up', 'Push-up', 'bodyweight'],
  ['Dip', 'Dip', 'bodyweight'],
  ['Triceps Dip', 'Dip', 'bodyweight'],
  ['Lat Pulldown (Cable)', 'Lat Pulldown', 'cable'],
  ['Seated Row (Cable)', 'Seated Cable Row', 'cable'],
  ['Leg Press', 'Leg Press', 'machine'],
  ['Leg Press (Machine)', 'Leg Press', 'machine'],
  ['Plank', 'Plank', 'bodyweight'],
  ['Running', 'Running', null],
  ['Running (Outdoor)', 'Running', null],
  ['Running (Treadmill)', 'Treadmill Running', 'machine'],
  ['Treadmill', 'Treadmill Running', 'machine'],
  ['Cycling', 'Cycling', null],
  ['Cycling (Indoor)', 'Indoor Cycling', 'machine'],
  ['Rowing (Machine)', 'Rowing', 'machine'],
  ['Walking', 'Walking', null],
  ['Jump Rope', 'Jump Rope', null],
];
const BY_FOLDED = new Map(TABLE.map(([app, name, equipment]) => [foldName(app), { name, equipment }]));

/**
 * Maps an app's exercise name to the library's.
 *
 * @example mapAppExerciseName('Lateral Raise (Dumbbell)') → { name: 'Dumbbell Lateral Raise', equipment: 'dumbbell', by: 'equipment rule' }
 */
export function mapAppExerciseName(appName: string, userMap: ReadonlyMap<string, string> = new Map()): MappedExercise {
  const folded = foldName(appName);
  const own = userMap.get(folded);
  if (own !== undefined) return { name: own, equipment: null, by: 'user map' };
  const known = BY_FOLDED.get(folded);
  if (known) return { ...known, by: 'table' };
  const m = /^(.+?)\s*\(([^()]+)\)$/.exec(appName.trim());
  const equipment = m ? EQUIPMENT[m[2]!.trim().toLowerCase()] : undefined;
  if (m && equipment) {
    const base = m[1]!.trim();
    const word = m[2]!.trim().replace(/\b\w/g, (c) => c.toUpperCase());
    const named = equipment === 'bodyweight' && !/weighted|assisted/i.test(word) ? base : `${word} ${base}`;
    return { name: named, equipment, by: 'equipment rule' };
  }
  return { name: appName.trim(), equipment: null, by: 'as written' };
}

/**
 * Reads the user's own name map: one mapping a line, `app name = fittrack name` (or a CSV pair
 * `app name,fittrack name`); blank lines and lines starting with `#` are skipped. Returns the
 * map by folded app name, or the 1-based line of the first line it cannot read.
 *
 * @example readNameMap('Bench (BB) = Bench Press').map.get(foldName('Bench (BB)')) → 'Bench Press'
 */
export function readNameMap(text: string): { map: Map<string, string> } | { badLine: number } {
  const map = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^"?([^"=]+?)"?\s*(?:=|,|\t)\s*"?([^"=]+?)"?$/.exec(line);
    if (!m) return { badLine: i + 1 };
    map.set(foldName(m[1]!), m[2]!.trim());
  }
  return { map };
}

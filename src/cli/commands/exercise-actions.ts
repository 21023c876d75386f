/**
 * `fittrack exercise list|show|add|edit`: the shared exercise library, and the acting user's
 * own history per exercise.
 *
 * The library model: a user sees the built-in catalogue (entries nobody created), the entries
 * they created and the entries they logged, never another user's; an entry is changed only by
 * an admin, or by its creator while no one else logs it.
 */
import { withUser, type GlobalOptions } from '../context.js';
import { printJson, printLine, say } from '../render/output.js';
import { renderTable } from '../render/table.js';
import { showLoad, showSetsReps } from '../render/workout-view.js';
import { AuthError, NotFoundError, UsageError } from '../../errors.js';
import {
  addDefinition,
  findDefinitionByName,
  isUsedByOthers,
  isVisibleTo,
  listDefinitions,
  listExerciseHistory,
  updateDefinition,
  type DefinitionPatch,
  type ExerciseHistoryEntry,
} from '../../db/exercise-repo.js';
import { DIFFICULTIES, EXERCISE_CATEGORIES, guessExerciseCategory, splitList, type ExerciseCategory, type ExerciseDefinition } from '../../domain/exercise.js';
import { formatDuration } from '../render/format.js';
import { round, weightUnitFor, type WeightUnit } from '../../domain/units.js';
import { checkText, checkTextLength, parseChoice } from '../../domain/validation.js';
import { bestE1rm, bestE1rmOfSets, repsOf, rpeOf, setsOf } from '../../domain/workout.js';
import { EXERCISE_NAME_MAX } from '../../parse/exercise-spec.js';

/** Fields of a library entry that `exercise add` and `exercise edit` set. */
export interface ExerciseFieldOptions {
  category?: string;
  muscles?: string;
  equipment?: string;
  difficulty?: string;
  description?: string;
  instructions?: string;
  tips?: string;
  videoUrl?: string;
  imageUrl?: string;
  json?: boolean;
}

function checkUrl(field: string, text: string): string {
  checkTextLength(field, text, 'url');
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UsageError(`${field}: "${text}" is not an http or https address`, `give a full address, e.g. ${field} https://example.com/bench-press`);
  }
  return text;
}

/** A comma-separated list, limited (as the database stores it: JSON text) like every list. */
function checkList(field: string, text: string): string[] {
  checkTextLength(field, text, 'list');
  const list = splitList(text);
  checkTextLength(field, JSON.stringify(list), 'list');
  return list;
}

function checkName(field: string, text: string): string {
  return checkText(field, text.trim(), { maxLength: EXERCISE_NAME_MAX });
}

/** Reads the field options into a patch; throws on the first bad value, before any write. */
export function patchFromOptions(opts: ExerciseFieldOptions): DefinitionPatch {
  const patch: DefinitionPatch = {};
  if (opts.category !== undefined) patch.category = parseChoice<ExerciseCategory>('--category', opts.category, EXERCISE_CATEGORIES);
  if (opts.muscles !== undefined) patch.muscleGroups = checkList('--muscles', opts.muscles);
  if (opts.equipment !== undefined) patch.equipment = checkList('--equipment', opts.equipment);
  if (opts.difficulty !== undefined) patch.difficulty = parseChoice('--difficulty', opts.difficulty, DIFFICULTIES);
  if (opts.description !== undefined) patch.description = checkTextLength('--description', opts.description, 'note');
  if (opts.instructions !== undefined) patch.instructions = checkTextLength('--instructions', opts.instructions, 'note');
  if (opts.tips !== undefined) patch.tips = checkTextLength('--tips', opts.tips, 'note');
  if (opts.videoUrl !== undefined) patch.videoUrl = checkUrl('--video-url', opts.videoUrl);
  if (opts.imageUrl !== undefined) patch.imageUrl = checkUrl('--image-url', opts.imageUrl);
  return patch;
}

/**
 * The JSON form of a library entry, as seen by `userId`: when an entry was created and changed
 * is shown only to its creator (for anyone else it would tell when another user first logged it).
 */
export function definitionJson(d: ExerciseDefinition, userId: number): Record<string, unknown> {
  const mine = d.createdBy !== null && d.createdBy === userId;
  return {
    id: d.id,
    name: d.name,
    category: d.category,
    muscle_groups: d.muscleGroups,
    equipment: d.equipment,
    difficulty: d.difficulty,
    description: d.description,
    instructions: d.instructions,
    tips: d.tips,
    video_url: d.videoUrl,
    image_url: d.imageUrl,
    created_by_you: mine,
    created_at: mine ? d.createdAt : null,
    updated_at: mine ? d.updatedAt : null,
  };
}

/** The entry of that name the user may see, or null (another user's entry is as good as missing). */
async function findVisible(db: Parameters<typeof findDefinitionByName>[0] & Parameters<typeof isVisibleTo>[0], name: string, userId: number): Promise<ExerciseDefinition | null> {
  const def = await findDefinitionByName(db, name);
  return def && (await isVisibleTo(db, def, userId)) ? def : null;
}

const notInLibrary = (name: string) => new NotFoundError(`no exercise "${name}" in the library`, 'see the names with: fittrack exercise list');

export async function runExerciseList(opts: { category?: string; json?: boolean }, globals: GlobalOptions): Promise<void> {
  const category = opts.category === undefined ? undefined : parseChoice<ExerciseCategory>('--category', opts.category, EXERCISE_CATEGORIES);
  await withUser(
    globals,
    async ({ db, user }) => {
      const defs = await listDefinitions(db, user.id, { category });
      if (opts.json) return printJson(defs.map((d) => definitionJson(d, user.id)));
      if (defs.length === 0) return say(category ? `No ${category} exercises in the library.` : 'The exercise library is empty — add one with: fittrack exercise add "Bench Press" --category compound');
      printLine(
        renderTable(
          ['ID', 'Name', 'Category', 'Muscles', 'Equipment', 'Difficulty'],
          defs.map((d) => [d.id, d.name, d.category, d.muscleGroups?.join(', '), d.equipment?.join(', '), d.difficulty]),
          { align: ['right', 'left', 'left', 'left', 'left', 'left'] },
        ),
      );
    },
    { access: 'read' },
  );
}

/** The heaviest set and the best estimated maximum in a history. */
export function bestSets(history: ExerciseHistoryEntry[]): {
  heaviest: { date: string; weightKg: number; reps: number | null; weightUnit: WeightUnit | null } | null;
  bestE1rm: { date: string; e1rmKg: number; weightKg: number; reps: number; weightUnit: WeightUnit | null } | null;
} {
  let heaviest: ReturnType<typeof bestSets>['heaviest'] = null;
  let best: ReturnType<typeof bestSets>['bestE1rm'] = null;
  for (const h of history) {
    if (h.weightKg === null) continue;
    if (h.perSet && h.perSet.length > 0) {
      // Set by set: the heaviest set is the one with the heaviest load, not the exercise's summary.
      for (const s of h.perSet) {
        if (s.weightKg === null) continue;
        if (!heaviest || s.weightKg > heaviest.weightKg) heaviest = { date: h.sessionDate, weightKg: s.weightKg, reps: s.reps, weightUnit: h.weightUnit };
      }
    } else {
      const reps = repsOf(h);
      const topReps = reps && reps.length > 0 ? Math.max(...reps) : null;
      if (!heaviest || h.weightKg > heaviest.weightKg) heaviest = { date: h.sessionDate, weightKg: h.weightKg, reps: topReps, weightUnit: h.weightUnit };
    }
    const e1rm = bestE1rmOfSets(setsOf(h));
    if (e1rm !== null && (!best || e1rm.e1rmKg > best.e1rmKg)) best = { date: h.sessionDate, e1rmKg: e1rm.e1rmKg, weightKg: e1rm.weightKg, reps: e1rm.reps, weightUnit: h.weightUnit };
  }
  return { heaviest, bestE1rm: best };
}

export async function runExerciseShow(name: string, opts: { json?: boolean }, globals: GlobalOptions): Promise<void> {
  await withUser(
    globals,
    async ({ db, user }) => {
      const def = await findVisible(db, name, user.id);
      if (!def) throw notInLibrary(name);
      const history = await listExerciseHistory(db, user.id, def);
      const best = bestSets(history);
      if (opts.json) {
        return printJson({
          ...definitionJson(def, user.id),
          history: history.map((h) => ({
            session_id: h.sessionId,
            session_date: h.sessionDate,
            title: h.title,
            sets: h.sets,
            reps: h.reps,
            reps_per_set: h.repsPerSet,
            weight_kg: h.weightKg,
            weight_unit: h.weightUnit,
            duration_seconds: h.durationSeconds,
            distance_km: h.distanceKm,
            rpe: h.rpe,
            form_quality: h.formQuality,
            notes: h.notes,
            per_set: (h.perSet ?? []).map((x, i) => ({ set_index: i + 1, set_type: x.setType, reps: x.reps, weight_kg: x.weightKg, rpe: x.rpe, duration_seconds: x.durationSeconds, distance_km: x.distanceKm })),
            e1rm_kg: bestE1rm(h),
          })),
          best: {
            heaviest: best.heaviest && { session_date: best.heaviest.date, weight_kg: best.heaviest.weightKg, reps: best.heaviest.reps },
            e1rm: best.bestE1rm && { session_date: best.bestE1rm.date, e1rm_kg: best.bestE1rm.e1rmKg, weight_kg: best.bestE1rm.weightKg, reps: best.bestE1rm.reps },
          },
        });
      }
      const unit = weightUnitFor(user.preferred_units);
      const lines = [def.name];
      const field = (label: string, value: string | null | undefined) => {
        if (value) lines.push(`${label}: ${value}`);
      };
      field('Category', def.category);
      field('Muscles', def.muscleGroups?.join(', '));
      field('Equipment', def.equipment?.join(', '));
      field('Difficulty', def.difficulty);
      field('Description', def.description);
      field('Instructions', def.instructions);
      field('Tips', def.tips);
      field('Video', def.videoUrl);
      field('Image', def.imageUrl);
      if (history.length === 0) {
        lines.push('', 'You have not logged it yet.');
        return printLine(lines.join('\n'));
      }
      lines.push('', `Your history: ${history.length} time${history.length === 1 ? '' : 's'}, last on ${history[0]!.sessionDate}`);
      if (best.heaviest) {
        const u = best.heaviest.weightUnit ?? unit;
        lines.push(`Heaviest: ${showLoad(best.heaviest.weightKg, u)}${best.heaviest.reps ? ` × ${best.heaviest.reps}` : ''} on ${best.heaviest.date}`);
      }
      if (best.bestE1rm) {
        const u = best.bestE1rm.weightUnit ?? unit;
        lines.push(`Best e1RM: ${showLoad(best.bestE1rm.e1rmKg, u)} (${showLoad(best.bestE1rm.weightKg, u)} × ${best.bestE1rm.reps}, Epley) on ${best.bestE1rm.date}`);
      }
      printLine(lines.join('\n'));
      printLine(
        renderTable(
          ['Date', 'Session', 'Sets×Reps', 'Load', 'e1RM', 'RPE', 'Time', 'Distance', 'Notes'],
          history.map((h) => {
            const e1rm = bestE1rm(h);
            const u = h.weightUnit ?? unit;
            return [
              h.sessionDate,
              h.title,
              showSetsReps(h, u),
              h.weightKg === null ? null : showLoad(h.weightKg, u),
              e1rm === null ? null : showLoad(e1rm, u),
              rpeOf(h) === null ? null : String(round(rpeOf(h)!, 1)),
              h.durationSeconds === null ? null : formatDuration(h.durationSeconds),
              h.distanceKm === null ? null : `${round(h.distanceKm, 2)} km`,
              h.notes,
            ];
          }),
          { align: ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'] },
        ),
      );
    },
    { access: 'read' },
  );
}

export async function runExerciseAdd(nameArg: string, opts: ExerciseFieldOptions, globals: GlobalOptions): Promise<void> {
  const name = checkName('<name>', nameArg);
  const patch = patchFromOptions(opts);
  await withUser(globals, async ({ db, user }) => {
    const existing = await findDefinitionByName(db, name);
    if (existing && (await isVisibleTo(db, existing, user.id))) {
      throw new UsageError(`exercise "${name}" is already in the library (as "${existing.name}")`, `change it with: fittrack exercise edit "${existing.name}" …`);
    }
    // Another user's entry: say only that the name is taken, nothing of the entry.
    if (existing) throw new UsageError(`exercise "${name}": the name is taken in the shared library`, 'choose another name, e.g. with a word more');
    const guessed = patch.category === undefined;
    const def = await addDefinition(db, { ...patch, name, category: patch.category ?? guessExerciseCategory(name) }, user.id);
    if (opts.json) printJson(definitionJson(def, user.id));
    say(`Added "${def.name}" to the exercise library (#${def.id}, ${def.category ?? 'no category'}${guessed && def.category ? ', guessed from the name' : ''})`);
  });
}

const FIELD_NAMES: Record<string, string> = { name: 'name', muscleGroups: 'muscles', videoUrl: 'video url', imageUrl: 'image url' };

export async function runExerciseEdit(nameArg: string, opts: ExerciseFieldOptions & { rename?: string }, globals: GlobalOptions): Promise<void> {
  const patch = patchFromOptions(opts);
  if (opts.rename !== undefined) patch.name = checkName('--rename', opts.rename);
  if (Object.keys(patch).length === 0) {
    throw new UsageError(`exercise edit "${nameArg}": nothing to change`, 'give at least one of --rename, --category, --muscles, --equipment, --difficulty, --description, --instructions, --tips, --video-url, --image-url');
  }
  await withUser(globals, async ({ db, user }) => {
    const def = await findVisible(db, nameArg, user.id);
    if (!def) throw notInLibrary(nameArg);
    if (user.role !== 'admin') {
      if (def.createdBy !== user.id) {
        throw new AuthError(`exercise "${def.name}" is in the shared catalogue or was added by someone else: only an admin can change it`, `add your own entry instead: fittrack exercise add "${def.name} (mine)"`);
      }
      if (await isUsedByOthers(db, def.id, user.id)) {
        throw new AuthError(`exercise "${def.name}" is logged by other users too: only an admin can change it now`, `add your own entry instead: fittrack exercise add "${def.name} (mine)"`);
      }
    }
    if (patch.name !== undefined) {
      const clash = await findDefinitionByName(db, patch.name);
      if (clash && clash.id !== def.id) {
        const visible = await isVisibleTo(db, clash, user.id);
        throw new UsageError(visible ? `--rename: "${patch.name}" is already in the library (as "${clash.name}")` : `--rename: "${patch.name}" is taken in the shared library`, 'choose another name');
      }
    }
    const updated = await updateDefinition(db, def.id, patch);
    if (opts.json) printJson(definitionJson(updated, user.id));
    say(`Updated "${updated.name}"${patch.name !== undefined && patch.name !== def.name ? ` (was "${def.name}")` : ''}: ${Object.keys(patch).map((k) => FIELD_NAMES[k] ?? k).join(', ')}`);
  });
}

/**
 * Deciding what an import does with each parsed record, before anything is written: create it,
 * leave it (already stored, same content), report a conflict (same natural key, other content),
 * or update it (`--update`). Pure: the stored records come in, a plan goes out.
 *
 * Natural keys (one user):
 * - check-in: the date;
 * - workout session: date + title (the exercises are its content);
 * - coaching session: date + title;
 * - meal: date + meal type + meal label + description.
 */
import { EXTRA_FIELDS, LEGACY_KINDS } from './legacy-records.js';
import type { CheckInRecord, CoachingRecord, ExerciseRecord, ExtraField, ExtraValues, LegacyKind, MealRecord, ParseIssue, WorkoutRecord } from './legacy-records.js';
import { legacyTextProblem } from './validation.js';
import { fromKg } from './units.js';
import { plural } from './plural.js';
import { ownText } from './own-text.js';

export type AnyRecord = CheckInRecord | WorkoutRecord | CoachingRecord | MealRecord;
export type Outcome = 'create' | 'unchanged' | 'conflict' | 'update';

export interface PlannedRecord {
  kind: LegacyKind;
  record: AnyRecord;
  key: string;
  outcome: Outcome;
  /** The stored row's id for `unchanged`, `conflict` (with the database) and `update`. */
  existingId?: number;
  /** The stored row's batch, kept by an update. */
  existingBatch?: string | null;
}

export interface ReportIssue extends Omit<ParseIssue, 'severity'> {
  severity: ParseIssue['severity'] | 'conflict';
}

export interface FileSummary {
  file: string;
  kind: LegacyKind;
  /** Table rows or sections read. */
  rows: number;
  created: number;
  unchanged: number;
  updated: number;
  conflicts: number;
  errors: number;
  skipped: number;
  warnings: number;
}

export interface StoredRecord<R> {
  id: number;
  batch: string | null;
  record: R;
}

/** The stored records of one user, by natural key. */
export interface StoredRecords {
  'check-in': Map<string, StoredRecord<CheckInRecord>>;
  workouts: Map<string, StoredRecord<WorkoutRecord>>;
  coaching: Map<string, StoredRecord<CoachingRecord>>;
  meals: Map<string, StoredRecord<MealRecord>>;
}

export interface ParsedFile {
  file: string;
  kind: LegacyKind;
  records: AnyRecord[];
  issues: ParseIssue[];
  rowCount: number;
}

export interface ImportPlan {
  planned: PlannedRecord[];
  issues: ReportIssue[];
  files: FileSummary[];
}

/** The natural key of a record. @example naturalKey('check-in', r) → '2025-03-03' */
export function naturalKey(kind: LegacyKind, record: AnyRecord): string {
  switch (kind) {
    case 'check-in':
      return (record as CheckInRecord).recordedDate;
    case 'workouts': {
      const r = record as WorkoutRecord;
      return `${r.sessionDate}\u0000${r.title}`;
    }
    case 'coaching': {
      const r = record as CoachingRecord;
      return `${r.sessionDate}\u0000${r.title ?? ''}`;
    }
    case 'meals': {
      const r = record as MealRecord;
      return `${r.mealDate}\u0000${r.mealType}\u0000${r.mealLabel ?? ''}\u0000${r.description ?? ''}`;
    }
  }
}

const n = (v: number | null) => (v === null ? null : Math.round(v * 1e6) / 1e6);
/** The extra values in field order, null for "not said" (so a missing map equals an empty one). */
const extras = (fields: readonly ExtraField[], extra: ExtraValues | undefined) =>
  fields.map((f) => {
    const v = extra?.[f.column] ?? null;
    return typeof v === 'number' ? n(v) : v;
  });

/**
 * The Sets x Reps cell as content: only when nothing was read from it (text kept verbatim). A
 * cell that was read is compared by what it says (sets, reps, load…), so `3x8@80kg` typed on
 * the command line and `3 x 8 @ 80 kg` in its markdown export are the same exercise.
 */
function rawContent(e: ExerciseRecord): string | null {
  const read = e.sets !== null || e.reps !== null || e.repsPerSet !== null || e.weightKg !== null || e.durationSeconds !== null || e.distanceKm !== null || (e.perSet?.length ?? 0) > 0;
  return read ? null : e.raw;
}

/** What is compared to tell "unchanged" from "conflict": the content, without provenance. */
export function contentSignature(kind: LegacyKind, record: AnyRecord): string {
  switch (kind) {
    case 'check-in': {
      const r = record as CheckInRecord;
      return JSON.stringify([n(r.weightKg), r.weightUnit, n(r.bodyFatPct), r.lengthUnit, n(r.chestCm), n(r.waistCm), n(r.hipsCm), n(r.neckCm), r.notes, extras(EXTRA_FIELDS.checkIn, r.extra)]);
    }
    case 'workouts': {
      const r = record as WorkoutRecord;
      return JSON.stringify([
        r.sessionType,
        r.programPhase,
        r.notes,
        r.exercises.map((e) => [
          e.exerciseName,
          e.supersetLabel,
          e.sets,
          e.reps,
          e.repsPerSet,
          n(e.weightKg),
          e.weightUnit,
          n(e.durationSeconds),
          n(e.distanceKm),
          e.notes,
          rawContent(e),
          extras(EXTRA_FIELDS.exercise, e.extra),
          (e.perSet ?? []).map((s) => [s.setType, s.reps, n(s.weightKg), s.rpe, n(s.durationSeconds), n(s.distanceKm)]),
        ]),
        extras(EXTRA_FIELDS.session, r.extra),
      ]);
    }
    case 'coaching': {
      const r = record as CoachingRecord;
      return JSON.stringify([r.coachName, r.subject, r.topics, r.rating, r.nextSessionDate, r.notes, r.actionItems.map((a) => [a.text, a.done]), extras(EXTRA_FIELDS.coaching, r.extra)]);
    }
    case 'meals': {
      const r = record as MealRecord;
      return JSON.stringify([r.calories, n(r.proteinG), n(r.carbsG), n(r.fatG), n(r.fiberG), r.satietyBefore, r.satietyAfter, r.notes, extras(EXTRA_FIELDS.meal, r.extra)]);
    }
  }
}

/** Each value of `file`, or `stored`'s where the file does not say (null or missing). */
function fillFrom<T extends object>(stored: T, file: T, keys: ReadonlyArray<keyof T>): T {
  const out = { ...file };
  for (const k of keys) if (out[k] === null || out[k] === undefined) out[k] = stored[k];
  return out;
}

function mergeExtra(stored: ExtraValues | undefined, file: ExtraValues | undefined): ExtraValues | undefined {
  if (!stored) return file;
  const out: ExtraValues = { ...stored };
  for (const [k, v] of Object.entries(file ?? {})) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

/**
 * What a file's record means for a stored one: the file's values, and the stored values where
 * the file's cell is empty (an empty cell says nothing; it never deletes). A workout's exercises
 * are the file's, each filled from the stored exercise at the same place with the same name.
 *
 * @example mergeRecords('check-in', stored, { ...fromFile, notes: null }).notes → stored.notes
 */
export function mergeRecords(kind: LegacyKind, stored: AnyRecord, file: AnyRecord): AnyRecord {
  switch (kind) {
    case 'check-in': {
      const s = stored as CheckInRecord;
      const f = file as CheckInRecord;
      const out = fillFrom(s, f, ['bodyFatPct', 'lengthUnit', 'chestCm', 'waistCm', 'hipsCm', 'neckCm', 'notes']);
      // A weight and the unit it was written in go together.
      if (f.weightKg === null) [out.weightKg, out.weightUnit] = [s.weightKg, s.weightUnit];
      return { ...out, extra: mergeExtra(s.extra, f.extra) };
    }
    case 'workouts': {
      const s = stored as WorkoutRecord;
      const f = file as WorkoutRecord;
      const out = fillFrom(s, f, ['programPhase', 'notes']);
      const exercises = f.exercises.map((e, i): ExerciseRecord => {
        const old = s.exercises[i];
        if (!old || old.exerciseName.toLowerCase() !== e.exerciseName.toLowerCase()) return e;
        const merged = fillFrom(old, e, ['supersetLabel', 'sets', 'reps', 'repsPerSet', 'durationSeconds', 'distanceKm', 'notes', 'raw']);
        if (e.weightKg === null) [merged.weightKg, merged.weightUnit] = [old.weightKg, old.weightUnit];
        return { ...merged, extra: mergeExtra(old.extra, e.extra) };
      });
      return { ...out, exercises: exercises.length ? exercises : s.exercises, extra: mergeExtra(s.extra, f.extra) };
    }
    case 'coaching': {
      const s = stored as CoachingRecord;
      const f = file as CoachingRecord;
      const out = fillFrom(s, f, ['coachName', 'subject', 'rating', 'nextSessionDate', 'notes']);
      return { ...out, topics: f.topics.length ? f.topics : s.topics, actionItems: f.actionItems.length ? f.actionItems : s.actionItems, extra: mergeExtra(s.extra, f.extra) };
    }
    case 'meals': {
      const s = stored as MealRecord;
      const f = file as MealRecord;
      const out = fillFrom(s, f, ['calories', 'proteinG', 'carbsG', 'fatG', 'fiberG', 'satietyBefore', 'satietyAfter', 'notes']);
      return { ...out, extra: mergeExtra(s.extra, f.extra) };
    }
  }
}

const fmt = (v: number | null, digits = 1) => (v === null ? '—' : String(Math.round(v * 10 ** digits) / 10 ** digits));

/** A short description of a record's content for conflict messages. */
export function describeRecord(kind: LegacyKind, record: AnyRecord): string {
  switch (kind) {
    case 'check-in': {
      const r = record as CheckInRecord;
      const w = r.weightKg === null ? '—' : r.weightUnit === 'lb' ? `${fmt(fromKg(r.weightKg, 'lb'))} lb` : `${fmt(r.weightKg)} kg`;
      return `weight ${w}, body fat ${r.bodyFatPct === null ? '—' : `${fmt(r.bodyFatPct)} %`}${r.notes ? `, notes "${clipText(r.notes)}"` : ''}`;
    }
    case 'workouts': {
      const r = record as WorkoutRecord;
      const list = r.exercises.map((e) => `${e.exerciseName}${e.raw ? ` ${e.raw}` : ''}`).join(', ');
      return `${plural(r.exercises.length, 'exercise')}: ${clipText(list, 80)}`;
    }
    case 'coaching': {
      const r = record as CoachingRecord;
      return `coach ${r.coachName ?? '—'}, subject ${r.subject ?? '—'}, ${plural(r.actionItems.length, 'action item')}, notes of ${plural(r.notes?.length ?? 0, 'character')}`;
    }
    case 'meals': {
      const r = record as MealRecord;
      return `calories ${fmt(r.calories, 0)}, protein ${fmt(r.proteinG)} g${r.notes ? `, notes "${clipText(r.notes)}"` : ''}`;
    }
  }
}

function clipText(s: string, max = 40): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function describeKey(kind: LegacyKind, record: AnyRecord): string {
  switch (kind) {
    case 'check-in':
      return `check-in of ${(record as CheckInRecord).recordedDate}`;
    case 'workouts':
      return `workout "${(record as WorkoutRecord).title}" of ${(record as WorkoutRecord).sessionDate}`;
    case 'coaching':
      return `coaching session${(record as CoachingRecord).title ? ` "${(record as CoachingRecord).title}"` : ''} of ${(record as CoachingRecord).sessionDate}`;
    case 'meals':
      return `${(record as MealRecord).mealLabel ?? (record as MealRecord).mealType.replace('_', '-')} "${clipText((record as MealRecord).description ?? '')}" of ${(record as MealRecord).mealDate}`;
  }
}

export interface FilePlan {
  planned: PlannedRecord[];
  issues: ReportIssue[];
  summary: FileSummary;
}

/**
 * A key met earlier in the run: its record while it is among the last `SEEN_WHOLE` of its kind,
 * then only where it was and a hash of its content (`hash`, packed in typed arrays), so a long
 * import's memory of keys stays small.
 */
interface SeenEntry {
  record: AnyRecord | null;
  signature: string | undefined;
  hash?: number;
  line: number;
  file: string;
}

/** Records of a kind the planner keeps whole among the keys it has met (older ones: a hash). */
export const SEEN_WHOLE = 5_000;

/** Where older keys were met and a hash of their content, one slot per key, in growing typed arrays. */
class PackedSeen {
  private lines = new Uint32Array(1024);
  private files = new Uint32Array(1024);
  private hashes = new Float64Array(1024);
  private length = 0;
  private readonly fileNames: string[] = [];
  private readonly fileIndex = new Map<string, number>();

  add(line: number, file: string, hash: number): number {
    if (this.length === this.lines.length) {
      const grow = <T extends Uint32Array | Float64Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.lines = grow(this.lines, (n) => new Uint32Array(n));
      this.files = grow(this.files, (n) => new Uint32Array(n));
      this.hashes = grow(this.hashes, (n) => new Float64Array(n));
    }
    let f = this.fileIndex.get(file);
    if (f === undefined) {
      f = this.fileNames.push(file) - 1;
      this.fileIndex.set(file, f);
    }
    this.lines[this.length] = line;
    this.files[this.length] = f;
    this.hashes[this.length] = hash;
    return this.length++;
  }

  entry(slot: number): SeenEntry {
    return { record: null, signature: undefined, hash: this.hashes[slot]!, line: this.lines[slot]!, file: this.fileNames[this.files[slot]!]! };
  }
}

/**
 * A 53-bit hash of a text (cyrb53, public domain): two different signatures share one with a
 * chance of about 1 in 9·10^15.
 */
function hashText(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A planner for one import run, fed one parsed file (or one chunk of a file) at a time, so a
 * large run never holds all its files at once. It remembers the keys it has met, so a key
 * repeated in a later file is seen too (unless `repeatsAllowed`: then every record gets one
 * plan entry, in order). `stored` is looked up only for the keys of the records planned.
 *
 * @example const planner = createImportPlanner(stored, { update: false }); planner.planFile(parsed).summary.created
 */
export function createImportPlanner(stored: StoredRecords, opts: { update: boolean; repeatsAllowed?: boolean }): { planFile(f: ParsedFile): FilePlan; forget(kind: LegacyKind): void } {
  // The last SEEN_WHOLE keys of each kind with their records (a Map keeps the order they were met in), the older ones packed.
  const whole: Record<LegacyKind, Map<string, SeenEntry>> = { 'check-in': new Map(), workouts: new Map(), coaching: new Map(), meals: new Map() };
  const older: Record<LegacyKind, Map<string, number>> = { 'check-in': new Map(), workouts: new Map(), coaching: new Map(), meals: new Map() };
  // The oldest whole entry of each kind: a live iterator over its map (taking the first entry of a
  // map each time would walk over the ones deleted before it).
  const oldest: Record<LegacyKind, Iterator<[string, SeenEntry]>> = { 'check-in': whole['check-in'].entries(), workouts: whole.workouts.entries(), coaching: whole.coaching.entries(), meals: whole.meals.entries() };
  let packed = new PackedSeen();
  const seenOf = (kind: LegacyKind, key: string): SeenEntry | undefined => {
    const entry = whole[kind].get(key);
    if (entry) return entry;
    const slot = older[kind].get(key);
    return slot === undefined ? undefined : packed.entry(slot);
  };
  const remember = (kind: LegacyKind, key: string, entry: SeenEntry) => {
    whole[kind].set(key, entry);
    if (whole[kind].size <= SEEN_WHOLE) return;
    const [oldKey, old] = oldest[kind].next().value as [string, SeenEntry];
    whole[kind].delete(oldKey);
    older[kind].set(oldKey, packed.add(old.line, old.file, hashText(old.signature ?? contentSignature(kind, old.record!))));
  };
  return {
    /** Lets go of the records met of a kind, once no later file of the run can repeat their keys. */
    forget(kind: LegacyKind): void {
      whole[kind] = new Map();
      oldest[kind] = whole[kind].entries();
      older[kind] = new Map();
      if (LEGACY_KINDS.every((k) => older[k].size === 0)) packed = new PackedSeen();
    },
    planFile(f: ParsedFile): FilePlan {
      const planned: PlannedRecord[] = [];
      const s: FileSummary = { file: f.file, kind: f.kind, rows: f.rowCount, created: 0, unchanged: 0, updated: 0, conflicts: 0, errors: 0, skipped: 0, warnings: 0 };
      const fileIssues: ReportIssue[] = [];
      for (const issue of f.issues) {
        fileIssues.push(issue);
        if (issue.severity === 'error') s.errors++;
        else if (issue.severity === 'skipped') s.skipped++;
        else if (issue.severity === 'warning') s.warnings++;
      }
      for (const record of f.records) {
        const key = naturalKey(f.kind, record);
        // Signatures are only needed when a key is met twice, which a fresh import never does.
        // Kept with the key once met: computed at most once, here or when the key is packed.
        const seen: SeenEntry = { record, signature: undefined, line: record.source.line, file: f.file };
        const signatureOf = () => (seen.signature ??= contentSignature(f.kind, record));
        const line = record.source.line;
        // Counts are in table rows (a workout session is as many rows as it has exercises).
        const rows = 'exercises' in record ? record.exercises.length : 1;
        const tooLong = legacyTextProblem(f.kind, record);
        if (tooLong) {
          s.errors += rows;
          fileIssues.push({ file: f.file, line, severity: 'error', message: tooLong, hint: 'shorten the text in the file' });
          continue;
        }
        // A copy of a database may hold two rows with one key (two identical snacks): both are its rows.
        const earlier = opts.repeatsAllowed ? undefined : seenOf(f.kind, key);
        if (earlier) {
          const same = earlier.record ? (earlier.signature ??= contentSignature(f.kind, earlier.record)) === signatureOf() : earlier.hash === hashText(signatureOf());
          if (same) {
            s.unchanged += rows;
            fileIssues.push({ file: f.file, line, severity: 'warning', message: `the same ${describeKey(f.kind, record)} as ${earlier.file}:${earlier.line}; stored once` });
          } else {
            s.conflicts += rows;
            fileIssues.push({
              file: f.file,
              line,
              severity: 'conflict',
              message: `${describeKey(f.kind, record)} appears twice: ${earlier.file}:${earlier.line} has ${earlier.record ? describeRecord(f.kind, earlier.record) : 'other values'}; this row has ${describeRecord(f.kind, record)}; the first is kept`,
              hint: 'delete or correct one of the two rows',
            });
          }
          continue;
        }
        // The key outlives the record: a copy, not a slice of the file's text.
        remember(f.kind, ownText(key), seen);
        const storedOfKind = stored[f.kind] as Map<string, StoredRecord<AnyRecord>>;
        // Meals imported before labels were kept are stored without one.
        const existing = storedOfKind.get(key) ?? (f.kind === 'meals' && (record as MealRecord).mealLabel ? storedOfKind.get(naturalKey(f.kind, { ...(record as MealRecord), mealLabel: null })) : undefined);
        if (!existing) {
          s.created += rows;
          planned.push({ kind: f.kind, record, key, outcome: 'create' });
        } else if (contentSignature(f.kind, existing.record) === signatureOf()) {
          s.unchanged += rows;
          planned.push({ kind: f.kind, record, key, outcome: 'unchanged', existingId: existing.id });
        } else if (contentSignature(f.kind, existing.record) === contentSignature(f.kind, mergeRecords(f.kind, existing.record, record))) {
          // The file says less than what is stored, and nothing else.
          s.unchanged += rows;
          planned.push({ kind: f.kind, record, key, outcome: 'unchanged', existingId: existing.id });
        } else if (opts.update) {
          s.updated += rows;
          planned.push({ kind: f.kind, record: mergeRecords(f.kind, existing.record, record), key, outcome: 'update', existingId: existing.id, existingBatch: existing.batch });
        } else {
          s.conflicts += rows;
          planned.push({ kind: f.kind, record, key, outcome: 'conflict', existingId: existing.id });
          fileIssues.push({
            file: f.file,
            line,
            severity: 'conflict',
            message: `${describeKey(f.kind, record)} is already stored with ${describeRecord(f.kind, existing.record)}; this row has ${describeRecord(f.kind, record)}`,
            hint: 'run again with --update to take the value in the file, or correct the row',
          });
        }
      }
      return { planned, issues: fileIssues.sort((a, b) => a.line - b.line), summary: s };
    },
  };
}

/**
 * Plans an import of parsed files against what the user already has.
 *
 * @example planImport(files, stored, { update: false }).files[0].created
 */
export function planImport(files: ParsedFile[], stored: StoredRecords, opts: { update: boolean }): ImportPlan {
  const planner = createImportPlanner(stored, opts);
  const plan: ImportPlan = { planned: [], issues: [], files: [] };
  for (const f of files) {
    const p = planner.planFile(f);
    for (const x of p.planned) plan.planned.push(x);
    for (const i of p.issues) plan.issues.push(i);
    plan.files.push(p.summary);
  }
  return plan;
}

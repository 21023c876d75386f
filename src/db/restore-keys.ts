/**
 * When a restored record is "already present": records are compared by their canonical text (the
 * record as the export writes it), counted as a multiset so that two identical records in the
 * document match two stored ones, not one.
 */
import { ADDED_IN_V2, type RecordKind } from '../domain/export-document.js';

type Row = Record<string, unknown>;

/** A multiset of canonical record texts. */
export class Bag {
  private m = new Map<string, number>();
  add(key: string): void {
    this.m.set(key, (this.m.get(key) ?? 0) + 1);
  }
  /** Takes one copy out; false when there was none. */
  take(key: string): boolean {
    const n = this.m.get(key) ?? 0;
    if (n === 0) return false;
    this.m.set(key, n - 1);
    return true;
  }
}

/**
 * The text a record is compared by. A version 1 document does not say the fields version 2
 * added, so for it they are left out of the comparison on both sides.
 */
export function keyOf(kind: RecordKind, rec: object, version: number): string {
  return JSON.stringify(version >= 2 ? rec : withoutV2Fields(kind, rec as Row));
}

function withoutV2Fields(kind: RecordKind, rec: Row): Row {
  const out: Row = { ...rec };
  for (const f of ADDED_IN_V2[kind] ?? []) delete out[f];
  if (Array.isArray(out.exercises)) out.exercises = (out.exercises as Row[]).map((x) => withoutV2Fields('exercises', x));
  if (Array.isArray(out.action_items)) out.action_items = (out.action_items as Row[]).map((x) => withoutV2Fields('action_items', x));
  return out;
}


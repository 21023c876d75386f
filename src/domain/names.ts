/**
 * The one rule by which names are matched (exercise names, usernames, meal types and other
 * choices): Unicode-aware, so `Жим лёжа` = `жим лёжа`, `SENTADILLA BÚLGARA` =
 * `sentadilla búlgara` and `STRASSE` = `straße`.
 *
 * The folded form is: surrounding blanks removed and inner runs of blanks made one space;
 * NFKC (compatibility forms made plain: `ﬁ` → `fi`, full-width letters → ASCII, composed
 * accents); then full case folding, done as upper-casing followed by lower-casing (so `ß`,
 * `ẞ` and `SS` all fold to `ss`, and final `ς` to `σ`); then NFKC again (case changes can
 * leave decomposed sequences). It does not depend on the locale, so every machine and both
 * database engines store the same folded names.
 */

/**
 * The folded form of a name, the key every name lookup compares.
 *
 * @example foldName('  Жим  Лёжа ') → 'жим лёжа'
 * @example foldName('Straße') → 'strasse'
 */
export function foldName(name: string): string {
  return name.trim().replace(/\s+/gu, ' ').normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

/** True when two names are the same name under {@link foldName}. @example sameName('ÉTIRER', 'étirer') → true */
export function sameName(a: string, b: string): boolean {
  return foldName(a) === foldName(b);
}

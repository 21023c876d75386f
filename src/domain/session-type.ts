/**
 * Workout session types and how they are guessed from a workout's name.
 */
export const SESSION_TYPES = ['strength', 'cardio', 'flexibility', 'martial_arts', 'sports', 'recovery', 'mixed'] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

/** The kinds of training a name can point to by its words (strength is what is left). */
export type NamedKind = 'martial_arts' | 'flexibility' | 'recovery' | 'cardio' | 'sports';

/**
 * The one keyword table: words in a workout title or an exercise name that say what kind of
 * training it is, checked in order (the first that matches wins). Session types and the
 * categories of new exercises are both read from it.
 */
export const KIND_KEYWORDS: ReadonlyArray<readonly [NamedKind, RegExp]> = [
  // Recovery first: "foam rolling" is not rolling on the mat.
  ['recovery', /\b(recovery|rest day|foam roll\w*|sauna|massage|deload)\b/i],
  ['martial_arts', /\b(kata|kumite|sparring|spar|heavy bag|bag work|shadow ?box\w*|pad work|karate|bjj|jiu[- ]?jitsu|judo|boxing|kickboxing|muay thai|mma|taekwondo|kung fu|wrestling|grappling|rolling|kicks?|punch\w*|martial[ _]arts?)\b/i],
  ['flexibility', /\b(tai ?chi|qigong|mobility|yoga|stretch\w*|pilates|flexibility|splits?|hip opener\w*|cossack\w*)\b/i],
  ['cardio', /\b(walk|walking|run|running|jog\w*|treadmill|bike|biking|cycl\w*|spin\w*|row(ing)? machine|rowing|rower|erg|elliptical|swim\w*|hike|hiking|stair\w*|jump rope|skipping|cardio|hiit|sprint\w*)\b/i],
  ['sports', /\b(soccer|football|basketball|tennis|squash|badminton|volleyball|golf|climbing|bouldering|hockey|rugby|cricket|padel)\b/i],
];

/**
 * Strength movements whose names contain a word of another kind (`Walking Lunge`, `Farmer's
 * Walk`, `Split Squat`, `Flutter Kicks`): they are strength whatever that word says.
 */
export const STRENGTH_MOVES = /\b(lunges?|squats?|press\w*|curls?|deadlifts?|raises?|pull\w*|push\w*|dips?|planks?|bridges?|carry|carries|rows?|extensions?|fly|flyes|farmer'?s?|step[- ]?ups?|flutter kicks?)\b/i;

/**
 * The kind of training a name's words point to, or null for strength (no kind word, or a
 * strength movement named with one).
 *
 * @example namedKind('Walking Lunge') → null
 * @example namedKind('Evening Walk') → 'cardio'
 */
export function namedKind(name: string): NamedKind | null {
  if (STRENGTH_MOVES.test(name)) return null;
  for (const [kind, re] of KIND_KEYWORDS) if (re.test(name)) return kind;
  return null;
}

/** True when the text is itself a session type (files from the previous tool's export). @example asSessionType('Martial Arts') → 'martial_arts' */
export function asSessionType(text: string): SessionType | null {
  const t = text.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return (SESSION_TYPES as readonly string[]).includes(t) ? (t as SessionType) : null;
}

/**
 * Guesses a session type from a workout or exercise name (see `namedKind`); strength when nothing
 * hints otherwise.
 *
 * @example inferSessionType('Evening Walk') → 'cardio'
 * @example inferSessionType('Walking Lunge') → 'strength'
 */
export function inferSessionType(name: string): SessionType {
  return asSessionType(name) ?? namedKind(name) ?? 'strength';
}

/**
 * The type of a session from the types of its parts: the common type, or mixed when they disagree.
 *
 * @example combineSessionTypes(['strength', 'cardio']) → 'mixed'
 */
export function combineSessionTypes(types: SessionType[]): SessionType {
  const set = new Set(types);
  if (set.size === 0) return 'strength';
  if (set.size === 1) return types[0]!;
  return 'mixed';
}

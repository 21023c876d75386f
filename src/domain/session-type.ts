/**
 * Workout session types and how they are guessed from a workout's name.
 */
export const SESSION_TYPES = ['strength', 'cardio', 'flexibility', 'martial_arts', 'sports', 'recovery', 'mixed'] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

const HINTS: Array<[SessionType, RegExp]> = [
  ['cardio', /\b(walk|walking|run|running|jog|jogging|treadmill|bike|biking|cycl\w*|spin|row(ing)? machine|erg|elliptical|swim\w*|hike|hiking|stair\w*|cardio|hiit|sprint\w*|rower)\b/i],
  ['flexibility', /\b(tai ?chi|mobility|yoga|stretch\w*|pilates|flexibility|qigong)\b/i],
  ['martial_arts', /\b(karate|bjj|jiu[- ]?jitsu|judo|boxing|kickboxing|muay thai|mma|taekwondo|kung fu|wrestling|sparring|martial[ _]arts?)\b/i],
  ['recovery', /\b(recovery|rest day|foam roll\w*|sauna|massage|deload)\b/i],
  ['sports', /\b(soccer|football|basketball|tennis|squash|badminton|volleyball|golf|climbing|bouldering|hockey|rugby|cricket|padel)\b/i],
];

/** True when the text is itself a session type (files from the previous tool's export). @example asSessionType('Martial Arts') → 'martial_arts' */
export function asSessionType(text: string): SessionType | null {
  const t = text.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return (SESSION_TYPES as readonly string[]).includes(t) ? (t as SessionType) : null;
}

/**
 * Guesses a session type from a workout or exercise name; strength when nothing hints otherwise.
 *
 * @example inferSessionType('Evening Walk') → 'cardio'
 */
export function inferSessionType(name: string): SessionType {
  const exact = asSessionType(name);
  if (exact) return exact;
  for (const [type, re] of HINTS) if (re.test(name)) return type;
  return 'strength';
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

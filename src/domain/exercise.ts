/**
 * The shared exercise library: categories, difficulties, and the category guessed from a name
 * when an exercise is first logged.
 */
import { combineSessionTypes, inferSessionType, namedKind, type SessionType } from './session-type.js';

export const EXERCISE_CATEGORIES = ['compound', 'isolation', 'cardio', 'flexibility', 'core', 'plyometric', 'martial_arts'] as const;
export type ExerciseCategory = (typeof EXERCISE_CATEGORIES)[number];

export const DIFFICULTIES = ['beginner', 'intermediate', 'advanced', 'expert'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** An entry of the exercise library (shared by every user). */
export interface ExerciseDefinition {
  id: number;
  name: string;
  category: ExerciseCategory | null;
  muscleGroups: string[] | null;
  equipment: string[] | null;
  difficulty: Difficulty | null;
  description: string | null;
  instructions: string | null;
  tips: string | null;
  videoUrl: string | null;
  imageUrl: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

// The strength categories, checked in order after the kinds of the one keyword table
// (session-type.ts): "hanging leg raise" is core before "raise" is isolation.
const CATEGORY_HINTS: Array<[ExerciseCategory, RegExp]> = [
  ['plyometric', /\b(box jumps?|jump squats?|broad jumps?|tuck jumps?|burpees?|plyo\w*|bounds?|bounding|skater\w*|clap push[- ]?ups?|depth jumps?|jumps?)\b/i],
  ['core', /\b(plank\w*|crunch\w*|sit[- ]?ups?|leg raises?|knee raises?|russian twists?|dead ?bugs?|hollow\w*|pallof|ab wheel|rollouts?|bird ?dogs?|v[- ]?ups?|l[- ]?sits?|side bends?|woodchop\w*|flutter kicks?|mountain climbers?|abs?)\b/i],
  ['isolation', /\b(curls?|extensions?|raises?|fly|flyes?|flies|kickbacks?|shrugs?|pec deck|pullovers?|face pulls?|adduct\w*|abduct\w*|calf)\b/i],
  ['compound', /\b(squats?|deadlifts?|rdl|bench|press\w*|rows?|pull[- ]?ups?|chin[- ]?ups?|dips?|lunges?|clean\w*|snatch\w*|jerk|thrusters?|push[- ]?ups?|hip thrusts?|step[- ]?ups?|pulldowns?|swings?|carry|carries|farmer\w*|good mornings?|split squats?|muscle[- ]?ups?)\b/i],
];

/**
 * Guesses an exercise's category from its name, or null when nothing hints at one: the kind the
 * one keyword table names (recovery work such as foam rolling files under flexibility), else a
 * strength category.
 *
 * @example guessExerciseCategory('Barbell Bench Press') → 'compound'
 * @example guessExerciseCategory('Hanging Leg Raise') → 'core'
 */
export function guessExerciseCategory(name: string): ExerciseCategory | null {
  const kind = namedKind(name.trim());
  if (kind === 'martial_arts' || kind === 'flexibility' || kind === 'cardio') return kind;
  if (kind === 'recovery') return 'flexibility';
  if (kind === 'sports') return null;
  for (const [category, re] of CATEGORY_HINTS) if (re.test(name.trim())) return category;
  return null;
}

/**
 * The session type an exercise points to: its category where that says it, else what the name
 * hints (a distance without sets is cardio), else strength.
 *
 * @example exerciseSessionType('Run', 'cardio') → 'cardio'
 */
export function exerciseSessionType(name: string, category: ExerciseCategory | null, opts: { distanceKm?: number | null; sets?: number | null } = {}): SessionType {
  if (category === 'cardio' || category === 'flexibility' || category === 'martial_arts') return category;
  // A distance without sets is covered ground (`Row 2000m 7:45`), whatever the name.
  if (opts.distanceKm != null && opts.sets == null) return 'cardio';
  return inferSessionType(name);
}

/**
 * The type of a new session: what the title says when it names a kind of training other than
 * strength, else what its exercises agree on (mixed when they disagree).
 *
 * @example decideSessionType('Full body', [bench, run]) → 'mixed'
 */
export function decideSessionType(title: string, exercises: Array<{ name: string; category: ExerciseCategory | null; distanceKm: number | null; sets: number | null }>): SessionType {
  const fromTitle = inferSessionType(title);
  if (fromTitle !== 'strength' || exercises.length === 0) return fromTitle;
  return combineSessionTypes(exercises.map((e) => exerciseSessionType(e.name, e.category, { distanceKm: e.distanceKm, sets: e.sets })));
}

/** Reads a category as typed (`Martial Arts`, `martial-arts`) or returns null. @example asExerciseCategory('Martial Arts') → 'martial_arts' */
export function asExerciseCategory(text: string): ExerciseCategory | null {
  const t = text.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return (EXERCISE_CATEGORIES as readonly string[]).includes(t) ? (t as ExerciseCategory) : null;
}

/** Reads a difficulty as typed or returns null. @example asDifficulty('Advanced') → 'advanced' */
export function asDifficulty(text: string): Difficulty | null {
  const t = text.trim().toLowerCase();
  return (DIFFICULTIES as readonly string[]).includes(t) ? (t as Difficulty) : null;
}

/** Splits a comma-separated list, trimming and dropping blanks. @example splitList('chest, triceps,') → ['chest', 'triceps'] */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

#!/usr/bin/env node
/**
 * Writes seeded legacy markdown logs with the variations real files have, for benchmarks and
 * fault tests. Plain JavaScript, no build needed.
 *
 *   node bench/generate-legacy.mjs --checkins 100000 --exercises 100000 --out DIR --seed 1
 *     [--meals N] [--coaching N] [--crlf] [--bad N] [--note-chars N] [--sessions-per-day N]
 *
 * --bad N puts N rows with errors (impossible dates, out-of-range weights) into the check-in log.
 * Every other row imports cleanly; dates never repeat within a log, so a clean file imports
 * with no conflicts. --note-chars N pads every check-in note to about N characters, to make
 * large files (50 MB) without more rows than there are dates. --sessions-per-day N writes N
 * sessions a day (titled `Full Body 2` and so on) into the exercise log, for more rows than
 * there are days from 1900 to 2200.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function parseArgs(argv) {
  const opts = { checkins: 1000, exercises: 1000, meals: 0, coaching: 0, out: 'legacy-out', seed: 1, crlf: false, bad: 0, noteChars: 0, sessionsPerDay: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--checkins') opts.checkins = Number(next());
    else if (a === '--exercises') opts.exercises = Number(next());
    else if (a === '--meals') opts.meals = Number(next());
    else if (a === '--coaching') opts.coaching = Number(next());
    else if (a === '--out') opts.out = next();
    else if (a === '--seed') opts.seed = Number(next());
    else if (a === '--bad') opts.bad = Number(next());
    else if (a === '--crlf') opts.crlf = true;
    else if (a === '--note-chars') opts.noteChars = Number(next());
    else if (a === '--sessions-per-day') opts.sessionsPerDay = Number(next());
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: node bench/generate-legacy.mjs --checkins N --exercises N [--meals N] [--coaching N] --out DIR [--seed S] [--crlf] [--bad N] [--note-chars N] [--sessions-per-day N]\n');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

/** mulberry32: a small seeded generator, so the same seed gives the same files. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n) => String(n).padStart(2, '0');

/** The date `days` after 1900-01-01, in one of the forms the logs use. */
function dateText(days, r) {
  const d = new Date(Date.UTC(1900, 0, 1 + days));
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  const p = r();
  if (p < 0.9) return `${y}-${pad(m)}-${pad(day)}`;
  if (p < 0.94) return `${y}-${m}-${day}`;
  if (p < 0.97) return `${pad(m)}/${pad(day)}/${y}`;
  if (p < 0.99) return `${MONTHS[m - 1]} ${day}, ${y}`;
  return `**${y}-${pad(m)}-${pad(day)}**`;
}

function pick(r, list) {
  return list[Math.floor(r() * list.length)];
}

const FILLER = 'slept well, walked the dog, drank water, no snacks after dinner, ';

function padNote(note, chars) {
  if (chars <= 0) return note;
  return (note + ' ' + FILLER.repeat(Math.ceil(chars / FILLER.length))).slice(0, chars).trim();
}

function checkInLog(n, r, bad, noteChars) {
  const out = ['# Check-in Log', '', 'Weigh-ins first thing in the morning.', ''];
  const header = ['| Date | Weight (lbs) | Body Fat % | Waist (inches) | Chest (inches) | Notes |', '| :--------- | :----------- | :--------- | :------------- | :------------- | :------------------ |'];
  out.push(...header);
  const badEvery = bad > 0 ? Math.max(1, Math.floor(n / bad)) : 0;
  let badLeft = bad;
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % 40000 === 0) out.push('', `## Year ${Math.floor(i / 365) + 1900}`, '', ...header);
    const date = dateText(i, r);
    let w = (180 + r() * 80).toFixed(1);
    const p = r();
    if (p < 0.05) w = `~${w}`;
    else if (p < 0.08) w = `${w} lbs`;
    else if (p < 0.1) w = `**${w}**`;
    else if (p < 0.12) w = `${(Number(w) * 0.45359237).toFixed(1)} kg`;
    else if (p < 0.14) w = pick(r, ['None', 'N/A', '-', '']);
    let bf = (20 + r() * 15).toFixed(1);
    const q = r();
    if (q < 0.3) bf = pick(r, ['None', 'N/A', 'n/a', '—', '?', 'TBD', '']);
    else if (q < 0.4) bf = `${bf}%`;
    const note = padNote(pick(r, ['', '', '', 'after coffee', 'salty dinner', 'travel day ✈️', 'new scale \\| recalibrated', '“felt light”']), noteChars);
    if (badLeft > 0 && badEvery > 0 && i % badEvery === badEvery - 1) {
      badLeft--;
      out.push(r() < 0.5 ? `| 2025-02-30 | ${w} | ${bf} | | | impossible date |` : `| ${date} | 2400 | ${bf} | | | typo |`);
      continue;
    }
    if (r() < 0.5) out.push(`| ${date} | ${w} | ${bf} | ${note} |`);
    else out.push(`| ${date} | ${w} | ${bf} | ${(38 + r() * 8).toFixed(2)} | ${(42 + r() * 6).toFixed(1)} | ${note} |`);
  }
  return out;
}

const STRENGTH = [
  ['Goblet Squat', ['3 x 12', '3x10', '3 sets of 10', '4 x 8 @ 35 lbs']],
  ['Bench Press', ['5x5@100kg', '3x8 @ 135', '3x8 @ 135 lbs', '12/10/8']],
  ['A: Pull-up Progression', ['3xAMRAP', '3 x 5', 'to failure']],
  ['B1) Dips', ['4 x 6 (bodyweight)', '3 sets: 12, 10, 8 reps', '5,5,5,3']],
  ['Plank', ['3 sets, hold for 30 seconds', '3 x 30s', '3 × 45s']],
  ['Glute Bridge', ['3 sets of 20 reps', '3X15', 'AMRAP']],
];
const CARDIO = [
  ['Walking', ['45 minutes', '45 min', '1h30', '2 hours']],
  ['Rowing', ['Row 2000m 7:45', '2000m', '5km']],
  ['Run', ['5km', '4.2km', '3 mi']],
];

function exerciseLog(n, r, perDay = 1) {
  const out = ['# Exercise Log', '', 'One row per exercise.', '', '| Date | Phase | Workout | Exercise | Sets x Reps | Notes |', '| :--- | :---- | :------ | :------- | :---------- | :---- |'];
  let day = 0;
  let written = 0;
  while (written < n) {
    const today = day++;
    // Several sessions a day have titles of their own (`Full Body 2`), so each is a session.
    for (let s = 0; s < perDay && written < n; s++) {
      const date = dateText(today, r);
      const phase = `Phase ${1 + (Math.floor(day / 90) % 4)}`;
      const cardio = r() < 0.3;
      const workout = (cardio ? pick(r, ['Evening Walk', 'Treadmill', 'cardio']) : pick(r, ['Lower Body A', 'Upper Body A', 'Full Body', 'strength'])) + (perDay > 1 ? ` ${s + 1}` : '');
      const size = cardio ? 1 : 3 + Math.floor(r() * 4);
      const pool = cardio ? CARDIO : STRENGTH;
      for (let k = 0; k < size && written < n; k++) {
        const [name, forms] = pool[k % pool.length];
        const sr = r() < 0.03 ? pick(r, ['N/A', '', 'pyramid to a heavy single']) : pick(r, forms);
        const note = pick(r, ['', '', 'Completed', '35 lb kettlebell', '2.5 mph, incline setting 2', '5 resistance bands', 'felt strong 💪']);
        out.push(`| ${date} | ${phase} | ${workout} | ${name} | ${sr} | ${note} |`);
        written++;
      }
    }
  }
  return out;
}

function mealLog(n, r) {
  const out = ['# Meal Log', '', '| Date | Meal | Food/Drink | Calories (est.) | Notes |', '| :--- | :--- | :--------- | :-------------- | :---- |'];
  const meals = ['Breakfast', 'Lunch', 'Afternoon Snack', 'Dinner', 'Pre Workout', 'Post-workout', 'Evening Snack'];
  let day = 0;
  let written = 0;
  while (written < n) {
    const date = dateText(day++, r);
    let total = 0;
    for (const meal of meals) {
      if (written >= n) break;
      const cal = 100 + Math.floor(r() * 700);
      total += cal;
      const calText = pick(r, [`~${cal}`, `${cal}`, `${cal} kcal`]);
      const note = pick(r, ['', `Satiety (Pre: ${1 + Math.floor(r() * 5)}, Post: ${5 + Math.floor(r() * 5)}), Approx ${10 + Math.floor(r() * 60)}g protein`, 'Energy/Mood: 8/10']);
      out.push(`| ${date} | ${meal} | food ${written} | ${calText} | ${note} |`);
      written++;
    }
    out.push(`| **${date}** | | **DAILY TOTAL** | **~${total}** | |`);
  }
  return out;
}

function coachingLog(n, r) {
  const out = ['# Coaching Sessions', ''];
  for (let i = 0; i < n; i++) {
    const date = dateText(i * 7, r);
    const heading = pick(r, [`## ${date}: Week ${i + 1} Review`, `## ${date} - Check-in ${i + 1}`, `## Session ${i + 1} — ${date}`]);
    out.push(heading, '', '**Trainer:** Coach Dana', '', `**Subject:** Review ${i + 1}`, '', `**Rating:** ${1 + Math.floor(r() * 10)}/10`, '', 'Weight is moving on plan.', '', '### Training', 'Keep the tempo.', '', '**Orders:**', '* **Protein first:** 180 g a day.', '- [x] Walk after dinner', '- [ ] Log every meal', '', '---', '');
  }
  return out;
}

const opts = parseArgs(process.argv.slice(2));
const r = rng(opts.seed);
mkdirSync(opts.out, { recursive: true });
const eol = opts.crlf ? '\r\n' : '\n';
const write = (name, lines) => writeFileSync(path.join(opts.out, name), lines.join(eol) + eol);
if (opts.checkins > 0) write('check-in-log.md', checkInLog(opts.checkins, r, opts.bad, opts.noteChars));
if (opts.exercises > 0) write('exercise-log.md', exerciseLog(opts.exercises, r, opts.sessionsPerDay));
if (opts.meals > 0) write('meal-log.md', mealLog(opts.meals, r));
if (opts.coaching > 0) write('Coaching_sessions.md', coachingLog(opts.coaching, r));
process.stderr.write(`wrote legacy logs to ${opts.out} (seed ${opts.seed})\n`);

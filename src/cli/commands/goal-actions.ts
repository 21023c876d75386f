/**
 * `fittrack goal add | list | show | update | pause | resume | abandon | complete`.
 */
import { goalRepo, type GoalRepo } from '../../db/goal-repo.js';
import { parseDateInput, today } from '../../domain/dates.js';
import {
  GOAL_STATUSES,
  GOAL_TYPES,
  assessGoal,
  currentGoalValue,
  goalMetricOf,
  goalProgressPct,
  goalReached,
  inferGoalType,
  metricColumnOf,
  type GoalRecord,
  type GoalStatus,
  type GoalType,
} from '../../domain/goal.js';
import { parseLengthInput, parsePlainNumber, parseWeightInput } from '../../domain/quantity-input.js';
import { checkQuantity, checkRange, checkText, parseChoice, parseIdInput, RULES } from '../../domain/validation.js';
import { DECIMALS, round, type UnitSystem } from '../../domain/units.js';
import { NotFoundError, UsageError } from '../../errors.js';
import type { GlobalOptions } from '../context.js';
import { withUser } from '../context.js';
import { nowIso } from '../../clock.js';
import { formatGoalValue, formatNumber } from '../render/format.js';
import { printJson, printLine, say } from '../render/output.js';

export interface GoalAddOptions {
  metric?: string;
  target?: string;
  by?: string;
  type?: string;
  start?: string;
  note?: string;
  json?: boolean;
}

/** Reads a goal value typed for `field` for the goal's metric, into canonical units. */
function parseGoalValue(field: string, text: string, metric: string | null, units: UnitSystem): { value: number; unit: string | null } {
  const m = goalMetricOf(metric);
  if (m.kind === 'health' && m.column === 'weight_kg') return { value: checkQuantity(field, parseWeightInput(text, { units, field }), RULES.weightKg).value, unit: 'kg' };
  if (m.kind === 'health' && m.column === 'body_fat_pct') return { value: checkRange(field, parsePlainNumber(field, text.replace(/\s*%$/, '')), RULES.bodyFatPct), unit: '%' };
  if (m.kind === 'health') return { value: checkQuantity(field, parseLengthInput(text, { units, field }), RULES.circumferenceCm).value, unit: 'cm' };
  if (m.kind === 'e1rm') return { value: checkQuantity(field, parseWeightInput(text, { units, field }), RULES.liftWeightKg).value, unit: 'kg' };
  const c = /^\s*([+-]?(?:\d+(?:\.\d+)?|\.\d+))\s*(.*?)\s*$/.exec(text);
  if (!c) throw new UsageError(`${field}: "${text}" is not a number`, `give a number, optionally with a unit: ${field} "12 books"`);
  const unit = c[2] ? checkText(`${field} unit`, c[2], { maxLength: 'unit' }) : null;
  return { value: Number(c[1]), unit };
}

function parseId(text: string): number {
  return parseIdInput('<id>', text, { what: 'a goal number', fix: 'see the numbers with: fittrack goal list' });
}

async function getGoal(goals: GoalRepo, idText: string): Promise<GoalRecord> {
  const id = parseId(idText);
  const g = await goals.get(id);
  if (!g) throw new NotFoundError(`goal #${id} not found`, 'see your goals with: fittrack goal list');
  return g;
}

/** Updates a goal that was just read; it can only be gone if deleted meanwhile. */
async function mustUpdate(goals: GoalRepo, id: number, patch: Parameters<GoalRepo['update']>[1]): Promise<GoalRecord> {
  const g = await goals.update(id, patch);
  if (!g) throw new NotFoundError(`goal #${id} not found`, 'see your goals with: fittrack goal list');
  return g;
}

/** A goal with its live numbers: current value from the data, progress and projected date. */
export interface GoalView extends GoalRecord {
  progress_pct: number | null;
  projected_date: string | null;
}

/** Reads the values of a goal's metric and assesses the goal on them (see `assessGoal`). */
export async function viewGoal(goals: GoalRepo, g: GoalRecord, now: string = today()): Promise<GoalView> {
  const a = assessGoal(g, g.metric ? await goals.series(g.metric) : [], now);
  return { ...g, start_value: a.start_value, current_value: a.current_value, progress_pct: a.progress_pct, projected_date: a.projected_date };
}

/** Runs `fittrack goal add`. */
export async function runGoalAdd(globals: GlobalOptions, titleText: string, opts: GoalAddOptions): Promise<void> {
  const title = checkText('<title>', titleText, { maxLength: 'title' });
  const metricText = opts.metric ?? '';
  const column = metricColumnOf(metricText);
  if (!column) throw new UsageError(`--metric: "${metricText}" is not a goal metric`, 'give one of: weight, body_fat, waist, e1rm:<exercise>, custom');
  const metric = column === 'custom' ? null : column;
  if (metric && metric.length > 200) throw new UsageError('--metric: the exercise name is too long (allowed up to 195 characters)', 'shorten the exercise name');
  const goalType: GoalType | undefined = opts.type === undefined ? undefined : parseChoice('--type', opts.type, GOAL_TYPES);
  const startDate = today();
  const targetDate = opts.by === undefined ? null : await parseDateInput(opts.by, { field: '--by', allowFuture: true });
  if (targetDate !== null && targetDate < startDate) throw new UsageError(`--by: ${targetDate} is in the past`, 'give a target date from today on');
  const note = opts.note === undefined ? null : checkText('--note', opts.note, { maxLength: 'note' });

  await withUser(globals, async ({ db, user }) => {
    const units = user.preferred_units;
    const target = parseGoalValue('--target', opts.target ?? '', metric, units);
    let start: number | null = opts.start === undefined ? null : parseGoalValue('--start', opts.start, metric, units).value;
    const goals = goalRepo(db, user.id);
    const latest = metric ? currentGoalValue(metric, await goals.series(metric)) : undefined;
    // Where the goal starts from is derived (the weight trend, the best e1RM): kept at its stated precision.
    const measured = latest === undefined ? null : round(latest.value, DECIMALS.goalValue);
    if (start === null) start = metric ? measured : 0;
    const current = metric ? measured : start;
    if (start !== null && start === target.value && goalType === undefined && metric) {
      throw new UsageError(`--target: ${formatGoalValue(target.value, { metric, unit: target.unit }, units)} is where you are already`, 'give a different target, or --start');
    }
    const g = await goals.create({
      title,
      goal_type: goalType ?? inferGoalType(metric, start, target.value),
      metric,
      start_value: start,
      target_value: target.value,
      current_value: current,
      unit: target.unit,
      start_date: startDate,
      target_date: targetDate,
      notes: note,
    });
    if (opts.json) {
      printJson(g);
      return;
    }
    const from = start === null ? '' : ` from ${formatGoalValue(start, g, units)}`;
    say(`Added goal #${g.id} "${g.title}" (${g.goal_type.replace('_', ' ')}): ${formatGoalValue(g.target_value, g, units)}${from}${g.target_date ? ` by ${g.target_date}` : ''}`);
  });
}

/** Runs `fittrack goal list`. */
export async function runGoalList(globals: GlobalOptions, opts: { status?: string; json?: boolean }): Promise<void> {
  const status: GoalStatus | undefined = opts.status === undefined ? undefined : parseChoice('--status', opts.status, GOAL_STATUSES);
  await withUser(
    globals,
    async ({ db, user }) => {
      const goals = goalRepo(db, user.id);
      const views: GoalView[] = [];
      for (const g of await goals.list(status ? [status] : undefined)) views.push(await viewGoal(goals, g));
      if (opts.json) {
        printJson(views);
        return;
      }
      if (views.length === 0) {
        say(status ? `No ${status} goals.` : 'No goals yet — add one with: fittrack goal add "Get to 75 kg" --metric weight --target 75kg');
        return;
      }
      const { renderTable } = await import('../render/table.js');
      const units = user.preferred_units;
      const rows = views.map((v) => [
        `#${v.id}`,
        v.title.length > 40 ? `${v.title.slice(0, 39)}…` : v.title,
        v.status,
        formatGoalValue(v.start_value, v, units),
        formatGoalValue(v.current_value, v, units),
        formatGoalValue(v.target_value, v, units),
        v.progress_pct === null ? null : `${formatNumber(v.progress_pct, 0)} %`,
        v.target_date,
        v.status === 'completed' ? (v.completed_at?.slice(0, 10) ?? null) : v.projected_date,
      ]);
      printLine(renderTable(['ID', 'Goal', 'Status', 'Start', 'Now', 'Target', 'Progress', 'By', 'Projected / done'], rows, { align: ['right', 'left', 'left', 'right', 'right', 'right', 'right', 'left', 'left'] }));
    },
    { access: 'read' },
  );
}

/** Runs `fittrack goal show <id>`. */
export async function runGoalShow(globals: GlobalOptions, idText: string, opts: { json?: boolean }): Promise<void> {
  parseId(idText);
  await withUser(
    globals,
    async ({ db, user }) => {
      const goals = goalRepo(db, user.id);
      const v = await viewGoal(goals, await getGoal(goals, idText));
      if (opts.json) {
        printJson(v);
        return;
      }
      const units = user.preferred_units;
      const m = goalMetricOf(v.metric);
      const rows: Array<[string, string | null]> = [
        ['Type', v.goal_type.replace('_', ' ')],
        ['Measures', m.kind === 'health' ? m.column.replace(/_(kg|pct|cm)$/, '').replace('_', ' ') : m.kind === 'e1rm' ? `estimated 1RM of ${m.exercise}` : 'custom (goal update)'],
        ['Status', v.status],
        ['Start', `${formatGoalValue(v.start_value, v, units) ?? '—'} on ${v.start_date}`],
        ['Now', formatGoalValue(v.current_value, v, units)],
        ['Target', `${formatGoalValue(v.target_value, v, units) ?? '—'}${v.target_date ? ` by ${v.target_date}` : ''}`],
        ['Progress', v.progress_pct === null ? null : `${formatNumber(v.progress_pct, 1)} %`],
      ];
      if (v.status === 'active' && m.kind !== 'custom') rows.push(['Projected', v.projected_date ?? 'not on track at the recent pace']);
      if (v.completed_at) rows.push(['Completed', v.completed_at]);
      if (v.notes) rows.push(['Notes', v.notes]);
      const { renderTable } = await import('../render/table.js');
      printLine(renderTable([`Goal #${v.id}`, v.title], rows));
    },
    { access: 'read' },
  );
}

/** Runs `fittrack goal update <id> <value>` (custom goals). */
export async function runGoalUpdate(globals: GlobalOptions, idText: string, valueText: string, opts: { json?: boolean }): Promise<void> {
  parseId(idText);
  await withUser(globals, async ({ db, user }) => {
    const goals = goalRepo(db, user.id);
    const g = await getGoal(goals, idText);
    if (g.metric !== null) {
      throw new UsageError(`goal #${g.id} follows your logged data (${g.metric}); its value cannot be set by hand`, g.metric.startsWith('e1rm:') ? 'log a workout: fittrack log-workout' : 'log a weigh-in: fittrack log-weight');
    }
    if (g.status !== 'active') throw new UsageError(`goal #${g.id} is ${g.status}; only an active goal can be updated`, `resume it first: fittrack goal resume ${g.id}`);
    const { value } = parseGoalValue('<value>', valueText, null, user.preferred_units);
    const reached = goalReached(g, value);
    const stored = await mustUpdate(goals, g.id, reached ? { current_value: value, status: 'completed', completed_at: nowIso() } : { current_value: value });
    if (opts.json) {
      printJson(stored);
      return;
    }
    const pct = goalProgressPct(stored.start_value, stored.target_value, value);
    say(`Goal #${g.id} "${g.title}": now ${formatGoalValue(value, g, user.preferred_units)}${pct === null ? '' : ` (${formatNumber(pct, 0)} %)`}`);
    if (reached) say(`Goal #${g.id} "${g.title}" reached — marked complete`);
  });
}

const TRANSITIONS: Record<'pause' | 'resume' | 'abandon' | 'complete', { from: GoalStatus[]; to: GoalStatus; done: string }> = {
  pause: { from: ['active'], to: 'paused', done: 'paused' },
  resume: { from: ['paused', 'abandoned'], to: 'active', done: 'active again' },
  abandon: { from: ['active', 'paused'], to: 'abandoned', done: 'abandoned' },
  complete: { from: ['active', 'paused'], to: 'completed', done: 'marked complete' },
};

/** Runs `fittrack goal pause|resume|abandon|complete <id>`. */
export async function runGoalStatus(globals: GlobalOptions, verb: keyof typeof TRANSITIONS, idText: string, opts: { json?: boolean }): Promise<void> {
  parseId(idText);
  const t = TRANSITIONS[verb];
  await withUser(globals, async ({ db, user }) => {
    const goals = goalRepo(db, user.id);
    const g = await getGoal(goals, idText);
    if (!t.from.includes(g.status)) {
      throw new UsageError(`goal #${g.id} is ${g.status}; only ${t.from.join(' or ')} goals can be ${verb === 'resume' ? 'resumed' : `${verb}${verb.endsWith('e') ? 'd' : 'ed'}`}`, 'see the goal with: fittrack goal show ' + g.id);
    }
    const stored = await mustUpdate(goals, g.id, { status: t.to, completed_at: t.to === 'completed' ? nowIso() : null });
    if (opts.json) printJson(stored);
    else say(`Goal #${g.id} "${g.title}" ${t.done}`);
  });
}

import { withSqlUser, type GlobalOptions } from '../context.js';
import { UsageError } from '../../errors.js';
import { addDays, daysBetween, parseDateInput, today } from '../../domain/dates.js';
import { fromKg, weightUnitFor } from '../../domain/units.js';
import { formatGoalValue, formatWeight, plural } from '../render/format.js';
import type { Sql } from '../../db/sql.js';
import { createReportRepo } from '../../db/report-repo.js';
import { latestWeeklyRate, rateBand, RECOMMENDED_WEEKLY_RATE_PCT, weeklyRatePct, weightTrend, type RateBand, type TrendPoint, type WeightPoint } from '../../domain/weight-trend.js';
import { liftRecordsInDateOrder, weeklyVolumeOf, type LiftRecord } from '../../report/lifts.js';
import { goalRepo } from '../../db/goal-repo.js';
import { assessGoal, goalDirection, requiredRatePerDay, type DatedValue, type GoalAssessment, type GoalRecord } from '../../domain/goal.js';
import { round } from '../../domain/units.js';
import { summarize, type Summary } from '../../report/summary.js';
import { printJson, printLine, say } from '../render/output.js';

type Units = 'metric' | 'imperial';

/** Display of a body or bar weight in the user's units. */
function weightText(kg: number | null, units: Units, decimals = 1): string {
  return kg === null ? '—' : formatWeight(kg, weightUnitFor(units), decimals);
}
const inUnits = (kg: number, units: Units) => fromKg(kg, weightUnitFor(units));
const signed = (s: string) => (s.startsWith('-') ? `−${s.slice(1)}` : `+${s}`);

export function requireReportKind(): never {
  throw new UsageError('choose a report: weight, lifts, goals, summary, or --html FILE', 'e.g. fittrack report weight');
}

async function sinceOption(since?: string): Promise<string | undefined> {
  return since ? parseDateInput(since, { field: '--since' }) : undefined;
}

function weightHeadline(points: TrendPoint[], units: Units): string {
  if (points.length === 0) return 'No weigh-ins yet: log one with fittrack log-weight.';
  const last = points[points.length - 1]!;
  const rate = latestWeeklyRate(points);
  const rateText = rate === null ? 'less than a week of data for a rate' : `${signed(inUnits(rate, units).toFixed(2))} ${units === 'imperial' ? 'lb' : 'kg'} a week`;
  return `Trend ${weightText(last.trendKg, units)} on ${last.date} (${rateText}), ${plural(points.length, 'weigh-in')} since ${points[0]!.date}`;
}

/** The pace of the weight trend against the recommended band and, with an active weight goal, what the goal needs. */
interface WeightPace {
  weeklyRateKg: number;
  weeklyRatePct: number;
  direction: -1 | 1;
  band: RateBand;
  goal: { title: string; targetKg: number; targetDate: string | null; requiredWeeklyKg: number | null; requiredWeeklyPct: number | null } | null;
}

/** The first active, unreached body-weight goal with a target: the one `report weight` measures the pace against. */
function activeWeightGoal(goals: AssessedGoal[]): AssessedGoal | null {
  return goals.find((g) => g.metric === 'weight_kg' && g.status === 'active' && !g.reached && g.target_value !== null) ?? null;
}

function weightPace(points: TrendPoint[], goal: AssessedGoal | null, on: string): WeightPace | null {
  const rate = latestWeeklyRate(points);
  const last = points.at(-1);
  if (rate === null || !last) return null;
  const pct = weeklyRatePct(rate, last.trendKg);
  const direction = goal ? goalDirection(goal) : rate < 0 ? -1 : 1;
  const perDay = goal ? requiredRatePerDay(goal, goal.current_value, on) : null;
  return {
    weeklyRateKg: rate,
    weeklyRatePct: pct,
    direction,
    band: rateBand(pct, direction),
    goal: goal && {
      title: goal.title,
      targetKg: goal.target_value!,
      targetDate: goal.target_date,
      requiredWeeklyKg: perDay === null ? null : perDay * 7,
      requiredWeeklyPct: perDay === null ? null : weeklyRatePct(perDay * 7, goal.current_value!),
    },
  };
}

const pctText = (pct: number) => signed(pct.toFixed(2));
const bandText = `${RECOMMENDED_WEEKLY_RATE_PCT.min.toFixed(1)}–${RECOMMENDED_WEEKLY_RATE_PCT.max.toFixed(1)} %`;

/** The lines under the headline: the rate as % of body weight against the band, and the goal's need. */
function paceLines(pace: WeightPace | null, units: Units): string[] {
  if (!pace) return [];
  const unit = units === 'imperial' ? 'lb' : 'kg';
  const aim = pace.direction < 0 ? 'cut' : 'gain';
  const lines = [`Weekly rate ${pctText(pace.weeklyRatePct)} % of body weight: ${pace.band} the ${bandText} a week recommended for a ${aim}`];
  const g = pace.goal;
  if (g) {
    const need =
      g.requiredWeeklyKg === null || g.requiredWeeklyPct === null
        ? g.targetDate
          ? `its target date ${g.targetDate} has passed`
          : 'it has no target date (set one with fittrack goal edit)'
        : `needs ${signed(inUnits(g.requiredWeeklyKg, units).toFixed(2))} ${unit} (${pctText(g.requiredWeeklyPct)} %) a week to reach ${weightText(g.targetKg, units)} by ${g.targetDate}`;
    lines.push(`Goal "${g.title}": ${need}`);
  }
  return lines;
}

/** The pace as --json carries it: % rounded to 0.01, kg to 0.001. */
function paceJson(pace: WeightPace | null) {
  return {
    weekly_rate_pct: pace && round(pace.weeklyRatePct, 2),
    recommended_weekly_rate_pct: { ...RECOMMENDED_WEEKLY_RATE_PCT },
    rate_direction: pace ? (pace.direction < 0 ? 'cut' : 'gain') : null,
    rate_band: pace?.band ?? null,
    goal: pace?.goal
      ? {
          title: pace.goal.title,
          target_kg: round(pace.goal.targetKg, 3),
          target_date: pace.goal.targetDate,
          required_weekly_rate_kg: pace.goal.requiredWeeklyKg === null ? null : round(pace.goal.requiredWeeklyKg, 3),
          required_weekly_rate_pct: pace.goal.requiredWeeklyPct === null ? null : round(pace.goal.requiredWeeklyPct, 2),
        }
      : null,
  };
}

/**
 * The recommended band drawn from the trend four weeks before the last weigh-in (or the first,
 * if later): the weights the trend would reach at the band's slow and fast pace; null before.
 */
function bandSeries(points: TrendPoint[], direction: -1 | 1, units: Units): { lower: Array<number | null>; upper: Array<number | null> } {
  const last = points.at(-1)!;
  const from = addDays(last.date, -28);
  const anchor = points.find((p) => p.date >= from)!;
  const at = (p: TrendPoint, pct: number) => (p.date < anchor.date ? null : inUnits(anchor.trendKg * (1 + (direction * pct * daysBetween(anchor.date, p.date)) / 700), units));
  const slow = points.map((p) => at(p, RECOMMENDED_WEEKLY_RATE_PCT.min));
  const fast = points.map((p) => at(p, RECOMMENDED_WEEKLY_RATE_PCT.max));
  return direction < 0 ? { lower: fast, upper: slow } : { lower: slow, upper: fast };
}

function weightRows(points: TrendPoint[], units: Units): string[][] {
  return points.map((p) => [p.date, weightText(p.weightKg, units), weightText(p.trendKg, units, 2), p.weeklyRateKg === null ? '—' : `${signed(inUnits(p.weeklyRateKg, units).toFixed(2))}/wk`]);
}

export async function runWeightReport(globals: GlobalOptions, opts: { since?: string; json?: boolean }): Promise<void> {
  const since = await sinceOption(opts.since);
  await withSqlUser(
    globals,
    async ({ sql, user }) => {
      const weights = await createReportRepo(sql, user.id).weights(since);
      const points = weightTrend(weights);
      const on = today();
      const pace = weightPace(points, activeWeightGoal(await goalReport(sql, user.id, on, since === undefined ? weights : undefined)), on);
      if (opts.json) {
        printJson({
          unit: 'kg',
          smoothing: 0.1,
          latest_trend_kg: points.at(-1)?.trendKg ?? null,
          weekly_rate_kg: latestWeeklyRate(points),
          ...paceJson(pace),
          points: points.map((p) => ({ date: p.date, weight_kg: p.weightKg, trend_kg: p.trendKg, weekly_rate_kg: p.weeklyRateKg })),
        });
        return;
      }
      if (points.length === 0) {
        say('no weigh-ins yet: log one with fittrack log-weight 80kg');
        return;
      }
      const { renderTable, wrapToTerminal } = await import('../render/table.js');
      const { renderLineChart } = await import('../render/chart.js');
      const units = user.preferred_units;
      printLine(wrapToTerminal(weightHeadline(points, units), '  '));
      for (const line of paceLines(pace, units)) printLine(wrapToTerminal(line, '  '));
      printLine();
      printLine(renderLineChart([points.map((p) => inUnits(p.weightKg, units)), points.map((p) => inUnits(p.trendKg, units))], { height: 12 }));
      printLine(`  weight · trend (${units === 'imperial' ? 'lb' : 'kg'})`);
      printLine();
      printLine(renderTable(['Date', 'Weight', 'Trend', 'Weekly rate'], weightRows(points.slice(-14), units), { align: ['left', 'right', 'right', 'right'] }));
      if (points.length > 14) say(`(last 14 of ${plural(points.length, 'weigh-in')}; --json for all)`);
    },
    { access: 'read' },
  );
}

function liftRows(records: LiftRecord[], units: Units): string[][] {
  return records.map((r) => [
    r.exercise,
    `${weightText(r.heaviest.weightKg, units)} × ${r.heaviest.reps} (${r.heaviest.date})`,
    r.bestEpley ? `${weightText(r.bestEpley.e1rmKg, units)} (${weightText(r.bestEpley.weightKg, units)} × ${r.bestEpley.reps})` : '—',
    r.bestBrzycki ? `${weightText(r.bestBrzycki.e1rmKg, units)} (${weightText(r.bestBrzycki.weightKg, units)} × ${r.bestBrzycki.reps})` : '—',
    String(r.sets),
  ]);
}

export async function runLiftsReport(globals: GlobalOptions, exercise: string | undefined, opts: { since?: string; json?: boolean }): Promise<void> {
  const since = await sinceOption(opts.since);
  await withSqlUser(
    globals,
    async ({ sql, user }) => {
      // Each set is folded into the records and the weekly volume as it is read, never kept.
      const lifts = liftRecordsInDateOrder();
      const weekly = weeklyVolumeOf();
      await createReportRepo(sql, user.id).eachLiftSet(exercise, since, (s) => {
        lifts.add(s);
        weekly.add(s);
      });
      const records = lifts.records();
      const volume = weekly.weeks();
      if (opts.json) {
        printJson({
          unit: 'kg',
          exercise: exercise ?? null,
          records: records.map((r) => ({
            exercise: r.exercise,
            sets: r.sets,
            heaviest: { weight_kg: r.heaviest.weightKg, reps: r.heaviest.reps, date: r.heaviest.date },
            best_reps_at_load: r.bestRepsAtLoad.map((b) => ({ weight_kg: b.weightKg, reps: b.reps, date: b.date })),
            e1rm_epley: r.bestEpley ? { e1rm_kg: r.bestEpley.e1rmKg, weight_kg: r.bestEpley.weightKg, reps: r.bestEpley.reps, date: r.bestEpley.date } : null,
            e1rm_brzycki: r.bestBrzycki ? { e1rm_kg: r.bestBrzycki.e1rmKg, weight_kg: r.bestBrzycki.weightKg, reps: r.bestBrzycki.reps, date: r.bestBrzycki.date } : null,
          })),
          weekly_volume: volume.map((v) => ({ week: v.week, volume_kg: v.volumeKg, sets: v.sets })),
        });
        return;
      }
      if (records.length === 0) {
        say(exercise ? `no sets with a load for "${exercise}"` : 'no sets with a load yet: log one with fittrack log-workout');
        return;
      }
      const units = user.preferred_units;
      const { renderTable } = await import('../render/table.js');
      const { sparkline, progressBar } = await import('../render/chart.js');
      printLine(renderTable(['Exercise', 'Heaviest', 'Best e1RM (Epley)', 'Best e1RM (Brzycki)', 'Sets'], liftRows(records, units)));
      if (records.length === 1) {
        printLine();
        printLine(`Best reps at each load${records[0]!.bestRepsAtLoad.length > 10 ? ' (10 heaviest; --json for all)' : ''}:`);
        printLine(renderTable(['Load', 'Reps', 'Date'], records[0]!.bestRepsAtLoad.slice(0, 10).map((b) => [weightText(b.weightKg, units), String(b.reps), b.date]), { align: ['right', 'right', 'left'] }));
      }
      printLine();
      printLine(`Weekly volume (load × reps, ${units === 'imperial' ? 'lb' : 'kg'}): ${sparkline(volume.map((v) => v.volumeKg))}`);
      const max = Math.max(...volume.map((v) => v.volumeKg), 1);
      for (const v of volume.slice(-12)) printLine(`  ${v.week}  ${progressBar((v.volumeKg / max) * 100, 30)}  ${Math.round(inUnits(v.volumeKg, units))}`);
    },
    { access: 'read' },
  );
}

/** The user's goals, oldest first, each with its assessment (the same `assessGoal` as `goal list`). */
type AssessedGoal = GoalRecord & GoalAssessment;

/**
 * `weights`: every weigh-in, when the report has read them already (the series of a weight
 * goal, not read again); each metric's series is read once however many goals measure it.
 */
async function goalReport(sql: Sql, userId: number, on: string, weights?: WeightPoint[]): Promise<AssessedGoal[]> {
  const goals = goalRepo(sql, userId);
  const series = new Map<string, DatedValue[]>();
  if (weights) series.set('weight_kg', weights.map((w) => ({ date: w.date, value: w.weightKg })));
  const out: AssessedGoal[] = [];
  for (const g of await goals.list()) {
    let values: DatedValue[] = [];
    if (g.metric) {
      const known = series.get(g.metric);
      if (known) values = known;
      else series.set(g.metric, (values = await goals.series(g.metric)));
    }
    out.push({ ...g, ...assessGoal(g, values, on) });
  }
  return out;
}

function goalDetail(g: AssessedGoal, units: Units): string {
  const val = (v: number | null) => formatGoalValue(v, g, units) ?? '—';
  const when = g.status === 'completed' ? 'completed' : g.reached ? 'reached' : g.status !== 'active' ? g.status : g.projected_date ? `on the current trend: ${g.projected_date}` : 'no projection (not moving towards the target)';
  return `${val(g.start_value)} → ${val(g.current_value)} of ${val(g.target_value)}${g.target_date ? `, target date ${g.target_date}` : ''}; ${when}`;
}

export async function runGoalsReport(globals: GlobalOptions, opts: { json?: boolean }): Promise<void> {
  await withSqlUser(
    globals,
    async ({ sql, user }) => {
      const goals = await goalReport(sql, user.id, today());
      if (opts.json) {
        printJson({
          goals: goals.map((g) => ({
            title: g.title,
            goal_type: g.goal_type,
            status: g.status,
            unit: g.unit,
            start_value: g.start_value,
            target_value: g.target_value,
            measured_value: g.current_value,
            progress_pct: g.progress_pct,
            rate_per_day: g.rate_per_day,
            projected_date: g.projected_date,
            target_date: g.target_date,
          })),
        });
        return;
      }
      if (goals.length === 0) {
        say('no goals yet: set one with fittrack goal add');
        return;
      }
      const { progressBar } = await import('../render/chart.js');
      for (const g of goals) {
        printLine(`${g.title}  [${g.status}]`);
        printLine(`  ${progressBar(g.progress_pct ?? 0, 30)} ${g.progress_pct === null ? '  —' : `${g.progress_pct.toFixed(1).padStart(5)} %`}`);
        printLine(`  ${goalDetail(g, user.preferred_units)}`);
      }
    },
    { access: 'read' },
  );
}

function summaryRows(s: Summary, units: Units): Array<[string, string]> {
  return [
    ['Period', `${s.from} to ${s.to}`],
    ['Workout sessions', String(s.sessions)],
    ['Volume (load × reps)', `${Math.round(inUnits(s.volumeKg, units))} ${units === 'imperial' ? 'lb' : 'kg'}`],
    ['Average weight', weightText(s.averageWeightKg, units)],
    ['Calories per day', s.caloriesPerDay === null ? '—' : `${Math.round(s.caloriesPerDay)} kcal (${plural(s.mealDays, 'day')} logged)`],
    ['Protein per day', s.proteinGPerDay === null ? '—' : `${Math.round(s.proteinGPerDay)} g`],
    ['Open coaching actions', String(s.openActions.length)],
  ];
}

export async function runSummaryReport(globals: GlobalOptions, opts: { week?: boolean; month?: boolean; json?: boolean }): Promise<void> {
  if (opts.week && opts.month) throw new UsageError('--week and --month cannot be used together', 'choose one period');
  const to = today();
  const from = addDays(to, opts.month ? -29 : -6);
  await withSqlUser(
    globals,
    async ({ sql, user }) => {
      const s = summarize(await createReportRepo(sql, user.id).summaryInput(from, to));
      if (opts.json) {
        printJson({
          from: s.from,
          to: s.to,
          sessions: s.sessions,
          volume_kg: s.volumeKg,
          average_weight_kg: s.averageWeightKg,
          meal_days: s.mealDays,
          calories_per_day: s.caloriesPerDay,
          protein_g_per_day: s.proteinGPerDay,
          open_actions: s.openActions,
        });
        return;
      }
      const { renderTable, wrapToTerminal } = await import('../render/table.js');
      const [period, ...rest] = summaryRows(s, user.preferred_units);
      printLine(renderTable(period!, rest));
      for (const a of s.openActions) printLine(wrapToTerminal(`  ☐ ${a.text} (${a.date})`, '    '));
    },
    { access: 'read' },
  );
}

export async function runHtmlReport(globals: GlobalOptions, file: string): Promise<void> {
  await withSqlUser(
    globals,
    async ({ sql, user }) => {
      const repo = createReportRepo(sql, user.id);
      const units = user.preferred_units;
      const unitLabel = units === 'imperial' ? 'lb' : 'kg';
      const weights = await repo.weights();
      const points = weightTrend(weights);
      const lifts = liftRecordsInDateOrder();
      const weekly = weeklyVolumeOf();
      await repo.eachLiftSet(undefined, undefined, (s) => {
        lifts.add(s);
        weekly.add(s);
      });
      const on = today();
      const goals = await goalReport(sql, user.id, on, weights);
      const pace = weightPace(points, activeWeightGoal(goals), on);
      const summary = summarize(await repo.summaryInput(addDays(on, -29), on));
      const { renderHtmlReport } = await import('../render/html.js');
      const html = renderHtmlReport({
        title: `fittrack report — ${user.display_name ?? user.username}`,
        generatedAt: on,
        unitLabel,
        weight: {
          dates: points.map((p) => p.date),
          headline: weightHeadline(points, units),
          pace: paceLines(pace, units),
          band: pace ? { name: `recommended ${bandText} a week`, color: '#3c9a5f', ...bandSeries(points, pace.direction, units) } : undefined,
          series: [
            { name: 'weight', color: '#9aa5b1', values: points.map((p) => inUnits(p.weightKg, units)) },
            { name: 'trend', color: '#1f6fb2', values: points.map((p) => inUnits(p.trendKg, units)) },
          ],
          rows: weightRows(points.slice(-14).reverse(), units),
        },
        lifts: { rows: liftRows(lifts.records(), units), volume: weekly.weeks().map((v) => ({ week: v.week, value: inUnits(v.volumeKg, units) })), volumeUnit: unitLabel },
        goals: goals.map((g) => ({ title: g.title, pct: g.progress_pct, detail: goalDetail(g, units) })),
        summary: [...summaryRows(summary, units), ...summary.openActions.map((a): [string, string] => ['Open action', `${a.text} (${a.date})`])],
      });
      const { fileSink, withSink } = await import('../../export/output-sink.js');
      const sink = fileSink(file);
      await withSink(sink, (s) => s.write(html));
      say(`wrote ${sink.path}`);
    },
    { access: 'read' },
  );
}

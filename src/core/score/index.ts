/**
 * The city carbon-neutrality score (planning.md §2): normalisation, entropy / AHP / fixed /
 * combined weights, weighted sum per level and TOPSIS, a method comparison of ranks, per-capita
 * and per-GDP views, and the difference-in-differences policy assessment. Pure.
 *
 * @example
 * const run = runScore({ data, params: {}, weightMethod: 'entropy', aggregation: 'sum' });
 * if (run.ok) console.log(run.value.weights, run.value.regions);
 */
import { type Result, ok, err } from '../result.js';
import { ranksByYear, topsisCloseness, weightedSums } from './aggregate.js';
import { differenceInDifferences } from './policy.js';
import { type Resolved, normaliseAll, resolve } from './resolve.js';
import {
  type Aggregation, type ComparisonRow, type Consistency, type RegionScore, type ScoreData, type ScoreParams, type ScoreProblem,
  type ScoreResult, type ScoreRun, type ScoreView, type ScoreWarning, type WeightMethod, WEIGHT_METHODS,
} from './types.js';
import { type WeightContext, type Weights, baseWeights, combinedWeights } from './weights.js';

export * from './types.js';
export { INDICATORS, GROUP_NAMES, INDICATOR_CODE, defaultGroup } from './indicators.js';
export { normaliseColumn } from './normalise.js';
export { ahpWeights, ahpLevel, RANDOM_INDEX, MAX_CONSISTENCY_RATIO } from './ahp.js';
export { entropyWeights, withoutConstant } from './weights.js';
export { topsisCloseness, weightedSums, ranksByYear } from './aggregate.js';
export { differenceInDifferences } from './policy.js';
export { accountingIndicators, marketIndicators, fillFrom, MARKET_COLUMNS, type AccountingRegionRow, type MarketRow, type SourceValues, type FillResult } from './fill.js';

interface Evaluation {
  readonly weights: Weights;
  readonly constant: boolean[];
  readonly sums: Record<string, number | null>[];
  readonly closeness: number[];
}

function weightsFor(method: WeightMethod, ctx: WeightContext): Result<Weights, ScoreProblem> {
  return method === 'combined' ? combinedWeights(ctx) : baseWeights(method, ctx);
}

function evaluate(values: ScoreData['values'], r: Resolved, params: ScoreParams, method: WeightMethod): Result<Evaluation, ScoreProblem> {
  const norm = normaliseAll(values, r);
  if (!norm.ok) return norm;
  const { z, constant } = norm.value;
  if (constant.every(Boolean)) return err({ code: 'all_constant', path: null, message: 'every indicator is constant across the rows: nothing separates the regions' });
  const weights = weightsFor(method, { indicators: r.indicators, groups: r.groups, z, constant, params });
  if (!weights.ok) return weights;
  return ok({ weights: weights.value, constant, sums: weightedSums(z, weights.value.weights, r.groupColumns), closeness: topsisCloseness(z, weights.value.weights) });
}

const byCode = (codes: readonly string[], weights: readonly number[]): Record<string, number> => Object.fromEntries(codes.map((code, j) => [code, weights[j] as number]));

function regionScores(data: ScoreData, e: Evaluation, aggregation: Aggregation): RegionScore[] {
  const key = aggregation === 'topsis' ? e.closeness : e.sums.map((s) => s.S as number);
  const ranks = ranksByYear(key, data.rows.map((row) => row.year));
  return data.rows.map((row, i) => ({
    region_code: row.regionCode,
    region_name: row.regionName,
    ...(row.year !== null ? { year: row.year } : {}),
    scores: e.sums[i] as Record<string, number | null>,
    ...(aggregation === 'topsis' ? { closeness: e.closeness[i] as number } : {}),
    rank: ranks[i] as number,
  }));
}

function sortRegions<T extends { region_code: string; year?: number; rank: number }>(rows: T[]): T[] {
  return rows.sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || a.rank - b.rank || a.region_code.localeCompare(b.region_code));
}

export function runScore(run: ScoreRun): Result<ScoreResult, ScoreProblem> {
  const { data, params } = run;
  if (data.rows.length < 2) return err({ code: 'too_few_rows', path: null, message: `scoring compares regions: it needs at least two rows, found ${data.rows.length}` });
  const resolved = resolve(data, params);
  if (!resolved.ok) return resolved;
  const r = resolved.value;
  const policyCheck = checkPolicy(data, params);
  if (!policyCheck.ok) return policyCheck;
  const main = evaluate(data.values, r, params, run.weightMethod);
  if (!main.ok) return main;
  const warnings: ScoreWarning[] = [];
  const e = main.value;
  r.indicators.forEach((code, j) => {
    if (e.constant[j]) warnings.push({ code: 'constant_indicator', indicator: code, message: `${code} has the same value in every row: z = 0 and weight 0 under every method; the other weights are renormalised` });
  });
  if (e.weights.renormalised === true) warnings.push({ code: 'weights_renormalised', message: 'the fixed weights did not sum to 1 and were renormalised' });
  for (const [group, columns] of r.groupColumns) {
    if (columns.every((j) => e.weights.weights[j] === 0)) warnings.push({ code: 'group_without_weight', message: `every indicator of ${group} has weight 0: its group score is null` });
  }
  const comparison = compare(data, r, params, run.weightMethod, e, warnings);
  const groupWeights = Object.fromEntries([...r.groupColumns].map(([g, columns]) => [g, columns.reduce((s, j) => s + (e.weights.weights[j] as number), 0)]));
  const result: ScoreResult = {
    weights: byCode(r.indicators, e.weights.weights),
    weight_method: run.weightMethod,
    method: run.aggregation,
    groups: Object.fromEntries([...r.groups].map(([g, codes]) => [g, [...codes]])),
    group_weights: groupWeights,
    indicators: r.indicators.map((code, j) => ({
      code, group: r.groupOf[j] as string, polarity: r.polarity[j] as '+' | '-', normalisation: r.normalisation[j] as 'min-max',
      constant: e.constant[j] as boolean, weight: e.weights.weights[j] as number,
      weights_by_method: Object.fromEntries([...comparison.weights].map(([m, w]) => [m, w[j] as number])),
    })),
    ...(e.weights.consistency !== undefined ? { consistency: e.weights.consistency as Consistency[] } : {}),
    regions: sortRegions(regionScores(data, e, run.aggregation)),
    comparison: { methods: comparison.methods, regions: comparison.rows },
    warnings,
  };
  const views = perUnitViews(data, r, run, warnings);
  if (!views.ok) return views;
  if (views.value !== undefined) result.views = views.value;
  if (params.policy !== undefined) {
    const years = data.rows.map((row) => row.year as number);
    const treated = new Set(params.policy.treated);
    const series = [
      ...r.indicators.map((code, j) => ({ name: code, values: data.values.map((row) => row[j] as number) })),
      ...[...r.groupColumns.keys(), 'S'].map((g) => ({ name: g, values: e.sums.map((s) => s[g] ?? null) })),
    ];
    result.policy = differenceInDifferences(series, years, data.rows.map((row) => treated.has(row.regionCode)), params.policy.year);
    for (const row of result.policy) {
      if (row.did === null) warnings.push({ code: 'policy_empty_cell', indicator: row.indicator, message: `${row.indicator}: a treated/control × before/after cell has no region-years, so there is no difference in differences` });
    }
  }
  return ok(result);
}

function checkPolicy(data: ScoreData, params: ScoreParams): Result<true, ScoreProblem> {
  if (params.policy === undefined) return ok(true);
  if (data.rows.some((row) => row.year === null)) return err({ code: 'policy_needs_panel', path: ['policy'], message: 'the policy assessment needs panel data: a year column' });
  const codes = new Set(data.rows.map((row) => row.regionCode));
  for (const [i, code] of params.policy.treated.entries()) {
    if (!codes.has(code)) return err({ code: 'unknown_region', path: ['policy', 'treated', i], message: `${code} is not a region of the data` });
  }
  return ok(true);
}

/** Ranks under every weight method that can be computed × both aggregations. */
function compare(data: ScoreData, r: Resolved, params: ScoreParams, chosen: WeightMethod, main: Evaluation, warnings: ScoreWarning[]) {
  const available: [WeightMethod, Evaluation][] = [];
  for (const method of WEIGHT_METHODS) {
    const configured = method === 'entropy' || (method === 'ahp' && params.pairwise !== undefined) || (method === 'fixed' && params.weights !== undefined) || (method === 'combined' && params.combined !== undefined);
    if (method === chosen) available.push([method, main]);
    else if (configured) {
      const other = evaluate(data.values, r, params, method);
      if (other.ok) available.push([method, other.value]);
      else warnings.push({ code: 'method_unavailable', message: `${method} weights left out of the comparison: ${other.error.message}` });
    }
  }
  const years = data.rows.map((row) => row.year);
  const columns = available.flatMap(([method, e]) => [
    [`${method}/sum`, ranksByYear(e.sums.map((s) => s.S as number), years)] as const,
    [`${method}/topsis`, ranksByYear(e.closeness, years)] as const,
  ]);
  const rows: ComparisonRow[] = data.rows.map((row, i) => {
    const ranks = Object.fromEntries(columns.map(([name, ranking]) => [name, ranking[i] as number]));
    return {
      region_code: row.regionCode, region_name: row.regionName, ...(row.year !== null ? { year: row.year } : {}),
      ranks, differs: new Set(Object.values(ranks)).size > 1,
    };
  });
  rows.sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || a.region_code.localeCompare(b.region_code));
  return { methods: columns.map(([name]) => name), rows, weights: new Map(available.map(([m, e]) => [m, e.weights.weights])) };
}

/** Per-capita and per-GDP views: the quantity-type indicators divided, everything else rerun. */
function perUnitViews(data: ScoreData, r: Resolved, run: ScoreRun, warnings: ScoreWarning[]): Result<ScoreResult['views'], ScoreProblem> {
  const codes = run.params.perCapita ?? [];
  if (codes.length === 0) return ok(undefined);
  const columns = codes.map((code) => r.indicators.indexOf(code));
  const views: NonNullable<ScoreResult['views']> = {};
  const specs = [['per_capita', 'populationPersons', 'population'], ['per_gdp', 'gdp10kYuan', 'gdp_10k_yuan']] as const;
  for (const [name, field, column] of specs) {
    if (data.rows.some((row) => row[field] === null || !((row[field] as number) > 0))) {
      warnings.push({ code: 'view_skipped', message: `the ${name.replace('_', '-')} view needs ${column} > 0 in every row` });
      continue;
    }
    const values = data.values.map((row, i) => row.map((v, j) => (columns.includes(j) ? v / ((data.rows[i] as ScoreData['rows'][number])[field] as number) : v)));
    const e = evaluate(values, r, run.params, run.weightMethod);
    if (!e.ok) return e;
    const view: ScoreView = { weights: byCode(r.indicators, e.value.weights.weights), regions: sortRegions(regionScores({ ...data, values }, e.value, run.aggregation)) };
    views[name] = view;
  }
  return ok(views);
}

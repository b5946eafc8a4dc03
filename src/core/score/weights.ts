/**
 * Indicator weights (planning.md §2): entropy (0·ln 0 := 0), hierarchical AHP, fixed, and
 * `combined` (a stated share of each, renormalised). A constant indicator gets weight 0 under
 * every method and the others are renormalised.
 */
import { type Result, ok, err } from '../result.js';
import { ahpLevel } from './ahp.js';
import type { BaseWeightMethod, Consistency, ScoreParams, ScoreProblem } from './types.js';

export interface WeightContext {
  readonly indicators: readonly string[];
  /** Group → its indicators, in group order. */
  readonly groups: ReadonlyMap<string, readonly string[]>;
  /** z per indicator column. */
  readonly z: readonly Float64Array[];
  readonly constant: readonly boolean[];
  readonly params: ScoreParams;
}

export interface Weights {
  readonly weights: number[];
  readonly consistency?: Consistency[];
  /** Fixed weights that did not sum to 1 and were renormalised. */
  readonly renormalised?: boolean;
}

const problem = (code: ScoreProblem['code'], path: ScoreProblem['path'], message: string) => err<ScoreProblem>({ code, path, message });

/** Zeroes constant indicators and renormalises to a sum of 1. */
export function withoutConstant(weights: readonly number[], constant: readonly boolean[]): Result<number[], ScoreProblem> {
  const kept = weights.map((w, j) => (constant[j] ? 0 : w));
  const sum = kept.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) return problem('all_constant', null, 'every indicator with weight is constant across the regions: nothing separates them');
  return ok(kept.map((w) => w / sum));
}

export function entropyWeights(ctx: WeightContext): Result<Weights, ScoreProblem> {
  const m = ctx.z[0]?.length ?? 0;
  if (m < 2) return problem('too_few_rows', null, `entropy weights need at least two rows, found ${m}`);
  const k = 1 / Math.log(m);
  const d: number[] = [];
  for (const [j, column] of ctx.z.entries()) {
    if (ctx.constant[j]) {
      d.push(0);
      continue;
    }
    let sum = 0;
    for (const z of column) {
      if (z < 0) return problem('entropy_negative', ['normalisation', ctx.indicators[j] as string], `entropy needs z ≥ 0, but ${ctx.indicators[j]} has negative normalised values (choose min-max, max or vector)`);
      sum += z;
    }
    let e = 0;
    for (const z of column) {
      const p = z / sum;
      if (p > 0) e -= p * Math.log(p); // 0 · ln 0 := 0
    }
    d.push(1 - k * e);
  }
  const weights = withoutConstant(d, ctx.constant);
  return weights.ok ? ok({ weights: weights.value }) : weights;
}

export function fixedWeights(ctx: WeightContext): Result<Weights, ScoreProblem> {
  const given = ctx.params.weights;
  if (given === undefined) return problem('missing_param', ['weights'], '--weights fixed needs "weights" in the params file, one per indicator');
  const raw: number[] = [];
  for (const code of ctx.indicators) {
    const w = given[code];
    if (w === undefined) return problem('missing_indicator', ['weights'], `no fixed weight for indicator ${code}`);
    raw.push(w);
  }
  const sum = raw.reduce((a, b) => a + b, 0);
  const weights = withoutConstant(raw, ctx.constant);
  return weights.ok ? ok({ weights: weights.value, renormalised: Math.abs(sum - 1) > 1e-9 }) : weights;
}

/** Global weight = group weight × local weight; one matrix for the groups, one per group. */
export function ahpHierarchyWeights(ctx: WeightContext): Result<Weights, ScoreProblem> {
  const pairwise = ctx.params.pairwise;
  if (pairwise === undefined) return problem('missing_param', ['pairwise'], '--weights ahp needs "pairwise" matrices in the params file');
  const groupNames = [...ctx.groups.keys()];
  const consistency: Consistency[] = [];
  const solveLevel = (level: string, expected: readonly string[]): Result<Map<string, number>, ScoreProblem> => {
    if (expected.length === 1) return ok(new Map([[expected[0] as string, 1]]));
    const input = pairwise[level];
    if (input === undefined) return problem('missing_param', ['pairwise', level], `no pairwise matrix for ${level === 'S' ? 'the groups' : `group ${level}`} (${expected.join(', ')})`);
    for (const [i, item] of input.items.entries()) {
      if (!expected.includes(item)) return problem('unknown_indicator', ['pairwise', level, 'items', i], `"${item}" is not one of ${expected.join(', ')}`);
    }
    const missing = expected.find((item) => !input.items.includes(item));
    if (missing !== undefined) return problem('missing_indicator', ['pairwise', level, 'items'], `the matrix does not rate ${missing}`);
    const solved = ahpLevel(level, input, ['pairwise', level]);
    if (!solved.ok) return solved;
    consistency.push(solved.value.consistency);
    return ok(new Map(input.items.map((item, i) => [item, solved.value.weights[i] as number])));
  };
  const groupWeights = solveLevel('S', groupNames);
  if (!groupWeights.ok) return groupWeights;
  const global = new Map<string, number>();
  for (const [group, members] of ctx.groups) {
    const local = solveLevel(group, members);
    if (!local.ok) return local;
    for (const code of members) global.set(code, (groupWeights.value.get(group) as number) * (local.value.get(code) as number));
  }
  const stray = Object.keys(pairwise).find((level) => level !== 'S' && !ctx.groups.has(level));
  if (stray !== undefined) return problem('unknown_indicator', ['pairwise', stray], `"${stray}" is neither "S" (the groups) nor a group (${groupNames.join(', ')})`);
  const weights = withoutConstant(ctx.indicators.map((code) => global.get(code) as number), ctx.constant);
  return weights.ok ? ok({ weights: weights.value, consistency }) : weights;
}

export const BASE_METHODS: readonly BaseWeightMethod[] = ['entropy', 'ahp', 'fixed'];

export function baseWeights(method: BaseWeightMethod, ctx: WeightContext): Result<Weights, ScoreProblem> {
  return method === 'entropy' ? entropyWeights(ctx) : method === 'ahp' ? ahpHierarchyWeights(ctx) : fixedWeights(ctx);
}

/** `combined` = Σ share_m × weights_m, renormalised. */
export function combinedWeights(ctx: WeightContext): Result<Weights, ScoreProblem> {
  const shares = ctx.params.combined;
  if (shares === undefined) return problem('missing_param', ['combined'], '--weights combined needs "combined": the share of each method, e.g. { "entropy": 0.5, "ahp": 0.5 }');
  const total = Object.values(shares).reduce((a, b) => a + b, 0);
  if (!(total > 0)) return problem('bad_param_value', ['combined'], 'the shares of combined must not all be 0');
  const sum = ctx.indicators.map(() => 0);
  const consistency: Consistency[] = [];
  for (const method of BASE_METHODS) {
    const share = shares[method] ?? 0;
    if (share === 0) continue;
    const part = baseWeights(method, ctx);
    if (!part.ok) return part;
    if (part.value.consistency !== undefined) consistency.push(...part.value.consistency);
    part.value.weights.forEach((w, j) => (sum[j] = (sum[j] as number) + (share / total) * w));
  }
  const weights = withoutConstant(sum, ctx.constant);
  return weights.ok ? ok({ weights: weights.value, ...(consistency.length > 0 ? { consistency } : {}) }) : weights;
}

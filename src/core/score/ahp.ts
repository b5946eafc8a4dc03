/**
 * AHP (planning.md §2): principal eigenvector of a pairwise matrix, consistency ratio with
 * Saaty's random index, refused above 0.1. Checked: square, diagonal 1, reciprocal.
 */
import { type Result, ok, err } from '../result.js';
import type { Consistency, PairwiseLevel, ScoreProblem } from './types.js';

/** Saaty's random index by matrix size (n = 1…15). */
export const RANDOM_INDEX: readonly number[] = [0, 0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59];
export const MAX_CONSISTENCY_RATIO = 0.1;
/** a_ij · a_ji may differ from 1 by this much (users type 0.333 for 1/3). */
export const RECIPROCAL_TOLERANCE = 0.01;

export interface AhpLevel {
  readonly weights: number[];
  readonly consistency: Consistency;
}

/** Weights by power iteration on A (positive, so the Perron vector is unique), λ_max from Aw/w. */
export function ahpWeights(matrix: readonly (readonly number[])[]): { weights: number[]; lambdaMax: number } {
  const n = matrix.length;
  let w = Array.from({ length: n }, () => 1 / n);
  for (let iteration = 0; iteration < 10_000; iteration++) {
    const next = matrix.map((row) => row.reduce((sum, a, j) => sum + a * (w[j] as number), 0));
    const total = next.reduce((a, b) => a + b, 0);
    const normalised = next.map((v) => v / total);
    const change = normalised.reduce((m, v, i) => Math.max(m, Math.abs(v - (w[i] as number))), 0);
    w = normalised;
    if (change < 1e-15) break;
  }
  const aw = matrix.map((row) => row.reduce((sum, a, j) => sum + a * (w[j] as number), 0));
  const lambdaMax = aw.reduce((sum, v, i) => sum + v / (w[i] as number), 0) / n;
  return { weights: w, lambdaMax };
}

/** Checks and solves one level; `path` is the level's place in the params file. */
export function ahpLevel(level: string, input: PairwiseLevel, path: readonly (string | number)[]): Result<AhpLevel, ScoreProblem> {
  const { matrix } = input;
  const n = input.items.length;
  const fail = (code: ScoreProblem['code'], at: readonly (string | number)[], message: string) => err<ScoreProblem>({ code, path: [...path, ...at], message });
  if (n > RANDOM_INDEX.length - 1) return fail('ahp_bad_matrix', ['items'], `AHP needs at most ${RANDOM_INDEX.length - 1} items per matrix (Saaty's random index), found ${n}`);
  if (matrix.length !== n) return fail('ahp_bad_matrix', ['matrix'], `expected ${n} rows (one per item), found ${matrix.length}`);
  for (const [i, row] of matrix.entries()) {
    if (row.length !== n) return fail('ahp_bad_matrix', ['matrix', i], `expected ${n} entries, found ${row.length}`);
    if (row[i] !== 1) return fail('ahp_bad_matrix', ['matrix', i, i], `the diagonal must be 1, found ${row[i]}`);
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = (matrix[i] as number[])[j] as number;
      const b = (matrix[j] as number[])[i] as number;
      if (!(a > 0 && b > 0) || Math.abs(a * b - 1) > RECIPROCAL_TOLERANCE) {
        return fail('ahp_not_reciprocal', ['matrix', j, i], `a[${j}][${i}] must be 1 / a[${i}][${j}] = ${1 / a}, found ${b}`);
      }
    }
  }
  const { weights, lambdaMax } = n === 1 ? { weights: [1], lambdaMax: 1 } : ahpWeights(matrix);
  const ci = n <= 2 ? 0 : (lambdaMax - n) / (n - 1);
  const cr = n <= 2 ? 0 : ci / (RANDOM_INDEX[n] as number);
  if (cr > MAX_CONSISTENCY_RATIO) {
    return fail('ahp_inconsistent', [], `consistency ratio ${cr.toFixed(4)} is above ${MAX_CONSISTENCY_RATIO} (λmax ${lambdaMax.toFixed(4)}, n ${n}): revise the judgements`);
  }
  return ok({ weights, consistency: { level, n, lambda_max: lambdaMax, ci, cr } });
}

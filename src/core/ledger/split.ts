/**
 * The largest-remainder split (market.md §1): integer parts proportional to integer
 * weights, summing exactly to the whole. Exact with BigInt, since total × weight may pass 2^53.
 */
import { type Result, err, ok } from '../result.js';

export type SplitProblem =
  | { readonly code: 'no_weight'; readonly message: string }
  | { readonly code: 'bad_weight'; readonly message: string };

/**
 * Splits `total` (a non-negative integer: fen, tonnes) by `weights` (non-negative integers).
 * Each part gets floor(total × w / W); the units left over go one each to the largest
 * remainders, ties to the smallest `tieKeys` (compared as strings by code unit).
 *
 * @example splitLargestRemainder(100, [1, 1, 1], ['a', 'b', 'c']) // ok([34, 33, 33])
 */
export function splitLargestRemainder(total: number, weights: readonly number[], tieKeys: readonly string[]): Result<number[], SplitProblem> {
  if (!Number.isSafeInteger(total) || total < 0) throw new Error(`splitLargestRemainder: total ${total} is not a non-negative integer`);
  if (tieKeys.length !== weights.length) throw new Error('splitLargestRemainder: one tie key per weight');
  let sum = 0n;
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) return err({ code: 'bad_weight', message: `weight ${w} is not a non-negative integer` });
    sum += BigInt(w);
  }
  if (sum === 0n) {
    return total === 0 ? ok(weights.map(() => 0)) : err({ code: 'no_weight', message: 'every weight is zero: nothing to split by' });
  }
  const whole = BigInt(total);
  const parts: number[] = [];
  const remainders: bigint[] = [];
  let given = 0;
  for (const w of weights) {
    const product = whole * BigInt(w);
    const part = Number(product / sum);
    parts.push(part);
    remainders.push(product % sum);
    given += part;
  }
  const order = weights.map((_, i) => i).sort((a, b) => {
    const ra = remainders[a]!;
    const rb = remainders[b]!;
    if (ra !== rb) return ra > rb ? -1 : 1;
    const ka = tieKeys[a]!;
    const kb = tieKeys[b]!;
    return ka < kb ? -1 : ka > kb ? 1 : a - b;
  });
  for (let k = 0; k < total - given; k++) parts[order[k]!]! += 1;
  return ok(parts);
}

/** floor(amount × bp / 10000) exactly; bp are basis points (1 bp = 0.01 %). */
export function floorBp(amount: number, bp: number): number {
  return Number((BigInt(amount) * BigInt(bp)) / 10000n);
}

/** ceil(amount × bp / 10000) exactly. */
export function ceilBp(amount: number, bp: number): number {
  const product = BigInt(amount) * BigInt(bp);
  return Number((product + 9999n) / 10000n);
}

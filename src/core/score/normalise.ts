/**
 * Normalisation of one indicator column, pooled over every region-year (planning.md §2):
 * min-max by default, oriented so that higher z is better. A constant column is flagged and
 * gets z = 0 under every method.
 */
import { type Result, ok, err } from '../result.js';
import type { Normalisation, Polarity } from './types.js';

export interface NormalisedColumn {
  readonly z: Float64Array;
  readonly constant: boolean;
}

export function normaliseColumn(x: readonly number[], polarity: Polarity, method: Normalisation): Result<NormalisedColumn, string> {
  const n = x.length;
  let min = Infinity;
  let max = -Infinity;
  for (const v of x) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return ok({ z: new Float64Array(n), constant: true });
  const up = polarity === '+';
  const z = new Float64Array(n);
  switch (method) {
    case 'min-max':
      for (let i = 0; i < n; i++) z[i] = up ? ((x[i] as number) - min) / (max - min) : (max - (x[i] as number)) / (max - min);
      break;
    case 'max':
      // + : x / max; − : min / x (both in (0, 1] for positive data).
      if (up ? !(max > 0) : !(min > 0)) return err(`max normalisation needs ${up ? 'a positive maximum' : 'every value > 0 for a − indicator'}`);
      for (let i = 0; i < n; i++) z[i] = up ? (x[i] as number) / max : min / (x[i] as number);
      break;
    case 'vector': {
      // + : x / ‖x‖; − : 1 − x / ‖x‖.
      let squares = 0;
      for (const v of x) squares += v * v;
      const norm = Math.sqrt(squares);
      for (let i = 0; i < n; i++) z[i] = up ? (x[i] as number) / norm : 1 - (x[i] as number) / norm;
      break;
    }
    case 'z-score': {
      // Population standard deviation; z may be negative (entropy then refuses it).
      let sum = 0;
      for (const v of x) sum += v;
      const mean = sum / n;
      let squares = 0;
      for (const v of x) squares += (v - mean) * (v - mean);
      const sd = Math.sqrt(squares / n);
      for (let i = 0; i < n; i++) z[i] = up ? ((x[i] as number) - mean) / sd : (mean - (x[i] as number)) / sd;
      break;
    }
  }
  return ok({ z, constant: false });
}

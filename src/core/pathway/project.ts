/**
 * The deterministic pathway (planning.md §1): GDP_t = GDP_{t−1}(1+g_t), I_t = I_{t−1}(1−r_t),
 * E_t = I_t · GDP_t; sinks by growth or land use; balance B_t = (S_t + removals_t) / E_t.
 */
import type { CompiledScenario } from './compile.js';

export interface PathYears {
  readonly years: readonly number[];
  readonly gdp: Float64Array;
  /** t per GDP unit. */
  readonly intensity: Float64Array;
  readonly emissionsT: Float64Array;
  readonly sinksT: Float64Array;
  readonly removalsT: Float64Array;
  readonly balanceRatio: Float64Array;
}

export interface Rates {
  readonly g: Float64Array;
  readonly r: Float64Array;
  readonly s: Float64Array;
}

/** Projects the scenario with the given per-year rates (default: its own). */
export function project(c: CompiledScenario, rates: Rates = c, sinksBaseT: number | null = c.sinksBaseT): PathYears {
  const count = c.years.length;
  const gdp = new Float64Array(count);
  const intensity = new Float64Array(count);
  const emissionsT = new Float64Array(count);
  const sinksT = new Float64Array(count);
  const balanceRatio = new Float64Array(count);
  gdp[0] = c.input.gdp;
  intensity[0] = c.input.emissionsT / c.input.gdp;
  emissionsT[0] = c.input.emissionsT;
  sinksT[0] = c.landSinksT === null ? (sinksBaseT as number) : (c.landSinksT[0] as number);
  for (let k = 1; k < count; k++) {
    gdp[k] = (gdp[k - 1] as number) * (1 + (rates.g[k - 1] as number));
    intensity[k] = (intensity[k - 1] as number) * (1 - (rates.r[k - 1] as number));
    emissionsT[k] = (intensity[k] as number) * (gdp[k] as number);
    sinksT[k] = c.landSinksT === null ? (sinksT[k - 1] as number) * (1 + (rates.s[k - 1] as number)) : (c.landSinksT[k] as number);
  }
  for (let k = 0; k < count; k++) balanceRatio[k] = ((sinksT[k] as number) + (c.removalsT[k] as number)) / (emissionsT[k] as number);
  return { years: c.years, gdp, intensity, emissionsT, sinksT, removalsT: c.removalsT, balanceRatio };
}

export interface PeakInfo {
  readonly peakIndex: number;
  readonly plateauIndices: readonly number[];
}

/** Peak = first year of the maximum; plateau = every year with E ≥ (1 − tolerance) × peak. */
export function peakOf(emissionsT: ArrayLike<number>, tolerance: number): PeakInfo {
  let peakIndex = 0;
  for (let k = 1; k < emissionsT.length; k++) if ((emissionsT[k] as number) > (emissionsT[peakIndex] as number)) peakIndex = k;
  const floor = (1 - tolerance) * (emissionsT[peakIndex] as number);
  const plateauIndices: number[] = [];
  for (let k = 0; k < emissionsT.length; k++) if ((emissionsT[k] as number) >= floor) plateauIndices.push(k);
  return { peakIndex, plateauIndices };
}

/** First index with B ≥ 1, or −1. */
export function neutralIndexOf(balanceRatio: ArrayLike<number>): number {
  for (let k = 0; k < balanceRatio.length; k++) if ((balanceRatio[k] as number) >= 1) return k;
  return -1;
}

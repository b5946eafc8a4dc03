/**
 * Monte Carlo over g, r and sink growth (contracts.md §5) and the one-at-a-time tornado
 * (planning.md §1). Draws: per draw, slot by slot in compile order, one shock per slot.
 */
import type { CompiledScenario, ShockSlot } from './compile.js';
import { type Rates, peakOf, project } from './project.js';
import { quantilesInPlace } from './quantile.js';
import { Xoshiro128, standardNormal, triangular } from './random.js';
import { neutrality } from './summary.js';

/** Rates stay inside (−1, 1) after a shock. */
const RATE_LIMIT = 1 - 1e-9;
/** Tornado step: ±1 percentage point (planning.md §1). */
export const TORNADO_STEP = 0.01;

export interface Percentiles {
  p10: number | null;
  p50: number | null;
  p90: number | null;
}

export interface MonteCarloResult {
  draws: number;
  seed: number;
  peak_by: number;
  neutral_by: number;
  p_peak_by_target: number;
  p_neutral_by_target: number;
  peak_year: Percentiles;
  neutral_year: Percentiles;
  bands: { year: number; p10: number; p50: number; p90: number }[];
}

const PS = [0.1, 0.5, 0.9] as const;

function percentiles(values: Float64Array): Percentiles {
  const [p10, p50, p90] = quantilesInPlace(values, PS);
  return { p10: p10 ?? null, p50: p50 ?? null, p90: p90 ?? null };
}

function drawShock(rng: Xoshiro128, d: ShockSlot['dist']): number {
  return d.dist === 'normal' ? (d.mean ?? 0) + d.sd * standardNormal(rng) : triangular(rng, d.min, d.mode, d.max);
}

function clampRate(rate: number): number {
  return rate > RATE_LIMIT ? RATE_LIMIT : rate < -RATE_LIMIT ? -RATE_LIMIT : rate;
}

const TERM_KEY = { gdpGrowth: 'g', intensityReduction: 'r', sinkGrowth: 's' } as const;

/** Peak-by and neutral-by years for the probabilities: the targets, else 2030 and 2060. */
export function probabilityYears(c: CompiledScenario): { peakBy: number; neutralBy: number } {
  return { peakBy: c.targets.peakBy ?? 2030, neutralBy: c.targets.neutralBy ?? 2060 };
}

export function monteCarlo(c: CompiledScenario, draws: number, seed: number): MonteCarloResult {
  const rng = new Xoshiro128(seed);
  const count = c.years.length;
  const rates = { g: Float64Array.from(c.g), r: Float64Array.from(c.r), s: Float64Array.from(c.s) };
  const bases = { g: c.g, r: c.r, s: c.s };
  // Resolved once: the hot loop then touches typed arrays only.
  const prepared = c.slots.map((slot) => ({ dist: slot.dist, target: rates[TERM_KEY[slot.term]], base: bases[TERM_KEY[slot.term]], indices: Int32Array.from(slot.indices) }));
  const emissions = new Float64Array(count * draws); // year-major: year k of draw d at k·draws + d
  const peakYears = new Float64Array(draws);
  const neutralYears = new Float64Array(draws);
  const { peakBy, neutralBy } = probabilityYears(c);
  const gdp0 = c.input.gdp;
  const e0 = c.input.emissionsT;
  const land = c.landSinksT;
  const sink0 = land === null ? (c.sinksBaseT as number) : (land[0] as number);
  const removals = c.removalsT;
  let peakHits = 0;
  let neutralHits = 0;
  for (let d = 0; d < draws; d++) {
    for (const slot of prepared) {
      const shock = drawShock(rng, slot.dist);
      const { target, base, indices } = slot;
      for (let j = 0; j < indices.length; j++) {
        const i = indices[j] as number;
        target[i] = clampRate((base[i] as number) + shock);
      }
    }
    let gdp = gdp0;
    let intensity = e0 / gdp0;
    let sink = sink0;
    let e = e0;
    let peak = e0;
    let peakIndex = 0;
    let neutralIndex = (sink + (removals[0] as number)) / e >= 1 ? 0 : -1;
    emissions[d] = e;
    for (let k = 1; k < count; k++) {
      gdp *= 1 + (rates.g[k - 1] as number);
      intensity *= 1 - (rates.r[k - 1] as number);
      e = intensity * gdp;
      sink = land === null ? sink * (1 + (rates.s[k - 1] as number)) : (land[k] as number);
      emissions[k * draws + d] = e;
      if (e > peak) (peak = e), (peakIndex = k);
      if (neutralIndex < 0 && (sink + (removals[k] as number)) / e >= 1) neutralIndex = k;
    }
    const peakYear = c.years[peakIndex] as number;
    peakYears[d] = peakYear;
    neutralYears[d] = neutralIndex < 0 ? Infinity : (c.years[neutralIndex] as number);
    if (peakYear <= peakBy) peakHits++;
    if (neutralIndex >= 0 && (c.years[neutralIndex] as number) <= neutralBy) neutralHits++;
  }
  const bands = c.years.map((year, k) => {
    const band = percentiles(emissions.subarray(k * draws, (k + 1) * draws));
    return { year, p10: band.p10 as number, p50: band.p50 as number, p90: band.p90 as number };
  });
  return {
    draws, seed, peak_by: peakBy, neutral_by: neutralBy,
    p_peak_by_target: peakHits / draws, p_neutral_by_target: neutralHits / draws,
    peak_year: percentiles(peakYears), neutral_year: percentiles(neutralYears), bands,
  };
}

export interface TornadoOutcome {
  emissions_t: number;
  /** Emissions − sinks − removals: moves with every uncertain rate, sink growth included. */
  net_emissions_t: number;
  peak_year: number;
  peak_emissions_t: number;
  neutral_year: number | null;
}

export interface TornadoBar {
  label: string;
  term: ShockSlot['term'];
  years: [number, number];
  low: TornadoOutcome;
  high: TornadoOutcome;
  /** |high − low| of net emissions in the tornado year. */
  swing_t: number;
}

export interface Tornado {
  year: number;
  step: number;
  base: TornadoOutcome;
  bars: TornadoBar[];
}

/** ±1 pp on each uncertain rate (one slot at a time); bars sorted by the swing of net emissions, largest first. */
export function tornado(c: CompiledScenario): Tornado {
  const { neutralBy } = probabilityYears(c);
  const year = neutralBy >= c.baseYear && neutralBy <= c.endYear ? neutralBy : c.endYear;
  const outcome = (rates: Rates): TornadoOutcome => {
    const path = project(c, rates);
    const peak = peakOf(path.emissionsT, c.plateauTolerance);
    const k = year - c.baseYear;
    return {
      emissions_t: path.emissionsT[k] as number,
      net_emissions_t: (path.emissionsT[k] as number) - (path.sinksT[k] as number) - (path.removalsT[k] as number),
      peak_year: c.years[peak.peakIndex] as number,
      peak_emissions_t: path.emissionsT[peak.peakIndex] as number,
      neutral_year: neutrality(c.years, path.balanceRatio).neutral_year,
    };
  };
  const shifted = (slot: ShockSlot, step: number): Rates => {
    const rates = { g: Float64Array.from(c.g), r: Float64Array.from(c.r), s: Float64Array.from(c.s) };
    const key = TERM_KEY[slot.term];
    for (const i of slot.indices) rates[key][i] = clampRate((c[key][i] as number) + step);
    return rates;
  };
  const bars = c.slots.map((slot): TornadoBar => {
    const low = outcome(shifted(slot, -TORNADO_STEP));
    const high = outcome(shifted(slot, TORNADO_STEP));
    const years = slot.indices.map((i) => c.baseYear + 1 + i);
    return { label: slot.label, term: slot.term, years: [Math.min(...years), Math.max(...years)], low, high, swing_t: Math.abs(high.net_emissions_t - low.net_emissions_t) };
  });
  bars.sort((a, b) => b.swing_t - a.swing_t);
  return { year, step: TORNADO_STEP, base: outcome(c), bars };
}

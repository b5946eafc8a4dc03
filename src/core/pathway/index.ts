/**
 * Pathways to 2060 (planning.md §1): intensity-driven projection, peak with plateau and
 * boundary flags, balance ratio and neutrality year, target checks, sink assumptions, solver,
 * seeded Monte Carlo with tornado, and disaggregation to cities and sectors. Pure.
 *
 * @example
 * const run = runPathway(scenario);
 * if (run.ok) console.log(run.value.summary.peak_year, run.value.summary.neutral_year);
 */
import { type Result, ok } from '../result.js';
import { type CompiledScenario, compileScenario } from './compile.js';
import { type DisaggregationResult, disaggregate } from './disaggregate.js';
import { type MonteCarloResult, type Tornado, monteCarlo, tornado } from './montecarlo.js';
import { type PathYears, project } from './project.js';
import { type PathSummary, summarise } from './summary.js';
import type { ScenarioInput, ScenarioProblem } from './types.js';

export * from './types.js';
export { compileScenario, DEFAULT_PLATEAU_TOLERANCE, type CompiledScenario, type ShockSlot } from './compile.js';
export { project, peakOf, type PathYears, type Rates } from './project.js';
export { summarise, neutrality, type PathSummary, type TargetCheck, type TargetName, type SinkAssumptionResult, type ComparisonRow } from './summary.js';
export { quantileSorted, quantilesInPlace } from './quantile.js';
export { monteCarlo, tornado, probabilityYears, TORNADO_STEP, type MonteCarloResult, type Tornado, type TornadoBar, type Percentiles } from './montecarlo.js';
export { solve, type SolveResult, type SolveProblem, type SolvedRates } from './solver.js';
export { apportion, disaggregate, cityWeights, type DisaggregationResult, type CityPart, type SectorPart } from './disaggregate.js';
export { Xoshiro128, standardNormal, triangular } from './random.js';

export interface YearRow {
  year: number;
  gdp: number;
  /** t per GDP unit. */
  intensity: number;
  emissions_t: number;
  sinks_t: number;
  removals_t: number;
  balance_ratio: number;
  non_fossil_share?: number | null;
}

export interface PeriodRow {
  from: number;
  to: number;
  gdp_growth: number | number[];
  intensity_reduction: number | number[];
  sink_growth: number | number[];
  note?: string;
}

export interface PathwayResult {
  name: string;
  gdp_unit: string | null;
  periods: PeriodRow[];
  years: YearRow[];
  summary: PathSummary;
  monteCarlo?: MonteCarloResult;
  tornado?: Tornado;
  disaggregation?: DisaggregationResult;
}

export function yearRows(c: CompiledScenario, path: PathYears): YearRow[] {
  return path.years.map((year, k) => ({
    year,
    gdp: path.gdp[k] as number,
    intensity: path.intensity[k] as number,
    emissions_t: path.emissionsT[k] as number,
    sinks_t: path.sinksT[k] as number,
    removals_t: path.removalsT[k] as number,
    balance_ratio: path.balanceRatio[k] as number,
    ...(c.nonFossilShare !== null ? { non_fossil_share: c.nonFossilShare[k] ?? null } : {}),
  }));
}

function periodRows(c: CompiledScenario): PeriodRow[] {
  const compact = (values: Float64Array, a: number, b: number): number | number[] => {
    const slice = Array.from(values.subarray(a, b + 1));
    return slice.every((v) => v === slice[0]) ? (slice[0] as number) : slice;
  };
  return c.periods.map((p) => {
    const a = p.from - c.baseYear - 1;
    const b = p.to - c.baseYear - 1;
    return {
      from: p.from, to: p.to, gdp_growth: compact(c.g, a, b), intensity_reduction: compact(c.r, a, b), sink_growth: compact(c.s, a, b),
      ...(p.input.note !== undefined ? { note: p.input.note } : {}),
    };
  });
}

/** Runs a scenario: projection, summary, Monte Carlo (when draws > 0), tornado (when uncertain), disaggregation. */
export function runPathway(input: ScenarioInput): Result<PathwayResult, ScenarioProblem> {
  const compiled = compileScenario(input);
  if (!compiled.ok) return compiled;
  return runCompiled(compiled.value);
}

export function runCompiled(c: CompiledScenario): Result<PathwayResult, ScenarioProblem> {
  const path = project(c);
  const result: PathwayResult = { name: c.input.name, gdp_unit: c.input.gdpUnit ?? null, periods: periodRows(c), years: yearRows(c, path), summary: summarise(c, path) };
  const draws = c.input.monteCarlo?.draws ?? 0;
  if (draws > 0) result.monteCarlo = monteCarlo(c, draws, c.input.monteCarlo?.seed ?? 1);
  if (c.slots.length > 0) result.tornado = tornado(c);
  if (c.input.disaggregation !== undefined) {
    const parts = disaggregate(c.input.disaggregation, c.years, path.emissionsT);
    if (!parts.ok) return parts;
    result.disaggregation = parts.value;
  }
  return ok(result);
}

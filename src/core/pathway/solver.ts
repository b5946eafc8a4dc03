/**
 * Solver (planning.md §1): the smallest uniform shift δ ≥ 0 added to every year's intensity
 * reduction from a stated year on so that the targets that depend on r are met. Emissions
 * fall monotonically in δ, so δ is found by bisection and the result is checked.
 */
import { type Result, ok, err } from '../result.js';
import type { CompiledScenario } from './compile.js';
import { type PathYears, project } from './project.js';
import { type PathSummary, type TargetName, summarise } from './summary.js';

const SOLVABLE: readonly TargetName[] = ['peakBy', 'neutralBy', 'intensity', 'vsPeak'];
const RATE_LIMIT = 1 - 1e-9;
/** Bisection stops when the bracket is narrower than this (in rate units). */
const SHIFT_RESOLUTION = 1e-10;

export interface SolvedRates {
  from: number;
  to: number;
  intensity_reduction: number | number[];
  solved_intensity_reduction: number | number[];
}

export interface SolveResult {
  from_year: number;
  /** Added to the intensity-reduction rate of every year from `from_year` on. */
  shift: number;
  targets: TargetName[];
  rates: SolvedRates[];
  path: PathYears;
  summary: PathSummary;
}

export type SolveProblem =
  | { readonly code: 'nothing_to_solve'; readonly message: string }
  | { readonly code: 'solve_infeasible'; readonly message: string }
  | { readonly code: 'unknown_year'; readonly message: string };

export function solve(c: CompiledScenario, fromYear: number = c.baseYear + 1): Result<SolveResult, SolveProblem> {
  if (fromYear <= c.baseYear || fromYear > c.endYear) {
    return err({ code: 'unknown_year', message: `the solve year ${fromYear} must be a projected year, ${c.baseYear + 1}–${c.endYear}` });
  }
  const start = fromYear - c.baseYear - 1;
  const run = (shift: number): { path: PathYears; summary: PathSummary; met: boolean } => {
    const r = Float64Array.from(c.r, (rate, i) => (i >= start ? Math.min(rate + shift, RATE_LIMIT) : rate));
    const path = project(c, { g: c.g, r, s: c.s });
    const summary = summarise(c, path);
    const relevant = summary.targets.filter((t) => SOLVABLE.includes(t.name));
    return { path, summary, met: relevant.every((t) => t.met) };
  };
  const targets = run(0).summary.targets.map((t) => t.name).filter((name) => SOLVABLE.includes(name));
  if (targets.length === 0) return err({ code: 'nothing_to_solve', message: 'the scenario states no target the rates can meet (peakBy, neutralBy, intensity or vsPeak)' });
  let maxRate = -Infinity;
  for (let i = start; i < c.r.length; i++) maxRate = Math.max(maxRate, c.r[i] as number);
  let low = 0;
  let high = RATE_LIMIT - maxRate;
  let best = run(0);
  if (!best.met) {
    best = run(high);
    if (!best.met) {
      return err({ code: 'solve_infeasible', message: `no shift of the intensity-reduction rates from ${fromYear} on meets ${targets.join(', ')}: even rates near 100 % fail` });
    }
    while (high - low > SHIFT_RESOLUTION) {
      const middle = (low + high) / 2;
      const attempt = run(middle);
      if (attempt.met) (high = middle), (best = attempt);
      else low = middle;
    }
  } else high = 0;
  return ok({ from_year: fromYear, shift: high, targets, rates: solvedRates(c, start, c.r, high), path: best.path, summary: best.summary });
}

function solvedRates(c: CompiledScenario, start: number, r: Float64Array, shift: number): SolvedRates[] {
  const rows: SolvedRates[] = [];
  const compact = (values: number[]): number | number[] => (values.every((v) => v === values[0]) ? (values[0] as number) : values);
  for (const period of c.periods) {
    const first = period.from - c.baseYear - 1;
    const last = period.to - c.baseYear - 1;
    const cuts = start > first && start <= last ? [[first, start - 1], [start, last]] : [[first, last]];
    for (const [a, b] of cuts as [number, number][]) {
      const before = Array.from(r.subarray(a, b + 1));
      const after = before.map((rate, i) => (a + i >= start ? Math.min(rate + shift, RATE_LIMIT) : rate));
      rows.push({ from: c.baseYear + 1 + a, to: c.baseYear + 1 + b, intensity_reduction: compact(before), solved_intensity_reduction: compact(after) });
    }
  }
  return rows;
}

/** Peak, plateau, neutrality, target checks, sink assumptions and published-figure comparison. */
import type { CompiledScenario } from './compile.js';
import { type PathYears, neutralIndexOf, peakOf } from './project.js';

export type TargetName = 'peakBy' | 'neutralBy' | 'intensity' | 'vsPeak' | 'nonFossilShare';

export interface TargetCheck {
  name: TargetName;
  met: boolean;
  /** Peak year, neutral year (null: never), or the fraction change / share found. */
  value: number | null;
  /** The threshold: a year, a change (≤) or a minimum share (≥). */
  target: number;
  year?: number;
  vs_year?: number;
}

export interface SinkAssumptionResult {
  name: string;
  sinks_t_base: number;
  sink_growth: number;
  neutral_year: number | null;
  stays_neutral: boolean;
  note?: string;
}

export interface ComparisonRow {
  year: number;
  ours_t: number;
  reference_t: number;
  difference_t: number;
  difference_share: number;
}

export interface PathSummary {
  peak_year: number;
  peak_emissions_t: number;
  plateau: boolean;
  plateau_years: number[];
  peak_at_boundary: boolean;
  neutral_year: number | null;
  stays_neutral: boolean;
  targets: TargetCheck[];
  sink_assumptions?: SinkAssumptionResult[];
  comparison?: { label: string; rows: ComparisonRow[] };
}

/** Neutral year and whether B stays ≥ 1 from then to the horizon. */
export function neutrality(years: readonly number[], balanceRatio: ArrayLike<number>): { neutral_year: number | null; stays_neutral: boolean } {
  const k = neutralIndexOf(balanceRatio);
  if (k < 0) return { neutral_year: null, stays_neutral: false };
  let stays = true;
  for (let j = k; j < balanceRatio.length; j++) if ((balanceRatio[j] as number) < 1) stays = false;
  return { neutral_year: years[k] as number, stays_neutral: stays };
}

export function summarise(c: CompiledScenario, path: PathYears): PathSummary {
  const { years } = path;
  const peak = peakOf(path.emissionsT, c.plateauTolerance);
  const plateauYears = peak.plateauIndices.map((k) => years[k] as number);
  const summary: PathSummary = {
    peak_year: years[peak.peakIndex] as number,
    peak_emissions_t: path.emissionsT[peak.peakIndex] as number,
    plateau: plateauYears.length >= 3,
    plateau_years: plateauYears,
    peak_at_boundary: peak.peakIndex === 0 || peak.peakIndex === years.length - 1,
    ...neutrality(years, path.balanceRatio),
    targets: [],
  };
  summary.targets = checkTargets(c, path, summary);
  const assumptions = c.input.sinkAssumptions;
  if (assumptions !== undefined && assumptions.length > 0) {
    summary.sink_assumptions = assumptions.map((a) => {
      const growth = a.sinkGrowth ?? 0;
      const ratio = Float64Array.from(years, (_, k) => (a.sinksT * Math.pow(1 + growth, k) + (c.removalsT[k] as number)) / (path.emissionsT[k] as number));
      return { name: a.name, sinks_t_base: a.sinksT, sink_growth: growth, ...neutrality(years, ratio), ...(a.note !== undefined ? { note: a.note } : {}) };
    });
  }
  if (c.input.compare !== undefined) {
    const rows = Object.entries(c.input.compare.emissionsT)
      .map(([year, referenceT]) => {
        const ours = path.emissionsT[Number(year) - c.baseYear] as number;
        return { year: Number(year), ours_t: ours, reference_t: referenceT, difference_t: ours - referenceT, difference_share: (ours - referenceT) / referenceT };
      })
      .sort((a, b) => a.year - b.year);
    summary.comparison = { label: c.input.compare.label, rows };
  }
  return summary;
}

function checkTargets(c: CompiledScenario, path: PathYears, s: Pick<PathSummary, 'peak_year' | 'peak_emissions_t' | 'neutral_year'>): TargetCheck[] {
  const t = c.targets;
  const at = (year: number): number => year - c.baseYear;
  const checks: TargetCheck[] = [];
  if (t.peakBy !== undefined) checks.push({ name: 'peakBy', met: s.peak_year <= t.peakBy, value: s.peak_year, target: t.peakBy });
  if (t.neutralBy !== undefined) checks.push({ name: 'neutralBy', met: s.neutral_year !== null && s.neutral_year <= t.neutralBy, value: s.neutral_year, target: t.neutralBy });
  if (t.intensity !== undefined) {
    const { year, vsYear, change } = t.intensity;
    const history = c.history.get(vsYear);
    const reference = history !== undefined ? history.emissionsT / history.gdp : (path.intensity[at(vsYear)] as number);
    const value = (path.intensity[at(year)] as number) / reference - 1;
    checks.push({ name: 'intensity', met: value <= change, value, target: change, year, vs_year: vsYear });
  }
  if (t.vsPeak !== undefined) {
    const value = (path.emissionsT[at(t.vsPeak.year)] as number) / s.peak_emissions_t - 1;
    checks.push({ name: 'vsPeak', met: value <= t.vsPeak.change, value, target: t.vsPeak.change, year: t.vsPeak.year });
  }
  if (t.nonFossilShare !== undefined && c.nonFossilShare !== null) {
    const value = c.nonFossilShare[at(t.nonFossilShare.year)] ?? null;
    checks.push({ name: 'nonFossilShare', met: value !== null && value >= t.nonFossilShare.min, value, target: t.nonFossilShare.min, year: t.nonFossilShare.year });
  }
  return checks;
}

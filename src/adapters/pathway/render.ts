/** `neutral pathway` output: JSON (contracts.md §5), CSV (the years table) and text tables. */
import { stringify } from 'csv-stringify/sync';
import type { PathwayResult, SolveResult, YearRow } from '../../core/pathway/index.js';
import { DASH, fixed, grid, mt, percent } from './grid.js';

export interface ScenarioOutput extends PathwayResult {
  solve?: Omit<SolveResult, 'path'> & { years: YearRow[] };
}

/** One scenario: the object of contracts.md §5; several: `{ scenarios: [ … ] }`. */
export function renderJson(outputs: readonly ScenarioOutput[]): string {
  const document = outputs.length === 1 ? outputs[0] : { scenarios: outputs };
  return JSON.stringify(document, null, 2) + '\n';
}

const CSV_COLUMNS = ['scenario', 'year', 'gdp', 'intensity', 'emissions_t', 'sinks_t', 'removals_t', 'balance_ratio', 'non_fossil_share'] as const;

export function renderCsv(outputs: readonly ScenarioOutput[]): string {
  const rows = outputs.flatMap((o) => o.years.map((y) => [o.name, y.year, y.gdp, y.intensity, y.emissions_t, y.sinks_t, y.removals_t, y.balance_ratio, y.non_fossil_share ?? '']));
  return stringify([[...CSV_COLUMNS], ...rows]);
}

const yesNo = (flag: boolean): string => (flag ? 'yes' : 'no');
const significant = (v: number): string => (Math.abs(v) >= 1000 ? v.toFixed(0) : v.toPrecision(4));
const yearish = (v: number | null): string => (v === null ? DASH : Number.isInteger(v) ? String(v) : v.toFixed(1));
const rate = (r: number | number[]): string => (typeof r === 'number' ? percent(r, 2) : `${percent(r[0], 2)} … ${percent(r.at(-1), 2)} (per year)`);

export function renderText(outputs: readonly ScenarioOutput[]): string {
  const parts: string[] = [];
  if (outputs.length > 1) parts.push('Scenarios side by side\n' + sideBySide(outputs));
  for (const output of outputs) parts.push(scenarioText(output));
  return parts.join('\n');
}

function sideBySide(outputs: readonly ScenarioOutput[]): string {
  const years = [2025, 2030, 2035, 2040, 2050, 2060].filter((year) => outputs.some((o) => o.years.some((y) => y.year === year)));
  const at = (o: ScenarioOutput, year: number): string => mt(o.years.find((y) => y.year === year)?.emissions_t);
  const rows: string[][] = [
    ['peak year', ...outputs.map((o) => String(o.summary.peak_year))],
    ['peak, Mt', ...outputs.map((o) => mt(o.summary.peak_emissions_t))],
    ['plateau', ...outputs.map((o) => yesNo(o.summary.plateau))],
    ['peak at boundary', ...outputs.map((o) => yesNo(o.summary.peak_at_boundary))],
    ...years.map((year) => [`emissions ${year}, Mt`, ...outputs.map((o) => at(o, year))]),
    ['neutral year', ...outputs.map((o) => String(o.summary.neutral_year ?? DASH))],
    ['stays neutral', ...outputs.map((o) => yesNo(o.summary.stays_neutral))],
    ['targets met', ...outputs.map((o) => `${o.summary.targets.filter((t) => t.met).length} of ${o.summary.targets.length}`)],
    ['P(peak by target)', ...outputs.map((o) => fixed(o.monteCarlo?.p_peak_by_target, 3))],
    ['P(neutral by target)', ...outputs.map((o) => fixed(o.monteCarlo?.p_neutral_by_target, 3))],
  ];
  return grid(['', ...outputs.map((o) => o.name)], rows);
}

function scenarioText(o: ScenarioOutput): string {
  const out: string[] = [];
  out.push(`Scenario ${o.name}${o.gdp_unit !== null ? ` (GDP in ${o.gdp_unit})` : ''}; emissions, sinks and removals in Mt`);
  out.push('Periods\n' + grid(
    ['from', 'to', 'GDP growth', 'intensity reduction', 'sink growth', 'note'],
    o.periods.map((p) => [String(p.from), String(p.to), rate(p.gdp_growth), rate(p.intensity_reduction), rate(p.sink_growth), p.note ?? '']),
    [false, false, true, true, true, false],
  ));
  out.push(summaryText(o.summary));
  out.push('Years\n' + yearsGrid(o.years));
  if (o.monteCarlo !== undefined) out.push(monteCarloText(o));
  if (o.tornado !== undefined) {
    const t = o.tornado;
    out.push(`Tornado: ±${(t.step * 100).toFixed(0)} pp on each uncertain rate, one at a time; net emissions (emissions − sinks − removals) in ${t.year}, base ${mt(t.base.net_emissions_t)} Mt\n` + grid(
      ['rate', 'period or group', 'years', '−1 pp, Mt', '+1 pp, Mt', 'swing, Mt', 'peak year −/+', 'neutral year −/+'],
      t.bars.map((b) => [b.term, b.label, `${b.years[0]}–${b.years[1]}`, mt(b.low.net_emissions_t), mt(b.high.net_emissions_t), mt(b.swing_t), `${b.low.peak_year}/${b.high.peak_year}`, `${b.low.neutral_year ?? DASH}/${b.high.neutral_year ?? DASH}`]),
      [false, false, false, true, true, true, true, true],
    ));
  }
  if (o.disaggregation !== undefined) out.push(disaggregationText(o));
  if (o.solve !== undefined) out.push(solveText(o.solve));
  return out.join('\n');
}

function summaryText(s: ScenarioOutput['summary']): string {
  const plateau = s.plateau_years.length > 0 ? `${s.plateau_years[0]}–${s.plateau_years.at(-1)}` : DASH;
  const lines = [
    'Summary',
    `peak: ${s.peak_year}, ${mt(s.peak_emissions_t)} Mt; plateau: ${yesNo(s.plateau)} (years within tolerance: ${plateau}, ${s.plateau_years.length} year${s.plateau_years.length === 1 ? '' : 's'}); peak at boundary: ${yesNo(s.peak_at_boundary)}`,
    `neutral year (sinks + removals ≥ emissions): ${s.neutral_year ?? 'not reached'}; stays neutral: ${yesNo(s.stays_neutral)}`,
    '',
  ];
  if (s.targets.length > 0) {
    lines.push('Targets\n' + grid(
      ['target', 'year', 'vs', 'threshold', 'value', 'met'],
      s.targets.map((t) => {
        const isYear = t.name === 'peakBy' || t.name === 'neutralBy';
        const threshold = isYear ? `by ${t.target}` : t.name === 'nonFossilShare' ? `≥ ${percent(t.target)}` : `≤ ${percent(t.target)}`;
        const value = isYear ? String(t.value ?? 'never') : percent(t.value);
        return [t.name, t.year === undefined ? DASH : String(t.year), t.vs_year === undefined ? (t.name === 'vsPeak' ? 'peak' : DASH) : String(t.vs_year), threshold, value, yesNo(t.met)];
      }),
      [false, true, true, true, true, false],
    ));
  }
  if (s.comparison !== undefined) {
    lines.push(`Compared with ${s.comparison.label}\n` + grid(
      ['year', 'ours, Mt', 'reference, Mt', 'difference, Mt', 'difference'],
      s.comparison.rows.map((r) => [String(r.year), mt(r.ours_t), mt(r.reference_t), mt(r.difference_t), percent(r.difference_share, 2)]),
    ));
  }
  if (s.sink_assumptions !== undefined) {
    lines.push('Sink assumptions\n' + grid(
      ['assumption', 'base sinks, Mt', 'growth', 'neutral year', 'stays neutral', 'note'],
      s.sink_assumptions.map((a) => [a.name, mt(a.sinks_t_base), percent(a.sink_growth, 2), String(a.neutral_year ?? 'not reached'), yesNo(a.stays_neutral), a.note ?? '']),
      [false, true, true, true, false, false],
    ));
  }
  return lines.join('\n');
}

function yearsGrid(years: readonly YearRow[]): string {
  const mix = years.some((y) => y.non_fossil_share !== undefined);
  return grid(
    ['year', 'GDP', 'intensity, t/GDP', 'emissions', 'sinks', 'removals', 'balance', ...(mix ? ['non-fossil'] : [])],
    years.map((y) => [String(y.year), fixed(y.gdp, 2), significant(y.intensity), mt(y.emissions_t), mt(y.sinks_t), mt(y.removals_t), fixed(y.balance_ratio, 3), ...(mix ? [percent(y.non_fossil_share)] : [])]),
  );
}

function monteCarloText(o: ScenarioOutput): string {
  const mc = o.monteCarlo as NonNullable<ScenarioOutput['monteCarlo']>;
  const pct = (p: { p10: number | null; p50: number | null; p90: number | null }): string => [p.p10, p.p50, p.p90].map(yearish).join(' / ');
  const shown = mc.bands.filter((b, i) => i === 0 || b.year % 5 === 0 || i === mc.bands.length - 1);
  return [
    `Monte Carlo: ${mc.draws} draws, seed ${mc.seed}`,
    `P(peak by ${mc.peak_by}) = ${mc.p_peak_by_target.toFixed(4)}; P(neutral by ${mc.neutral_by}) = ${mc.p_neutral_by_target.toFixed(4)}`,
    `peak year P10 / P50 / P90: ${pct(mc.peak_year)}; neutral year: ${pct(mc.neutral_year)} (— = not reached)`,
    grid(['year', 'P10, Mt', 'P50, Mt', 'P90, Mt'], shown.map((b) => [String(b.year), mt(b.p10), mt(b.p50), mt(b.p90)])),
  ].join('\n');
}

function disaggregationText(o: ScenarioOutput): string {
  const d = o.disaggregation as NonNullable<ScenarioOutput['disaggregation']>;
  const picked = d.years.map((year, k) => ({ year, k })).filter(({ year, k }) => k === 0 || year % 10 === 0 || k === d.years.length - 1);
  const out: string[] = [];
  if (d.cities !== undefined) {
    out.push(`Cities (weights: ${d.cities.weights}; emissions in Mt; the cities add up to the province every year)\n` + grid(
      ['code', 'region', 'weight', ...picked.map((p) => String(p.year))],
      d.cities.regions.map((r) => [r.region_code, r.region_name, fixed(r.weight, 4), ...picked.map((p) => mt(r.emissions_t[p.k]))]),
      [false, false, true, ...picked.map(() => true)],
    ));
  }
  if (d.sectors !== undefined) {
    out.push('Sectors (share, emissions in Mt)\n' + grid(
      ['sector', ...picked.map((p) => String(p.year))],
      d.sectors.map((s) => [s.sector, ...picked.map((p) => `${percent(s.shares[p.k])} ${mt(s.emissions_t[p.k])}`)]),
    ));
  }
  return out.join('\n');
}

function solveText(s: NonNullable<ScenarioOutput['solve']>): string {
  const same = s.shift === 0;
  return [
    `Solve: ${same ? 'the targets are already met; no change' : `add ${(s.shift * 100).toFixed(4)} pp to the intensity-reduction rate of every year from ${s.from_year}`} (targets: ${s.targets.join(', ')})`,
    grid(['from', 'to', 'intensity reduction', 'solved'], s.rates.map((r) => [String(r.from), String(r.to), rate(r.intensity_reduction), rate(r.solved_intensity_reduction)])),
    summaryText(s.summary),
  ].join('\n');
}

/** `neutral score` output: JSON (contracts.md §6), CSV (the regions) and text tables. */
import { stringify } from 'csv-stringify/sync';
import { GROUP_NAMES, INDICATORS, type RegionScore, type ScoreResult } from '../../core/score/index.js';
import { DASH, fixed, grid } from '../pathway/grid.js';

export interface ScoreDocument extends ScoreResult {
  sources: Record<string, string>;
}

/** Contract fields first (weights, regions, policy, warnings), then the method detail. */
export function renderJson(doc: ScoreDocument): string {
  const { weights, regions, policy, warnings, ...rest } = doc;
  return JSON.stringify({ weights, regions, ...(policy !== undefined ? { policy } : {}), warnings, ...rest }, null, 2) + '\n';
}

function scoreKeys(doc: ScoreResult): string[] {
  return [...Object.keys(doc.groups), 'S'];
}

export function renderCsv(doc: ScoreDocument): string {
  const panel = doc.regions.some((r) => r.year !== undefined);
  const keys = scoreKeys(doc);
  const topsis = doc.method === 'topsis';
  const header = ['region_code', 'region_name', ...(panel ? ['year'] : []), ...keys, ...(topsis ? ['closeness'] : []), 'rank'];
  const rows = doc.regions.map((r) => [r.region_code, r.region_name, ...(panel ? [r.year] : []), ...keys.map((k) => r.scores[k] ?? ''), ...(topsis ? [r.closeness] : []), r.rank]);
  return stringify([header, ...rows]);
}

/** Four decimals for scores and ratios, whole numbers for tonnes and other large quantities. */
const amount = (v: number | null): string => fixed(v, v !== null && Math.abs(v) >= 1000 ? 0 : 4);

const METHOD_NAMES = { sum: 'weighted sum per level', topsis: 'TOPSIS closeness' } as const;

export function renderText(doc: ScoreDocument): string {
  const out: string[] = [];
  const methods = [...new Set(doc.indicators.flatMap((i) => Object.keys(i.weights_by_method)))];
  out.push(`Weights: ${doc.weight_method}; ranking by ${METHOD_NAMES[doc.method]}\n` + grid(
    ['code', 'indicator', 'group', 'polarity', 'normalisation', 'weight', ...methods.map((m) => `${m} w`), 'constant', 'source'],
    doc.indicators.map((i) => [
      i.code, INDICATORS[i.code]?.name ?? '', i.group, i.polarity, i.normalisation, fixed(i.weight, 4),
      ...methods.map((m) => fixed(i.weights_by_method[m as keyof typeof i.weights_by_method], 4)), i.constant ? 'yes' : '', doc.sources[i.code] ?? '',
    ]),
    [false, false, false, false, false, true, ...methods.map(() => true), false, false],
  ));
  out.push('Group weights: ' + Object.entries(doc.group_weights).map(([g, w]) => `${g}${GROUP_NAMES[g] !== undefined ? ` (${GROUP_NAMES[g]})` : ''} ${w.toFixed(4)}`).join(', ') + '\n');
  if (doc.consistency !== undefined) {
    out.push('AHP consistency (refused above CR 0.1)\n' + grid(['level', 'n', 'λmax', 'CI', 'CR'], doc.consistency.map((c) => [c.level, String(c.n), c.lambda_max.toFixed(4), c.ci.toFixed(4), c.cr.toFixed(4)])));
  }
  out.push('Scores\n' + regionsGrid(doc, doc.regions));
  const differing = doc.comparison.regions.filter((r) => r.differs);
  const panel = doc.comparison.regions.some((r) => r.year !== undefined);
  out.push(`Method comparison: ranks by weights × aggregation (${differing.length} of ${doc.comparison.regions.length} rows differ)\n` + grid(
    ['code', 'region', ...(panel ? ['year'] : []), ...doc.comparison.methods, 'differs'],
    doc.comparison.regions.map((r) => [r.region_code, r.region_name, ...(panel ? [String(r.year)] : []), ...doc.comparison.methods.map((m) => String(r.ranks[m])), r.differs ? 'yes' : '']),
    [false, false, ...(panel ? [false] : []), ...doc.comparison.methods.map(() => true), false],
  ));
  for (const [name, view] of Object.entries(doc.views ?? {})) {
    out.push(`${name === 'per_capita' ? 'Per-capita' : 'Per-GDP'} view (quantity indicators divided by ${name === 'per_capita' ? 'population' : 'GDP in 10^4 yuan'})\n` + regionsGrid(doc, view.regions));
  }
  if (doc.policy !== undefined) {
    out.push('Policy assessment: difference in differences (treated − control, after − before)\n' + grid(
      ['indicator', 'treated before', 'treated after', 'control before', 'control after', 'DiD', 'region-years (tb/ta/cb/ca)'],
      doc.policy.map((p) => [p.indicator, amount(p.treated_before), amount(p.treated_after), amount(p.control_before), amount(p.control_after), amount(p.did), `${p.counts.treated_before}/${p.counts.treated_after}/${p.counts.control_before}/${p.counts.control_after}`]),
    ));
  }
  if (doc.warnings.length > 0) out.push('Warnings\n' + doc.warnings.map((w) => `- ${w.code}${w.indicator !== undefined ? ` [${w.indicator}]` : ''}: ${w.message}`).join('\n') + '\n');
  return out.join('\n');
}

function regionsGrid(doc: ScoreResult, regions: readonly RegionScore[]): string {
  const keys = scoreKeys(doc);
  const topsis = doc.method === 'topsis';
  const panel = regions.some((r) => r.year !== undefined);
  return grid(
    ['code', 'region', ...(panel ? ['year'] : []), ...keys, ...(topsis ? ['closeness'] : []), 'rank'],
    regions.map((r) => [r.region_code, r.region_name, ...(panel ? [String(r.year)] : []), ...keys.map((k) => fixed(r.scores[k], 4)), ...(topsis ? [fixed(r.closeness, 4)] : []), String(r.rank)]),
    [false, false, ...(panel ? [false] : []), ...keys.map(() => true), ...(topsis ? [true] : []), true],
  );
}

/**
 * Horizontal compensation for a compensation year T (accounting spec §5, eq. 8–14), with
 * every alternative of contracts.md §3 selected by name.
 */
import type { RowBudget } from './budget.js';
import { unitPrice } from './price.js';
import type { CompensationRegion, CompensationResult, CompensationRole, RegionResult } from './results.js';
import type { CompensationParams, PearlTMode, PriceMode, ResultBasis, RevisionMode } from './types.js';
import type { WarningSink } from './warnings.js';

export interface CompensationInput {
  readonly year: number;
  readonly firstYear: number;
  readonly regions: readonly RowBudget[];
  readonly regionResults: readonly RegionResult[];
  readonly provinceByYear: ReadonlyMap<number, RowBudget>;
  readonly params: CompensationParams;
  readonly priceModeExplicit: boolean;
  readonly basis: ResultBasis;
}

const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;

const known = (values: readonly (number | null)[]): number[] => values.filter((v): v is number => v !== null);

function pearlT(mode: PearlTMode, engel: number): number {
  switch (mode) {
    case 'engel-fraction':
      return engel;
    case 'engel-percent':
      return 100 * engel;
    case 'inverse-minus-3':
      return 1 / engel - 3;
  }
}

/** The revised emissions C' of eq. 10 for one region, or null when an intensity is missing. */
function revisedEmissions(mode: RevisionMode, emissionsT: number, g: { iT: number | null; i0: number | null; pT: number | null; p0: number | null; meanT: number | null }): number | null {
  const { iT, i0, pT, p0, meanT } = g;
  if (iT === null) return null;
  const temporal = i0 === null || pT === null || p0 === null || i0 === 0 || pT === 0 || p0 === 0 ? null : iT / i0 / (pT / p0);
  const spatial = meanT === null || meanT === 0 ? null : iT / meanT;
  switch (mode) {
    case 'product':
      return temporal === null || spatial === null ? null : emissionsT * temporal * spatial;
    case 'temporal':
      return temporal === null ? null : emissionsT * temporal;
    case 'spatial':
      return spatial === null ? null : emissionsT * spatial;
    case 'arithmetic-mean':
      return temporal === null || spatial === null ? null : (emissionsT * (temporal + spatial)) / 2;
    case 'geometric-mean':
      return temporal === null || spatial === null || temporal * spatial < 0 ? null : emissionsT * Math.sqrt(temporal * spatial);
    case 'additive': {
      if (i0 === null || pT === null || p0 === null || i0 === 0 || p0 === 0) return null;
      const declineRegion = 1 - iT / i0;
      const declineProvince = 1 - pT / p0;
      return emissionsT * (1 - (declineRegion - declineProvince));
    }
  }
}

/** The province's intensity in a year: its own row, else the set's totals. */
function provinceIntensity(year: number, input: CompensationInput, warnings: WarningSink): number | null {
  const province = input.provinceByYear.get(year);
  if (province?.intensity != null) return province.intensity;
  warnings.add({ code: 'no_province_row', year, detail: { quantity: 'intensity' } });
  const rows = input.regions.filter((b) => b.row.year === year);
  const emissions = known(rows.map((b) => b.emissionsT)).reduce((a, b) => a + b, 0);
  const allConst = rows.every((b) => b.row.gdpConst10kYuan !== null);
  const gdp10k = allConst
    ? rows.reduce((a, b) => a + (b.row.gdpConst10kYuan ?? 0), 0)
    : known(rows.map((b) => b.row.gdpYuan)).reduce((a, b) => a + b, 0) / 1e4;
  return gdp10k > 0 ? emissions / gdp10k : null;
}

function provinceGdpYuan(input: CompensationInput, sumOfRegions: number, warnings: WarningSink): number {
  if (input.params.kDenominator === 'sum-of-regions') return sumOfRegions;
  const gdp = input.provinceByYear.get(input.year)?.row.gdpYuan;
  if (gdp != null && gdp > 0) return gdp;
  warnings.add({ code: 'no_province_row', year: input.year, detail: { quantity: 'gdp_yuan' } });
  return sumOfRegions;
}

function provinceGdpPerCapita(input: CompensationInput, warnings: WarningSink): number | null {
  if (input.params.gdpPerCapitaProvinceYuan !== null) return input.params.gdpPerCapitaProvinceYuan;
  const province = input.provinceByYear.get(input.year)?.row;
  let gdp = province?.gdpYuan ?? null;
  let population = province?.populationPersons ?? null;
  let source = 'province row';
  if (gdp === null || population === null) {
    // Only regions with both figures, so that numerator and denominator cover the same people.
    const rows = input.regions.filter((b) => b.row.year === input.year && b.row.gdpYuan !== null && b.row.populationPersons !== null);
    gdp = rows.reduce((a, b) => a + (b.row.gdpYuan ?? 0), 0);
    population = rows.reduce((a, b) => a + (b.row.populationPersons ?? 0), 0);
    source = 'region set';
  }
  if (population === 0) return null;
  const perCapita = gdp / population;
  warnings.add({ code: 'gdp_per_capita_computed', year: input.year, detail: { source, yuan: Math.round(perCapita) } });
  return perCapita;
}

export interface CompensationOutcome {
  readonly result: CompensationResult;
  readonly priceModeUsed: PriceMode;
}

export function computeCompensation(input: CompensationInput, warnings: WarningSink): CompensationOutcome {
  const { params, year } = input;
  const rowsT = input.regions.filter((b) => b.row.year === year);
  const eccOf = new Map<string, number | null>();
  for (const r of input.regionResults) if (r.year === year) eccOf.set(r.region_code, r.ecc);
  const firstYearOf = new Map(input.regions.filter((b) => b.row.year === input.firstYear).map((b) => [b.row.regionCode, b]));
  // Grouped only for the alternatives that need each region's own rows.
  const rowsOf = params.threshold === 'per-region' ? groupBy(input.regions, (b) => b.row.regionCode) : new Map<string, RowBudget[]>();
  const resultsOf = params.thresholdEcc === 'mean' ? groupBy(input.regionResults, (r) => r.region_code) : new Map<string, RegionResult[]>();

  // eq. 9: the threshold P = ECC · D
  const allEmissions = known(input.regions.map((b) => b.emissionsT));
  const dAllRows = params.threshold === 'all-rows' ? mean(allEmissions) : mean(known(rowsT.map((b) => b.emissionsT)));
  const ownMean = (code: string, pick: (b: RowBudget) => number | null): number | null => mean(known((rowsOf.get(code) ?? []).map(pick)));
  const eccMean = (code: string): number | null => mean(known((resultsOf.get(code) ?? []).map((r) => r.ecc)));

  // eq. 10 intensities
  const gMeanT = mean(known(rowsT.map((b) => b.intensity)));
  const gProvinceT = provinceIntensity(year, input, warnings);
  const gProvince0 = year === input.firstYear ? gProvinceT : provinceIntensity(input.firstYear, input, warnings);

  // eq. 13 and 14
  const gdpSum = known(rowsT.map((b) => b.row.gdpYuan)).reduce((a, b) => a + b, 0);
  const gdpProvince = provinceGdpYuan(input, gdpSum, warnings);
  const perCapitaProvince = provinceGdpPerCapita(input, warnings);
  const scaling = perCapitaProvince === null || params.gdpPerCapitaNationYuan === null ? null : perCapitaProvince / params.gdpPerCapitaNationYuan;
  const price = unitPrice(params.price, scaling, input.basis, input.priceModeExplicit, warnings);
  const pearl = params.pearl.engel === null ? null : 1 + params.pearl.a * Math.exp(-params.pearl.b * pearlT(params.pearl.t, params.pearl.engel));
  if (pearl === null) warnings.add({ code: 'price_inputs_missing', detail: { mode: price.modeUsed, missing: 'pearl.engel' } });

  const regions = rowsT.map((b): CompensationRegion => {
    const code = b.row.regionCode;
    const d = params.threshold === 'per-region' ? ownMean(code, (x) => x.emissionsT) : dAllRows;
    const ecc = params.thresholdEcc === 'year' ? (eccOf.get(code) ?? null) : eccMean(code);
    const threshold = d === null || ecc === null ? null : ecc * d;
    if (threshold === null) warnings.add({ code: 'threshold_unavailable', region_code: code, year, detail: {} });
    const first = firstYearOf.get(code);
    const revised = b.emissionsT === null ? null : revisedEmissions(params.revision, b.emissionsT, { iT: b.intensity, i0: first?.intensity ?? null, pT: gProvinceT, p0: gProvince0, meanT: gMeanT });
    if (revised === null) warnings.add({ code: 'revision_unavailable', region_code: code, year, detail: { revision: params.revision } });
    const absorption = params.revisedBase === 'with-absorption' ? b.absorptionT : 0;
    const revisedBase = revised === null || threshold === null || absorption === null ? null : revised - absorption - threshold;
    const gamma = pearl === null || b.row.gdpYuan === null || gdpProvince <= 0 ? null : b.row.gdpYuan / gdpProvince / pearl;
    const amountYuan = revisedBase === null || gamma === null || price.alphaYuanPerT === null ? null : revisedBase * price.alphaYuanPerT * gamma;
    return {
      region_code: code,
      base_t: b.budgetT,
      threshold_t: threshold,
      revised_emissions_t: revised,
      revised_base_t: revisedBase,
      gamma,
      role: revisedBase === null ? null : roleOf(revisedBase),
      amount_10k_yuan: amountYuan === null ? null : amountYuan / 1e4,
      amount_million_yuan: amountYuan === null ? null : amountYuan / 1e6,
    };
  });
  if (params.balanced) balanceReceivers(regions);
  const amounts = regions.map((r) => r.amount_10k_yuan);
  const anyAmount = amounts.some((a) => a !== null);
  return {
    result: {
      year,
      alpha_yuan_per_t: price.alphaYuanPerT,
      d_t: params.threshold === 'per-region' ? null : dAllRows,
      payers_total_10k_yuan: anyAmount ? known(amounts).filter((a) => a > 0).reduce((a, b) => a + b, 0) : null,
      receivers_total_10k_yuan: anyAmount ? -known(amounts).filter((a) => a < 0).reduce((a, b) => a + b, 0) : null,
      regions,
    },
    priceModeUsed: price.modeUsed,
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

function roleOf(revisedBaseT: number): CompensationRole {
  return revisedBaseT > 0 ? 'pay' : revisedBaseT < 0 ? 'receive' : 'balance';
}

/** Scales receivers' amounts so that they total exactly what payers pay. */
function balanceReceivers(regions: CompensationRegion[]): void {
  const paid = known(regions.map((r) => r.amount_10k_yuan)).filter((a) => a > 0).reduce((a, b) => a + b, 0);
  const received = -known(regions.map((r) => r.amount_10k_yuan)).filter((a) => a < 0).reduce((a, b) => a + b, 0);
  if (received === 0) return;
  const factor = paid / received;
  for (const region of regions) {
    if (region.amount_10k_yuan !== null && region.amount_10k_yuan < 0) {
      region.amount_10k_yuan *= factor;
      region.amount_million_yuan = region.amount_10k_yuan / 100;
    }
  }
}

/**
 * Horizontal compensation for a compensation year T (accounting spec §5, eq. 8–14), with
 * every alternative of contracts.md §3 selected by name.
 */
import type { Budgets } from './budget.js';
import type { RegionColumns } from './region-columns.js';
import { type RegionResultColumns, orNull } from './region-results.js';
import { unitPrice } from './price.js';
import type { CompensationRegion, CompensationResult, CompensationRole } from './results.js';
import type { CompensationParams, PearlTMode, PriceMode, ResultBasis, RevisionMode } from './types.js';
import type { WarningSink } from './warnings.js';

export interface CompensationInput {
  readonly year: number;
  readonly firstYear: number;
  readonly table: RegionColumns;
  readonly budgets: Budgets;
  /** The region rows (not province rows), in table order. */
  readonly regionRows: Int32Array;
  /** Each table row's region, numbered 0…regionCount−1 (−1 for province rows). */
  readonly regionIdOf: Int32Array;
  readonly regionCount: number;
  /** The region-year results, in ascending years. */
  readonly results: RegionResultColumns;
  /** The province row of each year, by table row. */
  readonly provinceByYear: ReadonlyMap<number, number>;
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

/** The region rows of one year, in table order. */
function rowsOfYear(input: CompensationInput, year: number): number[] {
  const rows: number[] = [];
  for (const i of input.regionRows) if (input.table.year[i] === year) rows.push(i);
  return rows;
}

/** Sum of the known values of `column` over `rows`, in order (0 when none is known). */
function sumOf(column: Float64Array, rows: readonly number[]): number {
  let total = 0;
  for (const i of rows) {
    const value = column[i] as number;
    if (value === value) total += value;
  }
  return total;
}

/** The province's intensity in a year: its own row, else the set's totals. */
function provinceIntensity(year: number, input: CompensationInput, warnings: WarningSink): number | null {
  const province = input.provinceByYear.get(year);
  const own = province === undefined ? Number.NaN : (input.budgets.intensity[province] as number);
  if (own === own) return own;
  warnings.add({ code: 'no_province_row', year, detail: { quantity: 'intensity' } });
  const rows = rowsOfYear(input, year);
  const { table } = input;
  const emissions = sumOf(input.budgets.emissionsT, rows);
  const allConst = rows.every((i) => !Number.isNaN(table.gdpConst10kYuan[i]));
  const gdp10k = allConst ? sumOf(table.gdpConst10kYuan, rows) : sumOf(table.gdpYuan, rows) / 1e4;
  return gdp10k > 0 ? emissions / gdp10k : null;
}

function provinceGdpYuan(input: CompensationInput, sumOfRegions: number, warnings: WarningSink): number {
  if (input.params.kDenominator === 'sum-of-regions') return sumOfRegions;
  const province = input.provinceByYear.get(input.year);
  const gdp = province === undefined ? Number.NaN : (input.table.gdpYuan[province] as number);
  if (gdp > 0) return gdp;
  warnings.add({ code: 'no_province_row', year: input.year, detail: { quantity: 'gdp_yuan' } });
  return sumOfRegions;
}

function provinceGdpPerCapita(input: CompensationInput, warnings: WarningSink): number | null {
  if (input.params.gdpPerCapitaProvinceYuan !== null) return input.params.gdpPerCapitaProvinceYuan;
  const { table } = input;
  const province = input.provinceByYear.get(input.year);
  let gdp = province === undefined ? Number.NaN : (table.gdpYuan[province] as number);
  let population = province === undefined ? Number.NaN : (table.populationPersons[province] as number);
  let source = 'province row';
  if (gdp !== gdp || population !== population) {
    // Only regions with both figures, so that numerator and denominator cover the same people.
    const rows = rowsOfYear(input, input.year).filter((i) => !Number.isNaN(table.gdpYuan[i]) && !Number.isNaN(table.populationPersons[i]));
    gdp = sumOf(table.gdpYuan, rows);
    population = sumOf(table.populationPersons, rows);
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
  const { params, year, table, budgets, regionIdOf, regionCount } = input;
  const rowsT = rowsOfYear(input, year);
  const { results } = input;
  const eccOf = new Float64Array(regionCount).fill(Number.NaN);
  for (let n = 0; n < results.length; n++) {
    const i = results.row[n] as number;
    if (table.year[i] === year) eccOf[regionIdOf[i] as number] = results.ecc[n] as number;
  }
  const firstYearOf = new Int32Array(regionCount).fill(-1);
  for (const i of input.regionRows) if (table.year[i] === input.firstYear) firstYearOf[regionIdOf[i] as number] = i;

  // eq. 9: the threshold P = ECC · D; per-region means only for the alternatives that need them.
  const ownMeanEmissions = params.threshold === 'per-region' ? meansByRegion(input.regionRows.length, (k) => budgets.emissionsT[input.regionRows[k] as number] as number, (k) => regionIdOf[input.regionRows[k] as number] as number, regionCount) : null;
  const eccMeans = params.thresholdEcc === 'mean' ? meansByRegion(results.length, (n) => results.ecc[n] as number, (n) => regionIdOf[results.row[n] as number] as number, regionCount) : null;
  const dAllRows = params.threshold === 'all-rows' ? meanOfRows(budgets.emissionsT, input.regionRows) : mean(known(rowsT.map((i) => orNull(budgets.emissionsT[i] as number))));

  // eq. 10 intensities
  const gMeanT = mean(known(rowsT.map((i) => orNull(budgets.intensity[i] as number))));
  const gProvinceT = provinceIntensity(year, input, warnings);
  const gProvince0 = year === input.firstYear ? gProvinceT : provinceIntensity(input.firstYear, input, warnings);

  // eq. 13 and 14
  const gdpSum = known(rowsT.map((i) => orNull(table.gdpYuan[i] as number))).reduce((a, b) => a + b, 0);
  const gdpProvince = provinceGdpYuan(input, gdpSum, warnings);
  const perCapitaProvince = provinceGdpPerCapita(input, warnings);
  const scaling = perCapitaProvince === null || params.gdpPerCapitaNationYuan === null ? null : perCapitaProvince / params.gdpPerCapitaNationYuan;
  const price = unitPrice(params.price, scaling, input.basis, input.priceModeExplicit, warnings);
  const pearl = params.pearl.engel === null ? null : 1 + params.pearl.a * Math.exp(-params.pearl.b * pearlT(params.pearl.t, params.pearl.engel));
  if (pearl === null) warnings.add({ code: 'price_inputs_missing', detail: { mode: price.modeUsed, missing: 'pearl.engel' } });

  const regions = rowsT.map((i): CompensationRegion => {
    const code = table.regionCode[i] as string;
    const id = regionIdOf[i] as number;
    const d = ownMeanEmissions !== null ? orNull(ownMeanEmissions[id] as number) : dAllRows;
    const ecc = eccMeans !== null ? orNull(eccMeans[id] as number) : orNull(eccOf[id] as number);
    const threshold = d === null || ecc === null ? null : ecc * d;
    if (threshold === null) warnings.add({ code: 'threshold_unavailable', region_code: code, year, detail: {} });
    const first = firstYearOf[id] as number;
    const emissionsT = orNull(budgets.emissionsT[i] as number);
    const revised = emissionsT === null ? null : revisedEmissions(params.revision, emissionsT, { iT: orNull(budgets.intensity[i] as number), i0: first === -1 ? null : orNull(budgets.intensity[first] as number), pT: gProvinceT, p0: gProvince0, meanT: gMeanT });
    if (revised === null) warnings.add({ code: 'revision_unavailable', region_code: code, year, detail: { revision: params.revision } });
    const absorption = params.revisedBase === 'with-absorption' ? orNull(budgets.absorptionT[i] as number) : 0;
    const revisedBase = revised === null || threshold === null || absorption === null ? null : revised - absorption - threshold;
    const gdpYuan = orNull(table.gdpYuan[i] as number);
    const gamma = pearl === null || gdpYuan === null || gdpProvince <= 0 ? null : gdpYuan / gdpProvince / pearl;
    const amountYuan = revisedBase === null || gamma === null || price.alphaYuanPerT === null ? null : revisedBase * price.alphaYuanPerT * gamma;
    return {
      region_code: code,
      base_t: orNull(budgets.budgetT[i] as number),
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

/** The mean of the known values of `column` over `rows`, summed in order (null: none known). */
function meanOfRows(column: Float64Array, rows: Int32Array): number | null {
  let total = 0;
  let count = 0;
  for (const i of rows) {
    const value = column[i] as number;
    if (value !== value) continue;
    total += value;
    count++;
  }
  return count === 0 ? null : total / count;
}

/** The mean of each region's known values over items 0…count−1, summed in order (NaN: none known). */
function meansByRegion(count: number, valueOf: (item: number) => number, regionOf: (item: number) => number, regionCount: number): Float64Array {
  const sums = new Float64Array(regionCount);
  const counts = new Float64Array(regionCount);
  for (let item = 0; item < count; item++) {
    const value = valueOf(item);
    if (value !== value) continue;
    const id = regionOf(item);
    sums[id] = (sums[id] as number) + value;
    counts[id] = (counts[id] as number) + 1;
  }
  return sums.map((sum, id) => (counts[id] === 0 ? Number.NaN : sum / (counts[id] as number)));
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

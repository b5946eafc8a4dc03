/**
 * Everything relative to the region set in a year (eq. 6–7, shares, ranks) and over time
 * (growth since the region's previous row), plus the set totals per year. Reads the budget
 * columns by row index and writes the result columns by position.
 */
import type { Budgets } from './budget.js';
import type { RegionColumns } from './region-columns.js';
import { type RegionResultColumns, orNull } from './region-results.js';
import type { BudgetFields, YearTotals } from './results.js';
import type { WarningSink } from './warnings.js';

/** part / whole, unknown when either is or the whole is 0. */
function ratio(part: number, whole: number): number {
  return whole === 0 ? Number.NaN : part / whole;
}

/** Sum of the known values in row order; `missing` lists the regions whose value was unknown. */
function sumKnown(table: RegionColumns, rows: ArrayLike<number>, column: Float64Array, missing: string[] | null): number {
  let total = 0;
  let known = 0;
  for (let n = 0; n < rows.length; n++) {
    const i = rows[n] as number;
    const value = column[i] as number;
    if (value !== value) missing?.push(table.regionCode[i] as string);
    else {
      total += value;
      known++;
    }
  }
  return known === 0 ? Number.NaN : total;
}

export function budgetFields(b: Budgets, i: number): BudgetFields {
  return {
    emissions_energy_t: orNull(b.energyT[i] as number),
    emissions_respiration_t: orNull(b.respirationT[i] as number),
    emissions_land_t: orNull(b.landEmissionsT[i] as number),
    emissions_t: orNull(b.emissionsT[i] as number),
    absorption_t: orNull(b.absorptionT[i] as number),
    budget_t: orNull(b.budgetT[i] as number),
  };
}

/**
 * Competition ranking by emissions, largest first (1, 2, 2, 4); unknown emissions get no rank
 * (NaN). rank = 1 + how many are strictly larger: a native numeric sort and a binary search.
 */
export function emissionRanks(emissionsT: Float64Array, rows: ArrayLike<number>): Float64Array {
  let count = 0;
  const values = new Float64Array(rows.length);
  for (let n = 0; n < rows.length; n++) {
    const value = emissionsT[rows[n] as number] as number;
    if (value === value) values[count++] = value;
  }
  const sorted = values.subarray(0, count).sort();
  const ranks = new Float64Array(rows.length).fill(Number.NaN);
  for (let n = 0; n < rows.length; n++) {
    const value = emissionsT[rows[n] as number] as number;
    if (value !== value) continue;
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sorted[middle] as number) <= value) low = middle + 1;
      else high = middle;
    }
    ranks[n] = 1 + count - low;
  }
  return ranks;
}

/**
 * The set statistics of one year: `rows` are the region rows of that year, in table order;
 * their results go to positions `at`, `at + 1`, … of `out`. Returns the year's totals.
 */
export function yearStats(year: number, table: RegionColumns, b: Budgets, rows: ArrayLike<number>, province: number | undefined, out: RegionResultColumns, at: number, warnings: WarningSink): YearTotals {
  const missing = { emissions_t: [] as string[], absorption_t: [] as string[], gdp_yuan: [] as string[] };
  const emissionsTotal = sumKnown(table, rows, b.emissionsT, missing.emissions_t);
  const absorptionTotal = sumKnown(table, rows, b.absorptionT, missing.absorption_t);
  const gdpTotal = sumKnown(table, rows, table.gdpYuan, missing.gdp_yuan);
  for (const [quantity, total] of [['emissions_t', emissionsTotal], ['absorption_t', absorptionTotal], ['gdp_yuan', gdpTotal]] as const) {
    if (missing[quantity].length > 0 && total === total) {
      warnings.add({ code: 'set_total_incomplete', year, detail: { quantity, regions: missing[quantity].join(', ') } });
    }
  }
  for (let n = 0; n < rows.length; n++) {
    const i = rows[n] as number;
    const emissionsT = b.emissionsT[i] as number;
    const gdpYuan = table.gdpYuan[i] as number;
    const emissionsShare = emissionsT === 0 ? Number.NaN : ratio(emissionsT, emissionsTotal);
    if (emissionsShare !== emissionsShare) warnings.add({ code: 'no_emissions', region_code: table.regionCode[i] as string, year, detail: {} });
    const gdpShare = ratio(gdpYuan, gdpTotal);
    if (gdpYuan !== gdpYuan) warnings.add({ code: 'missing_gdp', region_code: table.regionCode[i] as string, year, detail: {} });
    const absorptionShare = ratio(b.absorptionT[i] as number, absorptionTotal);
    const p = at + n;
    out.row[p] = i;
    out.ecc[p] = ratio(gdpShare, emissionsShare);
    out.esc[p] = ratio(absorptionShare, emissionsShare);
    out.emissionsPerCapitaT[p] = ratio(emissionsT, table.populationPersons[i] as number);
    out.emissionsShare[p] = emissionsShare;
    out.absorptionShare[p] = absorptionShare;
    out.gdpShare[p] = gdpShare;
  }
  const totals: YearTotals = {
    year,
    regions: rows.length,
    emissions_energy_t: orNull(sumKnown(table, rows, b.energyT, null)),
    emissions_respiration_t: orNull(sumKnown(table, rows, b.respirationT, null)),
    emissions_land_t: orNull(sumKnown(table, rows, b.landEmissionsT, null)),
    emissions_t: orNull(emissionsTotal),
    absorption_t: orNull(absorptionTotal),
    budget_t: orNull(sumKnown(table, rows, b.budgetT, null)),
    gdp_yuan: orNull(gdpTotal),
    population: orNull(sumKnown(table, rows, table.populationPersons, null)),
  };
  if (province !== undefined) {
    const provinceEmissions = b.emissionsT[province] as number;
    const difference = provinceEmissions - emissionsTotal;
    totals.province_row = { region_code: table.regionCode[province] as string, ...budgetFields(b, province), difference_t: orNull(difference) };
    if (difference === difference && Math.abs(difference) > 0.01 * Math.abs(emissionsTotal)) {
      warnings.add({ code: 'province_row_differs', year, detail: { difference_percent: Number(((100 * difference) / emissionsTotal).toFixed(2)) } });
    }
  }
  return totals;
}

/**
 * Annual growth of emissions since each region's previous row, compounded over the gap.
 * Results come in ascending years, as the engine builds them; `regionIdOf` numbers each
 * table row's region 0…count−1.
 */
export function fillGrowth(table: RegionColumns, b: Budgets, out: RegionResultColumns, regionIdOf: Int32Array, count: number): void {
  const previous = new Int32Array(count).fill(-1);
  for (let n = 0; n < out.length; n++) {
    const i = out.row[n] as number;
    const id = regionIdOf[i] as number;
    const before = previous[id] as number;
    previous[id] = i;
    if (before === -1) continue;
    const emissionsBefore = b.emissionsT[before] as number;
    const emissions = b.emissionsT[i] as number;
    // Unknown (NaN) emissions fail both comparisons.
    if (emissionsBefore > 0 && emissions >= 0) {
      out.emissionsGrowthRate[n] = (emissions / emissionsBefore) ** (1 / ((table.year[i] as number) - (table.year[before] as number))) - 1;
    }
  }
}

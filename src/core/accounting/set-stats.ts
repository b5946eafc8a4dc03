/**
 * Everything relative to the region set in a year (eq. 6–7, shares, ranks) and over time
 * (growth since the region's previous row), plus the set totals per year. Reads the budget
 * columns by row index; builds one result object per region-year, for output.
 */
import type { Budgets } from './budget.js';
import type { RegionColumns } from './region-columns.js';
import type { BudgetFields, RegionResult, YearTotals } from './results.js';
import type { WarningSink } from './warnings.js';

/** NaN (unknown) as null, for the result objects. */
export const orNull = (value: number): number | null => (value === value ? value : null);

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

export interface YearStats {
  readonly totals: YearTotals;
  /** One per row of `rows`, in that order. */
  readonly regions: RegionResult[];
  /** Emission rank of each of `rows` (NaN: none). */
  readonly ranks: Float64Array;
}

/** The set statistics of one year: `rows` are the region rows of that year, in table order. */
export function yearStats(year: number, table: RegionColumns, b: Budgets, rows: ArrayLike<number>, province: number | undefined, warnings: WarningSink): YearStats {
  const missing = { emissions_t: [] as string[], absorption_t: [] as string[], gdp_yuan: [] as string[] };
  const emissionsTotal = sumKnown(table, rows, b.emissionsT, missing.emissions_t);
  const absorptionTotal = sumKnown(table, rows, b.absorptionT, missing.absorption_t);
  const gdpTotal = sumKnown(table, rows, table.gdpYuan, missing.gdp_yuan);
  for (const [quantity, total] of [['emissions_t', emissionsTotal], ['absorption_t', absorptionTotal], ['gdp_yuan', gdpTotal]] as const) {
    if (missing[quantity].length > 0 && total === total) {
      warnings.add({ code: 'set_total_incomplete', year, detail: { quantity, regions: missing[quantity].join(', ') } });
    }
  }
  const ranks = emissionRanks(b.emissionsT, rows);
  const results = new Array<RegionResult>(rows.length);
  for (let n = 0; n < rows.length; n++) {
    const i = rows[n] as number;
    const emissionsT = b.emissionsT[i] as number;
    const absorptionT = b.absorptionT[i] as number;
    const gdpYuan = table.gdpYuan[i] as number;
    const regionCode = table.regionCode[i] as string;
    const emissionsShare = emissionsT === 0 ? Number.NaN : ratio(emissionsT, emissionsTotal);
    if (emissionsShare !== emissionsShare) warnings.add({ code: 'no_emissions', region_code: regionCode, year, detail: {} });
    const gdpShare = ratio(gdpYuan, gdpTotal);
    if (gdpYuan !== gdpYuan) warnings.add({ code: 'missing_gdp', region_code: regionCode, year, detail: {} });
    const absorptionShare = ratio(absorptionT, absorptionTotal);
    // One object literal of a fixed shape: these are what the JSON and the tables print.
    results[n] = {
      region_code: regionCode,
      region_name: table.regionName[i] as string,
      year,
      emissions_energy_t: orNull(b.energyT[i] as number),
      emissions_respiration_t: orNull(b.respirationT[i] as number),
      emissions_land_t: orNull(b.landEmissionsT[i] as number),
      emissions_t: orNull(emissionsT),
      absorption_t: orNull(absorptionT),
      budget_t: orNull(b.budgetT[i] as number),
      ecc: orNull(ratio(gdpShare, emissionsShare)),
      esc: orNull(ratio(absorptionShare, emissionsShare)),
      zone: null,
      intensity_t_per_10k_yuan: orNull(b.intensity[i] as number),
      emissions_per_capita_t: orNull(ratio(emissionsT, table.populationPersons[i] as number)),
      emissions_share: orNull(emissionsShare),
      absorption_share: orNull(absorptionShare),
      gdp_share: orNull(gdpShare),
      emissions_growth_rate: null,
    };
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
  return { totals, regions: results, ranks };
}

/**
 * Annual growth of emissions since each region's previous row, compounded over the gap.
 * `results` come in ascending years, as the engine builds them; `regionIds` numbers their
 * regions 0…count−1.
 */
export function fillGrowth(results: RegionResult[], regionIds: Int32Array, count: number): void {
  const previous = new Int32Array(count).fill(-1);
  for (let n = 0; n < results.length; n++) {
    const current = results[n] as RegionResult;
    const id = regionIds[n] as number;
    const before = previous[id] === -1 ? undefined : results[previous[id] as number];
    if (before !== undefined && before.emissions_t !== null && current.emissions_t !== null && before.emissions_t > 0 && current.emissions_t >= 0) {
      current.emissions_growth_rate = (current.emissions_t / before.emissions_t) ** (1 / (current.year - before.year)) - 1;
    }
    previous[id] = n;
  }
}

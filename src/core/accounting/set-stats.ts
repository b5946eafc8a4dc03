/**
 * Everything relative to the region set in a year (eq. 6–7, shares, ranks) and over time
 * (growth since the region's previous row), plus the set totals per year.
 */
import type { RowBudget } from './budget.js';
import type { BudgetFields, RegionResult, YearTotals } from './results.js';
import type { WarningSink } from './warnings.js';

function ratio(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole === 0) return null;
  return part / whole;
}

/** Sum of the known values; `missing` lists the regions whose value was unknown. */
function sumKnown(items: readonly RowBudget[], pick: (b: RowBudget) => number | null): { total: number | null; missing: string[] } {
  let total = 0;
  let known = 0;
  const missing: string[] = [];
  for (const item of items) {
    const value = pick(item);
    if (value === null) missing.push(item.row.regionCode);
    else {
      total += value;
      known++;
    }
  }
  return { total: known === 0 ? null : total, missing };
}

export function budgetFields(b: RowBudget): BudgetFields {
  return {
    emissions_energy_t: b.energyT,
    emissions_respiration_t: b.respirationT,
    emissions_land_t: b.landEmissionsT,
    emissions_t: b.emissionsT,
    absorption_t: b.absorptionT,
    budget_t: b.budgetT,
  };
}

/** Competition ranking by emissions, largest first (1, 2, 2, 4); null emissions get no rank. */
export function emissionRanks(items: readonly RowBudget[]): Map<string, number> {
  // rank = 1 + how many are strictly larger: a native numeric sort and a binary search,
  // cheaper than sorting the row objects with a comparator.
  let count = 0;
  const values = new Float64Array(items.length);
  for (const b of items) if (b.emissionsT !== null) values[count++] = b.emissionsT;
  const sorted = values.subarray(0, count).sort();
  const ranks = new Map<string, number>();
  for (const b of items) {
    if (b.emissionsT === null) continue;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sorted[middle] as number) <= b.emissionsT) low = middle + 1;
      else high = middle;
    }
    ranks.set(b.row.regionCode, 1 + sorted.length - low);
  }
  return ranks;
}

export interface YearStats {
  readonly totals: YearTotals;
  readonly regions: RegionResult[];
  readonly ranks: Map<string, number>;
}

export function yearStats(year: number, regions: readonly RowBudget[], province: RowBudget | undefined, warnings: WarningSink): YearStats {
  const emissions = sumKnown(regions, (b) => b.emissionsT);
  const absorption = sumKnown(regions, (b) => b.absorptionT);
  const gdp = sumKnown(regions, (b) => b.row.gdpYuan);
  for (const [quantity, sum] of [['emissions_t', emissions], ['absorption_t', absorption], ['gdp_yuan', gdp]] as const) {
    if (sum.missing.length > 0 && sum.total !== null) {
      warnings.add({ code: 'set_total_incomplete', year, detail: { quantity, regions: sum.missing.join(', ') } });
    }
  }
  const ranks = emissionRanks(regions);
  const results = regions.map((b): RegionResult => {
    const emissionsShare = b.emissionsT === null || b.emissionsT === 0 ? null : ratio(b.emissionsT, emissions.total);
    if (emissionsShare === null) warnings.add({ code: 'no_emissions', region_code: b.row.regionCode, year, detail: {} });
    const gdpShare = ratio(b.row.gdpYuan, gdp.total);
    if (b.row.gdpYuan === null) warnings.add({ code: 'missing_gdp', region_code: b.row.regionCode, year, detail: {} });
    const absorptionShare = ratio(b.absorptionT, absorption.total);
    return {
      region_code: b.row.regionCode,
      region_name: b.row.regionName,
      year,
      emissions_energy_t: b.energyT,
      emissions_respiration_t: b.respirationT,
      emissions_land_t: b.landEmissionsT,
      emissions_t: b.emissionsT,
      absorption_t: b.absorptionT,
      budget_t: b.budgetT,
      ecc: emissionsShare === null ? null : ratio(gdpShare, emissionsShare),
      esc: emissionsShare === null ? null : ratio(absorptionShare, emissionsShare),
      zone: null,
      intensity_t_per_10k_yuan: b.intensity,
      emissions_per_capita_t: ratio(b.emissionsT, b.row.populationPersons),
      emissions_share: emissionsShare,
      absorption_share: absorptionShare,
      gdp_share: gdpShare,
      emissions_growth_rate: null,
    };
  });
  const totals: YearTotals = {
    year,
    regions: regions.length,
    emissions_energy_t: sumKnown(regions, (b) => b.energyT).total,
    emissions_respiration_t: sumKnown(regions, (b) => b.respirationT).total,
    emissions_land_t: sumKnown(regions, (b) => b.landEmissionsT).total,
    emissions_t: emissions.total,
    absorption_t: absorption.total,
    budget_t: sumKnown(regions, (b) => b.budgetT).total,
    gdp_yuan: gdp.total,
    population: sumKnown(regions, (b) => b.row.populationPersons).total,
  };
  if (province !== undefined) {
    const difference = province.emissionsT === null || emissions.total === null ? null : province.emissionsT - emissions.total;
    totals.province_row = { region_code: province.row.regionCode, ...budgetFields(province), difference_t: difference };
    if (difference !== null && emissions.total !== null && Math.abs(difference) > 0.01 * Math.abs(emissions.total)) {
      warnings.add({ code: 'province_row_differs', year, detail: { difference_percent: Number(((100 * difference) / emissions.total).toFixed(2)) } });
    }
  }
  return { totals, regions: results, ranks };
}

/**
 * Annual growth of emissions since each region's previous row, compounded over the gap.
 * `results` come in ascending years, as the engine builds them.
 */
export function fillGrowth(results: RegionResult[]): void {
  const previous = new Map<string, RegionResult>();
  for (const current of results) {
    const before = previous.get(current.region_code);
    if (before !== undefined && before.emissions_t !== null && current.emissions_t !== null && before.emissions_t > 0 && current.emissions_t >= 0) {
      current.emissions_growth_rate = (current.emissions_t / before.emissions_t) ** (1 / (current.year - before.year)) - 1;
    }
    previous.set(current.region_code, current);
  }
}

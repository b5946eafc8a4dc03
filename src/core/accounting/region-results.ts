/**
 * The per-region-year results by column. Position n is the n-th result in output order
 * (years ascending, table order within a year). The result objects of contracts.md §4 are
 * built from these only when asked for: 90,000 objects of 18 fields cost more to allocate
 * and keep than computing their values, and a serialiser can build them a slice at a time.
 */
import type { Budgets } from './budget.js';
import type { RegionColumns } from './region-columns.js';
import type { RegionResult } from './results.js';
import type { ZoneId } from './types.js';

export interface RegionResultColumns {
  readonly length: number;
  /** The table row of each result. */
  readonly row: Int32Array;
  readonly ecc: Float64Array;
  readonly esc: Float64Array;
  readonly zone: (ZoneId | null)[];
  readonly emissionsPerCapitaT: Float64Array;
  readonly emissionsShare: Float64Array;
  readonly absorptionShare: Float64Array;
  readonly gdpShare: Float64Array;
  readonly emissionsGrowthRate: Float64Array;
}

export function emptyRegionResults(length: number): RegionResultColumns {
  const unknown = (): Float64Array => new Float64Array(length).fill(Number.NaN);
  return {
    length,
    row: new Int32Array(length),
    ecc: unknown(),
    esc: unknown(),
    zone: new Array<ZoneId | null>(length).fill(null),
    emissionsPerCapitaT: unknown(),
    emissionsShare: unknown(),
    absorptionShare: unknown(),
    gdpShare: unknown(),
    emissionsGrowthRate: unknown(),
  };
}

/** NaN (unknown) as null, for the result objects. */
export const orNull = (value: number): number | null => (value === value ? value : null);

/** Builds result objects [from, to) in output order. */
export function regionResultObjects(table: RegionColumns, b: Budgets, r: RegionResultColumns, from = 0, to = r.length): RegionResult[] {
  const out = new Array<RegionResult>(Math.max(0, to - from));
  for (let n = from; n < to; n++) {
    const i = r.row[n] as number;
    // One object literal of a fixed shape, keys in the order of the contract.
    out[n - from] = {
      region_code: table.regionCode[i] as string,
      region_name: table.regionName[i] as string,
      year: table.year[i] as number,
      emissions_energy_t: orNull(b.energyT[i] as number),
      emissions_respiration_t: orNull(b.respirationT[i] as number),
      emissions_land_t: orNull(b.landEmissionsT[i] as number),
      emissions_t: orNull(b.emissionsT[i] as number),
      absorption_t: orNull(b.absorptionT[i] as number),
      budget_t: orNull(b.budgetT[i] as number),
      ecc: orNull(r.ecc[n] as number),
      esc: orNull(r.esc[n] as number),
      zone: r.zone[n] as ZoneId | null,
      intensity_t_per_10k_yuan: orNull(b.intensity[i] as number),
      emissions_per_capita_t: orNull(r.emissionsPerCapitaT[n] as number),
      emissions_share: orNull(r.emissionsShare[n] as number),
      absorption_share: orNull(r.absorptionShare[n] as number),
      gdp_share: orNull(r.gdpShare[n] as number),
      emissions_growth_rate: orNull(r.emissionsGrowthRate[n] as number),
    };
  }
  return out;
}

/**
 * Indicators filled from other results (planning.md §2): S11–S16 from the accounting's region
 * rows, S21–S25 from market data. An indicator is filled only when the source has a value for
 * every row of the score table; otherwise it is left out with a warning saying why.
 */
import type { ScoreWarning } from './types.js';

/** The fields of an `account --format json` region row that the score uses (contracts.md §4). */
export interface AccountingRegionRow {
  readonly region_code: string;
  readonly year: number;
  readonly emissions_t: number | null;
  readonly absorption_t: number | null;
  readonly budget_t: number | null;
  readonly intensity_t_per_10k_yuan: number | null;
  readonly emissions_growth_rate: number | null;
}

export type SourceValues = ReadonlyMap<string, Readonly<Record<string, number | null>>>;

const key = (regionCode: string, year: number | null): string => `${regionCode}|${year ?? '*'}`;

/**
 * S11 sink = absorption_t; S12 emissions = emissions_t; S13 intensity = intensity_t_per_10k_yuan;
 * S14 accumulation = budget_t (net emissions) summed over the region's rows up to the year;
 * S15 offset = absorption_t / emissions_t; S16 growth = emissions_growth_rate.
 */
export function accountingIndicators(rows: readonly AccountingRegionRow[]): SourceValues {
  const out = new Map<string, Record<string, number | null>>();
  const byRegion = new Map<string, AccountingRegionRow[]>();
  for (const row of rows) byRegion.set(row.region_code, [...(byRegion.get(row.region_code) ?? []), row]);
  for (const list of byRegion.values()) {
    let accumulated: number | null = 0;
    for (const row of [...list].sort((a, b) => a.year - b.year)) {
      accumulated = accumulated === null || row.budget_t === null ? null : accumulated + row.budget_t;
      const offset = row.absorption_t === null || row.emissions_t === null || row.emissions_t === 0 ? null : row.absorption_t / row.emissions_t;
      out.set(key(row.region_code, row.year), {
        S11: row.absorption_t, S12: row.emissions_t, S13: row.intensity_t_per_10k_yuan, S14: accumulated, S15: offset, S16: row.emissions_growth_rate,
      });
    }
  }
  return out;
}

/** Market-data columns (units in the names) and the indicator each fills. */
export const MARKET_COLUMNS = {
  local_price_yuan_per_t: 'S21',
  export_price_yuan_per_t: 'S22',
  import_price_yuan_per_t: 'S23',
  local_demand_t: 'S24',
  export_demand_t: 'S25',
} as const;

export interface MarketRow {
  readonly regionCode: string;
  /** Null: the values hold for every year of the region. */
  readonly year: number | null;
  readonly values: Readonly<Record<string, number | null>>;
}

export function marketIndicators(rows: readonly MarketRow[]): SourceValues {
  return new Map(rows.map((row) => [key(row.regionCode, row.year), row.values]));
}

export interface FillResult {
  /** Indicator → one value per score row. */
  readonly filled: Map<string, number[]>;
  readonly warnings: ScoreWarning[];
}

/** Fills `codes` for the given rows from a source keyed by (region, year) or (region, any year). */
export function fillFrom(source: SourceValues, sourceName: string, codes: readonly string[], rows: readonly { regionCode: string; year: number | null }[]): FillResult {
  const filled = new Map<string, number[]>();
  const warnings: ScoreWarning[] = [];
  for (const code of codes) {
    const values: number[] = [];
    let gap: { regionCode: string; year: number | null } | undefined;
    for (const row of rows) {
      const value = (source.get(key(row.regionCode, row.year)) ?? source.get(key(row.regionCode, null)))?.[code];
      if (value === undefined || value === null) {
        gap = row;
        break;
      }
      values.push(value);
    }
    if (gap === undefined) filled.set(code, values);
    else if ([...source.values()].some((v) => v[code] !== undefined && v[code] !== null)) {
      warnings.push({
        code: 'indicator_not_filled', indicator: code, region_code: gap.regionCode, ...(gap.year !== null ? { year: gap.year } : {}),
        message: `${code} not filled from the ${sourceName}: no value for ${gap.regionCode}${gap.year !== null ? ` in ${gap.year}` : ''}`,
      });
    }
  }
  return { filled, warnings };
}

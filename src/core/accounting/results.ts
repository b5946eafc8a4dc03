/** Result shapes: the field names of contracts.md §4, exactly. Every `_t` is in tonnes of the basis. */
import type { ZoneId } from './types.js';

export interface BudgetFields {
  emissions_energy_t: number | null;
  emissions_respiration_t: number | null;
  emissions_land_t: number | null;
  emissions_t: number | null;
  absorption_t: number | null;
  budget_t: number | null;
}

export interface RegionResult extends BudgetFields {
  region_code: string;
  region_name: string;
  year: number;
  ecc: number | null;
  esc: number | null;
  zone: ZoneId | null;
  intensity_t_per_10k_yuan: number | null;
  emissions_per_capita_t: number | null;
  emissions_share: number | null;
  absorption_share: number | null;
  gdp_share: number | null;
  emissions_growth_rate: number | null;
}

export interface YearTotals extends BudgetFields {
  year: number;
  regions: number;
  gdp_yuan: number | null;
  population: number | null;
  province_row?: BudgetFields & { region_code: string; difference_t: number | null };
}

export type CompensationRole = 'pay' | 'receive' | 'balance';

export interface CompensationRegion {
  region_code: string;
  base_t: number | null;
  threshold_t: number | null;
  revised_emissions_t: number | null;
  revised_base_t: number | null;
  gamma: number | null;
  role: CompensationRole | null;
  amount_10k_yuan: number | null;
  amount_million_yuan: number | null;
}

export interface CompensationResult {
  year: number;
  alpha_yuan_per_t: number | null;
  d_t: number | null;
  payers_total_10k_yuan: number | null;
  receivers_total_10k_yuan: number | null;
  regions: CompensationRegion[];
}

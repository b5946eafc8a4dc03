/**
 * Energy emissions from a fuel table (accounting spec §2 eq. 1, fuel variant).
 * Net calorific values and standard-coal factors: GB/T 2589 (China's general principles for
 * calculation of comprehensive energy consumption), the conversions Chinese yearbooks use.
 * CO2 emission factors per TJ: IPCC 2006 Guidelines, Vol. 2, Ch. 1, Table 1.4 (defaults).
 */
import type { FuelUnit, FuelUse } from './types.js';
import { type Result, ok, err } from '../result.js';

export interface FuelFactor {
  readonly id: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** The unit the quantities of this fuel come in, besides TJ and tce. */
  readonly physicalUnit: 't' | '10k_m3';
  /** TJ per physical unit (GB/T 2589 net calorific value). */
  readonly tjPerUnit: number;
  /** tce per physical unit (GB/T 2589 reference coefficient). */
  readonly tcePerUnit: number;
  /** t CO2 per TJ (IPCC 2006 default). */
  readonly tco2PerTj: number;
  readonly ipccCategory: string;
}

/** kJ/kg → TJ/t and kJ/m3 → TJ/10^4 m3 share the factor 1e-5. */
const KJ = 1e-5;

export const FUEL_FACTORS: readonly FuelFactor[] = [
  { id: 'raw_coal', nameZh: '原煤', nameEn: 'Raw coal', physicalUnit: 't', tjPerUnit: 20908 * KJ, tcePerUnit: 0.7143, tco2PerTj: 94.6, ipccCategory: 'Other bituminous coal' },
  { id: 'cleaned_coal', nameZh: '洗精煤', nameEn: 'Cleaned coal', physicalUnit: 't', tjPerUnit: 26344 * KJ, tcePerUnit: 0.9, tco2PerTj: 94.6, ipccCategory: 'Coking coal' },
  { id: 'coke', nameZh: '焦炭', nameEn: 'Coke', physicalUnit: 't', tjPerUnit: 28435 * KJ, tcePerUnit: 0.9714, tco2PerTj: 107, ipccCategory: 'Coke oven coke' },
  { id: 'crude_oil', nameZh: '原油', nameEn: 'Crude oil', physicalUnit: 't', tjPerUnit: 41816 * KJ, tcePerUnit: 1.4286, tco2PerTj: 73.3, ipccCategory: 'Crude oil' },
  { id: 'gasoline', nameZh: '汽油', nameEn: 'Gasoline', physicalUnit: 't', tjPerUnit: 43070 * KJ, tcePerUnit: 1.4714, tco2PerTj: 69.3, ipccCategory: 'Motor gasoline' },
  { id: 'kerosene', nameZh: '煤油', nameEn: 'Kerosene', physicalUnit: 't', tjPerUnit: 43070 * KJ, tcePerUnit: 1.4714, tco2PerTj: 71.5, ipccCategory: 'Jet kerosene' },
  { id: 'diesel', nameZh: '柴油', nameEn: 'Diesel oil', physicalUnit: 't', tjPerUnit: 42652 * KJ, tcePerUnit: 1.4571, tco2PerTj: 74.1, ipccCategory: 'Gas/diesel oil' },
  { id: 'fuel_oil', nameZh: '燃料油', nameEn: 'Fuel oil', physicalUnit: 't', tjPerUnit: 41816 * KJ, tcePerUnit: 1.4286, tco2PerTj: 77.4, ipccCategory: 'Residual fuel oil' },
  { id: 'lpg', nameZh: '液化石油气', nameEn: 'Liquefied petroleum gas', physicalUnit: 't', tjPerUnit: 50179 * KJ, tcePerUnit: 1.7143, tco2PerTj: 63.1, ipccCategory: 'Liquefied petroleum gases' },
  { id: 'refinery_gas', nameZh: '炼厂干气', nameEn: 'Refinery gas', physicalUnit: 't', tjPerUnit: 46055 * KJ, tcePerUnit: 1.5714, tco2PerTj: 57.6, ipccCategory: 'Refinery gas' },
  { id: 'natural_gas', nameZh: '天然气', nameEn: 'Natural gas', physicalUnit: '10k_m3', tjPerUnit: 38931 * KJ, tcePerUnit: 12.143, tco2PerTj: 56.1, ipccCategory: 'Natural gas' },
  { id: 'coke_oven_gas', nameZh: '焦炉煤气', nameEn: 'Coke oven gas', physicalUnit: '10k_m3', tjPerUnit: 17354 * KJ, tcePerUnit: 5.929, tco2PerTj: 44.4, ipccCategory: 'Coke oven gas' },
];

export const ELECTRICITY = 'electricity';

const BY_ID = new Map(FUEL_FACTORS.map((f) => [f.id, f]));
const BY_ZH = new Map(FUEL_FACTORS.map((f) => [f.nameZh, f]));

/** Finds a fuel by id or Chinese name; `electricity` (电力) is handled by the caller. */
export function findFuel(name: string): FuelFactor | undefined {
  return BY_ID.get(name) ?? BY_ZH.get(name);
}

export function isElectricity(name: string): boolean {
  return name === ELECTRICITY || name === '电力';
}

export type FuelProblem =
  | { readonly code: 'unknown_fuel'; readonly fuel: string }
  | { readonly code: 'bad_fuel_unit'; readonly fuel: string; readonly unit: FuelUnit }
  | { readonly code: 'missing_grid_factor'; readonly fuel: string };

export interface FuelBasisFactors {
  /** How tonnes of standard coal become result tonnes (used on the as-printed basis). */
  readonly perTce: number;
  /** true: convert through TJ with IPCC CO2 factors; false: through tce × perTce. */
  readonly viaTj: boolean;
  /** Result tonnes per t CO2 (1 on a t CO2e basis, 12/44 on a t C basis). */
  readonly co2Scale: number;
  /** Grid factor already in result tonnes per MWh. */
  readonly gridPerMWh: number | null;
}

/** Emissions of one fuel entry in result tonnes. */
export function fuelEmissions(use: FuelUse, factors: FuelBasisFactors): Result<number, FuelProblem> {
  if (isElectricity(use.fuel)) {
    if (use.unit !== 'MWh') return err({ code: 'bad_fuel_unit', fuel: use.fuel, unit: use.unit });
    if (factors.gridPerMWh === null) return err({ code: 'missing_grid_factor', fuel: use.fuel });
    return ok(use.quantity * factors.gridPerMWh);
  }
  const fuel = findFuel(use.fuel);
  if (fuel === undefined) return err({ code: 'unknown_fuel', fuel: use.fuel });
  let tj: number;
  let tce: number;
  if (use.unit === fuel.physicalUnit) {
    tj = use.quantity * fuel.tjPerUnit;
    tce = use.quantity * fuel.tcePerUnit;
  } else if (use.unit === 'TJ') {
    tj = use.quantity;
    tce = (use.quantity / fuel.tjPerUnit) * fuel.tcePerUnit;
  } else if (use.unit === 'tce') {
    tce = use.quantity;
    tj = (use.quantity / fuel.tcePerUnit) * fuel.tjPerUnit;
  } else {
    return err({ code: 'bad_fuel_unit', fuel: use.fuel, unit: use.unit });
  }
  return ok(factors.viaTj ? tj * fuel.tco2PerTj * factors.co2Scale : tce * factors.perTce);
}

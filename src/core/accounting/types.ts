/** Domain types of the carbon-budget, zoning and compensation engine (accounting spec §1–5). */

export const LAND_CLASSES = ['cultivated', 'forest', 'grassland', 'water', 'unused', 'construction'] as const;
export type LandClass = (typeof LAND_CLASSES)[number];

/** Basis of a result: every `_t` field is in tonnes of it. */
export type ResultBasis = 'as-printed' | 'tCO2e' | 'tC';
/** Basis a coefficient was published in. */
export type CoefficientBasis = 'as-printed' | 'tCO2e' | 'tC';

export const PRESET_NAMES = ['jiangxi-2024', 'consistent'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export const ZONE_IDS = [
  'carbon-sink-functional',
  'low-carbon-optimisation',
  'total-carbon-control',
  'carbon-intensity-control',
] as const;
export type ZoneId = (typeof ZONE_IDS)[number];

export const THRESHOLD_MODES = ['all-rows', 'compensation-year', 'per-region'] as const;
export const THRESHOLD_ECC_MODES = ['year', 'mean'] as const;
export const REVISION_MODES = ['product', 'temporal', 'spatial', 'arithmetic-mean', 'geometric-mean', 'additive'] as const;
export const REVISED_BASE_MODES = ['with-absorption', 'gross'] as const;
export const K_DENOMINATORS = ['province', 'sum-of-regions'] as const;
export const PRICE_MODES = ['mean-domestic-international', 'pooled', 'domestic', 'international'] as const;
export const PRICE_PER = ['tCO2', 'tC'] as const;
export const PEARL_T_MODES = ['engel-fraction', 'engel-percent', 'inverse-minus-3'] as const;

export type ThresholdMode = (typeof THRESHOLD_MODES)[number];
export type ThresholdEccMode = (typeof THRESHOLD_ECC_MODES)[number];
export type RevisionMode = (typeof REVISION_MODES)[number];
export type RevisedBaseMode = (typeof REVISED_BASE_MODES)[number];
export type KDenominator = (typeof K_DENOMINATORS)[number];
export type PriceMode = (typeof PRICE_MODES)[number];
export type PricePer = (typeof PRICE_PER)[number];
export type PearlTMode = (typeof PEARL_T_MODES)[number];

/** One fuel quantity of a region-year from a fuel table. */
export interface FuelUse {
  readonly fuel: string;
  readonly quantity: number;
  readonly unit: FuelUnit;
}

export const FUEL_UNITS = ['t', '10k_m3', 'TJ', 'tce', 'MWh'] as const;
export type FuelUnit = (typeof FUEL_UNITS)[number];

/** One row of a region table, already parsed and converted to canonical units. */
export interface RegionYearRow {
  readonly regionCode: string;
  readonly regionName: string;
  readonly year: number;
  readonly populationPersons: number | null;
  /** Current prices, yuan. */
  readonly gdpYuan: number | null;
  /** Constant prices of `constPriceBaseYear`, 10^4 yuan. */
  readonly gdpConst10kYuan: number | null;
  readonly energyTce: number | null;
  readonly landHm2: Readonly<Record<LandClass, number | null>>;
  /** Fuel table entries for this row; when present they replace `energyTce`. */
  readonly fuels: readonly FuelUse[] | null;
}

export interface ZoningRule {
  readonly zone: ZoneId;
  readonly when: string;
}

export interface ZoneName {
  readonly zh: string;
  readonly en: string;
}

export interface PriceParams {
  readonly mode: PriceMode;
  readonly domesticMinYuan: number | null;
  readonly domesticMaxYuan: number | null;
  readonly internationalMinUsd: number | null;
  readonly internationalMaxUsd: number | null;
  readonly usdCny: number | null;
  readonly per: PricePer;
}

export interface CompensationParams {
  readonly threshold: ThresholdMode;
  readonly thresholdEcc: ThresholdEccMode;
  readonly revision: RevisionMode;
  readonly revisedBase: RevisedBaseMode;
  readonly kDenominator: KDenominator;
  readonly balanced: boolean;
  readonly price: PriceParams;
  /** null: computed from the province row (or the set) in year T. */
  readonly gdpPerCapitaProvinceYuan: number | null;
  readonly gdpPerCapitaNationYuan: number | null;
  readonly pearl: { readonly t: PearlTMode; readonly engel: number | null; readonly a: number; readonly b: number };
}

export interface CoefficientParams {
  /** σ: emissions per tce, in `energyBasis`. */
  readonly energyPerTce: number;
  readonly energyBasis: CoefficientBasis;
  /** θ: t C per person per year (as printed for `jiangxi-2024`). */
  readonly respirationPerPerson: number;
  readonly respiration: boolean;
  /** λ per class, t per hm2 per year; negative = sink; absent = no land term. */
  readonly land: Readonly<Partial<Record<LandClass, number>>>;
  readonly gridTCO2PerMWh: number | null;
}

/** Parameters with every default filled: the shape of the params file, echoed with every result. */
export interface EffectiveParams {
  readonly preset: PresetName;
  readonly coefficients: CoefficientParams;
  readonly constPriceBaseYear: number | null;
  readonly zoning: readonly ZoningRule[];
  readonly zoneNames: Readonly<Record<ZoneId, ZoneName>>;
  readonly compensation: CompensationParams;
}

/** A documented coefficient: what a value is, in what unit and basis, and who says so. */
export interface CoefficientRecord {
  readonly name: string;
  readonly value: number | null;
  readonly unit: string;
  readonly basis: CoefficientBasis | 'none';
  readonly citation: string;
  readonly status: 'verified' | 'unverified' | 'nearest-year' | 'user' | 'computed' | 'assumption';
}

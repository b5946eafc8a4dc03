/**
 * Pathway scenario (contracts.md §5) as the core receives it: shape already validated by the
 * adapter; the core checks the rules between fields (coverage of periods, rate ranges, years).
 */

/** One rate for the whole period, or one per year of the period (growth slowing inside it). */
export type RateInput = number | readonly number[];

export interface PeriodInput {
  readonly from: number;
  readonly to: number;
  /** GDP growth per year (constant prices). */
  readonly gdpGrowth: RateInput;
  /** CO2-intensity reduction per year; or give the cumulative reduction over the period. */
  readonly intensityReduction?: RateInput;
  /** Cumulative intensity reduction over the period, converted to 1 − (1 − R)^(1/years). */
  readonly intensityReductionCumulative?: number;
  /** Sink growth per year (default 0). */
  readonly sinkGrowth?: RateInput;
  /** Periods with the same group share one Monte Carlo draw per term. */
  readonly shockGroup?: string;
  readonly note?: string;
}

export type Distribution =
  | { readonly dist: 'triangular'; readonly min: number; readonly mode: number; readonly max: number }
  | { readonly dist: 'normal'; readonly sd: number; readonly mean?: number };

export const UNCERTAIN_TERMS = ['gdpGrowth', 'intensityReduction', 'sinkGrowth'] as const;
export type UncertainTerm = (typeof UNCERTAIN_TERMS)[number];

export interface HistoryPoint {
  readonly year: number;
  readonly emissionsT: number;
  readonly gdp: number;
  readonly note?: string;
}

export interface SinkLandUse {
  /** t CO2 per hm2 per year; negative = sink, positive = source (as the accounting params). */
  readonly coefficientsTPerHm2: Readonly<Record<string, number>>;
  /** Areas by year (hm2 per class), interpolated linearly, held outside the listed years. */
  readonly areasHm2: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly note?: string;
}

export interface SinkAssumption {
  readonly name: string;
  readonly sinksT: number;
  /** Growth per year, every year (default 0). */
  readonly sinkGrowth?: number;
  readonly note?: string;
}

export interface Targets {
  readonly peakBy?: number;
  readonly neutralBy?: number;
  readonly intensity?: { readonly year: number; readonly vsYear: number; readonly change: number };
  readonly vsPeak?: { readonly year: number; readonly change: number };
  readonly nonFossilShare?: { readonly year: number; readonly min: number };
}

export interface ScenarioInput {
  readonly name: string;
  readonly description?: string;
  readonly baseYear: number;
  readonly endYear: number;
  readonly emissionsT: number;
  /** GDP in the base year, constant prices, in `gdpUnit`. */
  readonly gdp: number;
  readonly gdpUnit?: string;
  /** Sinks in the base year (growth mode); absent when `sinkLandUse` gives them. */
  readonly sinksT?: number;
  readonly sinkNote?: string;
  readonly sinkLandUse?: SinkLandUse;
  readonly sinkAssumptions?: readonly SinkAssumption[];
  readonly periods: readonly PeriodInput[];
  /** Year → t removed (CCUS): 0 before the first listed year, linear between, held after. */
  readonly removalsT?: Readonly<Record<string, number>>;
  readonly energyMix?: { readonly nonFossilShare: Readonly<Record<string, number>>; readonly note?: string };
  readonly history?: readonly HistoryPoint[];
  readonly targets?: Targets;
  readonly plateauTolerance?: number;
  readonly uncertainty?: Partial<Record<UncertainTerm, Distribution>>;
  readonly monteCarlo?: { readonly draws: number; readonly seed: number };
  /** Published figures to set beside ours: year → t. */
  readonly compare?: { readonly label: string; readonly emissionsT: Readonly<Record<string, number>> };
  readonly disaggregation?: DisaggregationInput;
}

export type WeightBasis = 'emissions' | 'population' | 'gdp' | 'ecc' | 'fixed';

export interface DisaggregationInput {
  readonly cities?: {
    /** A basis, or a composite: a share per basis (renormalised). */
    readonly weights: WeightBasis | Readonly<Partial<Record<Exclude<WeightBasis, 'fixed'>, number>>>;
    readonly regions: readonly {
      readonly regionCode: string;
      readonly regionName: string;
      readonly emissionsT?: number;
      readonly population?: number;
      readonly gdp?: number;
      readonly ecc?: number;
      readonly weight?: number;
    }[];
  };
  readonly sectors?: {
    readonly baseShares: Readonly<Record<string, number>>;
    readonly targetShares?: Readonly<Record<string, number>>;
    readonly targetYear?: number;
  };
}

/** A scenario problem: a closed code and the JSON path (keys) of the offending field. */
export interface ScenarioProblem {
  readonly code:
    | 'period_overlap' | 'period_gap' | 'rate_out_of_range' | 'bad_rate_count' | 'unknown_year'
    | 'conflicting_fields' | 'missing_field' | 'bad_param_value' | 'no_uncertainty';
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** The city carbon-neutrality score (planning.md §2, contracts.md §6): inputs, options, results. */

export type Polarity = '+' | '-';
export const NORMALISATIONS = ['min-max', 'max', 'vector', 'z-score'] as const;
export type Normalisation = (typeof NORMALISATIONS)[number];
export const WEIGHT_METHODS = ['entropy', 'ahp', 'fixed', 'combined'] as const;
export type WeightMethod = (typeof WEIGHT_METHODS)[number];
export const AGGREGATIONS = ['sum', 'topsis'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export type BaseWeightMethod = Exclude<WeightMethod, 'combined'>;

/** One region-year of the score table (already parsed; every indicator cell present). */
export interface ScoreRow {
  readonly regionCode: string;
  readonly regionName: string;
  /** Null in a single-year file (no `year` column). */
  readonly year: number | null;
  readonly populationPersons: number | null;
  readonly gdp10kYuan: number | null;
}

export interface ScoreData {
  /** Indicator codes in column order. */
  readonly indicators: readonly string[];
  readonly rows: readonly ScoreRow[];
  /** values[row][indicator], same order as `indicators`. */
  readonly values: readonly (readonly number[])[];
}

export interface PairwiseLevel {
  readonly items: readonly string[];
  readonly matrix: readonly (readonly number[])[];
}

/** The params file as the core receives it (shape validated by the adapter). */
export interface ScoreParams {
  readonly polarity?: Readonly<Record<string, Polarity>>;
  readonly normalisation?: Readonly<Record<string, Normalisation>>;
  readonly groups?: Readonly<Record<string, readonly string[]>>;
  /** Fixed weights by indicator. */
  readonly weights?: Readonly<Record<string, number>>;
  /** Hierarchical AHP: key "S" over the groups, a group's name over its indicators. */
  readonly pairwise?: Readonly<Record<string, PairwiseLevel>>;
  /** Share of each method in `combined`. */
  readonly combined?: Readonly<Partial<Record<BaseWeightMethod, number>>>;
  readonly policy?: { readonly year: number; readonly treated: readonly string[] };
  /** Quantity-type indicators: divided by population and by GDP in the two views. */
  readonly perCapita?: readonly string[];
}

export interface ScoreRun {
  readonly data: ScoreData;
  readonly params: ScoreParams;
  readonly weightMethod: WeightMethod;
  readonly aggregation: Aggregation;
}

export type ScoreProblemCode =
  | 'missing_indicator' | 'unknown_indicator' | 'missing_param' | 'bad_param_value' | 'ahp_bad_matrix'
  | 'ahp_not_reciprocal' | 'ahp_inconsistent' | 'all_constant' | 'too_few_rows' | 'entropy_negative'
  | 'policy_needs_panel' | 'unknown_region';

/** `path` points into the params file; null when the data table is at fault. */
export interface ScoreProblem {
  readonly code: ScoreProblemCode;
  readonly path: readonly (string | number)[] | null;
  readonly message: string;
}

export type ScoreWarningCode =
  | 'constant_indicator' | 'weights_renormalised' | 'group_without_weight' | 'view_skipped'
  | 'method_unavailable' | 'policy_empty_cell' | 'indicator_not_filled' | 'ignored_column';

export interface ScoreWarning {
  code: ScoreWarningCode;
  message: string;
  indicator?: string;
  region_code?: string;
  year?: number;
}

export interface Consistency {
  level: string;
  n: number;
  lambda_max: number;
  ci: number;
  cr: number;
}

export interface IndicatorInfo {
  code: string;
  group: string;
  polarity: Polarity;
  normalisation: Normalisation;
  constant: boolean;
  weight: number;
  /** Weights under every method that could be computed, for the comparison. */
  weights_by_method: Partial<Record<WeightMethod, number>>;
}

export interface RegionScore {
  region_code: string;
  region_name: string;
  year?: number;
  /** Group scores and the total S. A group whose weights are all 0 scores null. */
  scores: Record<string, number | null>;
  closeness?: number;
  rank: number;
}

export interface PolicyRow {
  indicator: string;
  treated_before: number | null;
  treated_after: number | null;
  control_before: number | null;
  control_after: number | null;
  did: number | null;
  counts: { treated_before: number; treated_after: number; control_before: number; control_after: number };
}

export interface ComparisonRow {
  region_code: string;
  region_name: string;
  year?: number;
  ranks: Record<string, number>;
  /** True when the ranks differ between methods. */
  differs: boolean;
}

export interface ScoreView {
  weights: Record<string, number>;
  regions: RegionScore[];
}

export interface ScoreResult {
  weights: Record<string, number>;
  weight_method: WeightMethod;
  method: Aggregation;
  groups: Record<string, string[]>;
  group_weights: Record<string, number>;
  indicators: IndicatorInfo[];
  consistency?: Consistency[];
  regions: RegionScore[];
  comparison: { methods: string[]; regions: ComparisonRow[] };
  views?: { per_capita?: ScoreView; per_gdp?: ScoreView };
  policy?: PolicyRow[];
  warnings: ScoreWarning[];
}

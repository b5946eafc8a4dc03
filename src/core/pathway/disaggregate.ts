/**
 * Disaggregation of a provincial pathway to cities and sectors (planning.md §1) by stated
 * weights. Parts are apportioned so that adding them in output order gives the whole exactly.
 */
import { type Result, ok, err } from '../result.js';
import type { DisaggregationInput, ScenarioProblem, WeightBasis } from './types.js';

type Basis = Exclude<WeightBasis, 'fixed'>;
const BASES: readonly Basis[] = ['emissions', 'population', 'gdp', 'ecc'];
const SHARE_SUM_TOLERANCE = 1e-6;

export interface CityPart {
  region_code: string;
  region_name: string;
  weight: number;
  emissions_t: number[];
}

export interface SectorPart {
  sector: string;
  shares: number[];
  emissions_t: number[];
}

export interface DisaggregationResult {
  years: number[];
  cities?: { weights: string; regions: CityPart[] };
  sectors?: SectorPart[];
}

/**
 * Splits `total` by `weights` (summing to 1) so that a left-to-right sum of the parts equals
 * `total` exactly. Every part is a whole number of q = ulp(total) units, apportioned by
 * largest remainder; all partial sums are then integers × q below 2^53 × q, so no addition
 * rounds. A part is off its exact share by less than q (about 1e-16 of the whole).
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  if (total === 0 || !Number.isFinite(total)) return weights.map((w) => total * w);
  const sign = Math.sign(total);
  const q = ulpOf(Math.abs(total));
  const units = Math.abs(total) / q; // an integer below 2^53
  const floors = weights.map((w) => Math.floor(units * w));
  let remainder = units - floors.reduce((a, b) => a + b, 0);
  const byFraction = weights
    .map((w, i) => ({ i, fraction: units * w - (floors[i] as number), w }))
    .filter((x) => x.w > 0)
    .sort((a, b) => b.fraction - a.fraction || b.w - a.w);
  for (let k = 0; remainder !== 0 && byFraction.length > 0; k = (k + 1) % byFraction.length) {
    const { i } = byFraction[k] as { i: number };
    const step = remainder > 0 ? 1 : -1;
    if (step < 0 && (floors[i] as number) === 0) continue;
    floors[i] = (floors[i] as number) + step;
    remainder -= step;
  }
  return floors.map((n) => sign * n * q);
}

const scratch = new Float64Array(1);
const bits = new BigUint64Array(scratch.buffer);

/** Unit in the last place of a positive finite double. */
function ulpOf(x: number): number {
  scratch[0] = x;
  const exponent = Number(((bits[0] as bigint) >> 52n) & 0x7ffn);
  return Math.pow(2, Math.max(exponent, 1) - 1075);
}

type Path = readonly (string | number)[];
const fail = (code: ScenarioProblem['code'], path: Path, message: string) => err<ScenarioProblem>({ code, path, message });

export function cityWeights(input: NonNullable<DisaggregationInput['cities']>): Result<number[], ScenarioProblem> {
  const base = ['disaggregation', 'cities'];
  if (input.regions.length === 0) return fail('missing_field', [...base, 'regions'], 'no regions to disaggregate to');
  const plain = (basis: WeightBasis): Result<number[], ScenarioProblem> => {
    const field = basis === 'fixed' ? 'weight' : basis === 'emissions' ? 'emissionsT' : basis;
    const values: number[] = [];
    for (const [i, region] of input.regions.entries()) {
      const raw = basis === 'ecc' ? (region.emissionsT === undefined || region.ecc === undefined ? undefined : region.emissionsT * region.ecc) : region[field as 'weight'];
      const missingField = basis === 'ecc' ? (region.emissionsT === undefined ? 'emissionsT' : 'ecc') : field;
      if (raw === undefined) return fail('missing_field', [...base, 'regions', i, missingField], `weights by ${basis} need ${missingField} for every region`);
      if (!(raw >= 0)) return fail('bad_param_value', [...base, 'regions', i, missingField], `expected a value ≥ 0, found ${raw}`);
      values.push(raw);
    }
    const sum = values.reduce((a, b) => a + b, 0);
    if (!(sum > 0)) return fail('bad_param_value', [...base, 'weights'], `the ${basis} values of the regions sum to 0`);
    return ok(values.map((v) => v / sum));
  };
  if (typeof input.weights === 'string') return plain(input.weights);
  const shares = Object.entries(input.weights) as [Basis, number][];
  const shareSum = shares.reduce((a, [, v]) => a + v, 0);
  if (shares.some(([, v]) => !(v >= 0)) || !(shareSum > 0)) return fail('bad_param_value', [...base, 'weights'], 'composite shares must be ≥ 0 and not all 0');
  const combined = input.regions.map(() => 0);
  for (const [basis, share] of shares) {
    if (!BASES.includes(basis)) return fail('bad_param_value', [...base, 'weights', basis], `unknown basis "${basis}"`);
    if (share === 0) continue;
    const w = plain(basis);
    if (!w.ok) return w;
    w.value.forEach((v, i) => (combined[i] = (combined[i] as number) + (share / shareSum) * v));
  }
  return ok(combined);
}

function describe(weights: NonNullable<DisaggregationInput['cities']>['weights']): string {
  if (typeof weights === 'string') return weights;
  return Object.entries(weights).map(([b, s]) => `${s}×${b}`).join(' + ');
}

/** Sector shares per year: linear from the base-year shares to the target shares, held after. */
function sectorShares(input: NonNullable<DisaggregationInput['sectors']>, years: readonly number[]): Result<Map<string, number[]>, ScenarioProblem> {
  const base = ['disaggregation', 'sectors'];
  const names = Object.keys(input.baseShares);
  for (const [field, shares] of [['baseShares', input.baseShares], ['targetShares', input.targetShares]] as const) {
    if (shares === undefined) continue;
    const sum = Object.values(shares).reduce((a, b) => a + b, 0);
    if (Object.values(shares).some((v) => !(v >= 0)) || Math.abs(sum - 1) > SHARE_SUM_TOLERANCE) {
      return fail('bad_param_value', [...base, field], `shares must be ≥ 0 and sum to 1, found a sum of ${sum}`);
    }
    const keys = Object.keys(shares);
    const stray = keys.find((k) => !names.includes(k)) ?? names.find((k) => !keys.includes(k));
    if (stray !== undefined) return fail('bad_param_value', [...base, field, stray], `baseShares and targetShares must name the same sectors ("${stray}" is in only one)`);
  }
  const first = years[0] as number;
  const targetYear = input.targetYear ?? (years.at(-1) as number);
  if (input.targetShares !== undefined && targetYear <= first) return fail('unknown_year', [...base, 'targetYear'], `targetYear must come after the base year ${first}`);
  const out = new Map<string, number[]>();
  const total = (shares: Readonly<Record<string, number>>): number => Object.values(shares).reduce((a, b) => a + b, 0);
  const baseSum = total(input.baseShares);
  const targetSum = input.targetShares === undefined ? baseSum : total(input.targetShares);
  for (const name of names) {
    // Renormalised, so shares within the tolerance still split the whole.
    const from = (input.baseShares[name] as number) / baseSum;
    const to = input.targetShares === undefined ? from : (input.targetShares[name] as number) / targetSum;
    out.set(name, years.map((year) => (year >= targetYear ? to : from + ((to - from) * (year - first)) / (targetYear - first))));
  }
  return ok(out);
}

export function disaggregate(input: DisaggregationInput, years: readonly number[], emissionsT: ArrayLike<number>): Result<DisaggregationResult, ScenarioProblem> {
  const result: DisaggregationResult = { years: [...years] };
  if (input.cities !== undefined) {
    const weights = cityWeights(input.cities);
    if (!weights.ok) return weights;
    const regions: CityPart[] = input.cities.regions.map((r, i) => ({ region_code: r.regionCode, region_name: r.regionName, weight: weights.value[i] as number, emissions_t: [] }));
    years.forEach((_, k) => apportion(emissionsT[k] as number, weights.value).forEach((part, i) => (regions[i] as CityPart).emissions_t.push(part)));
    result.cities = { weights: describe(input.cities.weights), regions };
  }
  if (input.sectors !== undefined) {
    const shares = sectorShares(input.sectors, years);
    if (!shares.ok) return shares;
    const sectors: SectorPart[] = [...shares.value].map(([sector, s]) => ({ sector, shares: s, emissions_t: [] }));
    years.forEach((_, k) => apportion(emissionsT[k] as number, sectors.map((s) => s.shares[k] as number)).forEach((part, i) => (sectors[i] as SectorPart).emissions_t.push(part)));
    result.sectors = sectors;
  }
  return ok(result);
}

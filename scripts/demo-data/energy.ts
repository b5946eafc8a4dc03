/**
 * Energy use (tce) estimates, accounting.md §9: province energy backed out of seed 001's totals
 * or from CEADs provincial CO2, then split over the cities by CEADs CO2 shares with seed 001's
 * stated shares taking precedence.
 */
import { type CeadsValue, type DemoInputs, seedValue } from './inputs.js';

/** t CO2 per tce of the `consistent` preset's composite (0.67 t C per tce × 44/12), accounting.md §3 and §9. */
export const CONSISTENT_TCO2_PER_TCE = 2.457;

/** Energy (tce) whose emissions plus respiration equal `emissionsT`: E = (Cz − θ·P) / σ. */
export function energyFromTotal(emissionsT: number, population: number, sigma: number, theta: number): number {
  return (emissionsT - theta * population) / sigma;
}

export interface CeadsPick { readonly year: number; readonly co2Mt: number }

/** The city's CEADs value in the nearest year at or before `year`, or null. */
export function latestCeads(values: readonly CeadsValue[], code: string, year: number): CeadsPick | null {
  let best: CeadsPick | null = null;
  for (const v of values) {
    if (v.code !== code || v.year > year) continue;
    if (best === null || v.year > best.year) best = { year: v.year, co2Mt: v.co2Mt };
  }
  return best;
}

export interface EnergyShare {
  readonly code: string;
  /** Fraction of the province's energy; null when no input reaches the city. */
  readonly share: number | null;
  readonly basis: 'seed' | 'ceads' | 'none';
  readonly ceads: CeadsPick | null;
  /** The fraction the CEADs-based cities share: 1 − the sum of the stated shares. */
  readonly othersFraction: number;
}

/**
 * Shares of province energy: cities in `stated` keep their stated fraction; the others share
 * the remainder in proportion to their latest CEADs CO2 (renormalised over the cities that
 * have a value); a city with no value and no stated share gets null.
 */
export function energyShares(codes: readonly string[], ceads: readonly CeadsValue[], year: number, stated: ReadonlyMap<string, number>): EnergyShare[] {
  const picks = codes.map((code) => ({ code, pick: latestCeads(ceads, code, year) }));
  let statedSum = 0;
  let ceadsSum = 0;
  for (const { code, pick } of picks) {
    const s = stated.get(code);
    if (s !== undefined) statedSum += s;
    else if (pick !== null) ceadsSum += pick.co2Mt;
  }
  if (statedSum > 1 || ceadsSum <= 0) throw new Error(`energy shares for ${year}: stated ${statedSum}, CEADs sum ${ceadsSum}`);
  return picks.map(({ code, pick }) => {
    const s = stated.get(code);
    const othersFraction = 1 - statedSum;
    if (s !== undefined) return { code, share: s, basis: 'seed', ceads: pick, othersFraction };
    if (pick === null) return { code, share: null, basis: 'none', ceads: null, othersFraction };
    return { code, share: (othersFraction * pick.co2Mt) / ceadsSum, basis: 'ceads', ceads: pick, othersFraction };
  });
}

/** Seed 001's stated city energy shares for a year, as fractions. */
export function statedEnergyShares(inputs: DemoInputs, year: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of inputs.seed) {
    if (f.figure === 'energy_share' && f.year === String(year) && f.used === 'input') out.set(f.code, f.value / 100);
  }
  return out;
}

function provinceCo2T(inputs: DemoInputs, code: string, year: number): number {
  const found = inputs.ceadsProvince.find((p) => p.code === code && p.year === year);
  if (found === undefined) throw new Error(`ceads-province-co2.csv: no ${code} ${year}`);
  return found.co2T;
}

export interface ProvinceEnergy { readonly year: number; readonly tce: number; readonly method: string }

/**
 * Jiangxi's province energy: 2010 and 2020 from seed 001's total emissions and the province
 * population; 2015 = 2010 × the CEADs provincial CO2 ratio 2015/2010.
 */
export function jiangxiProvinceEnergy(inputs: DemoInputs, population: ReadonlyMap<number, number>): ProvinceEnergy[] {
  const sigma = seedValue(inputs, 'sigma', 'energy');
  const theta = seedValue(inputs, 'theta', 'respiration');
  const backedOut = (year: number): ProvinceEnergy => {
    const totalMt = seedValue(inputs, 'total_emissions', 'province', String(year));
    const p = population.get(year);
    if (p === undefined) throw new Error(`no Jiangxi population for ${year}`);
    return { year, tce: energyFromTotal(totalMt * 1e6, p, sigma, theta), method: `E = (${totalMt} Mt − ${theta} × ${p} persons) / ${sigma} (seed 001 total emissions; population = sum of the census city values)` };
  };
  const e2010 = backedOut(2010);
  const c2010 = provinceCo2T(inputs, '360000', 2010);
  const c2015 = provinceCo2T(inputs, '360000', 2015);
  const e2015 = { year: 2015, tce: (e2010.tce * c2015) / c2010, method: `E2010 × CEADs provincial CO2 2015/2010 (${c2015} t / ${c2010} t)` };
  return [e2010, e2015, backedOut(2020)];
}

/** Henan 2020: CEADs provincial CO2 of 2019 (nearest year) ÷ 2.457 t CO2 per tce. */
export function henanProvinceEnergy(inputs: DemoInputs): ProvinceEnergy {
  const c2019 = provinceCo2T(inputs, '410000', 2019);
  return { year: 2020, tce: c2019 / CONSISTENT_TCO2_PER_TCE, method: `CEADs provincial CO2 2019 (${c2019} t, nearest year) ÷ ${CONSISTENT_TCO2_PER_TCE} t CO2 per tce (the consistent composite, accounting.md §3)` };
}

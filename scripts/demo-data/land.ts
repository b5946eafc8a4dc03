/**
 * Land area by class (hm2) estimates, accounting.md §9: province class totals (seed 001's
 * figures for Jiangxi, the third land survey for Henan) split over the cities by their share of
 * the province's polygon area, with forest re-weighted where seed 001 states a city's share of
 * absorption.
 */
import { type DemoInputs, seedValue } from './inputs.js';

export const LAND_CLASSES = ['cultivated', 'forest', 'grassland', 'water', 'unused', 'construction'] as const;
export type LandClass = (typeof LAND_CLASSES)[number];
export const SINK_CLASSES = ['cultivated', 'forest', 'grassland', 'water', 'unused'] as const;
export type SinkClass = (typeof SINK_CLASSES)[number];
export type ClassAreas = Readonly<Record<LandClass, number | null>>;
/** Absorption per hm2 and year (|λ|, t), by sink class. */
export type Lambda = Readonly<Record<SinkClass, number>>;

/** Seed 001's λ as absolute absorption rates. */
export function seedLambda(inputs: DemoInputs): Lambda {
  const of = (c: SinkClass): number => Math.abs(seedValue(inputs, 'lambda', c));
  return { cultivated: of('cultivated'), forest: of('forest'), grassland: of('grassland'), water: of('water'), unused: of('unused') };
}

/** Absorption (t) of a set of class areas; empty classes count as zero. */
export function absorptionT(areas: ClassAreas, lambda: Lambda): number {
  return SINK_CLASSES.reduce((sum, c) => sum + (areas[c] ?? 0) * lambda[c], 0);
}

export interface JiangxiLand {
  readonly provinceAreaHm2: number;
  /** 2020 steps: the residual area and absorption that water and unused must take. */
  readonly restAreaHm2: number;
  readonly restAbsorptionT: number;
  readonly totals: ReadonlyMap<number, ClassAreas>;
}

/**
 * Jiangxi class totals. 2020: forest and cultivated = printed shares × province area;
 * construction printed; grassland = printed grassland absorption ÷ λ; water and unused solve
 * area closure (they take the area left) and absorption closure (total = printed 59.69 Mt).
 * 2010 = 2020 − printed 2010–2020 changes (construction printed); 2015 = the mean of both.
 */
export function jiangxiClassTotals(inputs: DemoInputs, lambda: Lambda): JiangxiLand {
  const official = inputs.area.find((a) => a.code === '360000' && a.kind === 'official_approx');
  if (official === undefined) throw new Error('polygon-area.csv: no official Jiangxi area');
  const areaHm2 = official.km2 * 100;
  const forest = (seedValue(inputs, 'land_share', 'forest', '2020') / 100) * areaHm2;
  const cultivated = (seedValue(inputs, 'land_share', 'cultivated', '2020') / 100) * areaHm2;
  const construction = seedValue(inputs, 'land_area', 'construction', '2020');
  const grassland = (seedValue(inputs, 'absorption', 'grassland', '2020') * 1e6) / lambda.grassland;
  const restArea = areaHm2 - forest - cultivated - grassland - construction;
  const known = forest * lambda.forest + cultivated * lambda.cultivated + grassland * lambda.grassland;
  const restAbsorption = seedValue(inputs, 'absorption', 'province', '2020') * 1e6 - known;
  // water + unused = restArea; |λw|·water + |λu|·unused = restAbsorption
  const water = (restAbsorption - lambda.unused * restArea) / (lambda.water - lambda.unused);
  const unused = restArea - water;
  if (water < 0 || unused < 0) throw new Error(`Jiangxi 2020 land: no non-negative water/unused (water ${water}, unused ${unused})`);
  const y2020: ClassAreas = { cultivated, forest, grassland, water, unused, construction };
  const change = (c: SinkClass): number => seedValue(inputs, 'land_change', c, '2010-2020');
  const y2010: ClassAreas = {
    cultivated: cultivated - change('cultivated'), forest: forest - change('forest'), grassland: grassland - change('grassland'),
    water: water - change('water'), unused: unused - change('unused'), construction: seedValue(inputs, 'land_area', 'construction', '2010'),
  };
  const mid = (c: LandClass): number => ((y2010[c] ?? 0) + (y2020[c] ?? 0)) / 2;
  const y2015 = Object.fromEntries(LAND_CLASSES.map((c) => [c, mid(c)])) as Record<LandClass, number>;
  return { provinceAreaHm2: areaHm2, restAreaHm2: restArea, restAbsorptionT: restAbsorption, totals: new Map([[2010, y2010], [2015, y2015], [2020, y2020]]) };
}

/** Henan class totals from the third land survey (2019-12-31): water = water & water facilities + wetland; construction and unused not found. */
export function henanClassTotals(inputs: DemoInputs): ClassAreas {
  const of = (c: string): number => {
    const found = inputs.provinceLand.find((l) => l.code === '410000' && l.landClass === c);
    if (found === undefined) throw new Error(`province-land.csv: no Henan ${c}`);
    return found.hm2;
  };
  return { cultivated: of('cultivated'), forest: of('forest'), grassland: of('grassland'), water: of('water') + of('wetland'), unused: null, construction: null };
}

/** Each city's share of the sum of its province's city polygon areas. */
export function areaShares(inputs: DemoInputs, codes: readonly string[]): Map<string, number> {
  const km2 = codes.map((code) => {
    const found = inputs.area.find((a) => a.code === code && a.kind === 'polygon_computed');
    if (found === undefined) throw new Error(`polygon-area.csv: no ${code}`);
    return found.km2;
  });
  const total = km2.reduce((a, b) => a + b, 0);
  return new Map(codes.map((code, i) => [code, (km2[i] ?? 0) / total]));
}

/**
 * Forest weights w_i (Σ w = 1) such that city i's 2020 absorption share is exactly the stated
 * s_i. With a_i the area share, N the province's non-forest absorption and CA the total:
 * CA_i = a_i·N + w_i·|λf|·F = s_i·CA ⇒ w_i = (s_i·CA − a_i·N) / (|λf|·F). The other cities
 * share 1 − Σ w_targets in proportion to a_j.
 */
export function forestWeights(shares: ReadonlyMap<string, number>, totals2020: ClassAreas, lambda: Lambda, targets: ReadonlyMap<string, number>): Map<string, number> {
  const forestAbs = (totals2020.forest ?? 0) * lambda.forest;
  const total = absorptionT(totals2020, lambda);
  const nonForest = total - forestAbs;
  const weights = new Map<string, number>();
  let targetWeight = 0;
  let otherArea = 0;
  for (const [code, a] of shares) {
    const s = targets.get(code);
    if (s === undefined) { otherArea += a; continue; }
    const w = (s * total - a * nonForest) / forestAbs;
    if (w < 0) throw new Error(`forest weight of ${code} is negative`);
    weights.set(code, w);
    targetWeight += w;
  }
  if (targetWeight > 1) throw new Error('stated absorption shares leave no forest for the other cities');
  for (const [code, a] of shares) if (!weights.has(code)) weights.set(code, (a * (1 - targetWeight)) / otherArea);
  return weights;
}

/** City class areas = class total × area share (forest × forest weight when given). */
export function allocateLand(totals: ClassAreas, shares: ReadonlyMap<string, number>, forest: ReadonlyMap<string, number> | null): Map<string, ClassAreas> {
  const out = new Map<string, ClassAreas>();
  for (const [code, a] of shares) {
    const w = forest?.get(code) ?? a;
    const row = Object.fromEntries(LAND_CLASSES.map((c) => {
      const t = totals[c];
      return [c, t === null ? null : t * (c === 'forest' ? w : a)];
    })) as Record<LandClass, number | null>;
    out.set(code, row);
  }
  return out;
}

/** Seed 001's stated 2020 absorption shares, as fractions. */
export function statedAbsorptionShares(inputs: DemoInputs): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of inputs.seed) if (f.figure === 'absorption_share' && f.used === 'input' && f.code !== '360000') out.set(f.code, f.value / 100);
  return out;
}

/**
 * Equations 1–7 of accounting spec §2 per region and year: energy, respiration and land
 * emissions, absorption, budget, ECC and ESC relative to the region set, with shares,
 * intensity, per-capita emissions, growth and set totals per year.
 */
import { CO2_PER_C } from '../units.js';
import { type FuelBasisFactors, fuelEmissions } from './fuels.js';
import type { RegionColumns } from './region-columns.js';
import { LAND_CLASSES, type CoefficientBasis, type EffectiveParams, type LandClass, type ResultBasis } from './types.js';
import type { WarningSink } from './warnings.js';

/** Coefficients expressed in the result's basis, ready to multiply. */
export interface ScaledCoefficients {
  readonly energyPerTce: number;
  readonly energyViaTj: boolean;
  readonly respirationPerPerson: number | null;
  readonly land: Readonly<Partial<Record<LandClass, number>>>;
  readonly gridPerMWh: number | null;
  readonly basis: ResultBasis;
}

/** Converts a coefficient to the result basis; as-printed values are summed as given. */
export function toResultBasis(value: number, from: CoefficientBasis, to: ResultBasis): number {
  if (to === 'as-printed' || from === 'as-printed' || from === to) return value;
  return from === 'tC' ? value * CO2_PER_C : value / CO2_PER_C;
}

export function scaleCoefficients(params: EffectiveParams, basis: ResultBasis): ScaledCoefficients {
  const c = params.coefficients;
  const land: Partial<Record<LandClass, number>> = {};
  for (const landClass of LAND_CLASSES) {
    const lambda = c.land[landClass];
    if (lambda !== undefined) land[landClass] = toResultBasis(lambda, 'tC', basis);
  }
  return {
    energyPerTce: toResultBasis(c.energyPerTce, c.energyBasis, basis),
    energyViaTj: basis !== 'as-printed',
    respirationPerPerson: c.respiration ? toResultBasis(c.respirationPerPerson, 'tC', basis) : null,
    land,
    gridPerMWh: c.gridTCO2PerMWh === null ? null : toResultBasis(c.gridTCO2PerMWh, 'tCO2e', basis),
    basis,
  };
}

/**
 * The budget of every row, before anything relative to the set, by column (NaN = unknown).
 * Indexed like the table's rows.
 */
export interface Budgets {
  readonly energyT: Float64Array;
  readonly respirationT: Float64Array;
  readonly landEmissionsT: Float64Array;
  readonly emissionsT: Float64Array;
  readonly absorptionT: Float64Array;
  readonly budgetT: Float64Array;
  /** Emissions per 10^4 yuan, constant prices when given. */
  readonly intensity: Float64Array;
}

export function fuelFactorsOf(k: ScaledCoefficients): FuelBasisFactors {
  return {
    perTce: k.energyPerTce,
    viaTj: k.energyViaTj,
    co2Scale: toResultBasis(1, 'tCO2e', k.basis),
    gridPerMWh: k.gridPerMWh,
  };
}

function energyOf(table: RegionColumns, i: number, k: ScaledCoefficients): number {
  const fuels = table.fuels?.[i] ?? null;
  if (fuels !== null) {
    let total = 0;
    for (const use of fuels) {
      const emitted = fuelEmissions(use, fuelFactorsOf(k));
      // Fuel problems are input errors caught before the run (validateFuels).
      if (!emitted.ok) throw new Error(`fuel table not validated: ${JSON.stringify(emitted.error)}`);
      total += emitted.value;
    }
    return total;
  }
  return (table.energyTce[i] as number) * k.energyPerTce;
}

export function emptyBudgets(length: number): Budgets {
  const column = (): Float64Array => new Float64Array(length).fill(Number.NaN);
  return { energyT: column(), respirationT: column(), landEmissionsT: column(), emissionsT: column(), absorptionT: column(), budgetT: column(), intensity: column() };
}

/**
 * Computes the budgets of rows `indices` into `out`, warning in row order. Land terms: sinks
 * summed as positive absorption, sources as land emissions. A side is unknown only when every
 * class on it lacks an area; a partly known side counts what is given.
 */
export function computeBudgets(table: RegionColumns, indices: ArrayLike<number>, k: ScaledCoefficients, out: Budgets, warnings: WarningSink): void {
  const land = LAND_CLASSES.flatMap((landClass) => {
    const lambda = k.land[landClass];
    return lambda === undefined ? [] : [{ landClass, lambda, sink: lambda < 0, area: table.landHm2[landClass] }];
  });
  const sourceClasses = land.filter((l) => !l.sink).length;
  const sinkClasses = land.length - sourceClasses;
  const respiration = k.respirationPerPerson;
  for (let n = 0; n < indices.length; n++) {
    const i = indices[n] as number;
    const energyT = energyOf(table, i, k);
    if (energyT !== energyT) warnings.add({ code: 'missing_energy', region_code: table.regionCode[i] as string, year: table.year[i] as number, detail: {} });
    let respirationT = 0;
    if (respiration !== null) {
      respirationT = (table.populationPersons[i] as number) * respiration;
      if (respirationT !== respirationT) warnings.add({ code: 'missing_population', region_code: table.regionCode[i] as string, year: table.year[i] as number, detail: {} });
    }
    let sources = 0;
    let sinks = 0;
    let sourcesKnown = 0;
    let sinksKnown = 0;
    let missing = '';
    for (const { landClass, lambda, sink, area } of land) {
      const hm2 = area[i] as number;
      if (hm2 !== hm2) {
        missing = missing === '' ? landClass : `${missing}, ${landClass}`;
        continue;
      }
      if (sink) {
        sinksKnown++;
        sinks -= hm2 * lambda;
      } else {
        sourcesKnown++;
        sources += hm2 * lambda;
      }
    }
    if (missing !== '') {
      warnings.add({ code: 'missing_land', region_code: table.regionCode[i] as string, year: table.year[i] as number, detail: { classes: missing, counted: sourcesKnown + sinksKnown } });
    }
    const landEmissionsT = sourceClasses > 0 && sourcesKnown === 0 ? Number.NaN : sources;
    const absorptionT = sinkClasses > 0 && sinksKnown === 0 ? Number.NaN : sinks;
    // NaN propagates: an unknown term makes the sum unknown.
    const emissionsT = 0 + energyT + respirationT + landEmissionsT;
    out.energyT[i] = energyT;
    out.respirationT[i] = respirationT;
    out.landEmissionsT[i] = landEmissionsT;
    out.emissionsT[i] = emissionsT;
    out.absorptionT[i] = absorptionT;
    out.budgetT[i] = emissionsT - absorptionT;
    if (emissionsT === emissionsT) {
      const gdpConst = table.gdpConst10kYuan[i] as number;
      const gdp = table.gdpYuan[i] as number;
      if (gdpConst > 0) out.intensity[i] = emissionsT / gdpConst;
      else if (gdp > 0) {
        out.intensity[i] = emissionsT / (gdp / 1e4);
        warnings.once('intensity_current_prices');
      }
    }
  }
}

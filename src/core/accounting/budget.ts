/**
 * Equations 1–7 of accounting spec §2 per region and year: energy, respiration and land
 * emissions, absorption, budget, ECC and ESC relative to the region set, with shares,
 * intensity, per-capita emissions, growth and set totals per year.
 */
import { CO2_PER_C } from '../units.js';
import { type FuelBasisFactors, fuelEmissions } from './fuels.js';
import { LAND_CLASSES, type CoefficientBasis, type EffectiveParams, type LandClass, type RegionYearRow, type ResultBasis } from './types.js';
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

/** The budget of one row, before anything relative to the set. */
export interface RowBudget {
  readonly row: RegionYearRow;
  readonly energyT: number | null;
  readonly respirationT: number | null;
  readonly landEmissionsT: number | null;
  readonly emissionsT: number | null;
  readonly absorptionT: number | null;
  readonly budgetT: number | null;
  /** Emissions per 10^4 yuan, constant prices when given. */
  readonly intensity: number | null;
}

function sumOrNull(values: readonly (number | null)[]): number | null {
  let total = 0;
  for (const value of values) {
    if (value === null) return null;
    total += value;
  }
  return total;
}

export function fuelFactorsOf(k: ScaledCoefficients): FuelBasisFactors {
  return {
    perTce: k.energyPerTce,
    viaTj: k.energyViaTj,
    co2Scale: toResultBasis(1, 'tCO2e', k.basis),
    gridPerMWh: k.gridPerMWh,
  };
}

function energyOf(row: RegionYearRow, k: ScaledCoefficients): number | null {
  if (row.fuels !== null) {
    let total = 0;
    for (const use of row.fuels) {
      const emitted = fuelEmissions(use, fuelFactorsOf(k));
      // Fuel problems are input errors caught before the run (validateFuels).
      if (!emitted.ok) throw new Error(`fuel table not validated: ${JSON.stringify(emitted.error)}`);
      total += emitted.value;
    }
    return total;
  }
  return row.energyTce === null ? null : row.energyTce * k.energyPerTce;
}

/**
 * Land terms: sinks summed as positive absorption, sources as land emissions. A side is
 * null only when every class on it lacks an area; a partly known side counts what is given.
 */
function landTermsOf(row: RegionYearRow, k: ScaledCoefficients, warnings: WarningSink): { sources: number | null; sinks: number | null } {
  // Plain counters, no per-row arrays: this runs once per region and year.
  let sources = 0;
  let sinks = 0;
  let sourceClasses = 0;
  let sinkClasses = 0;
  let sourcesKnown = 0;
  let sinksKnown = 0;
  let missing = '';
  for (const landClass of LAND_CLASSES) {
    const lambda = k.land[landClass];
    if (lambda === undefined) continue;
    const sink = lambda < 0;
    if (sink) sinkClasses++;
    else sourceClasses++;
    const area = row.landHm2[landClass];
    if (area === null) {
      missing = missing === '' ? landClass : `${missing}, ${landClass}`;
      continue;
    }
    if (sink) {
      sinksKnown++;
      sinks -= area * lambda;
    } else {
      sourcesKnown++;
      sources += area * lambda;
    }
  }
  if (missing !== '') {
    warnings.add({ code: 'missing_land', region_code: row.regionCode, year: row.year, detail: { classes: missing, counted: sourcesKnown + sinksKnown } });
  }
  return {
    sources: sourceClasses > 0 && sourcesKnown === 0 ? null : sources,
    sinks: sinkClasses > 0 && sinksKnown === 0 ? null : sinks,
  };
}

export function rowBudget(row: RegionYearRow, k: ScaledCoefficients, warnings: WarningSink): RowBudget {
  const energyT = energyOf(row, k);
  if (energyT === null) warnings.add({ code: 'missing_energy', region_code: row.regionCode, year: row.year, detail: {} });
  let respirationT: number | null = 0;
  if (k.respirationPerPerson !== null) {
    respirationT = row.populationPersons === null ? null : row.populationPersons * k.respirationPerPerson;
    if (respirationT === null) warnings.add({ code: 'missing_population', region_code: row.regionCode, year: row.year, detail: {} });
  }
  const land = landTermsOf(row, k, warnings);
  const emissionsT = sumOrNull([energyT, respirationT, land.sources]);
  const budgetT = emissionsT === null || land.sinks === null ? null : emissionsT - land.sinks;
  let intensity: number | null = null;
  if (emissionsT !== null) {
    if (row.gdpConst10kYuan !== null && row.gdpConst10kYuan > 0) intensity = emissionsT / row.gdpConst10kYuan;
    else if (row.gdpYuan !== null && row.gdpYuan > 0) {
      intensity = emissionsT / (row.gdpYuan / 1e4);
      warnings.once('intensity_current_prices');
    }
  }
  return { row, energyT, respirationT, landEmissionsT: land.sources, emissionsT, absorptionT: land.sinks, budgetT, intensity };
}

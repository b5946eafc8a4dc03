/**
 * The ex-ante estimate of a project (market.md §3), computed with the accounting engine's
 * land coefficients (preset `consistent`, t C per hm2 per year, negative = sink) and shown
 * as an estimate: it never decides an issuance, which follows verified removals only.
 */
import { CO2_PER_C, presetParams } from '../accounting/index.js';
import type { Parcel, Project } from './types.js';

export interface ExAnteEstimate {
  readonly isEstimate: true;
  readonly basis: string;
  readonly countedParcels: number;
  readonly countedAreaM2: number;
  readonly perYearKgCO2e: number;
  readonly creditingDays: number;
  readonly totalKgCO2e: number;
  readonly totalT: number;
}

const LAND = presetParams('consistent').coefficients.land;
const BASIS = 'accounting preset "consistent": land coefficients in t C/(hm2·a) (seed 001), converted to CO2e by 44/12';

export function exAnteEstimate(parcels: readonly Parcel[], creditingPeriod: { start: string; end: string }): ExAnteEstimate {
  let perYearKgCO2e = 0;
  let countedAreaM2 = 0;
  for (const parcel of parcels) {
    countedAreaM2 += parcel.areaM2;
    const lambda = LAND[parcel.landClass];
    // Only sinks count; rounded once per parcel to the kilogram.
    if (lambda !== undefined && lambda < 0) perYearKgCO2e += Math.round((parcel.areaM2 / 10000) * -lambda * CO2_PER_C * 1000);
  }
  const creditingDays = daysBetween(creditingPeriod.start, creditingPeriod.end) + 1;
  const totalKgCO2e = Math.round((perYearKgCO2e * creditingDays) / 365);
  return { isEstimate: true, basis: BASIS, countedParcels: parcels.length, countedAreaM2, perYearKgCO2e, creditingDays, totalKgCO2e, totalT: Math.floor(totalKgCO2e / 1000) };
}

/**
 * Parcels that count (market.md §3): all of them, except that in an aggregated project a
 * member's parcels count only once the member has signed the contract version in force.
 */
export function countedParcels(project: Project): Parcel[] {
  if (project.aggregator === null) return [...project.parcels];
  const inForce = project.contracts.at(-1)?.version;
  return project.parcels.filter((p) => p.memberId === null || (inForce !== undefined && project.signatures.get(p.memberId) === inForce));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

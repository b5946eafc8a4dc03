/** Builders for small hand-checkable cases. */
import { LAND_CLASSES, type LandClass, type RegionYearRow } from '../types.js';

export interface RowSpec {
  code: string;
  year: number;
  population?: number | null;
  gdpYuan?: number | null;
  gdpConst10kYuan?: number | null;
  energyTce?: number | null;
  land?: Partial<Record<LandClass, number | null>>;
}

export function row(spec: RowSpec): RegionYearRow {
  const landHm2 = Object.fromEntries(LAND_CLASSES.map((c) => [c, spec.land?.[c] ?? null])) as Record<LandClass, number | null>;
  return {
    regionCode: spec.code,
    regionName: `R${spec.code}`,
    year: spec.year,
    populationPersons: spec.population ?? null,
    gdpYuan: spec.gdpYuan ?? null,
    gdpConst10kYuan: spec.gdpConst10kYuan ?? null,
    energyTce: spec.energyTce ?? null,
    landHm2,
    fuels: null,
  };
}

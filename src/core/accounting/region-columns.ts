/**
 * The region table by column: the engine's working form. A table of 90,000 region-years is
 * a dozen typed arrays instead of 180,000 small objects, so reading and computing it
 * allocates almost nothing (docs/benchmarks.md, accounting). NaN marks an unknown value.
 */
import { LAND_CLASSES, type FuelUse, type LandClass, type RegionYearRow } from './types.js';

export interface RegionColumns {
  readonly length: number;
  readonly regionCode: readonly string[];
  readonly regionName: readonly string[];
  readonly year: Float64Array;
  readonly populationPersons: Float64Array;
  /** Current prices, yuan. */
  readonly gdpYuan: Float64Array;
  /** Constant prices of `constPriceBaseYear`, 10^4 yuan. */
  readonly gdpConst10kYuan: Float64Array;
  readonly energyTce: Float64Array;
  readonly landHm2: Readonly<Record<LandClass, Float64Array>>;
  /** Fuel table entries per row (null: none); when present they replace `energyTce`. */
  readonly fuels: readonly (readonly FuelUse[] | null)[] | null;
}

/** A mutable table of `length` rows, every value unknown. */
export interface RegionColumnsDraft extends RegionColumns {
  readonly regionCode: string[];
  readonly regionName: string[];
  fuels: (readonly FuelUse[] | null)[] | null;
}

export function emptyRegionColumns(length: number): RegionColumnsDraft {
  const unknown = (): Float64Array => new Float64Array(length).fill(Number.NaN);
  const landHm2 = {} as Record<LandClass, Float64Array>;
  for (const landClass of LAND_CLASSES) landHm2[landClass] = unknown();
  return {
    length,
    regionCode: new Array<string>(length).fill(''),
    regionName: new Array<string>(length).fill(''),
    year: unknown(),
    populationPersons: unknown(),
    gdpYuan: unknown(),
    gdpConst10kYuan: unknown(),
    energyTce: unknown(),
    landHm2,
    fuels: null,
  };
}

const nanOf = (value: number | null): number => (value === null ? Number.NaN : value);

/** Row objects (tests, small tables) to columns. */
export function regionColumnsOf(rows: readonly RegionYearRow[]): RegionColumns {
  const columns = emptyRegionColumns(rows.length);
  let anyFuels = false;
  rows.forEach((row, i) => {
    columns.regionCode[i] = row.regionCode;
    columns.regionName[i] = row.regionName;
    columns.year[i] = row.year;
    columns.populationPersons[i] = nanOf(row.populationPersons);
    columns.gdpYuan[i] = nanOf(row.gdpYuan);
    columns.gdpConst10kYuan[i] = nanOf(row.gdpConst10kYuan);
    columns.energyTce[i] = nanOf(row.energyTce);
    for (const landClass of LAND_CLASSES) columns.landHm2[landClass][i] = nanOf(row.landHm2[landClass]);
    if (row.fuels !== null) anyFuels = true;
  });
  if (anyFuels) columns.fuels = rows.map((row) => row.fuels);
  return columns;
}

/** One row as an object (for reports and tests; the engine reads the columns). */
export function regionRowAt(columns: RegionColumns, i: number): RegionYearRow {
  const value = (column: Float64Array): number | null => {
    const v = column[i] as number;
    return v === v ? v : null;
  };
  return {
    regionCode: columns.regionCode[i] as string,
    regionName: columns.regionName[i] as string,
    year: columns.year[i] as number,
    populationPersons: value(columns.populationPersons),
    gdpYuan: value(columns.gdpYuan),
    gdpConst10kYuan: value(columns.gdpConst10kYuan),
    energyTce: value(columns.energyTce),
    landHm2: Object.fromEntries(LAND_CLASSES.map((c) => [c, value(columns.landHm2[c])])) as Record<LandClass, number | null>,
    fuels: columns.fuels?.[i] ?? null,
  };
}

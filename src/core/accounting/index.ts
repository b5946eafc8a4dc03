/**
 * The accounting engine: carbon budget, ECC/ESC, zoning and horizontal compensation
 * (accounting spec §2–5). Pure: rows and parameters in, a result document out.
 *
 * @example
 * const run = runAccounting({ rows, params: presetParams('jiangxi-2024'), priceModeExplicit: false });
 * if (run.ok) console.log(run.value.compensation.regions);
 */
import { type Result, ok, err } from '../result.js';
import { computeBudgets, emptyBudgets, scaleCoefficients } from './budget.js';
import { computeCompensation } from './compensation.js';
import { PRESET_BASIS, presetRecords } from './presets.js';
import type { CompensationResult, RegionResult, YearTotals } from './results.js';
import { type RegionColumns, regionColumnsOf } from './region-columns.js';
import { emptyRegionResults, regionResultObjects } from './region-results.js';
import { emissionRanks, fillGrowth, yearStats } from './set-stats.js';
import type { CoefficientRecord, EffectiveParams, RegionYearRow, ResultBasis } from './types.js';
import { type AccountingWarning, WarningSink } from './warnings.js';
import { type ZoningProblem, assignZones, compileZoning } from './zoning.js';

export * from './types.js';
export { type RegionColumns, type RegionColumnsDraft, emptyRegionColumns, regionColumnsOf, regionRowAt } from './region-columns.js';
export type * from './results.js';
export type { AccountingWarning, WarningCode } from './warnings.js';
export { WARNING_CODES } from './warnings.js';
export { DEFAULT_ZONE_NAMES, DEFAULT_ZONING, PRESET_BASIS, presetParams, presetRecords } from './presets.js';
export { FUEL_FACTORS, findFuel, fuelEmissions, isElectricity, type FuelProblem } from './fuels.js';
export { parseExpression, ZONING_VARIABLES } from './expression.js';
export { compileZoning } from './zoning.js';
export { CO2_PER_C } from '../units.js';

export interface AccountingRun {
  /**
   * Region rows and optional province rows (codes ending in 0000), one province: as objects,
   * or by column (what the table readers give, and what the engine works on).
   */
  readonly rows: readonly RegionYearRow[] | RegionColumns;
  readonly params: EffectiveParams;
  /** Whether the user set `compensation.price.mode`; a preset default may fall back. */
  readonly priceModeExplicit: boolean;
  /** Compensation year T; default the last year of the table. */
  readonly compensationYear?: number;
  /** Warnings about the inputs (estimated columns), listed before the run's own. */
  readonly inputWarnings?: readonly AccountingWarning[];
}

export interface AccountingResult {
  preset: EffectiveParams['preset'];
  basis: ResultBasis;
  params: EffectiveParams;
  coefficients: readonly CoefficientRecord[];
  regionSet: string[];
  warnings: AccountingWarning[];
  /** One result per region and year, years ascending; built on first access and kept. */
  readonly regions: RegionResult[];
  readonly regionCount: number;
  /** Results [from, to) as new objects, not kept: for serialisers that go a slice at a time. */
  readonly regionSlice: (from: number, to: number) => RegionResult[];
  totals: YearTotals[];
  compensation: CompensationResult;
}

export type AccountingProblem =
  | ZoningProblem
  | { readonly code: 'no_regions'; readonly message: string }
  | { readonly code: 'unknown_year'; readonly year: number; readonly years: readonly number[] }
  | { readonly code: 'basis_conflict'; readonly message: string };

export function isProvinceCode(regionCode: string): boolean {
  return regionCode.endsWith('0000');
}

/** The distinct years of `rows`, ascending, and each year's rows in table order. */
function groupByYear(table: RegionColumns, rows: readonly number[]): { years: number[]; rowsOf: number[][] } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let integers = true;
  for (const i of rows) {
    const year = table.year[i] as number;
    if (year < min) min = year;
    if (year > max) max = year;
    if (!Number.isInteger(year)) integers = false;
  }
  // Years of a table are whole and few: index them by offset, not through a Map of doubles.
  const byOffset = integers && rows.length > 0 && max - min < 100_000;
  const slotOf = new Map<number, number>();
  const slots: number[][] = byOffset ? Array.from({ length: max - min + 1 }, () => []) : [];
  for (const i of rows) {
    const year = table.year[i] as number;
    if (byOffset) {
      (slots[year - min] as number[]).push(i);
      continue;
    }
    let slot = slotOf.get(year);
    if (slot === undefined) slotOf.set(year, (slot = slots.push([]) - 1));
    (slots[slot] as number[]).push(i);
  }
  const years: number[] = [];
  const rowsOf: number[][] = [];
  if (byOffset) {
    slots.forEach((yearRows, offset) => {
      if (yearRows.length === 0) return;
      years.push(min + offset);
      rowsOf.push(yearRows);
    });
    return { years, rowsOf };
  }
  const order = [...slotOf.entries()].sort((a, b) => a[0] - b[0]);
  return { years: order.map(([year]) => year), rowsOf: order.map(([, slot]) => slots[slot] as number[]) };
}

export function runAccounting(run: AccountingRun): Result<AccountingResult, AccountingProblem> {
  const { params } = run;
  const basis = PRESET_BASIS[params.preset];
  if (basis !== 'as-printed' && params.coefficients.energyBasis === 'as-printed') {
    return err({ code: 'basis_conflict', message: `energyBasis "as-printed" cannot be converted to the ${basis} basis of preset ${params.preset}` });
  }
  const zoning = compileZoning(params.zoning);
  if (!zoning.ok) return zoning;
  const table = Array.isArray(run.rows) ? regionColumnsOf(run.rows as readonly RegionYearRow[]) : (run.rows as RegionColumns);
  if (table.length === 0) return err({ code: 'no_regions', message: 'the table has no rows' });
  // Regions numbered once, so that per-region look-ups are array reads, not string hashing.
  const regionIdOf = new Int32Array(table.length).fill(-1);
  const idOfCode = new Map<string, number>();
  const regionList: number[] = [];
  const provinceList: number[] = [];
  let lastCode: string | undefined;
  let lastId = -1;
  for (let i = 0; i < table.length; i++) {
    const code = table.regionCode[i] as string;
    if (isProvinceCode(code)) {
      provinceList.push(i);
      continue;
    }
    regionList.push(i);
    // A region's rows usually follow each other: ask the map only when the code changes.
    if (code !== lastCode) {
      lastCode = code;
      let id = idOfCode.get(code);
      if (id === undefined) idOfCode.set(code, (id = idOfCode.size));
      lastId = id;
    }
    regionIdOf[i] = lastId;
  }
  const regionRows = Int32Array.from(regionList);
  // A table of province rows alone is valid: its results are the totals' province rows.
  const { years, rowsOf } = groupByYear(table, regionRows.length > 0 ? regionList : provinceList);
  const compensationYear = run.compensationYear ?? (years.at(-1) as number);
  if (!years.includes(compensationYear)) return err({ code: 'unknown_year', year: compensationYear, years });

  const warnings = new WarningSink();
  if (basis === 'as-printed') warnings.add({ code: 'basis_as_printed', detail: {} });
  const k = scaleCoefficients(params, basis);
  const budgets = emptyBudgets(table.length);
  computeBudgets(table, regionRows, k, budgets, warnings);
  computeBudgets(table, provinceList, k, budgets, warnings);
  const provinceByYear = new Map<number, number>();
  for (const i of provinceList) provinceByYear.set(table.year[i] as number, i);

  const results = emptyRegionResults(regionRows.length);
  const totals: YearTotals[] = [];
  let at = 0;
  for (const [y, year] of years.entries()) {
    const rows = regionRows.length > 0 ? (rowsOf[y] as number[]) : [];
    totals.push(yearStats(year, table, budgets, rows, provinceByYear.get(year), results, at, warnings));
    assignZones(table, budgets, results, at, emissionRanks(budgets.emissionsT, rows), zoning.value, warnings);
    at += rows.length;
  }
  fillGrowth(table, budgets, results, regionIdOf, idOfCode.size);

  const compensation = computeCompensation(
    {
      year: compensationYear,
      firstYear: years[0] as number,
      table,
      budgets,
      regionRows,
      regionIdOf,
      regionCount: idOfCode.size,
      results,
      provinceByYear,
      params: params.compensation,
      priceModeExplicit: run.priceModeExplicit,
      basis,
    },
    warnings,
  );
  const effective: EffectiveParams = {
    ...params,
    compensation: { ...params.compensation, price: { ...params.compensation.price, mode: compensation.priceModeUsed } },
  };
  let regions: RegionResult[] | undefined;
  return ok({
    preset: params.preset,
    basis,
    params: effective,
    coefficients: presetRecords(params.preset),
    regionSet: [...idOfCode.keys()].sort(),
    warnings: [...(run.inputWarnings ?? []), ...warnings.list],
    get regions(): RegionResult[] {
      return (regions ??= regionResultObjects(table, budgets, results));
    },
    regionCount: results.length,
    regionSlice: (from: number, to: number): RegionResult[] => regionResultObjects(table, budgets, results, from, Math.min(to, results.length)),
    totals,
    compensation: compensation.result,
  });
}

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
import { fillGrowth, yearStats } from './set-stats.js';
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
}

export interface AccountingResult {
  preset: EffectiveParams['preset'];
  basis: ResultBasis;
  params: EffectiveParams;
  coefficients: readonly CoefficientRecord[];
  regionSet: string[];
  warnings: AccountingWarning[];
  regions: RegionResult[];
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
  for (let i = 0; i < table.length; i++) {
    const code = table.regionCode[i] as string;
    if (isProvinceCode(code)) {
      provinceList.push(i);
      continue;
    }
    regionList.push(i);
    let id = idOfCode.get(code);
    if (id === undefined) idOfCode.set(code, (id = idOfCode.size));
    regionIdOf[i] = id;
  }
  const regionRows = Int32Array.from(regionList);
  // A table of province rows alone is valid: its results are the totals' province rows.
  const yearSet = new Set<number>();
  for (const i of regionRows.length > 0 ? regionList : provinceList) yearSet.add(table.year[i] as number);
  const years = [...yearSet].sort((a, b) => a - b);
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

  const rowsByYear = new Map<number, number[]>(years.map((year) => [year, []]));
  for (const i of regionRows) rowsByYear.get(table.year[i] as number)?.push(i);
  const regions: RegionResult[] = [];
  const resultRows = new Int32Array(regionRows.length);
  const totals: YearTotals[] = [];
  for (const year of years) {
    const rows = rowsByYear.get(year) ?? [];
    const stats = yearStats(year, table, budgets, rows, provinceByYear.get(year), warnings);
    assignZones(stats.regions, stats.ranks, zoning.value, warnings);
    for (let n = 0; n < rows.length; n++) {
      resultRows[regions.length] = rows[n] as number;
      regions.push(stats.regions[n] as RegionResult);
    }
    totals.push(stats.totals);
  }
  fillGrowth(regions, Int32Array.from(resultRows, (i) => regionIdOf[i] as number), idOfCode.size);

  const compensation = computeCompensation(
    {
      year: compensationYear,
      firstYear: years[0] as number,
      table,
      budgets,
      regionRows,
      regionIdOf,
      regionCount: idOfCode.size,
      regionResults: regions,
      resultRows,
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
  return ok({
    preset: params.preset,
    basis,
    params: effective,
    coefficients: presetRecords(params.preset),
    regionSet: [...idOfCode.keys()].sort(),
    warnings: warnings.list,
    regions,
    totals,
    compensation: compensation.result,
  });
}

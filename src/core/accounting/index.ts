/**
 * The accounting engine: carbon budget, ECC/ESC, zoning and horizontal compensation
 * (accounting spec §2–5). Pure: rows and parameters in, a result document out.
 *
 * @example
 * const run = runAccounting({ rows, params: presetParams('jiangxi-2024'), priceModeExplicit: false });
 * if (run.ok) console.log(run.value.compensation.regions);
 */
import { type Result, ok, err } from '../result.js';
import { type RowBudget, rowBudget, scaleCoefficients } from './budget.js';
import { computeCompensation } from './compensation.js';
import { PRESET_BASIS, presetRecords } from './presets.js';
import type { CompensationResult, RegionResult, YearTotals } from './results.js';
import { fillGrowth, yearStats } from './set-stats.js';
import type { CoefficientRecord, EffectiveParams, RegionYearRow, ResultBasis } from './types.js';
import { type AccountingWarning, WarningSink } from './warnings.js';
import { type ZoningProblem, assignZones, compileZoning } from './zoning.js';

export * from './types.js';
export type * from './results.js';
export type { AccountingWarning, WarningCode } from './warnings.js';
export { WARNING_CODES } from './warnings.js';
export { DEFAULT_ZONE_NAMES, DEFAULT_ZONING, PRESET_BASIS, presetParams, presetRecords } from './presets.js';
export { FUEL_FACTORS, findFuel, fuelEmissions, isElectricity, type FuelProblem } from './fuels.js';
export { parseExpression, ZONING_VARIABLES } from './expression.js';
export { compileZoning } from './zoning.js';
export { CO2_PER_C } from '../units.js';

export interface AccountingRun {
  /** Region rows and optional province rows (codes ending in 0000), one province. */
  readonly rows: readonly RegionYearRow[];
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
  const regionRows = run.rows.filter((r) => !isProvinceCode(r.regionCode));
  if (run.rows.length === 0) return err({ code: 'no_regions', message: 'the table has no rows' });
  // A table of province rows alone is valid: its results are the totals' province rows.
  const years = [...new Set((regionRows.length > 0 ? regionRows : run.rows).map((r) => r.year))].sort((a, b) => a - b);
  const compensationYear = run.compensationYear ?? (years.at(-1) as number);
  if (!years.includes(compensationYear)) return err({ code: 'unknown_year', year: compensationYear, years });

  const warnings = new WarningSink();
  if (basis === 'as-printed') warnings.add({ code: 'basis_as_printed', detail: {} });
  const k = scaleCoefficients(params, basis);
  const budgets: RowBudget[] = regionRows.map((row) => rowBudget(row, k, warnings));
  const provinceByYear = new Map<number, RowBudget>();
  for (const row of run.rows) if (isProvinceCode(row.regionCode)) provinceByYear.set(row.year, rowBudget(row, k, warnings));

  const budgetsByYear = new Map<number, RowBudget[]>(years.map((year) => [year, []]));
  for (const budget of budgets) budgetsByYear.get(budget.row.year)?.push(budget);
  const regions: RegionResult[] = [];
  const totals: YearTotals[] = [];
  for (const year of years) {
    const stats = yearStats(year, budgetsByYear.get(year) ?? [], provinceByYear.get(year), warnings);
    assignZones(stats.regions, stats.ranks, zoning.value, warnings);
    regions.push(...stats.regions);
    totals.push(stats.totals);
  }
  fillGrowth(regions);

  const compensation = computeCompensation(
    {
      year: compensationYear,
      firstYear: years[0] as number,
      regions: budgets,
      regionResults: regions,
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
    regionSet: [...new Set(regionRows.map((r) => r.regionCode))].sort(),
    warnings: warnings.list,
    regions,
    totals,
    compensation: compensation.result,
  });
}

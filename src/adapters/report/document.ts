/** The result document of `account --format json` (contracts.md §4), field names exactly. */
import type { AccountingResult, AccountingWarning } from '../../core/accounting/index.js';
import type { Conversion } from '../tables/region-table.js';
import { type Language, warningMessage } from './messages.js';

export interface InputsInfo {
  readonly files: readonly string[];
  readonly conversions: readonly Conversion[];
  readonly ignoredColumns?: readonly { file: string; column: string }[];
}

export interface RenderedWarning {
  code: string;
  message: string;
  region_code?: string;
  year?: number;
}

export function renderWarnings(warnings: readonly AccountingWarning[], language: Language = 'en'): RenderedWarning[] {
  return warnings.map((w) => ({
    code: w.code,
    message: warningMessage(w, language),
    ...(w.region_code !== undefined ? { region_code: w.region_code } : {}),
    ...(w.year !== undefined ? { year: w.year } : {}),
  }));
}

/** Builds the JSON document; keys in the order of the contract, extras after. */
export function accountingDocument(result: AccountingResult, inputs: InputsInfo, language: Language = 'en'): Record<string, unknown> {
  return {
    preset: result.preset,
    basis: result.basis,
    params: result.params,
    inputs: { files: inputs.files, conversions: inputs.conversions, ...(inputs.ignoredColumns?.length ? { ignored_columns: inputs.ignoredColumns } : {}) },
    regionSet: result.regionSet,
    warnings: renderWarnings(result.warnings, language),
    regions: result.regions,
    totals: result.totals,
    compensation: result.compensation,
    coefficients: result.coefficients,
  };
}

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
  return documentWith(result, inputs, language, result.regions);
}

function documentWith(result: AccountingResult, inputs: InputsInfo, language: Language, regions: unknown): Record<string, unknown> {
  return {
    preset: result.preset,
    basis: result.basis,
    params: result.params,
    inputs: { files: inputs.files, conversions: inputs.conversions, ...(inputs.ignoredColumns?.length ? { ignored_columns: inputs.ignoredColumns } : {}) },
    regionSet: result.regionSet,
    warnings: renderWarnings(result.warnings, language),
    regions,
    totals: result.totals,
    compensation: result.compensation,
    coefficients: result.coefficients,
  };
}

/** Region results per slice of the JSON text: their objects die young instead of piling up. */
const SLICE = 2048;

/**
 * `JSON.stringify(accountingDocument(…), null, indent)`, byte for byte, without building all
 * region objects at once: each key is serialised on its own, and `regions` a slice at a time
 * (90,000 kept objects cost the garbage collector more than the numbers cost to print).
 */
export function accountingJson(result: AccountingResult, inputs: InputsInfo, language: Language = 'en', indent: 0 | 2 = 0): string {
  const document = documentWith(result, inputs, language, null);
  const pad = indent === 0 ? '' : '\n  ';
  const pieces: string[] = ['{'];
  for (const [key, value] of Object.entries(document)) {
    if (key !== 'regions') {
      const json = JSON.stringify(value, null, indent);
      if (json === undefined) continue;
      pieces.push(pieces.length === 1 ? '' : ',', pad, JSON.stringify(key), indent === 0 ? ':' : ': ', indent === 0 ? json : json.replaceAll('\n', pad));
      continue;
    }
    pieces.push(pieces.length === 1 ? '' : ',', pad, '"regions"', indent === 0 ? ':' : ': ');
    if (result.regionCount === 0) {
      pieces.push('[]');
      continue;
    }
    pieces.push('[');
    for (let from = 0; from < result.regionCount; from += SLICE) {
      const json = JSON.stringify(result.regionSlice(from, from + SLICE), null, indent);
      if (from > 0) pieces.push(',');
      // The slice's own brackets go; indented, its elements move one level in, under the key.
      pieces.push(indent === 0 ? json.slice(1, -1) : `${pad}  ${json.slice(4, -2).replaceAll('\n', pad)}`);
    }
    pieces.push(indent === 0 ? ']' : `${pad}]`);
  }
  pieces.push(indent === 0 ? '}' : '\n}');
  // Concatenated, not joined: a rope, as JSON.stringify itself returns for large output. Its
  // one flat copy is made when it is written out, not here in a fresh 50 MB allocation.
  let json = '';
  for (const piece of pieces) json += piece;
  return json;
}

/** Warnings: computation goes on. Codes are a closed set; adapters render the text. */
export const WARNING_CODES = [
  'basis_as_printed',
  'missing_energy',
  'missing_population',
  'missing_land',
  'missing_gdp',
  'no_emissions',
  'intensity_current_prices',
  'province_row_differs',
  'no_province_row',
  'set_total_incomplete',
  'zone_missing_ratio',
  'zone_missing_variable',
  'price_fallback_international',
  'price_inputs_missing',
  'price_per_as_printed',
  'gdp_per_capita_computed',
  'revision_unavailable',
  'threshold_unavailable',
  'estimated_input',
  'grid_factor_basis',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface AccountingWarning {
  readonly code: WarningCode;
  readonly region_code?: string;
  readonly year?: number;
  /** Values the message is rendered from (column names, region lists, percentages). */
  readonly detail: Readonly<Record<string, string | number>>;
}

/** Collects warnings, dropping exact repeats so a run reports each fact once. */
export class WarningSink {
  readonly #seen = new Set<string>();
  readonly list: AccountingWarning[] = [];

  /** A warning about the whole run, added once however often its cause recurs. */
  once(code: WarningCode): void {
    if (this.#seen.has(code)) return;
    this.#seen.add(code);
    this.list.push({ code, detail: {} });
  }

  add(warning: AccountingWarning): void {
    const detail = Object.keys(warning.detail).length === 0 ? '' : JSON.stringify(warning.detail);
    const key = `${warning.code}|${warning.region_code ?? ''}|${warning.year ?? ''}|${detail}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.list.push(warning);
  }
}

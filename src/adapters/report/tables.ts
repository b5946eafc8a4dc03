/**
 * The three result tables (regions, totals, compensation) as header + rows, shared by the
 * CSV, XLSX and text renderers. Field names stay those of contracts.md §4.
 */
import type { AccountingResult, ZoneId } from '../../core/accounting/index.js';

export const TABLE_NAMES = ['regions', 'totals', 'compensation'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export type CellValue = string | number | null;
export interface FlatTable {
  readonly name: TableName;
  readonly columns: readonly string[];
  /** Unit of each column, for headers that show units. */
  readonly units: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
}

const REGION_COLUMNS = [
  'region_code', 'region_name', 'year', 'emissions_energy_t', 'emissions_respiration_t', 'emissions_land_t', 'emissions_t',
  'absorption_t', 'budget_t', 'ecc', 'esc', 'zone', 'intensity_t_per_10k_yuan', 'emissions_per_capita_t',
  'emissions_share', 'absorption_share', 'gdp_share', 'emissions_growth_rate',
] as const;
const BUDGET_COLUMNS = ['emissions_energy_t', 'emissions_respiration_t', 'emissions_land_t', 'emissions_t', 'absorption_t', 'budget_t'] as const;
const COMPENSATION_COLUMNS = [
  'region_code', 'base_t', 'threshold_t', 'revised_emissions_t', 'revised_base_t', 'gamma', 'role', 'amount_10k_yuan', 'amount_million_yuan',
] as const;

function unitOf(column: string, basis: string): string {
  if (column.endsWith('_t_per_10k_yuan')) return `t ${basis}/10^4 yuan`;
  if (column.endsWith('_t')) return `t ${basis}`;
  if (column.endsWith('_10k_yuan')) return '10^4 yuan';
  if (column.endsWith('_million_yuan')) return '10^6 yuan';
  if (column === 'gdp_yuan') return 'yuan';
  if (column === 'population') return 'persons';
  if (column.endsWith('_share') || column.endsWith('_rate')) return 'fraction';
  if (column === 'ecc' || column === 'esc' || column === 'gamma') return 'ratio';
  return '';
}

/** Each region's name (from its first result), looked up once per table rather than searched per row. */
export function regionNames(result: AccountingResult): Map<string, string> {
  const names = new Map<string, string>();
  for (const r of result.regions) if (!names.has(r.region_code)) names.set(r.region_code, r.region_name);
  return names;
}

export function flatTables(result: AccountingResult, zoneName?: (zone: ZoneId) => string): FlatTable[] {
  const basis = result.basis;
  const names = regionNames(result);
  const regions: FlatTable = {
    name: 'regions',
    columns: REGION_COLUMNS,
    units: REGION_COLUMNS.map((c) => unitOf(c, basis)),
    rows: result.regions.map((r) => REGION_COLUMNS.map((c) => (c === 'zone' && r.zone !== null && zoneName ? zoneName(r.zone) : r[c]))),
  };
  const totalColumns = ['year', 'regions', ...BUDGET_COLUMNS, 'gdp_yuan', 'population', ...BUDGET_COLUMNS.map((c) => `province_${c}`), 'province_difference_t'];
  const totals: FlatTable = {
    name: 'totals',
    columns: totalColumns,
    units: totalColumns.map((c) => unitOf(c, basis)),
    rows: result.totals.map((t) => [
      t.year, t.regions, ...BUDGET_COLUMNS.map((c) => t[c]), t.gdp_yuan, t.population,
      ...BUDGET_COLUMNS.map((c) => t.province_row?.[c] ?? null), t.province_row?.difference_t ?? null,
    ]),
  };
  const compensation: FlatTable = {
    name: 'compensation',
    columns: ['year', ...COMPENSATION_COLUMNS, 'region_name'],
    units: ['', ...COMPENSATION_COLUMNS.map((c) => unitOf(c, basis)), ''],
    rows: result.compensation.regions.map((r) => [
      result.compensation.year, ...COMPENSATION_COLUMNS.map((c) => r[c]),
      names.get(r.region_code) ?? null,
    ]),
  };
  return [regions, totals, compensation];
}

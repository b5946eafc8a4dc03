/**
 * Output rows with per-cell provenance, and their two CSV forms: the region table
 * (contracts.md §2) and the machine-readable sources file
 * (`column,region_code,year,status,source`; an empty region_code or year means "all rows").
 */
import { LAND_CLASSES } from './land.js';
import { toCsv } from './csv.js';

export type Status = 'statistic' | 'estimate' | 'computed' | 'not_found';

export interface Cell {
  readonly value: string;
  readonly status: Status;
  readonly source: string;
}

export const TABLE_COLUMNS = [
  'region_code', 'region_name', 'year', 'population', 'gdp_100m_yuan', 'energy_tce',
  ...LAND_CLASSES.map((c) => `${c}_hm2` as const), 'region_name_en', 'ref_ceads_co2_mt',
] as const;
export type TableColumn = (typeof TABLE_COLUMNS)[number];
/** Columns described in the sources file (the year is the row's key, not a quantity). */
export type DescribedColumn = Exclude<TableColumn, 'year'>;
export const DESCRIBED_COLUMNS = TABLE_COLUMNS.filter((c): c is DescribedColumn => c !== 'year');

export interface OutRow {
  readonly code: string;
  readonly year: number;
  readonly cells: Readonly<Record<DescribedColumn, Cell>>;
}

/** An empty cell and why. */
export function notFound(source: string): Cell {
  return { value: '', status: 'not_found', source };
}

/** The region table CSV, rows in the given order. */
export function tableCsv(rows: readonly OutRow[]): string {
  return toCsv(TABLE_COLUMNS, rows.map((r) => TABLE_COLUMNS.map((c) => (c === 'year' ? String(r.year) : r.cells[c].value))));
}

const keyOf = (cell: Cell): string => `${cell.status}\u0000${cell.source}`;

/**
 * The sources CSV. Entries never overlap: a column whose cells all share status and source gets
 * one entry for all rows; otherwise each year whose cells agree gets one entry with an empty
 * region_code; otherwise every cell gets its own entry.
 */
export function sourcesCsv(rows: readonly OutRow[]): string {
  const out: string[][] = [];
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  for (const column of DESCRIBED_COLUMNS) {
    const cells = rows.map((r) => r.cells[column]);
    const first = cells[0];
    if (first === undefined) continue;
    if (cells.every((c) => keyOf(c) === keyOf(first))) {
      out.push([column, '', '', first.status, first.source]);
      continue;
    }
    for (const year of years) {
      const inYear = rows.filter((r) => r.year === year);
      const head = inYear[0]?.cells[column];
      if (head === undefined) continue;
      if (inYear.every((r) => keyOf(r.cells[column]) === keyOf(head))) {
        out.push([column, '', String(year), head.status, head.source]);
        continue;
      }
      for (const r of inYear) out.push([column, r.code, String(year), r.cells[column].status, r.cells[column].source]);
    }
  }
  return toCsv(['column', 'region_code', 'year', 'status', 'source'], out);
}

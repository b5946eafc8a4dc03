/**
 * Region tables (contracts.md §2) → validated rows in canonical units. Every problem names
 * the file, the row and the column; nothing is computed when there is one.
 */
import { LAND_CLASSES, type LandClass, type RegionYearRow } from '../../core/accounting/index.js';
import { type Result, ok, err } from '../../core/result.js';
import type { Problem } from '../problems.js';
import { type ColumnMeaning, type Quantity, QUANTITY_COLUMNS, readHeader, unitsAccepted } from './columns.js';
import { type Cell, type RawTable, cellLocation } from './read-records.js';

export interface Conversion {
  readonly column: string;
  readonly from: string;
  readonly to: string;
  readonly factor: number;
}

export interface ParsedRow {
  readonly regionCode: string;
  readonly regionName: string;
  readonly year: number;
  /** Indexed like QUANTITY_COLUMNS: undefined = this file has no such column, null = empty cell. */
  readonly values: readonly (number | null | undefined)[];
  readonly file: string;
  /** Spreadsheet row, or the index in a JSON array. */
  readonly rowNumber: number;
  readonly kind: RawTable['kind'];
}

export interface ParsedTable {
  readonly file: string;
  readonly rows: readonly ParsedRow[];
  readonly conversions: readonly Conversion[];
  readonly ignoredColumns: readonly string[];
}

const CANONICAL_UNIT: Partial<Record<Quantity, string>> = {
  population: 'persons', gdp_yuan: 'yuan', gdp_const_10k_yuan: '10^4 yuan', energy_tce: 'tce',
  ...Object.fromEntries(LAND_CLASSES.map((c) => [`${c}_hm2`, 'hm2'])),
};
const MAX_PROBLEMS = 50;
const THOUSANDS = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** Where a cell of a parsed row is; built only when a problem is reported. */
function locationOf(row: ParsedRow, column: string): Pick<Problem, 'file' | 'row' | 'column' | 'path'> {
  return row.kind === 'json' ? { file: row.file, path: `$[${row.rowNumber}].${column}` } : { file: row.file, row: row.rowNumber, column };
}

/** A numeric key for (region code, year): cheaper in a Map than a joined string. */
function rowKey(regionCode: string, year: number): number {
  return Number(regionCode) * 10_000 + year;
}

/** A number cell: digits, sign, point and exponent only (no hex, no Infinity), or 1,234.5. */
export function parseNumber(cell: Cell): number | null | undefined {
  if (cell === null) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell === 'boolean') return undefined;
  // A character scan instead of a regular expression: this runs once per cell.
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    if (!digit && c !== 46 && c !== 43 && c !== 45 && c !== 101 && c !== 69) {
      return c === 44 && THOUSANDS.test(cell) ? Number(cell.replaceAll(',', '')) : undefined;
    }
  }
  const value = cell === '' ? Number.NaN : Number(cell);
  return Number.isFinite(value) ? value : undefined;
}

function describe(cell: Cell): string {
  return typeof cell === 'string' ? `"${cell}"` : String(cell);
}

/** Reads the header row: which column is which quantity, in what unit. */
function readColumns(table: RawTable, problems: Problem[]): { columns: (ColumnMeaning | null)[]; conversions: Conversion[]; ignored: string[] } {
  const columns: (ColumnMeaning | null)[] = [];
  const conversions: Conversion[] = [];
  const ignored: string[] = [];
  const seen = new Map<Quantity, string>();
  const at = (column: string): Pick<Problem, 'file' | 'row' | 'column' | 'path'> =>
    table.kind === 'json' ? { file: table.file, path: `$[0].${column}` } : { file: table.file, row: 1, column };
  for (const header of table.headers) {
    const reading = readHeader(header);
    if (reading.kind === 'needs_unit') {
      problems.push({ code: 'header_without_unit', ...at(header), message: `header "${header}" has no unit: write it as ${header}(${unitsAccepted(`${header}()`).join(') or ' + header + '(') || '…'})` });
      columns.push(null);
      continue;
    }
    if (reading.kind === 'unknown_unit') {
      problems.push({ code: 'unknown_unit', ...at(header), message: `unit "${reading.unit}" is not one of ${unitsAccepted(header).join(', ')}` });
      columns.push(null);
      continue;
    }
    if (reading.kind === 'ignored') {
      ignored.push(header);
      columns.push(null);
      continue;
    }
    const { quantity, factor, unit } = reading.meaning;
    const earlier = seen.get(quantity);
    if (earlier !== undefined) {
      problems.push({ code: 'duplicate_quantity', ...at(header), message: `columns "${earlier}" and "${header}" both give ${quantity}: keep one` });
      columns.push(null);
      continue;
    }
    seen.set(quantity, header);
    columns.push(reading.meaning);
    if (factor !== 1) conversions.push({ column: header, from: unit, to: CANONICAL_UNIT[quantity] ?? '', factor });
  }
  for (const required of ['region_code', 'region_name', 'year'] as const) {
    if (!seen.has(required)) problems.push({ code: 'missing_column', ...at(required), message: `required column ${required} (or its Chinese header) is missing` });
  }
  return { columns, conversions, ignored };
}

export function parseRegionTable(table: RawTable): Result<ParsedTable, Problem[]> {
  const problems: Problem[] = [];
  const { columns, conversions, ignored } = readColumns(table, problems);
  if (problems.length > 0) return err(problems);
  const codeColumn = columns.findIndex((c) => c?.quantity === 'region_code');
  const nameColumn = columns.findIndex((c) => c?.quantity === 'region_name');
  const yearColumn = columns.findIndex((c) => c?.quantity === 'year');
  // Quantity columns as (cell index, slot in QUANTITY_COLUMNS, factor), resolved once.
  const quantities = columns.flatMap((meaning, cellIndex) =>
    meaning === null || cellIndex === codeColumn || cellIndex === nameColumn || cellIndex === yearColumn
      ? []
      : [{ cellIndex, slot: QUANTITY_COLUMNS.indexOf(meaning.quantity), meaning, header: table.headers[cellIndex] as string }],
  );
  const rows: ParsedRow[] = [];
  const firstRowOf = new Map<number, number>();
  const where = (index: number, cellIndex: number) => cellLocation(table, index, table.headers[cellIndex] as string);
  for (let index = 0; index < table.rows.length && problems.length < MAX_PROBLEMS; index++) {
    const cells = table.rows[index] as readonly Cell[];
    const codeCell = cells[codeColumn] ?? null;
    const regionCode = codeCell === null ? '' : String(codeCell).trim();
    const codeOk = /^\d{6}$/.test(regionCode);
    if (!codeOk) problems.push({ code: codeCell === null ? 'missing_value' : 'malformed_region_code', ...where(index, codeColumn), message: `expected a 6-digit division code, found ${codeCell === null ? 'an empty cell' : describe(codeCell)}` });
    const nameCell = cells[nameColumn] ?? null;
    const regionName = nameCell === null ? '' : String(nameCell).trim();
    if (regionName === '') problems.push({ code: 'missing_value', ...where(index, nameColumn), message: 'expected a region name, found an empty cell' });
    const yearCell = cells[yearColumn] ?? null;
    const year = parseNumber(yearCell);
    const yearOk = typeof year === 'number' && Number.isInteger(year) && year >= 1900 && year <= 2200;
    if (!yearOk) problems.push({ code: yearCell === null ? 'missing_value' : 'bad_year', ...where(index, yearColumn), message: `expected a year such as 2020, found ${yearCell === null ? 'an empty cell' : describe(yearCell)}` });
    const values: (number | null | undefined)[] = new Array(QUANTITY_COLUMNS.length);
    for (const { cellIndex, slot, meaning } of quantities) {
      const cell = cells[cellIndex] ?? null;
      const parsed = parseNumber(cell);
      if (parsed === undefined) problems.push({ code: 'not_a_number', ...where(index, cellIndex), message: `expected a number in ${meaning.unit || 'the column unit'}, found ${describe(cell)}` });
      else if (parsed !== null && parsed < 0) problems.push({ code: 'negative_quantity', ...where(index, cellIndex), message: `expected a quantity ≥ 0, found ${parsed}` });
      else values[slot] = parsed === null ? null : parsed * meaning.factor;
    }
    if (codeOk && yearOk) {
      const key = rowKey(regionCode, year);
      const earlier = firstRowOf.get(key);
      if (earlier !== undefined) {
        problems.push({ code: 'duplicate_region_year', ...where(index, codeColumn), message: `region ${regionCode} already has a row for ${year} (row ${table.rowNumbers[earlier]})` });
      } else firstRowOf.set(key, index);
    }
    const rowNumber = table.rowNumbers[index] ?? index;
    rows.push({ regionCode, regionName, year: yearOk ? year : Number.NaN, values, file: table.file, rowNumber, kind: table.kind });
  }
  if (problems.length > 0) return err(problems);
  return ok({ file: table.file, rows, conversions, ignoredColumns: ignored });
}

/**
 * Merges tables on (region_code, year): later files fill the columns earlier ones lack;
 * the same quantity given twice for one row is an error. Then checks one province.
 */
export function mergeRegionTables(tables: readonly ParsedTable[]): Result<RegionYearRow[], Problem[]> {
  // One table has nothing to merge: its (region, year) pairs were checked unique on parsing.
  const only = tables.length === 1 ? tables[0] : undefined;
  if (only !== undefined) {
    const problems = provinceProblems(only.rows);
    return problems.length > 0 ? err(problems) : ok(only.rows.map((row) => toRegionYearRow(row, row.values)));
  }
  const problems: Problem[] = [];
  const merged = new Map<number, { first: ParsedRow; values: (number | null | undefined)[]; later: ParsedRow[] | null }>();
  for (const table of tables) {
    for (const row of table.rows) {
      const key = rowKey(row.regionCode, row.year);
      const entry = merged.get(key);
      if (entry === undefined) {
        // The parsed row's array is fresh and used once, so the merge takes it over.
        merged.set(key, { first: row, values: row.values as (number | null | undefined)[], later: null });
        continue;
      }
      row.values.forEach((value, slot) => {
        if (value === undefined) return;
        const existing = entry.values[slot];
        if (existing !== undefined && existing !== null && value !== null) {
          const quantity = QUANTITY_COLUMNS[slot] as Quantity;
          const earlier = [entry.first, ...(entry.later ?? [])].find((r) => r.values[slot] !== undefined && r.values[slot] !== null);
          problems.push({ code: 'duplicate_quantity', ...locationOf(row, quantity), message: `${quantity} for ${row.regionCode} in ${row.year} is also given by ${earlier?.file}` });
        } else if (existing === undefined || existing === null) entry.values[slot] = value;
      });
      (entry.later ??= []).push(row);
    }
  }
  problems.push(...provinceProblems([...merged.values()].map((entry) => entry.first)));
  if (problems.length > 0) return err(problems.slice(0, MAX_PROBLEMS));
  return ok([...merged.values()].map(({ first, values }) => toRegionYearRow(first, values)));
}

/** One province per table: every code shares its first two digits with the first row's. */
function provinceProblems(rows: readonly ParsedRow[]): Problem[] {
  const first = rows[0];
  if (first === undefined) return [];
  const province = first.regionCode.slice(0, 2);
  const problems: Problem[] = [];
  const seen = new Set<string>([province]);
  for (const other of rows) {
    const code = other.regionCode.slice(0, 2);
    if (seen.has(code)) continue;
    seen.add(code);
    problems.push({ code: 'multiple_provinces', ...locationOf(other, 'region_code'), message: `region ${other.regionCode} is in province ${code}, but ${first.regionCode} is in ${province}: one province per table` });
  }
  return problems.slice(0, MAX_PROBLEMS);
}

const SLOT = Object.fromEntries(QUANTITY_COLUMNS.map((q, slot) => [q, slot])) as Record<Quantity, number>;

function toRegionYearRow(first: ParsedRow, values: readonly (number | null | undefined)[]): RegionYearRow {
  const get = (q: Quantity): number | null => values[SLOT[q]] ?? null;
  return {
    regionCode: first.regionCode,
    regionName: first.regionName,
    year: first.year,
    populationPersons: get('population'),
    gdpYuan: get('gdp_yuan'),
    gdpConst10kYuan: get('gdp_const_10k_yuan'),
    energyTce: get('energy_tce'),
    landHm2: {
      cultivated: get('cultivated_hm2'),
      forest: get('forest_hm2'),
      grassland: get('grassland_hm2'),
      water: get('water_hm2'),
      unused: get('unused_hm2'),
      construction: get('construction_hm2'),
    },
    fuels: null,
  };
}

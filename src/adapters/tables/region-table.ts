/**
 * Region tables (contracts.md §2) → validated columns in canonical units. Every problem names
 * the file, the row and the column; nothing is computed when there is one. This is the general
 * path, over cells; plain CSV has a faster reader with the same results (region-csv.ts).
 */
import { LAND_CLASSES, type LandClass, type RegionColumns, emptyRegionColumns } from '../../core/accounting/index.js';
import { type Result, ok, err } from '../../core/result.js';
import type { Problem } from '../problems.js';
import { type ColumnMeaning, type Quantity, readHeader, unitsAccepted } from './columns.js';
import { type Cell, type RawTable, cellLocation } from './read-records.js';

export interface Conversion {
  readonly column: string;
  readonly from: string;
  readonly to: string;
  readonly factor: number;
}

/** A validated region table, by column, values in canonical units (NaN: empty cell). */
export interface ParsedTable {
  readonly file: string;
  readonly kind: RawTable['kind'];
  readonly columns: RegionColumns;
  /** The quantities this file has a column for (the others are NaN throughout). */
  readonly quantities: readonly Quantity[];
  /** Spreadsheet row of each row, or its index in a JSON array. */
  readonly rowNumbers: ArrayLike<number>;
  readonly conversions: readonly Conversion[];
  readonly ignoredColumns: readonly string[];
}

const CANONICAL_UNIT: Partial<Record<Quantity, string>> = {
  population: 'persons', gdp_yuan: 'yuan', gdp_const_10k_yuan: '10^4 yuan', energy_tce: 'tce',
  ...Object.fromEntries(LAND_CLASSES.map((c) => [`${c}_hm2`, 'hm2'])),
};
const MAX_PROBLEMS = 50;
const THOUSANDS = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** Where a cell of row `i` of a parsed table is; built only when a problem is reported. */
export function locationOf(table: ParsedTable, i: number, column: string): Pick<Problem, 'file' | 'row' | 'column' | 'path'> {
  const rowNumber = table.rowNumbers[i] as number;
  return table.kind === 'json' ? { file: table.file, path: `$[${rowNumber}].${column}` } : { file: table.file, row: rowNumber, column };
}

/** A numeric key for (region code, year): cheaper in a Map than a joined string. */
export function rowKey(regionCode: string, year: number): number {
  return Number(regionCode) * 10_000 + year;
}

/** The column of a quantity in the engine's table. */
export function quantityColumn(columns: RegionColumns, quantity: Quantity): Float64Array | null {
  switch (quantity) {
    case 'region_code':
    case 'region_name':
    case 'year':
      return null;
    case 'population':
      return columns.populationPersons;
    case 'gdp_yuan':
      return columns.gdpYuan;
    case 'gdp_const_10k_yuan':
      return columns.gdpConst10kYuan;
    case 'energy_tce':
      return columns.energyTce;
    default:
      return columns.landHm2[quantity.slice(0, -4) as LandClass];
  }
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
export function readColumns(table: Pick<RawTable, 'file' | 'kind' | 'headers'>, problems: Problem[]): { columns: (ColumnMeaning | null)[]; conversions: Conversion[]; ignored: string[] } {
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
  const out = emptyRegionColumns(table.rows.length);
  // Quantity columns as (cell index, target column, factor), resolved once.
  const quantities = columns.flatMap((meaning, cellIndex) =>
    meaning === null || cellIndex === codeColumn || cellIndex === nameColumn || cellIndex === yearColumn
      ? []
      : [{ cellIndex, target: quantityColumn(out, meaning.quantity) as Float64Array, meaning }],
  );
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
    for (const { cellIndex, target, meaning } of quantities) {
      const cell = cells[cellIndex] ?? null;
      const parsed = parseNumber(cell);
      if (parsed === undefined) problems.push({ code: 'not_a_number', ...where(index, cellIndex), message: `expected a number in ${meaning.unit || 'the column unit'}, found ${describe(cell)}` });
      else if (parsed !== null && parsed < 0) problems.push({ code: 'negative_quantity', ...where(index, cellIndex), message: `expected a quantity ≥ 0, found ${parsed}` });
      else if (parsed !== null) target[index] = parsed * meaning.factor;
    }
    if (codeOk && yearOk) {
      const key = rowKey(regionCode, year);
      const earlier = firstRowOf.get(key);
      if (earlier !== undefined) {
        problems.push({ code: 'duplicate_region_year', ...where(index, codeColumn), message: `region ${regionCode} already has a row for ${year} (row ${table.rowNumbers[earlier]})` });
      } else firstRowOf.set(key, index);
    }
    out.regionCode[index] = regionCode;
    out.regionName[index] = regionName;
    out.year[index] = yearOk ? year : Number.NaN;
  }
  if (problems.length > 0) return err(problems);
  return ok({
    file: table.file,
    kind: table.kind,
    columns: out,
    quantities: quantities.map((q) => q.meaning.quantity),
    rowNumbers: table.rowNumbers,
    conversions,
    ignoredColumns: ignored,
  });
}


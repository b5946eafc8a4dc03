/**
 * Region tables (contracts.md §2) → validated rows in canonical units. Every problem names
 * the file, the row and the column; nothing is computed when there is one.
 */
import { LAND_CLASSES, type LandClass, type RegionYearRow } from '../../core/accounting/index.js';
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

export interface ParsedRow {
  readonly regionCode: string;
  readonly regionName: string;
  readonly year: number;
  /** Only the quantities this file has a column for; null = empty cell. */
  readonly values: ReadonlyMap<Quantity, number | null>;
  readonly file: string;
  readonly location: Pick<Problem, 'file' | 'row' | 'path'>;
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

export function parseNumber(cell: Cell): number | null | undefined {
  if (cell === null) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell === 'boolean') return undefined;
  const text = THOUSANDS.test(cell) ? cell.replaceAll(',', '') : cell;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  return Number(text);
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
  const rows: ParsedRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (let index = 0; index < table.rows.length && problems.length < MAX_PROBLEMS; index++) {
    const cells = table.rows[index] as readonly Cell[];
    let regionCode = '';
    let regionName = '';
    let year = Number.NaN;
    const values = new Map<Quantity, number | null>();
    columns.forEach((meaning, columnIndex) => {
      if (meaning === null) return;
      const header = table.headers[columnIndex] as string;
      const cell = cells[columnIndex] ?? null;
      const where = cellLocation(table, index, header);
      if (meaning.quantity === 'region_code') {
        regionCode = cell === null ? '' : String(cell).trim();
        if (!/^\d{6}$/.test(regionCode)) problems.push({ code: cell === null ? 'missing_value' : 'malformed_region_code', ...where, message: `expected a 6-digit division code, found ${cell === null ? 'an empty cell' : describe(cell)}` });
      } else if (meaning.quantity === 'region_name') {
        regionName = cell === null ? '' : String(cell).trim();
        if (regionName === '') problems.push({ code: 'missing_value', ...where, message: 'expected a region name, found an empty cell' });
      } else if (meaning.quantity === 'year') {
        const parsed = parseNumber(cell);
        if (parsed === null || parsed === undefined || !Number.isInteger(parsed) || parsed < 1900 || parsed > 2200) {
          problems.push({ code: cell === null ? 'missing_value' : 'bad_year', ...where, message: `expected a year such as 2020, found ${cell === null ? 'an empty cell' : describe(cell)}` });
        } else year = parsed;
      } else {
        const parsed = parseNumber(cell);
        if (parsed === undefined) problems.push({ code: 'not_a_number', ...where, message: `expected a number in ${meaning.unit || 'the column unit'}, found ${describe(cell)}` });
        else if (parsed !== null && parsed < 0) problems.push({ code: 'negative_quantity', ...where, message: `expected a quantity ≥ 0, found ${parsed}` });
        else values.set(meaning.quantity, parsed === null ? null : parsed * meaning.factor);
      }
    });
    if (regionCode !== '' && Number.isInteger(year)) {
      const key = `${regionCode}|${year}`;
      const earlier = firstRowOf.get(key);
      if (earlier !== undefined) {
        const columnHeader = table.headers[columns.findIndex((c) => c?.quantity === 'region_code')] ?? 'region_code';
        problems.push({ code: 'duplicate_region_year', ...cellLocation(table, index, columnHeader), message: `region ${regionCode} already has a row for ${year} (row ${table.rowNumbers[earlier]})` });
      } else firstRowOf.set(key, index);
    }
    const rowNumber = table.rowNumbers[index] ?? index;
    const location = table.kind === 'json' ? { file: table.file, path: `$[${rowNumber}]` } : { file: table.file, row: rowNumber };
    rows.push({ regionCode, regionName, year, values, file: table.file, location });
  }
  if (problems.length > 0) return err(problems);
  return ok({ file: table.file, rows, conversions, ignoredColumns: ignored });
}

/**
 * Merges tables on (region_code, year): later files fill the columns earlier ones lack;
 * the same quantity given twice for one row is an error. Then checks one province.
 */
export function mergeRegionTables(tables: readonly ParsedTable[]): Result<RegionYearRow[], Problem[]> {
  const problems: Problem[] = [];
  const merged = new Map<string, { first: ParsedRow; values: Map<Quantity, number | null>; from: Map<Quantity, string> }>();
  for (const table of tables) {
    for (const row of table.rows) {
      const key = `${row.regionCode}|${row.year}`;
      const entry = merged.get(key);
      if (entry === undefined) {
        merged.set(key, { first: row, values: new Map(row.values), from: new Map([...row.values.keys()].map((q) => [q, row.file])) });
        continue;
      }
      for (const [quantity, value] of row.values) {
        const existing = entry.values.get(quantity);
        if (existing !== undefined && existing !== null && value !== null) {
          problems.push({ code: 'duplicate_quantity', ...row.location, column: quantity, message: `${quantity} for ${row.regionCode} in ${row.year} is also given by ${entry.from.get(quantity)}` });
        } else if (existing === undefined || existing === null) {
          entry.values.set(quantity, value);
          if (value !== null) entry.from.set(quantity, row.file);
        }
      }
    }
  }
  const provinces = new Map<string, ParsedRow>();
  for (const { first } of merged.values()) if (!provinces.has(first.regionCode.slice(0, 2))) provinces.set(first.regionCode.slice(0, 2), first);
  if (provinces.size > 1) {
    const [firstProvince, ...others] = [...provinces.values()];
    for (const other of others) {
      problems.push({ code: 'multiple_provinces', ...other.location, column: 'region_code', message: `region ${other.regionCode} is in province ${other.regionCode.slice(0, 2)}, but ${firstProvince?.regionCode} is in ${firstProvince?.regionCode.slice(0, 2)}: one province per table` });
    }
  }
  if (problems.length > 0) return err(problems.slice(0, MAX_PROBLEMS));
  return ok([...merged.values()].map(({ first, values }) => toRegionYearRow(first, values)));
}

function toRegionYearRow(first: ParsedRow, values: ReadonlyMap<Quantity, number | null>): RegionYearRow {
  const get = (q: Quantity): number | null => values.get(q) ?? null;
  const landHm2 = Object.fromEntries(LAND_CLASSES.map((c) => [c, get(`${c}_hm2`)])) as Record<LandClass, number | null>;
  return {
    regionCode: first.regionCode,
    regionName: first.regionName,
    year: first.year,
    populationPersons: get('population'),
    gdpYuan: get('gdp_yuan'),
    gdpConst10kYuan: get('gdp_const_10k_yuan'),
    energyTce: get('energy_tce'),
    landHm2,
    fuels: null,
  };
}

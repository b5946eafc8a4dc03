/**
 * Score data (contracts.md §6): `region_code, region_name`, optional `year, population,
 * gdp_10k_yuan`, then one column per indicator (S11 … S33). Every problem names the cell.
 */
import { INDICATOR_CODE, type ScoreRow } from '../../core/score/index.js';
import { type Result, ok, err } from '../../core/result.js';
import type { Problem } from '../problems.js';
import { type RawTable, cellLocation } from '../tables/read-records.js';
import { parseNumber } from '../tables/region-table.js';

const MAX_PROBLEMS = 50;
const REQUIRED = ['region_code', 'region_name'] as const;
const OPTIONAL = ['year', 'population', 'gdp_10k_yuan'] as const;

export interface ParsedScoreTable {
  readonly file: string;
  readonly rows: ScoreRow[];
  /** Indicator columns of the file, in order, with the values per row. */
  readonly columns: Map<string, number[]>;
  readonly ignoredColumns: string[];
  readonly hasPopulation: boolean;
  readonly hasGdp: boolean;
}

const headerAt = (table: RawTable, column: string): Pick<Problem, 'file' | 'row' | 'column' | 'path'> =>
  table.kind === 'json' ? { file: table.file, path: `$[0].${column}` } : { file: table.file, row: 1, column };

/** `needUnits`: population and GDP cells must be filled (the per-capita and per-GDP views use them). */
export function parseScoreTable(table: RawTable, needUnits: boolean): Result<ParsedScoreTable, Problem[]> {
  const problems: Problem[] = [];
  const index = new Map(table.headers.map((h, i) => [h, i]));
  for (const required of REQUIRED) {
    if (!index.has(required)) problems.push({ code: 'missing_column', ...headerAt(table, required), message: `required column ${required} is missing` });
  }
  const indicators = table.headers.filter((h) => INDICATOR_CODE.test(h));
  const ignoredColumns = table.headers.filter((h) => !INDICATOR_CODE.test(h) && !(REQUIRED as readonly string[]).includes(h) && !(OPTIONAL as readonly string[]).includes(h));
  if (problems.length > 0) return err(problems);
  const columns = new Map<string, number[]>(indicators.map((code) => [code, []]));
  const rows: ScoreRow[] = [];
  const seen = new Map<string, number>();
  const hasYear = index.has('year');
  const cell = (r: number, column: string) => (index.has(column) ? (table.rows[r] as readonly unknown[])[index.get(column) as number] : undefined);
  const number = (r: number, column: string, required: boolean): number | null => {
    const raw = cell(r, column);
    if (raw === undefined) return null;
    const value = parseNumber(raw as string | number | null);
    if (value === undefined) problems.push({ code: 'not_a_number', ...cellLocation(table, r, column), message: `expected a number, found ${JSON.stringify(raw)}` });
    else if (value === null && required) problems.push({ code: 'missing_value', ...cellLocation(table, r, column), message: `the ${column} cell is empty: missing values are never filled silently` });
    return value ?? null;
  };
  for (let r = 0; r < table.rows.length && problems.length < MAX_PROBLEMS; r++) {
    const code = cell(r, 'region_code');
    const name = cell(r, 'region_name');
    if (code === null || code === undefined) problems.push({ code: 'missing_value', ...cellLocation(table, r, 'region_code'), message: 'the region_code cell is empty' });
    if (name === null || name === undefined) problems.push({ code: 'missing_value', ...cellLocation(table, r, 'region_name'), message: 'the region_name cell is empty' });
    let year: number | null = null;
    if (hasYear) {
      const raw = cell(r, 'year');
      year = parseNumber(raw as string | number | null) ?? null;
      if (year === null || !Number.isInteger(year) || year < 1900 || year > 2200) {
        problems.push({ code: raw === null ? 'missing_value' : 'bad_year', ...cellLocation(table, r, 'year'), message: `expected a year such as 2020, found ${raw === null ? 'an empty cell' : JSON.stringify(raw)}` });
      }
    }
    const regionCode = String(code ?? '');
    const key = `${regionCode}|${year ?? ''}`;
    const earlier = seen.get(key);
    if (earlier !== undefined && code !== null) {
      problems.push({ code: 'duplicate_region_year', ...cellLocation(table, r, 'region_code'), message: `region ${regionCode} already has a row${year !== null ? ` for ${year}` : ''} (row ${table.rowNumbers[earlier]})` });
    }
    seen.set(key, r);
    for (const indicator of indicators) (columns.get(indicator) as number[]).push(number(r, indicator, true) as number);
    rows.push({
      regionCode, regionName: String(name ?? ''), year,
      populationPersons: number(r, 'population', needUnits && index.has('population')),
      gdp10kYuan: number(r, 'gdp_10k_yuan', needUnits && index.has('gdp_10k_yuan')),
    });
  }
  if (problems.length > 0) return err(problems);
  return ok({ file: table.file, rows, columns, ignoredColumns, hasPopulation: index.has('population'), hasGdp: index.has('gdp_10k_yuan') });
}

/**
 * Optional sources of indicators: accounting results (`account --format json`, contracts.md §4)
 * for S11–S16, and market data for S21–S25 (a table, shape in docs/score.md).
 */
import { z } from 'zod';
import { type AccountingRegionRow, MARKET_COLUMNS, type MarketRow } from '../../core/score/index.js';
import { type Result, ok, err } from '../../core/result.js';
import { readJson } from '../files.js';
import type { Problem } from '../problems.js';
import { zodProblems } from '../tables/params.js';
import { type TableSource, cellLocation, readTable, sourceName } from '../tables/read-records.js';
import { parseNumber } from '../tables/region-table.js';

const nullableNumber = z.number().refine(Number.isFinite, 'expected a finite number').nullable();

/** Only the fields the score uses; the rest of the accounting document passes through. */
const accountingSchema = z.looseObject({
  regions: z.array(z.looseObject({
    region_code: z.string().min(1),
    year: z.number().int(),
    emissions_t: nullableNumber,
    absorption_t: nullableNumber,
    budget_t: nullableNumber,
    intensity_t_per_10k_yuan: nullableNumber,
    emissions_growth_rate: nullableNumber,
  })),
});

export async function readAccountingResults(file: string): Promise<Result<AccountingRegionRow[], Problem[]>> {
  const data = await readJson(file, 'the output of neutral account --format json');
  return data.ok ? parseAccountingResults(file, data.value) : err([data.error]);
}

/** An accounting document already parsed (a file's JSON or a request body's field). */
export function parseAccountingResults(file: string, data: unknown): Result<AccountingRegionRow[], Problem[]> {
  const parsed = accountingSchema.safeParse(data);
  // Not a params file: a shape error here means the file is not an accounting result.
  if (!parsed.success) return err(zodProblems(file, parsed.error).map((p) => ({ ...p, code: 'bad_format' as const })));
  return ok(parsed.data.regions);
}

export interface MarketData {
  readonly rows: MarketRow[];
  readonly ignoredColumns: string[];
}

/** Enterprise-reported verified emissions per city (`neutral compliance report --format csv --table cities`) fill S12. */
export const ENTERPRISE_COLUMNS: Readonly<Record<string, string>> = { enterprise_emissions_t: 'S12' };

/** `region_code`, optional `year` (empty or absent: every year), and any of the MARKET_COLUMNS. */
export async function readMarketData(source: TableSource): Promise<Result<MarketData, Problem[]>> {
  return readRegionValues(source, MARKET_COLUMNS, 'market data');
}

/** `region_code`, optional `year`, and any of `columns` (header → indicator code). */
export async function readRegionValues(source: TableSource, columns: Readonly<Record<string, string>>, what: string): Promise<Result<MarketData, Problem[]>> {
  const file = sourceName(source);
  const raw = await readTable(source);
  if (!raw.ok) return err([raw.error]);
  const table = raw.value;
  const index = new Map(table.headers.map((h, i) => [h, i]));
  const at = (column: string): Pick<Problem, 'file' | 'row' | 'column' | 'path'> =>
    table.kind === 'json' ? { file, path: `$[0].${column}` } : { file, row: 1, column };
  if (!index.has('region_code')) return err([{ code: 'missing_column', ...at('region_code'), message: `${what} needs a region_code column` }]);
  const known = Object.keys(columns);
  const present = table.headers.filter((h) => known.includes(h));
  if (present.length === 0) return err([{ code: 'missing_column', ...at(known[0] as string), message: `${what} needs at least one of ${known.join(', ')}` }]);
  const problems: Problem[] = [];
  const rows: MarketRow[] = [];
  table.rows.forEach((cells, r) => {
    const code = cells[index.get('region_code') as number];
    if (code === null || code === undefined) problems.push({ code: 'missing_value', ...cellLocation(table, r, 'region_code'), message: 'the region_code cell is empty' });
    let year: number | null = null;
    if (index.has('year')) {
      const rawYear = cells[index.get('year') as number] ?? null;
      year = parseNumber(rawYear) ?? null;
      if (rawYear !== null && (year === null || !Number.isInteger(year))) problems.push({ code: 'bad_year', ...cellLocation(table, r, 'year'), message: `expected a year such as 2020 or an empty cell, found ${JSON.stringify(rawYear)}` });
    }
    const values: Record<string, number | null> = {};
    for (const column of present) {
      const value = parseNumber(cells[index.get(column) as number] ?? null);
      if (value === undefined) problems.push({ code: 'not_a_number', ...cellLocation(table, r, column), message: `expected a number, found ${JSON.stringify(cells[index.get(column) as number])}` });
      values[columns[column]!] = value ?? null;
    }
    rows.push({ regionCode: String(code ?? ''), year, values });
  });
  if (problems.length > 0) return err(problems);
  return ok({ rows, ignoredColumns: table.headers.filter((h) => h !== 'region_code' && h !== 'year' && !known.includes(h)) });
}

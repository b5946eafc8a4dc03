/**
 * Merges region tables on (region_code, year): later files fill the columns earlier ones lack;
 * the same quantity given twice for one row is an error. Then checks one province.
 */
import { type RegionColumns, emptyRegionColumns } from '../../core/accounting/index.js';
import { type Result, ok, err } from '../../core/result.js';
import type { Problem } from '../problems.js';
import { type ParsedTable, locationOf, quantityColumn, rowKey } from './region-table.js';

const MAX_PROBLEMS = 50;

/** A row of the merged table: where it came from first, and which rows filled it later. */
interface Source {
  readonly table: number;
  readonly row: number;
}

export function mergeRegionTables(tables: readonly ParsedTable[]): Result<RegionColumns, Problem[]> {
  // One table has nothing to merge: its (region, year) pairs were checked unique on parsing.
  const only = tables.length === 1 ? tables[0] : undefined;
  if (only !== undefined) {
    const problems = provinceProblems(tables, only.columns.length, (i) => ({ table: 0, row: i }));
    return problems.length > 0 ? err(problems) : ok(only.columns);
  }
  const problems: Problem[] = [];
  const indexOf = new Map<number, number>();
  const sources: Source[][] = [];
  for (const [t, table] of tables.entries()) {
    const { columns } = table;
    for (let i = 0; i < columns.length; i++) {
      const key = rowKey(columns.regionCode[i] as string, columns.year[i] as number);
      const merged = indexOf.get(key);
      if (merged === undefined) {
        indexOf.set(key, sources.length);
        sources.push([{ table: t, row: i }]);
        continue;
      }
      const earlierRows = sources[merged] as Source[];
      for (const quantity of table.quantities) {
        const value = (quantityColumn(columns, quantity) as Float64Array)[i] as number;
        if (value !== value) continue;
        const earlier = earlierRows.find((s) => !Number.isNaN((quantityColumn((tables[s.table] as ParsedTable).columns, quantity) as Float64Array)[s.row]));
        if (earlier !== undefined) {
          problems.push({ code: 'duplicate_quantity', ...locationOf(table, i, quantity), message: `${quantity} for ${columns.regionCode[i]} in ${columns.year[i]} is also given by ${(tables[earlier.table] as ParsedTable).file}` });
        }
      }
      earlierRows.push({ table: t, row: i });
    }
  }
  problems.push(...provinceProblems(tables, sources.length, (m) => (sources[m] as Source[])[0] as Source));
  if (problems.length > 0) return err(problems.slice(0, MAX_PROBLEMS));
  // Each merged row takes every quantity from the first of its rows that knows it.
  const out = emptyRegionColumns(sources.length);
  sources.forEach((rows, m) => {
    const first = rows[0] as Source;
    const firstColumns = (tables[first.table] as ParsedTable).columns;
    out.regionCode[m] = firstColumns.regionCode[first.row] as string;
    out.regionName[m] = firstColumns.regionName[first.row] as string;
    out.year[m] = firstColumns.year[first.row] as number;
    for (const { table, row } of rows) {
      const parsed = tables[table] as ParsedTable;
      for (const quantity of parsed.quantities) {
        const target = quantityColumn(out, quantity) as Float64Array;
        if (Number.isNaN(target[m])) target[m] = (quantityColumn(parsed.columns, quantity) as Float64Array)[row] as number;
      }
    }
  });
  return ok(out);
}

/** One province per table: every code shares its first two digits with the first row's. */
function provinceProblems(tables: readonly ParsedTable[], count: number, sourceOf: (m: number) => Source): Problem[] {
  if (count === 0) return [];
  const codeOf = (s: Source): string => (tables[s.table] as ParsedTable).columns.regionCode[s.row] as string;
  const firstCode = codeOf(sourceOf(0));
  const province = firstCode.slice(0, 2);
  const problems: Problem[] = [];
  const seen = new Set<string>([province]);
  for (let m = 0; m < count; m++) {
    const source = sourceOf(m);
    const regionCode = codeOf(source);
    // Codes of one province share their first two characters: compare those before slicing.
    if (regionCode.charCodeAt(0) === province.charCodeAt(0) && regionCode.charCodeAt(1) === province.charCodeAt(1)) continue;
    const code = regionCode.slice(0, 2);
    if (seen.has(code)) continue;
    seen.add(code);
    problems.push({ code: 'multiple_provinces', ...locationOf(tables[source.table] as ParsedTable, source.row, 'region_code'), message: `region ${regionCode} is in province ${code}, but ${firstCode} is in ${province}: one province per table` });
  }
  return problems.slice(0, MAX_PROBLEMS);
}

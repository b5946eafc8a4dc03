/**
 * Everything `account` reads, validated before anything is computed: region tables (merged),
 * an optional fuel table, the params file and provenance sidecars.
 */
import {
  type AccountingProblem, type AccountingWarning, type PresetName, type RegionColumns,
} from '../../core/accounting/index.js';
import { type Result, ok, err } from '../../core/result.js';
import type { Problem } from '../problems.js';
import { parseFuelTable } from './fuel-table.js';
import { type ParamsFile, type ResolvedParams, readParamsFile, resolveParams } from './params.js';
import { type TableSource, readSource, readTable, sourceName } from './read-records.js';
import { parseRegionCsv } from './region-csv.js';
import { mergeRegionTables } from './region-merge.js';
import { type Conversion, type ParsedTable, parseRegionTable } from './region-table.js';
import { estimateWarnings } from './sources.js';

/** Paths (the CLI) or uploaded bytes (the HTTP API); `params` is a params file already parsed. */
export interface AccountingFiles {
  readonly dataFiles: readonly TableSource[];
  readonly fuelsFile?: TableSource;
  readonly paramsFile?: string;
  readonly params?: ParamsFile;
  readonly preset?: PresetName;
}

export interface AccountingInputs {
  /** The merged region table, by column: what `runAccounting` takes as `rows`. */
  readonly rows: RegionColumns;
  readonly resolved: ResolvedParams;
  readonly conversions: Conversion[];
  readonly ignoredColumns: { file: string; column: string }[];
  readonly extraWarnings: AccountingWarning[];
}

export async function loadAccountingInputs(files: AccountingFiles): Promise<Result<AccountingInputs, Problem[]>> {
  const problems: Problem[] = [];
  let paramsFile: ParamsFile = files.params ?? {};
  if (files.paramsFile !== undefined) {
    const read = await readParamsFile(files.paramsFile);
    if (read.ok) paramsFile = read.value;
    else problems.push(...read.error);
  }
  const resolved = resolveParams(paramsFile, files.preset);
  const parsed: ParsedTable[] = [];
  const extraWarnings: AccountingWarning[] = [];
  for (const file of files.dataFiles) {
    const table = await readRegionTable(file);
    if (table.ok) parsed.push(table.value);
    else problems.push(...table.error);
    // Provenance sidecars sit beside files on disk; uploads carry none.
    if (typeof file !== 'string') continue;
    const estimates = await estimateWarnings(file);
    if (estimates.ok) extraWarnings.push(...estimates.value);
    else problems.push(...estimates.error);
  }
  if (problems.length > 0) return err(problems);
  const merged = mergeRegionTables(parsed);
  if (!merged.ok) return err(merged.error);
  let rows = merged.value;
  if (files.fuelsFile !== undefined) {
    const raw = await readTable(files.fuelsFile);
    if (!raw.ok) return err([raw.error]);
    const fuels = parseFuelTable(raw.value, resolved.params.coefficients.gridTCO2PerMWh !== null);
    if (!fuels.ok) return err(fuels.error);
    const keys = rows.regionCode.map((code, i) => `${code}|${rows.year[i]}`);
    const known = new Set(keys);
    const unmatched = [...fuels.value.keys()].filter((key) => !known.has(key));
    if (unmatched.length > 0) {
      const file = sourceName(files.fuelsFile);
      return err(unmatched.map((key) => ({ code: 'unmatched_row', file, message: `fuel rows for ${key.replace('|', ' in ')} match no row of the region table` }) as Problem));
    }
    const before = rows.fuels;
    rows = { ...rows, fuels: keys.map((key, i) => fuels.value.get(key) ?? before?.[i] ?? null) };
  }
  return ok({
    rows,
    resolved,
    conversions: parsed.flatMap((t) => t.conversions),
    ignoredColumns: parsed.flatMap((t) => t.ignoredColumns.map((column) => ({ file: t.file, column }))),
    extraWarnings,
  });
}

/** One region table: CSV through the fast column reader, XLSX and JSON through their cells. */
async function readRegionTable(source: TableSource): Promise<Result<ParsedTable, Problem[]>> {
  const read = await readSource(source);
  if (!read.ok) return err([read.error]);
  const { file, kind, bytes } = read.value;
  if (kind === 'csv') {
    try {
      return parseRegionCsv(file, bytes);
    } catch (cause) {
      return err([{ code: 'bad_format', file, message: `cannot read as csv: ${(cause as Error).message}` }]);
    }
  }
  const raw = await readTable({ name: file, bytes });
  return raw.ok ? parseRegionTable(raw.value) : err([raw.error]);
}

/** Places a core problem in the params file (zoning rules) or on the command line. */
export function accountingProblem(problem: AccountingProblem, paramsFile: string | undefined): Problem {
  switch (problem.code) {
    case 'bad_expression':
      return { code: 'bad_expression', ...(paramsFile ? { file: paramsFile } : {}), path: `$.zoning[${problem.rule}].when`, message: `${problem.message} (at character ${problem.at + 1})` };
    case 'zoning_no_final_true':
      return { code: 'zoning_no_final_true', ...(paramsFile ? { file: paramsFile } : {}), path: `$.zoning[${problem.rule}].when`, message: problem.message };
    case 'unknown_year':
      return { code: 'unknown_year', message: `--year ${problem.year} is not a year of the table (${problem.years.join(', ')})` };
    case 'no_regions':
      return { code: 'no_regions', message: problem.message };
    case 'basis_conflict':
      return { code: 'basis_conflict', ...(paramsFile ? { file: paramsFile } : {}), path: '$.coefficients.energyBasis', message: problem.message };
  }
}

/**
 * Everything `account` reads, validated before anything is computed: region tables (merged),
 * an optional fuel table, the params file and provenance sidecars.
 */
import {
  type AccountingProblem, type AccountingWarning, type PresetName, type RegionYearRow,
} from '../../core/accounting/index.js';
import { type Result, ok, err } from '../../core/result.js';
import type { Problem } from '../problems.js';
import { parseFuelTable } from './fuel-table.js';
import { type ParamsFile, type ResolvedParams, readParamsFile, resolveParams } from './params.js';
import { type TableSource, readTable, sourceName } from './read-records.js';
import { type Conversion, type ParsedTable, mergeRegionTables, parseRegionTable } from './region-table.js';
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
  readonly rows: RegionYearRow[];
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
    const raw = await readTable(file);
    if (!raw.ok) {
      problems.push(raw.error);
      continue;
    }
    const table = parseRegionTable(raw.value);
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
    const known = new Set(rows.map((r) => `${r.regionCode}|${r.year}`));
    const unmatched = [...fuels.value.keys()].filter((key) => !known.has(key));
    if (unmatched.length > 0) {
      const file = sourceName(files.fuelsFile);
      return err(unmatched.map((key) => ({ code: 'unmatched_row', file, message: `fuel rows for ${key.replace('|', ' in ')} match no row of the region table` }) as Problem));
    }
    rows = rows.map((row) => ({ ...row, fuels: fuels.value.get(`${row.regionCode}|${row.year}`) ?? row.fuels }));
  }
  return ok({
    rows,
    resolved,
    conversions: parsed.flatMap((t) => t.conversions),
    ignoredColumns: parsed.flatMap((t) => t.ignoredColumns.map((column) => ({ file: t.file, column }))),
    extraWarnings,
  });
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

/**
 * Everything `score` reads, validated before anything is computed: the data table, the params,
 * and the optional accounting results (S11–S16), market data (S21–S25) and enterprise emissions (S12).
 */
import { type ScoreData, type ScoreParams, type ScoreWarning, type SourceValues, accountingIndicators, fillFrom, marketIndicators } from '../../core/score/index.js';
import { type Result, ok, err } from '../../core/result.js';
import type { Problem } from '../problems.js';
import { type TableSource, readTable, sourceName } from '../tables/read-records.js';
import { parseScoreTable } from './data-file.js';
import { readScoreParams } from './params-file.js';
import { ENTERPRISE_COLUMNS, parseAccountingResults, readAccountingResults, readMarketData, readRegionValues } from './sources.js';

/** Paths (the CLI) or what a request carried (the HTTP API): uploaded tables, params and documents already parsed. */
export interface ScoreFiles {
  readonly data: TableSource;
  readonly params?: string | ScoreParams | undefined;
  readonly accounting?: string | { readonly name: string; readonly document: unknown } | undefined;
  readonly market?: TableSource | undefined;
  /** Verified enterprise emissions per city (the compliance report's `cities` table): S12. */
  readonly enterprises?: TableSource | undefined;
}

export interface ScoreInputs {
  readonly data: ScoreData;
  readonly params: ScoreParams;
  readonly warnings: ScoreWarning[];
  /** Where each indicator came from: the data file, the accounting results or the market data. */
  readonly sources: Record<string, string>;
}

const ACCOUNTING_CODES = ['S11', 'S12', 'S13', 'S14', 'S15', 'S16'];
const MARKET_CODES = ['S21', 'S22', 'S23', 'S24', 'S25'];

export async function loadScoreInputs(files: ScoreFiles): Promise<Result<ScoreInputs, Problem[]>> {
  let params: ScoreParams = {};
  if (typeof files.params === 'string') {
    const read = await readScoreParams(files.params);
    if (!read.ok) return read;
    params = read.value;
  } else if (files.params !== undefined) params = files.params;
  const dataName = sourceName(files.data);
  const raw = await readTable(files.data);
  if (!raw.ok) return err([raw.error]);
  const table = parseScoreTable(raw.value, (params.perCapita ?? []).length > 0);
  if (!table.ok) return table;
  const { rows, columns } = table.value;
  const warnings: ScoreWarning[] = table.value.ignoredColumns.map((column) => ({ code: 'ignored_column', message: `${dataName}: column "${column}" is neither a score column nor an indicator code (S11 … S33) and was ignored` }));
  const sources: Record<string, string> = Object.fromEntries([...columns.keys()].map((code) => [code, dataName]));
  const accounting = files.accounting;
  const market = files.market;
  const sourceSpecs: { file: string; name: string; codes: readonly string[]; load: () => Promise<Result<SourceValues, Problem[]>> }[] = [];
  if (accounting !== undefined) {
    sourceSpecs.push({ file: typeof accounting === 'string' ? accounting : accounting.name, name: 'accounting results', codes: ACCOUNTING_CODES, load: async () => {
      const read = typeof accounting === 'string' ? await readAccountingResults(accounting) : parseAccountingResults(accounting.name, accounting.document);
      return read.ok ? ok(accountingIndicators(read.value)) : read;
    } });
  }
  if (market !== undefined) {
    const file = sourceName(market);
    sourceSpecs.push({ file, name: 'market data', codes: MARKET_CODES, load: async () => {
      const read = await readMarketData(market);
      if (!read.ok) return read;
      warnings.push(...read.value.ignoredColumns.map((column): ScoreWarning => ({ code: 'ignored_column', message: `${file}: column "${column}" is not a market-data column and was ignored` })));
      return ok(marketIndicators(read.value.rows));
    } });
  }
  const enterprises = files.enterprises;
  if (enterprises !== undefined) {
    const file = sourceName(enterprises);
    sourceSpecs.push({ file, name: 'enterprise emissions', codes: ['S12'], load: async () => {
      const read = await readRegionValues(enterprises, ENTERPRISE_COLUMNS, 'enterprise emissions');
      if (!read.ok) return read;
      return ok(marketIndicators(read.value.rows));
    } });
  }
  for (const { file, name, codes, load } of sourceSpecs) {
    const source = await load();
    if (!source.ok) return source;
    const both = codes.filter((code) => columns.has(code) && [...source.value.values()].some((v) => v[code] !== undefined && v[code] !== null));
    if (both.length > 0) {
      const where = (code: string) => (raw.value.kind === 'json' ? { path: `$[0].${code}` } : { row: 1, column: code });
      return err(both.map((code) => ({ code: 'duplicate_indicator', file: dataName, ...where(code), message: `${code} is both a column here and in the ${name} (${file}): keep one` }) as Problem));
    }
    const filled = fillFrom(source.value, name, codes.filter((code) => !columns.has(code)), rows);
    warnings.push(...filled.warnings);
    for (const [code, values] of filled.filled) {
      columns.set(code, values);
      sources[code] = file;
    }
  }
  if (columns.size === 0) {
    return err([{ code: 'missing_column', file: dataName, ...(raw.value.kind === 'json' ? { path: '$[0].S11' } : { row: 1, column: 'S11' }), message: 'no indicator columns (S11 … S33), and none filled from --accounting or --market' }]);
  }
  const indicators = [...columns.keys()].sort();
  const values = rows.map((_, i) => indicators.map((code) => (columns.get(code) as number[])[i] as number));
  return ok({ data: { indicators, rows, values }, params, warnings, sources });
}

/** `neutral account`: accounting spec §2–5 on region tables (contracts.md §1). */
import type { Command } from 'commander';
import { Option } from 'commander';
import { PRESET_NAMES, type PresetName, runAccounting } from '../../../core/accounting/index.js';
import type { Problem } from '../../problems.js';
import { accountingJson } from '../../report/document.js';
import { renderCsv, renderText, renderXlsx } from '../../report/render.js';
import { TABLE_NAMES, type TableName } from '../../report/tables.js';
import type { Language } from '../../report/messages.js';
import { accountingProblem, loadAccountingInputs } from '../../tables/load-accounting.js';
import { type CliIo, emit, reportProblems } from '../io.js';
import type { CommandRegistrar } from '../main.js';

const FORMATS = ['table', 'json', 'csv', 'xlsx'] as const;

interface AccountOptions {
  data: string[];
  fuels?: string;
  params?: string;
  preset?: PresetName;
  year?: string;
  format: (typeof FORMATS)[number];
  table?: TableName;
  out?: string;
  lang: Language;
}

export const registerAccount: CommandRegistrar = (program, io, finish) => {
  program
    .command('account')
    .description('carbon budget, ECC/ESC, zoning and horizontal compensation of a region table')
    .requiredOption('--data <file>', 'region table (CSV, XLSX or JSON); repeat to merge files on (region_code, year)', collect, [])
    .option('--fuels <file>', 'fuel table: region_code, year, fuel, quantity, unit')
    .option('--params <file>', 'parameter file (JSON), every field optional over the preset')
    .addOption(new Option('--preset <name>', 'coefficient preset (wins over the params file)').choices(PRESET_NAMES))
    .option('--year <year>', 'compensation year (default: the last year in the table)')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .addOption(new Option('--table <name>', 'table for csv output (default regions; with table format, print only this one)').choices(TABLE_NAMES))
    .option('--out <file>', 'write to this file instead of stdout (required for xlsx)')
    .addOption(new Option('--lang <lang>', 'language of table output and warnings').choices(['en', 'zh']).default('en'))
    .action(async (options: AccountOptions) => finish(await account(options, io)));
};

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export async function account(options: AccountOptions, io: CliIo): Promise<number> {
  if (options.format === 'xlsx' && options.out === undefined) {
    return reportProblems(io, [{ code: 'output_required', message: '--format xlsx writes a binary file: give --out FILE.xlsx' }]);
  }
  let year: number | undefined;
  if (options.year !== undefined) {
    year = Number(options.year);
    if (!/^\d{4}$/.test(options.year)) return reportProblems(io, [{ code: 'bad_flag', message: `--year expects a year such as 2020, found "${options.year}"` }]);
  }
  const loaded = await loadAccountingInputs({
    dataFiles: options.data,
    ...(options.fuels !== undefined ? { fuelsFile: options.fuels } : {}),
    ...(options.params !== undefined ? { paramsFile: options.params } : {}),
    ...(options.preset !== undefined ? { preset: options.preset } : {}),
  });
  if (!loaded.ok) return reportProblems(io, loaded.error);
  const { rows, resolved, conversions, ignoredColumns, extraWarnings } = loaded.value;
  const run = runAccounting({ rows, params: resolved.params, priceModeExplicit: resolved.priceModeExplicit, inputWarnings: extraWarnings, ...(year !== undefined ? { compensationYear: year } : {}) });
  if (!run.ok) return reportProblems(io, [accountingProblem(run.error, options.params)] as Problem[]);
  const result = run.value;
  for (const ignored of ignoredColumns) io.stderr(`${ignored.file}: note: column "${ignored.column}" is not a region-table column and was ignored\n`);
  switch (options.format) {
    case 'json': {
      await emit(io, options.out, accountingJson(result, { files: options.data, conversions, ignoredColumns }, options.lang, 2) + '\n');
      break;
    }
    case 'csv':
      await emit(io, options.out, renderCsv(result, options.table ?? 'regions'));
      break;
    case 'xlsx':
      await emit(io, options.out, await renderXlsx(result, options.lang));
      break;
    case 'table':
      await emit(io, options.out, renderText(result, options.lang, options.table));
      break;
  }
  return 0;
}

/**
 * `neutral compliance report` (a period's report, city flows, a year's clearing, from a
 * command journal, as text, JSON, CSV or XLSX) and `neutral compliance settle-command` (the
 * `compensation.settle` command of an accounting result). docs/compliance.md.
 */
import { Option } from 'commander';
import { cityFlowReport, clearingReport, periodReport } from '../../../core/compliance/index.js';
import { type ComplianceTables, renderCsv, renderText, renderXlsx } from '../../compliance/render.js';
import { settleCommand } from '../../compliance/settle-command.js';
import { readText } from '../../files.js';
import { type CliIo, emit, reportProblems } from '../io.js';
import type { CommandRegistrar } from '../main.js';
import { replayFile } from './market.js';

const FORMATS = ['table', 'json', 'csv', 'xlsx'] as const;
const CSV_TABLES = ['emitters', 'obligations', 'cities', 'city-flows', 'clearing'] as const;

interface ReportOptions {
  journal: string;
  jurisdiction?: string;
  period?: string;
  year?: string;
  format: (typeof FORMATS)[number];
  table: (typeof CSV_TABLES)[number];
  out?: string;
}

export const registerCompliance: CommandRegistrar = (program, io, finish) => {
  const compliance = program.command('compliance').description('compliance regimes and the compensation clearing house: reports, the clearing command of an accounting result');
  compliance
    .command('report')
    .description('replay a command journal and report a period (each emitter\u2019s status), city flows and a year\u2019s clearing')
    .requiredOption('--journal <file>', 'command journal (JSONL, contracts.md §7)')
    .option('--jurisdiction <id>', 'jurisdiction of the period to report')
    .option('--period <id>', 'period to report (with --jurisdiction)')
    .option('--year <year>', 'the clearing statement of this year')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .addOption(new Option('--table <name>', 'the table of CSV output').choices(CSV_TABLES).default('emitters'))
    .option('--out <file>', 'write here instead of stdout (required for xlsx)')
    .action(async (options: ReportOptions) => finish(await complianceReport(options, io)));
  compliance
    .command('settle-command')
    .description('the compensation.settle command (one JSONL line) that clears a compensation result of `neutral account --format json`')
    .requiredOption('--result <file>', 'accounting result (JSON) with a balanced compensation')
    .requiredOption('--actor <id>', 'the provincial government participant that clears it')
    .option('--key <key>', 'idempotency key (default: clearing-<year>)')
    .option('--at <time>', 'command time, ISO-8601 (default: now, Asia/Shanghai)')
    .action(async (options: { result: string; actor: string; key?: string; at?: string }) => finish(await settle(options, io)));
  for (const sub of compliance.commands) sub.exitOverride().configureOutput({ writeOut: (t) => io.stdout(t), writeErr: (t) => io.stderr(t) });
};

export async function complianceReport(options: ReportOptions, io: CliIo): Promise<number> {
  if ((options.jurisdiction === undefined) !== (options.period === undefined)) return reportProblems(io, [{ code: 'bad_flag', message: '--jurisdiction and --period go together' }]);
  const year = options.year === undefined ? null : Number(options.year);
  if (year !== null && !(Number.isInteger(year) && year >= 1900 && year <= 9999)) return reportProblems(io, [{ code: 'bad_flag', message: `--year ${options.year}: a year, e.g. 2020` }]);
  if (options.format === 'xlsx' && options.out === undefined) return reportProblems(io, [{ code: 'output_required', message: 'xlsx output needs --out <file>' }]);
  const replayed = await replayFile(options.journal);
  if (!replayed.ok) return reportProblems(io, [replayed.error]);
  const state = replayed.value.engine.state;
  const period = options.jurisdiction === undefined ? null : periodReport(state, options.jurisdiction, options.period!);
  if (options.jurisdiction !== undefined && period === null) return reportProblems(io, [{ code: 'bad_flag', message: `--period ${options.period}: no such period of ${options.jurisdiction} in ${options.journal}` }]);
  const clearing = year === null ? null : clearingReport(state, year);
  if (year !== null && clearing === null) return reportProblems(io, [{ code: 'bad_flag', message: `--year ${year}: ${options.journal} clears no compensation for that year` }]);
  const tables: ComplianceTables = { period, flows: cityFlowReport(state), clearing };
  if (options.format === 'json') await emit(io, options.out, JSON.stringify({ period, cityFlows: tables.flows, clearing }, null, 2) + '\n');
  else if (options.format === 'xlsx') await emit(io, options.out, await renderXlsx(tables));
  else if (options.format === 'csv') {
    const csv = renderCsv(tables, options.table);
    if (csv === null) return reportProblems(io, [{ code: 'bad_flag', message: `--table ${options.table}: not in this report (give --jurisdiction/--period or --year)` }]);
    await emit(io, options.out, csv);
  } else await emit(io, options.out, renderText(tables));
  return 0;
}

async function settle(options: { result: string; actor: string; key?: string; at?: string }, io: CliIo): Promise<number> {
  const text = await readText(options.result);
  if (!text.ok) return reportProblems(io, [text.error]);
  const at = options.at ?? new Date(Date.now() + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
  const command = settleCommand(text.value, options.result, { actor: options.actor, key: options.key ?? 'clearing', at });
  if (!command.ok) return reportProblems(io, [command.error]);
  const year = (command.value.payload as { year: number }).year;
  const out = options.key === undefined ? { ...command.value, key: `clearing-${year}` } : command.value;
  io.stdout(JSON.stringify(out) + '\n');
  return 0;
}

/**
 * `neutral demo` (contracts.md §1): opens the database (default sqlite:./neutral.db), loads the
 * demo data when it is empty (a cooperative forest project and its logins, the accounting demo
 * sets are read from data/demo/), starts the API and the dashboard, prints the URL.
 * `neutral demo --print`: the accounting printout of before, on the demo tables, with an XLSX report.
 */
import { Option } from 'commander';
import type { AccountingResult } from '../../../core/accounting/index.js';
import { DEMO_PROVINCES, DEMO_TITLES as TITLES, runDemoAccounting } from '../../demo/accounting.js';
import { DEMO_PASSWORD, DEMO_USERS, loadDemo } from '../../demo/registry.js';
import type { RunningServer } from '../../http/server.js';
import { renderText, renderXlsxBook } from '../../report/render.js';
import type { Language } from '../../report/messages.js';
import { describeDb, parseDb } from '../../storage/index.js';
import { type CliIo, emit, reportProblems } from '../io.js';
import type { CommandRegistrar } from '../main.js';
import { checkServeOptions, listen, openDatabase, serverOptions, stopSignal } from './serve.js';

export interface DemoOptions {
  print?: boolean;
  out: string;
  lang: Language;
  db: string;
  port: string;
  host: string;
}

export const registerDemo: CommandRegistrar = (program, io, finish) => {
  serverOptions(program.command('demo'), '(migrations run on start; the demo loads when it is empty)')
    .description('the demo: API and dashboard on a database with a demo registry (loaded when empty); --print prints the accounting of the demo data instead')
    .option('--print', 'print the zone and compensation tables of the demo data (Jiangxi 2010/2015/2020, Henan 2020) and write an XLSX report, then exit')
    .option('--out <file>', 'with --print: the XLSX report', 'neutral-demo-report.xlsx')
    .addOption(new Option('--lang <lang>', 'with --print: language of the tables').choices(['en', 'zh']).default('en'))
    .action(async (options: DemoOptions) => finish(options.print === true ? await printDemo(options, io) : await demo(options, io)));
};

/** Starts the demo server and runs until `stop` resolves. */
export async function demo(options: DemoOptions, io: CliIo, stop: Promise<void> = stopSignal(), started?: (server: RunningServer) => void, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const problems = checkServeOptions(options);
  if (problems.length > 0) return reportProblems(io, problems);
  const target = parseDb(options.db);
  if (!target.ok) return reportProblems(io, [{ code: 'bad_flag', message: target.error }]);
  const backend = await openDatabase(target.value, io);
  if (typeof backend === 'number') return backend;
  try {
    const password = env['NEUTRAL_DEMO_PASSWORD'] ?? DEMO_PASSWORD;
    const loaded = await loadDemo(backend.journal.store, backend.accounts, password);
    const server = await listen(options, backend, io);
    if (typeof server === 'number') return server;
    const where = describeDb(target.value);
    io.stdout(loaded
      ? `Loaded the demo into ${where}: a cooperative forest project (XG01) of three farmers, issued, sold, paid and retired.\n`
      : `${where} already has data: the demo was not loaded again.\n`);
    if (loaded) io.stdout(`Logins (password "${password}"): ${DEMO_USERS.map((u) => u.username).join(', ')}.\n`);
    io.stdout(`Neutral demo: open ${server.url} (public registry: ${server.url}#/registry). Ctrl-C stops.\n`);
    started?.(server);
    await stop;
    await server.close();
    return 0;
  } finally {
    await backend.close();
  }
}

/** The accounting printout: both demo provinces, their warnings, and the XLSX report. */
export async function printDemo(options: { out: string; lang: Language }, io: CliIo): Promise<number> {
  const parts: { prefix: string; result: AccountingResult }[] = [];
  for (const province of DEMO_PROVINCES) {
    const run = await runDemoAccounting(province);
    if (!run.ok) return reportProblems(io, run.error);
    const { result } = run.value;
    io.stdout(`${'='.repeat(8)} ${TITLES[province][options.lang]}\n\n${renderText(result, options.lang)}\n`);
    parts.push({ prefix: province, result });
  }
  await emit(io, options.out, await renderXlsxBook(parts, options.lang));
  io.stdout(options.lang === 'zh' ? `报告已写入 ${options.out}\n` : `Report written to ${options.out}\n`);
  return 0;
}

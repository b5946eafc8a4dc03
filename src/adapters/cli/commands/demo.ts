/**
 * `neutral demo`: until the API lands, runs the accounting on the shipped demo tables,
 * prints the zone and compensation tables and writes `neutral-demo-report.xlsx`.
 */
import { Option } from 'commander';
import type { AccountingResult } from '../../../core/accounting/index.js';
import { DEMO_PROVINCES, DEMO_TITLES as TITLES, runDemoAccounting } from '../../demo/accounting.js';
import { renderText, renderXlsxBook } from '../../report/render.js';
import type { Language } from '../../report/messages.js';
import { type CliIo, emit, reportProblems } from '../io.js';
import type { CommandRegistrar } from '../main.js';

export const registerDemo: CommandRegistrar = (program, io, finish) => {
  program
    .command('demo')
    .description('run the accounting on the demo data (Jiangxi 2010/2015/2020, Henan 2020) and write an XLSX report')
    .option('--out <file>', 'the XLSX report', 'neutral-demo-report.xlsx')
    .addOption(new Option('--lang <lang>', 'language of the tables').choices(['en', 'zh']).default('en'))
    .option('--port <port>', 'reserved for the dashboard (not yet served)')
    .option('--db <url>', 'reserved for the dashboard (not yet used)')
    .action(async (options: { out: string; lang: Language }) => finish(await demo(options, io)));
};

export async function demo(options: { out: string; lang: Language }, io: CliIo): Promise<number> {
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

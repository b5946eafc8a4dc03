/**
 * `neutral demo`: until the API lands, runs the accounting on the shipped demo tables,
 * prints the zone and compensation tables and writes `neutral-demo-report.xlsx`.
 */
import { fileURLToPath } from 'node:url';
import { Option } from 'commander';
import { type AccountingResult, runAccounting } from '../../../core/accounting/index.js';
import { renderText, renderXlsxBook } from '../../report/render.js';
import type { Language } from '../../report/messages.js';
import { loadAccountingInputs } from '../../tables/load-accounting.js';
import { type CliIo, emit, reportProblems } from '../io.js';
import type { CommandRegistrar } from '../main.js';

export const DEMO_DATA = {
  jiangxi: fileURLToPath(new URL('../../../../data/demo/jiangxi.csv', import.meta.url)),
  henan: fileURLToPath(new URL('../../../../data/demo/henan.csv', import.meta.url)),
};

/** Henan's per-capita GDP and Engel coefficient for 2020 were not found: computed and national values. */
const DEMO_PARAMS: Partial<Record<keyof typeof DEMO_DATA, string>> = {
  henan: fileURLToPath(new URL('../../../../data/demo/henan.params.json', import.meta.url)),
};

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

const TITLES = {
  jiangxi: {
    en: 'Jiangxi, 11 cities, 2010, 2015 and 2020 (demo data: energy and land are estimates, see data/demo/SOURCES.md)',
    zh: '江西省 11 个地级市，2010、2015、2020 年（演示数据：能源与土地为估算值，见 data/demo/SOURCES.md）',
  },
  henan: {
    en: 'Henan, 18 units, 2020 (demo data: energy and land are estimates, see data/demo/SOURCES.md)',
    zh: '河南省 18 个地区，2020 年（演示数据：能源与土地为估算值，见 data/demo/SOURCES.md）',
  },
} as const;

export async function demo(options: { out: string; lang: Language }, io: CliIo): Promise<number> {
  const parts: { prefix: string; result: AccountingResult }[] = [];
  for (const province of ['jiangxi', 'henan'] as const) {
    const paramsFile = DEMO_PARAMS[province];
    const loaded = await loadAccountingInputs({ dataFiles: [DEMO_DATA[province]], ...(paramsFile ? { paramsFile } : {}) });
    if (!loaded.ok) return reportProblems(io, loaded.error);
    const run = runAccounting({ rows: loaded.value.rows, params: loaded.value.resolved.params, priceModeExplicit: false });
    if (!run.ok) throw new Error(`demo data must run: ${JSON.stringify(run.error)}`);
    const result = { ...run.value, warnings: [...loaded.value.extraWarnings, ...run.value.warnings] };
    io.stdout(`${'='.repeat(8)} ${TITLES[province][options.lang]}\n\n${renderText(result, options.lang)}\n`);
    parts.push({ prefix: province, result });
  }
  await emit(io, options.out, await renderXlsxBook(parts, options.lang));
  io.stdout(options.lang === 'zh' ? `报告已写入 ${options.out}\n` : `Report written to ${options.out}\n`);
  return 0;
}

/**
 * The shipped demo tables (data/demo/) and their accounting runs, shared by `neutral demo`
 * and the HTTP API's demo results.
 */
import { fileURLToPath } from 'node:url';
import { type AccountingResult, runAccounting } from '../../core/accounting/index.js';
import { type Result, ok, err } from '../../core/result.js';
import type { Problem } from '../problems.js';
import type { InputsInfo } from '../report/document.js';
import { loadAccountingInputs } from '../tables/load-accounting.js';

export const DEMO_PROVINCES = ['jiangxi', 'henan'] as const;
export type DemoProvince = (typeof DEMO_PROVINCES)[number];

const dataPath = (name: string): string => fileURLToPath(new URL(`../../../data/demo/${name}`, import.meta.url));

export const DEMO_DATA: Record<DemoProvince, string> = {
  jiangxi: dataPath('jiangxi.csv'),
  henan: dataPath('henan.csv'),
};

/** Henan's per-capita GDP and Engel coefficient for 2020 were not found: computed and national values. */
export const DEMO_PARAMS: Partial<Record<DemoProvince, string>> = {
  henan: dataPath('henan.params.json'),
};

export const DEMO_PROVINCE_CODES: Record<DemoProvince, string> = { jiangxi: '36', henan: '41' };

export const DEMO_TITLES: Record<DemoProvince, { en: string; zh: string }> = {
  jiangxi: {
    en: 'Jiangxi, 11 cities, 2010, 2015 and 2020 (demo data: energy and land are estimates, see data/demo/SOURCES.md)',
    zh: '江西省 11 个地级市，2010、2015、2020 年（演示数据：能源与土地为估算值，见 data/demo/SOURCES.md）',
  },
  henan: {
    en: 'Henan, 18 units, 2020 (demo data: energy and land are estimates, see data/demo/SOURCES.md)',
    zh: '河南省 18 个地区，2020 年（演示数据：能源与土地为估算值，见 data/demo/SOURCES.md）',
  },
};

export interface DemoRun {
  readonly result: AccountingResult;
  readonly inputs: InputsInfo;
}

/** Runs the accounting on one demo table with its params; the demo data must run. */
export async function runDemoAccounting(province: DemoProvince): Promise<Result<DemoRun, Problem[]>> {
  const paramsFile = DEMO_PARAMS[province];
  const loaded = await loadAccountingInputs({ dataFiles: [DEMO_DATA[province]], ...(paramsFile ? { paramsFile } : {}) });
  if (!loaded.ok) return err(loaded.error);
  const run = runAccounting({ rows: loaded.value.rows, params: loaded.value.resolved.params, priceModeExplicit: false, inputWarnings: loaded.value.extraWarnings });
  if (!run.ok) throw new Error(`demo data must run: ${JSON.stringify(run.error)}`);
  const result = run.value;
  return ok({ result, inputs: { files: [`data/demo/${province}.csv`], conversions: loaded.value.conversions, ignoredColumns: loaded.value.ignoredColumns } });
}

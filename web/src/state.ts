/** What the dashboard shows: one accounting run at a time, and how to run it again (another language). */
import { type AccountingDocument, type Progress, getJson, post, saveBlob } from './api.js';
import type { Language } from './i18n/index.js';

export const DEMO_IDS = ['jiangxi', 'henan'] as const;
export type DemoId = (typeof DEMO_IDS)[number];

/** The form's choices; '' leaves a field to the preset (or the params file). */
export interface RunOptions {
  preset: string;
  year: string;
  threshold: string;
  thresholdEcc: string;
  revision: string;
  revisedBase: string;
  kDenominator: string;
  balanced: string;
  priceMode: string;
  pricePer: string;
  domesticMinYuan: string;
  domesticMaxYuan: string;
  internationalMinUsd: string;
  internationalMaxUsd: string;
  usdCny: string;
  pearlT: string;
  engel: string;
  gdpPerCapitaProvinceYuan: string;
  gdpPerCapitaNationYuan: string;
}

export const EMPTY_OPTIONS: RunOptions = {
  preset: '', year: '', threshold: '', thresholdEcc: '', revision: '', revisedBase: '', kDenominator: '', balanced: '',
  priceMode: '', pricePer: '', domesticMinYuan: '', domesticMaxYuan: '', internationalMinUsd: '', internationalMaxUsd: '', usdCny: '',
  pearlT: '', engel: '', gdpPerCapitaProvinceYuan: '', gdpPerCapitaNationYuan: '',
};

export type RunSource =
  | { readonly kind: 'demo'; readonly id: DemoId }
  | { readonly kind: 'upload'; readonly files: readonly File[]; readonly fuels: File | null; readonly paramsText: string; readonly options: RunOptions };

export interface CurrentRun {
  readonly source: RunSource;
  readonly doc: AccountingDocument;
  readonly lang: Language;
}

const number = (text: string): number | string => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);

/** The params JSON: the uploaded file's, with the form's fields over it. Unparsable files go as they are, for the server to name the problem. */
export function paramsJson(paramsText: string, o: RunOptions): string | null {
  let base: Record<string, unknown> = {};
  if (paramsText.trim() !== '') {
    try {
      base = JSON.parse(paramsText) as Record<string, unknown>;
    } catch {
      return paramsText;
    }
  }
  const compensation: Record<string, unknown> = { ...(base.compensation as object | undefined) };
  const price: Record<string, unknown> = { ...(compensation.price as object | undefined) };
  const pearl: Record<string, unknown> = { ...(compensation.pearl as object | undefined) };
  const set = (target: Record<string, unknown>, key: string, value: string, convert: (v: string) => unknown = (v) => v): void => {
    if (value !== '') target[key] = convert(value);
  };
  set(compensation, 'threshold', o.threshold);
  set(compensation, 'thresholdEcc', o.thresholdEcc);
  set(compensation, 'revision', o.revision);
  set(compensation, 'revisedBase', o.revisedBase);
  set(compensation, 'kDenominator', o.kDenominator);
  set(compensation, 'balanced', o.balanced, (v) => v === 'true');
  set(compensation, 'gdpPerCapitaProvinceYuan', o.gdpPerCapitaProvinceYuan, number);
  set(compensation, 'gdpPerCapitaNationYuan', o.gdpPerCapitaNationYuan, number);
  set(price, 'mode', o.priceMode);
  set(price, 'per', o.pricePer);
  for (const key of ['domesticMinYuan', 'domesticMaxYuan', 'internationalMinUsd', 'internationalMaxUsd', 'usdCny'] as const) set(price, key, o[key], number);
  set(pearl, 't', o.pearlT);
  set(pearl, 'engel', o.engel, number);
  if (Object.keys(price).length > 0) compensation.price = price;
  if (Object.keys(pearl).length > 0) compensation.pearl = pearl;
  const params = { ...base, ...(Object.keys(compensation).length > 0 ? { compensation } : {}) };
  return Object.keys(params).length > 0 ? JSON.stringify(params) : null;
}

export function uploadForm(source: Extract<RunSource, { kind: 'upload' }>, lang: Language): FormData {
  const form = new FormData();
  for (const file of source.files) form.append('data', file);
  if (source.fuels !== null) form.append('fuels', source.fuels);
  const params = paramsJson(source.paramsText, source.options);
  if (params !== null) form.append('params', params);
  if (source.options.preset !== '') form.append('preset', source.options.preset);
  if (source.options.year !== '') form.append('year', source.options.year);
  form.append('lang', lang);
  return form;
}

export async function runSource(source: RunSource, lang: Language, onProgress: (p: Progress) => void = () => {}): Promise<CurrentRun> {
  const doc = source.kind === 'demo'
    ? await getJson<AccountingDocument>(`/demo/accounting/${source.id}?lang=${lang}`)
    : ((await post('/accounting/runs', uploadForm(source, lang), onProgress)) as AccountingDocument);
  return { source, doc, lang };
}

export async function downloadXlsx(run: CurrentRun): Promise<void> {
  if (run.source.kind === 'demo') {
    location.assign(`/api/v1/demo/accounting/${run.source.id}/xlsx?lang=${run.lang}`);
    return;
  }
  const blob = (await post('/accounting/runs/xlsx', uploadForm(run.source, run.lang), () => {}, 'blob')) as Blob;
  saveBlob(blob, 'neutral-accounting.xlsx');
}

export function downloadJson(run: CurrentRun): void {
  saveBlob(new Blob([JSON.stringify(run.doc, null, 2)], { type: 'application/json' }), 'neutral-accounting.json');
}

export function runLabel(run: CurrentRun): string {
  return run.source.kind === 'demo' ? run.source.id : run.doc.inputs.files.join(', ');
}

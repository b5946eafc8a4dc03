/** Data and parameters: a demo set, or uploaded tables with every variant of contracts.md §3. */
import { useState } from 'preact/hooks';
import {
  K_DENOMINATORS, PEARL_T_MODES, PRESET_NAMES, PRICE_MODES, PRICE_PER, REVISED_BASE_MODES, REVISION_MODES, THRESHOLD_ECC_MODES, THRESHOLD_MODES,
} from '../../../src/core/accounting/types.js';
import { ApiFailure, type Progress } from '../api.js';
import { Problems } from '../components/problems.js';
import { RunProgress } from '../components/progress.js';
import { type MessageKey, useI18n } from '../i18n/index.js';
import { type CurrentRun, DEMO_IDS, type DemoId, EMPTY_OPTIONS, type RunOptions, type RunSource, runSource } from '../state.js';

const CHOICES: [keyof RunOptions, readonly string[]][] = [
  ['preset', PRESET_NAMES], ['threshold', THRESHOLD_MODES], ['thresholdEcc', THRESHOLD_ECC_MODES], ['revision', REVISION_MODES],
  ['revisedBase', REVISED_BASE_MODES], ['kDenominator', K_DENOMINATORS], ['balanced', ['false', 'true']], ['priceMode', PRICE_MODES],
  ['pricePer', PRICE_PER], ['pearlT', PEARL_T_MODES],
];
const NUMBERS: (keyof RunOptions)[] = [
  'domesticMinYuan', 'domesticMaxYuan', 'internationalMinUsd', 'internationalMaxUsd', 'usdCny', 'engel', 'gdpPerCapitaProvinceYuan', 'gdpPerCapitaNationYuan',
];

export function RunPage({ onResult }: { onResult: (run: CurrentRun) => void }) {
  const { t, lang } = useI18n();
  const [files, setFiles] = useState<File[]>([]);
  const [fuels, setFuels] = useState<File | null>(null);
  const [paramsText, setParamsText] = useState('');
  const [options, setOptions] = useState<RunOptions>(EMPTY_OPTIONS);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  const start = async (source: RunSource): Promise<void> => {
    setFailure(null);
    setProgress({ phase: 'upload', fraction: 0 });
    try {
      onResult(await runSource(source, lang, setProgress));
    } catch (cause) {
      setFailure(cause instanceof ApiFailure ? cause : new ApiFailure(0, [{ code: 'internal', message: String(cause) }]));
    } finally {
      setProgress(null);
    }
  };
  const submit = (event: Event): void => {
    event.preventDefault();
    if (files.length === 0) {
      setFailure(new ApiFailure(0, [{ code: 'missing_file', field: 'data', message: t('chooseFile') }]));
      return;
    }
    void start({ kind: 'upload', files, fuels, paramsText, options });
  };
  const set = (key: keyof RunOptions) => (event: Event) => setOptions({ ...options, [key]: (event.currentTarget as HTMLInputElement).value });

  return (
    <div class="page run">
      <section class="card">
        <h2>{t('sourceDemo')}</h2>
        <div class="buttons">
          {DEMO_IDS.map((id: DemoId) => (
            <button type="button" key={id} disabled={progress !== null} onClick={() => void start({ kind: 'demo', id })}>{t(id === 'jiangxi' ? 'demoJiangxi' : 'demoHenan')}</button>
          ))}
        </div>
      </section>
      <form class="card" onSubmit={submit}>
        <h2>{t('sourceUpload')}</h2>
        <label class="file">{t('files')}
          <input type="file" name="data" multiple accept=".csv,.txt,.xlsx,.json" onChange={(e) => setFiles([...((e.currentTarget as HTMLInputElement).files ?? [])])} />
        </label>
        <label class="file">{t('fuels')}
          <input type="file" name="fuels" accept=".csv,.txt,.xlsx,.json" onChange={(e) => setFuels((e.currentTarget as HTMLInputElement).files?.[0] ?? null)} />
        </label>
        <label class="file">{t('paramsFile')}
          <input type="file" name="params" accept=".json" onChange={async (e) => setParamsText((await (e.currentTarget as HTMLInputElement).files?.[0]?.text()) ?? '')} />
        </label>
        <fieldset class="grid">
          <legend>{t('parameters')}</legend>
          <label>{t('year')}<input name="year" inputMode="numeric" placeholder={t('yearDefault')} value={options.year} onInput={set('year')} /></label>
          {CHOICES.map(([key, values]) => (
            <label key={key}>{t(key as MessageKey)}
              <select name={key} value={options[key]} onChange={set(key)}>
                <option value="">{t('presetDefault')}</option>
                {values.map((v) => <option key={v} value={v}>{v}</option>)}
              </select>
            </label>
          ))}
          {NUMBERS.map((key) => (
            <label key={key}>{t(key as MessageKey)}<input name={key} inputMode="decimal" placeholder={t('presetDefault')} value={options[key]} onInput={set(key)} /></label>
          ))}
        </fieldset>
        <button type="submit" class="primary" disabled={progress !== null}>{progress !== null ? t('running') : t('run')}</button>
      </form>
      {progress !== null ? <RunProgress progress={progress} /> : null}
      {failure !== null ? <Problems failure={failure} /> : null}
    </div>
  );
}

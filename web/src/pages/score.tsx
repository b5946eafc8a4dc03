/** City scores (contracts.md §6): a table in, weights, ranks and the policy assessment out (loaded on demand). */
import { BarChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { useMemo, useRef, useState } from 'preact/hooks';
import { AGGREGATIONS, WEIGHT_METHODS } from '../../../src/core/score/types.js';
import { ApiFailure, type Progress, post } from '../api.js';
import { Chart } from '../charts/chart.js';
import { use } from '../charts/core.js';
import { Problems } from '../components/problems.js';
import { RunProgress } from '../components/progress.js';
import { fixed } from '../format.js';
import { useI18n } from '../i18n/index.js';
// The panel example (examples/score: six cities, 2018–2023, a policy in 2021): a newcomer can run a score without a table of their own.
import exampleTable from '../../../examples/score/panel.csv?raw';
import exampleParams from '../../../examples/score/panel.params.json';

use([BarChart, GridComponent]);

/** The example as the file the run sends; the page shows its name while it is the file chosen. */
const EXAMPLE_FILE = new File([exampleTable], 'panel.csv', { type: 'text/csv' });

interface ScoreOutput {
  /** The aggregation this output was computed with (docs/score.md, Output): not the select's value now. */
  method: string;
  weights: Record<string, number>;
  regions: { region_code: string; region_name?: string; year?: number; scores: Record<string, number | null>; closeness?: number; rank: number }[];
  policy?: { indicator: string; did: number | null }[];
  warnings: { code: string; message: string }[];
}

async function tableOf(file: File): Promise<{ name: string; content: string; encoding: 'utf8' | 'base64' }> {
  if (!/\.xlsx$/i.test(file.name)) return { name: file.name, content: await file.text(), encoding: 'utf8' };
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return { name: file.name, content: btoa(binary), encoding: 'base64' };
}

export default function ScorePage() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [paramsText, setParamsText] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const loadExample = (): void => {
    // A file chosen before would still be named by the input while the example is what runs.
    if (fileInput.current !== null) fileInput.current.value = '';
    setFile(EXAMPLE_FILE);
    setParamsText(JSON.stringify(exampleParams, null, 2));
  };
  const [weights, setWeights] = useState<string>('entropy');
  const [method, setMethod] = useState<string>('sum');
  const [output, setOutput] = useState<ScoreOutput | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const run = async (): Promise<void> => {
    setFailure(null);
    // The previous result goes as the new run starts: left, it would stand next to this run's problems as if it were its answer.
    setOutput(null);
    if (file === null) {
      setFailure(new ApiFailure(0, [{ code: 'missing_file', field: 'data', message: t('chooseFile') }]));
      return;
    }
    let params: unknown;
    try {
      params = paramsText.trim() === '' ? undefined : JSON.parse(paramsText);
    } catch (cause) {
      setFailure(new ApiFailure(0, [{ code: 'bad_format', field: '$.params', message: String(cause) }]));
      return;
    }
    setProgress({ phase: 'upload', fraction: 0 });
    try {
      setOutput((await post('/score/runs', { data: await tableOf(file), ...(params !== undefined ? { params } : {}), weights, method }, setProgress)) as ScoreOutput);
    } catch (cause) {
      setFailure(cause instanceof ApiFailure ? cause : new ApiFailure(0, [{ code: 'internal', message: String(cause) }]));
    } finally {
      setProgress(null);
    }
  };
  const latest = output === null ? [] : (() => {
    const years = output.regions.map((r) => r.year ?? 0);
    const last = Math.max(...years);
    return output.regions.filter((r) => (r.year ?? 0) === last).sort((a, b) => a.rank - b.rank);
  })();
  // The columns and the chart follow the method of the result shown: the select may have changed since the run.
  const topsis = output?.method === 'topsis';
  const option = useMemo(() => (latest.length === 0 ? null : {
    tooltip: { trigger: 'axis' },
    grid: { left: 120, right: 24, top: 16, bottom: 24 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: latest.map((r) => r.region_name ?? r.region_code) },
    series: [{ type: 'bar', name: t('score'), data: latest.map((r) => (topsis ? r.closeness : r.scores.S) ?? null), itemStyle: { color: '#1d4ed8' } }],
  }), [output, t]);
  return (
    <div class="page score">
      <label class="file">{t('scoreData')}<input ref={fileInput} type="file" name="score-data" accept=".csv,.txt,.xlsx,.json" onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)} /></label>
      {/* The file input cannot show a table that did not come through it: the example's name is shown beside it. */}
      {file === EXAMPLE_FILE ? <p class="note chosen">{t('exampleChosen')} <code>{file.name}</code></p> : null}
      <label class="block">{t('scoreParams')}<textarea name="score-params" rows={6} spellcheck={false} value={paramsText} onInput={(e) => setParamsText((e.currentTarget as HTMLTextAreaElement).value)} /></label>
      <div class="controls">
        <label>{t('weights')}<select value={weights} onChange={(e) => setWeights((e.currentTarget as HTMLSelectElement).value)}>{WEIGHT_METHODS.map((m) => <option key={m}>{m}</option>)}</select></label>
        <label>{t('method')}<select value={method} onChange={(e) => setMethod((e.currentTarget as HTMLSelectElement).value)}>{AGGREGATIONS.map((m) => <option key={m}>{m}</option>)}</select></label>
        <button type="button" onClick={loadExample}>{t('loadExample')}</button>
        <button type="button" class="primary" disabled={progress !== null} onClick={() => void run()}>{t('runScore')}</button>
      </div>
      {progress !== null ? <RunProgress progress={progress} /> : null}
      {failure !== null ? <Problems failure={failure} /> : null}
      {output !== null ? (
        <>
          <Chart option={option} height={Math.max(240, 26 * latest.length)} label={t('navScore')} />
          <table class="data"><caption>{t('rank')}</caption>
            <thead><tr><th>{t('rank')}</th><th>{t('code')}</th><th>{t('region')}</th><th>{t('yearColumn')}</th><th class="num">{t('score')}</th>{topsis ? <th class="num">{t('closeness')}</th> : null}</tr></thead>
            <tbody>{output.regions.map((r) => <tr key={`${r.region_code}-${r.year ?? ''}`}><td>{r.rank}</td><td>{r.region_code}</td><td>{r.region_name ?? ''}</td><td>{r.year ?? ''}</td><td class="num">{fixed(r.scores.S, 4)}</td>{topsis ? <td class="num">{fixed(r.closeness, 4)}</td> : null}</tr>)}</tbody>
          </table>
          <table class="data"><caption>{t('indicatorWeights')}</caption><tbody>{Object.entries(output.weights).map(([code, w]) => <tr key={code}><th>{code}</th><td class="num">{fixed(w, 4)}</td></tr>)}</tbody></table>
          {output.policy ? <table class="data"><caption>{t('policy')}</caption><tbody>{output.policy.map((p) => <tr key={p.indicator}><th>{p.indicator}</th><td class="num">{fixed(p.did, 4)}</td></tr>)}</tbody></table> : null}
          {output.warnings.length > 0 ? <ul class="warnings">{output.warnings.map((w, i) => <li key={i}><code>{w.code}</code>: {w.message}</li>)}</ul> : null}
        </>
      ) : null}
    </div>
  );
}

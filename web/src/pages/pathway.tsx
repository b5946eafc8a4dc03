/** Pathway runs (contracts.md §5): a scenario in, the path to 2060 and its summary out (loaded on demand). */
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { useMemo, useState } from 'preact/hooks';
import example from '../../../examples/pathway/small.json';
import { ApiFailure, type Progress, post } from '../api.js';
import { Chart } from '../charts/chart.js';
import { use } from '../charts/core.js';
import { Problems } from '../components/problems.js';
import { RunProgress } from '../components/progress.js';
import { fixed, mt } from '../format.js';
import { useI18n } from '../i18n/index.js';

use([LineChart, GridComponent, LegendComponent]);

interface YearRow { year: number; emissions_t: number; sinks_t: number; removals_t: number }
interface Output {
  name: string;
  years: YearRow[];
  summary: { peak_year: number; peak_emissions_t: number; plateau: boolean; neutral_year: number | null; stays_neutral: boolean; targets: { name: string; met: boolean; value: number | null }[] };
  monteCarlo?: { bands: { year: number; p10: number; p90: number }[] };
}

export default function PathwayPage() {
  const { t } = useI18n();
  const [text, setText] = useState(() => JSON.stringify(example, null, 2));
  const [output, setOutput] = useState<Output | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const run = async (): Promise<void> => {
    setFailure(null);
    // The previous result goes as the new run starts: left, it would stand next to this run's problems as if it were its answer.
    setOutput(null);
    let scenario: unknown;
    try {
      scenario = JSON.parse(text);
    } catch (cause) {
      setFailure(new ApiFailure(0, [{ code: 'bad_format', field: '$', message: String(cause) }]));
      return;
    }
    setProgress({ phase: 'upload', fraction: 0 });
    try {
      const result = (await post('/pathway/runs', { scenarios: [scenario] }, setProgress)) as { scenarios: Output[] };
      setOutput(result.scenarios[0] ?? null);
    } catch (cause) {
      setFailure(cause instanceof ApiFailure ? cause : new ApiFailure(0, [{ code: 'internal', message: String(cause) }]));
    } finally {
      setProgress(null);
    }
  };
  const option = useMemo(() => {
    if (output === null) return null;
    const years = output.years.map((y) => String(y.year));
    const band = output.monteCarlo?.bands;
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => (typeof v === 'number' ? v.toFixed(1) : '—') },
      legend: { top: 0 },
      grid: { left: 64, right: 24, top: 48, bottom: 32 },
      xAxis: { type: 'category', data: years },
      yAxis: { type: 'value', name: t('unitMt') },
      series: [
        { type: 'line', name: t('emissions'), showSymbol: false, data: output.years.map((y) => y.emissions_t / 1e6) },
        { type: 'line', name: t('sinks'), showSymbol: false, data: output.years.map((y) => y.sinks_t / 1e6) },
        { type: 'line', name: t('removals'), showSymbol: false, data: output.years.map((y) => y.removals_t / 1e6) },
        ...(band ? [
          { type: 'line', name: t('band'), stack: 'band', showSymbol: false, lineStyle: { opacity: 0 }, data: output.years.map((y) => (band.find((b) => b.year === y.year)?.p10 ?? NaN) / 1e6) },
          { type: 'line', name: t('band'), stack: 'band', showSymbol: false, lineStyle: { opacity: 0 }, areaStyle: { opacity: 0.2 }, data: output.years.map((y) => { const b = band.find((x) => x.year === y.year); return b ? (b.p90 - b.p10) / 1e6 : NaN; }) },
        ] : []),
      ],
    };
  }, [output, t]);
  const s = output?.summary;
  return (
    <div class="page pathway">
      <label class="block">{t('scenario')}
        <textarea name="scenario" rows={14} spellcheck={false} value={text} onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)} />
      </label>
      <div class="buttons">
        <button type="button" onClick={() => setText(JSON.stringify(example, null, 2))}>{t('loadExample')}</button>
        <button type="button" class="primary" disabled={progress !== null} onClick={() => void run()}>{t('runPathway')}</button>
      </div>
      {progress !== null ? <RunProgress progress={progress} /> : null}
      {failure !== null ? <Problems failure={failure} /> : null}
      {s !== undefined && output !== null ? (
        <>
          <Chart option={option} height={420} label={t('navPathway')} />
          <dl class="facts">
            <dt>{t('peakYear')}</dt><dd>{s.peak_year}</dd>
            <dt>{t('peakEmissions')}</dt><dd>{mt(s.peak_emissions_t)}</dd>
            <dt>{t('plateau')}</dt><dd>{s.plateau ? t('yes') : t('no')}</dd>
            <dt>{t('neutralYear')}</dt><dd>{s.neutral_year ?? '—'}</dd>
            <dt>{t('staysNeutral')}</dt><dd>{s.stays_neutral ? t('yes') : t('no')}</dd>
          </dl>
          <table class="data"><caption>{t('targets')}</caption><tbody>
            {s.targets.map((target) => <tr key={target.name}><th>{target.name}</th><td>{target.met ? t('met') : t('notMet')}</td><td class="num">{fixed(target.value, 3)}</td></tr>)}
          </tbody></table>
        </>
      ) : null}
    </div>
  );
}

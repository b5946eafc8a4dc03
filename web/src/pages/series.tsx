/** Time series per region (loaded on demand: it brings the line chart). */
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { useMemo, useState } from 'preact/hooks';
import type { AccountingDocument } from '../api.js';
import { Chart } from '../charts/chart.js';
import { use } from '../charts/core.js';
import { regionNames } from '../charts/map-option.js';
import { type MessageKey, useI18n } from '../i18n/index.js';
import { useProvinceMap } from './map.js';

use([LineChart, GridComponent, LegendComponent]);

type Row = AccountingDocument['regions'][number];
const METRICS: Record<string, { label: MessageKey; value: (r: Row) => number | null }> = {
  budget: { label: 'metricBudget', value: (r) => (r.budget_t === null ? null : r.budget_t / 1e6) },
  emissions: { label: 'metricEmissions', value: (r) => (r.emissions_t === null ? null : r.emissions_t / 1e6) },
  absorption: { label: 'metricAbsorption', value: (r) => (r.absorption_t === null ? null : r.absorption_t / 1e6) },
  ecc: { label: 'metricEcc', value: (r) => r.ecc },
  esc: { label: 'metricEsc', value: (r) => r.esc },
  intensity: { label: 'metricIntensity', value: (r) => r.intensity_t_per_10k_yuan },
};

export default function SeriesPage({ doc }: { doc: AccountingDocument }) {
  const { t, lang } = useI18n();
  const map = useProvinceMap(doc);
  const [metric, setMetric] = useState('budget');
  const years = [...new Set(doc.regions.map((r) => r.year))].sort((a, b) => a - b);
  const option = useMemo(() => {
    const names = regionNames(doc, map ?? null, lang);
    const spec = METRICS[metric] ?? (METRICS.budget as (typeof METRICS)[string]);
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => (typeof v === 'number' ? v.toFixed(3) : '—') },
      legend: { type: 'plain', top: 0, left: 'center' },
      grid: { left: 64, right: 24, top: 96, bottom: 32 },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: { type: 'value', name: t(spec.label), nameLocation: 'end' },
      series: doc.regionSet.map((code) => ({
        type: 'line', name: names.get(code) ?? code, symbolSize: 7, connectNulls: false,
        data: years.map((y) => {
          const row = doc.regions.find((r) => r.region_code === code && r.year === y);
          return row ? spec.value(row) : null;
        }),
      })),
    };
  }, [doc, map, metric, lang]);
  return (
    <div class="page series">
      <div class="controls">
        <label>{t('metric')}
          <select name="metric" value={metric} onChange={(e) => setMetric((e.currentTarget as HTMLSelectElement).value)}>
            {Object.entries(METRICS).map(([key, m]) => <option key={key} value={key}>{t(m.label)}</option>)}
          </select>
        </label>
        {years.length === 1 ? <span class="note">{t('singleYear')}</span> : null}
      </div>
      <Chart option={option} height={520} label={t('navSeries')} />
    </div>
  );
}

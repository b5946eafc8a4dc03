/** Obligation against what each emitter has put against it (allowances, credits, overdraft), t; bar chart, registered with the page. */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { useMemo } from 'preact/hooks';
import { Chart } from '../../charts/chart.js';
import { use } from '../../charts/core.js';
import { useComplianceI18n } from './messages.js';
import { type EmitterRow, coveredT } from './types.js';

use([BarChart, GridComponent, LegendComponent]);

export function CoverChart({ rows }: { rows: EmitterRow[] }) {
  const { t } = useComplianceI18n();
  const option = useMemo(() => (rows.length === 0 ? null : {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 160, right: 24, top: 32, bottom: 24 },
    xAxis: { type: 'value', name: 't' },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name) },
    series: [
      { type: 'bar', name: t('obligationT'), data: rows.map((r) => r.obligationT), itemStyle: { color: '#94a3b8' } },
      { type: 'bar', name: t('coveredT'), data: rows.map((r) => coveredT(r)), itemStyle: { color: '#0f766e' } },
    ],
  }), [rows, t]);
  return <Chart option={option} height={Math.max(160, 48 * rows.length + 64)} label={t('coverChart')} />;
}

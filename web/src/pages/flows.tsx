/** Payer-to-receiver flows of the compensation year as a sankey (loaded on demand). */
import { SankeyChart } from 'echarts/charts';
import { useMemo } from 'preact/hooks';
import type { AccountingDocument } from '../api.js';
import { Chart } from '../charts/chart.js';
import { use } from '../charts/core.js';
import { regionNames } from '../charts/map-option.js';
import { grouped } from '../format.js';
import { useI18n } from '../i18n/index.js';
import { useProvinceMap } from './map.js';

use([SankeyChart]);

/** Pooled: payer p sends to receiver r its amount × r's share of all receipts (docs/dashboard.md). */
export function pooledFlows(doc: AccountingDocument): { from: string; to: string; amount: number }[] {
  const regions = doc.compensation.regions.filter((r) => r.amount_10k_yuan !== null && r.amount_10k_yuan !== 0);
  const payers = regions.filter((r) => (r.amount_10k_yuan as number) > 0);
  const receivers = regions.filter((r) => (r.amount_10k_yuan as number) < 0);
  const received = receivers.reduce((sum, r) => sum - (r.amount_10k_yuan as number), 0);
  if (received === 0) return [];
  return payers.flatMap((p) => receivers.map((r) => ({ from: p.region_code, to: r.region_code, amount: ((p.amount_10k_yuan as number) * -(r.amount_10k_yuan as number)) / received })));
}

export default function FlowsPage({ doc }: { doc: AccountingDocument }) {
  const { t, lang } = useI18n();
  const map = useProvinceMap(doc);
  const flows = pooledFlows(doc);
  const option = useMemo(() => {
    const names = regionNames(doc, map ?? null, lang);
    const name = (code: string) => `${names.get(code) ?? code}`;
    const nodes = [...new Set(flows.flatMap((f) => [f.from, f.to]))].map((code) => ({
      name: name(code), itemStyle: { color: flows.some((f) => f.from === code) ? '#c2410c' : '#0f766e' },
    }));
    return {
      title: { text: `${t('compensation')} ${doc.compensation.year}`, left: 'center', top: 4, textStyle: { fontSize: 15 } },
      tooltip: { trigger: 'item', valueFormatter: (v: number) => `${grouped(v, lang, 0)} ${lang === 'zh' ? '万元' : '10⁴ yuan'}` },
      series: [{
        type: 'sankey', top: 48, bottom: 16, left: 16, right: 120, nodeGap: 10, emphasis: { focus: 'adjacency' },
        lineStyle: { color: 'gradient', opacity: 0.35 }, label: { fontSize: 11 },
        data: nodes, links: flows.map((f) => ({ source: name(f.from), target: name(f.to), value: f.amount })),
      }],
    };
  }, [doc, map, lang]);
  return (
    <div class="page flows">
      <p class="note">{t('flowsNote')}</p>
      {flows.length === 0 ? <p>{t('noFlows')}</p> : <Chart option={option} height={Math.max(420, 28 * doc.compensation.regions.length)} label={t('navFlows')} />}
    </div>
  );
}

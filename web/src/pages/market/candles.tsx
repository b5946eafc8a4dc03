/** A candlestick chart of one instrument (echarts/core; this chunk registers the candlestick chart). */
import { CandlestickChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { Chart } from '../../charts/chart.js';
import { use } from '../../charts/core.js';
import type { Candle } from './types.js';

use([CandlestickChart, GridComponent]);

export function Candles({ items, label }: { items: Candle[]; label: string }) {
  // ECharts' candlestick order: open, close, low, high; prices in yuan.
  const option = {
    tooltip: { trigger: 'axis' },
    grid: { left: 60, right: 20, top: 20, bottom: 40 },
    xAxis: { type: 'category', data: items.map((c) => c.start.replace('T', ' ')) },
    yAxis: { type: 'value', scale: true },
    series: [{ type: 'candlestick', data: items.map((c) => [c.openFen, c.closeFen, c.lowFen, c.highFen].map((f) => f / 100)) }],
  };
  return <Chart option={option} height={300} label={label} />;
}

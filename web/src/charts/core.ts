/**
 * ECharts through echarts/core with only what the first pages draw (maps, SVG renderer).
 * Pages loaded later register their own charts (line, sankey, bar) when they load.
 */
import { init, registerMap, use, type EChartsType } from 'echarts/core';
import { MapChart } from 'echarts/charts';
import { TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { getJson } from '../api.js';

use([MapChart, TitleComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export { init, use, type EChartsType };

export interface BoundaryCollection {
  province_code: string;
  attribution: string;
  schematic: string;
  features: { properties: { region_code: string; name_zh: string; name_en: string | null } }[];
}

const maps = new Map<string, Promise<BoundaryCollection | null>>();

/** Loads a province's outlines (data, not code) and registers them as map `p<code>`; null when there are none. */
export function provinceMap(provinceCode: string): Promise<BoundaryCollection | null> {
  let map = maps.get(provinceCode);
  if (map === undefined) {
    map = getJson<BoundaryCollection>(`/boundaries/${provinceCode}`).then(
      (collection) => {
        registerMap(`p${provinceCode}`, collection as unknown as Parameters<typeof registerMap>[1]);
        return collection;
      },
      () => null,
    );
    maps.set(provinceCode, map);
  }
  return map;
}

export const PALETTE = {
  zones: {
    'carbon-sink-functional': '#2e8b57',
    'low-carbon-optimisation': '#8cc084',
    'total-carbon-control': '#e07a5f',
    'carbon-intensity-control': '#f2cc8f',
  },
  sequential: ['#f1f5f9', '#93c5fd', '#1d4ed8'],
  diverging: ['#0f766e', '#f8fafc', '#c2410c'],
} as const;

/** The choropleth: one province, one metric, one year (compensation: its year). */
import type { AccountingDocument } from '../api.js';
import { DASH, fixed, grouped, mt } from '../format.js';
import type { Language, Translate } from '../i18n/index.js';
import { type BoundaryCollection, PALETTE } from './core.js';

export const MAP_METRICS = ['budget', 'zone', 'ecc', 'esc', 'compensation'] as const;
export type MapMetric = (typeof MAP_METRICS)[number];

export const METRIC_LABEL: Record<MapMetric, Parameters<Translate>[0]> = {
  budget: 'metricBudget', zone: 'metricZone', ecc: 'metricEcc', esc: 'metricEsc', compensation: 'metricCompensation',
};

const ZONE_ORDER = ['carbon-sink-functional', 'low-carbon-optimisation', 'total-carbon-control', 'carbon-intensity-control'] as const;

export function regionNames(doc: AccountingDocument, map: BoundaryCollection | null, lang: Language): Map<string, string> {
  const names = new Map(doc.regions.map((r) => [r.region_code, r.region_name]));
  if (lang === 'en' && map !== null) for (const f of map.features) if (f.properties.name_en) names.set(f.properties.region_code, f.properties.name_en);
  return names;
}

/** Symmetric range around zero when values have both signs, so the colour of zero is neutral. */
function range(values: number[]): { min: number; max: number; diverging: boolean } {
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (min < 0 && max > 0) {
    const m = Math.max(-min, max);
    return { min: -m, max: m, diverging: true };
  }
  return { min, max: max === min ? min + 1 : max, diverging: false };
}

export function mapOption(doc: AccountingDocument, map: BoundaryCollection, metric: MapMetric, year: number, lang: Language, t: Translate): object {
  const names = regionNames(doc, map, lang);
  const rows = doc.regions.filter((r) => r.year === year);
  const zoneName = (zone: string | null): string => (zone === null ? t('zoneNull') : doc.params.zoneNames[zone as keyof typeof doc.params.zoneNames]?.[lang] ?? zone);
  let data: { name: string; value: number | null; label: string }[];
  if (metric === 'compensation') {
    data = doc.compensation.regions.map((c) => ({ name: c.region_code, value: c.amount_10k_yuan, label: grouped(c.amount_10k_yuan, lang, 0) }));
  } else if (metric === 'zone') {
    data = rows.map((r) => ({ name: r.region_code, value: r.zone === null ? null : ZONE_ORDER.indexOf(r.zone), label: zoneName(r.zone) }));
  } else {
    const pick = { budget: (r: (typeof rows)[number]) => r.budget_t, ecc: (r: (typeof rows)[number]) => r.ecc, esc: (r: (typeof rows)[number]) => r.esc }[metric];
    data = rows.map((r) => {
      const value = pick(r);
      return { name: r.region_code, value: metric === 'budget' && value !== null ? value / 1e6 : value, label: metric === 'budget' ? mt(value) : fixed(value, 3) };
    });
  }
  const labels = new Map(data.map((d) => [d.name, d.label]));
  const values = data.map((d) => d.value).filter((v): v is number => v !== null && Number.isFinite(v));
  const visualMap = metric === 'zone'
    ? {
        type: 'piecewise', left: 8, bottom: 8, orient: 'vertical',
        pieces: ZONE_ORDER.map((zone, i) => ({ value: i, label: zoneName(zone), color: PALETTE.zones[zone] })),
        outOfRange: { color: '#d4d4d8' },
      }
    : (() => {
        const r = values.length > 0 ? range(values) : { min: 0, max: 1, diverging: false };
        return {
          type: 'continuous', left: 8, bottom: 8, min: r.min, max: r.max, calculable: false, precision: metric === 'ecc' || metric === 'esc' ? 2 : 0,
          text: [fixed(r.max, metric === 'ecc' || metric === 'esc' ? 2 : 0), fixed(r.min, metric === 'ecc' || metric === 'esc' ? 2 : 0)],
          inRange: { color: r.diverging ? [...PALETTE.diverging] : [...PALETTE.sequential] },
        };
      })();
  return {
    title: { text: t(METRIC_LABEL[metric]), subtext: `${metric === 'compensation' ? doc.compensation.year : year} · ${t('schematic')}`, left: 'center', top: 4, textStyle: { fontSize: 15 } },
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string }) => `${names.get(p.name) ?? p.name} (${p.name})<br/>${t(METRIC_LABEL[metric])}: ${labels.get(p.name) ?? DASH}`,
    },
    visualMap,
    series: [{
      type: 'map', map: `p${map.province_code}`, nameProperty: 'region_code', roam: false, top: 64, bottom: 16,
      label: { show: true, fontSize: 10, color: '#1f2937', formatter: (p: { name: string }) => names.get(p.name) ?? p.name },
      itemStyle: { borderColor: '#ffffff', borderWidth: 1, areaColor: '#e5e7eb' },
      emphasis: { label: { show: true, fontWeight: 'bold' }, itemStyle: { areaColor: '#fde68a' } },
      select: { disabled: true },
      data: data.map((d) => ({ name: d.name, value: d.value ?? Number.NaN })),
    }],
  };
}

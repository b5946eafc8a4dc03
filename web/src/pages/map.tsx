/** The province map: budget, zone, ECC, ESC or compensation per year, drawn on schematic outlines. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AccountingDocument } from '../api.js';
import { Chart } from '../charts/chart.js';
import { type BoundaryCollection, provinceMap } from '../charts/core.js';
import { MAP_METRICS, METRIC_LABEL, type MapMetric, mapOption } from '../charts/map-option.js';
import { useI18n } from '../i18n/index.js';

export const provinceOf = (doc: AccountingDocument): string => (doc.regionSet[0] ?? doc.totals[0]?.province_row?.region_code ?? '').slice(0, 2);

export function useProvinceMap(doc: AccountingDocument): BoundaryCollection | null | undefined {
  const [map, setMap] = useState<BoundaryCollection | null | undefined>(undefined);
  const code = provinceOf(doc);
  useEffect(() => {
    let live = true;
    void provinceMap(code).then((m) => live && setMap(m));
    return () => void (live = false);
  }, [code]);
  return map;
}

/** A map with its schematic label and attribution; used on the map page and in the report. */
export function ProvinceMap({ doc, metric, year, height = 480 }: { doc: AccountingDocument; metric: MapMetric; year: number; height?: number }) {
  const { t, lang } = useI18n();
  const map = useProvinceMap(doc);
  const option = useMemo(() => (map ? mapOption(doc, map, metric, year, lang, t) : null), [doc, map, metric, year, lang]);
  if (map === undefined) return <p>{t('loading')}</p>;
  if (map === null) return <p class="note">{t('noValue')}: {provinceOf(doc)}</p>;
  return (
    <figure class="map" data-metric={metric}>
      <Chart option={option} height={height} label={`${t(METRIC_LABEL[metric])} ${year}`} />
      <figcaption><strong class="schematic">{t('schematic')}</strong> · {t('boundaryNote')}</figcaption>
    </figure>
  );
}

export function MapPage({ doc }: { doc: AccountingDocument }) {
  const { t } = useI18n();
  const years = [...new Set(doc.regions.map((r) => r.year))].sort((a, b) => a - b);
  const [metric, setMetric] = useState<MapMetric>('budget');
  const [year, setYear] = useState<number>(years.at(-1) ?? doc.compensation.year);
  const shownYear = years.includes(year) ? year : (years.at(-1) ?? doc.compensation.year);
  return (
    <div class="page map-page">
      <div class="controls">
        <label>{t('metric')}
          <select name="metric" value={metric} onChange={(e) => setMetric((e.currentTarget as HTMLSelectElement).value as MapMetric)}>
            {MAP_METRICS.map((m) => <option key={m} value={m}>{t(METRIC_LABEL[m])}</option>)}
          </select>
        </label>
        <label>{t('yearColumn')}
          <select name="year" value={String(shownYear)} disabled={metric === 'compensation'} onChange={(e) => setYear(Number((e.currentTarget as HTMLSelectElement).value))}>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
        {metric === 'compensation' ? <span class="note">{t('compensationYear')}: {doc.compensation.year}</span> : null}
      </div>
      <ProvinceMap doc={doc} metric={metric} year={shownYear} height={560} />
    </div>
  );
}

/** The result tables of contracts.md §4, rounded for reading (Mt with 2 decimals). */
import type { AccountingDocument } from '../api.js';
import { fixed, grouped, mt } from '../format.js';
import { useI18n } from '../i18n/index.js';

export function zoneLabel(doc: AccountingDocument, zone: string | null, lang: 'en' | 'zh', none: string): string {
  if (zone === null) return none;
  return doc.params.zoneNames[zone as keyof typeof doc.params.zoneNames]?.[lang] ?? zone;
}

export function RegionsTable({ doc, year }: { doc: AccountingDocument; year?: number }) {
  const { t, lang } = useI18n();
  const rows = doc.regions.filter((r) => year === undefined || r.year === year);
  return (
    <table class="data" data-table="regions">
      <caption>{t('regions')} ({t('unitMt')} {doc.basis}){year !== undefined ? ` · ${year}` : ''}</caption>
      <thead><tr><th>{t('code')}</th><th>{t('region')}</th><th>{t('yearColumn')}</th><th class="num">{t('emissions')}</th><th class="num">{t('absorption')}</th><th class="num">{t('budget')}</th><th class="num">ECC</th><th class="num">ESC</th><th>{t('zone')}</th></tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.region_code}-${r.year}`}>
            <td>{r.region_code}</td><td>{r.region_name}</td><td>{r.year}</td>
            <td class="num">{mt(r.emissions_t)}</td><td class="num">{mt(r.absorption_t)}</td><td class="num">{mt(r.budget_t)}</td>
            <td class="num">{fixed(r.ecc, 3)}</td><td class="num">{fixed(r.esc, 3)}</td><td>{zoneLabel(doc, r.zone, lang, t('zoneNull'))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TotalsTable({ doc }: { doc: AccountingDocument }) {
  const { t } = useI18n();
  return (
    <table class="data" data-table="totals">
      <caption>{t('totals')} ({t('unitMt')} {doc.basis})</caption>
      <thead><tr><th>{t('yearColumn')}</th><th class="num">{t('regions')}</th><th class="num">{t('emissions')}</th><th class="num">{t('absorption')}</th><th class="num">{t('budget')}</th></tr></thead>
      <tbody>
        {doc.totals.map((row) => (
          <tr key={row.year}><td>{row.year}</td><td class="num">{row.regions}</td><td class="num">{mt(row.emissions_t)}</td><td class="num">{mt(row.absorption_t)}</td><td class="num">{mt(row.budget_t)}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

export function CompensationTable({ doc }: { doc: AccountingDocument }) {
  const { t, lang } = useI18n();
  const c = doc.compensation;
  const names = new Map(doc.regions.map((r) => [r.region_code, r.region_name]));
  const role = { pay: t('rolePay'), receive: t('roleReceive'), balance: t('roleBalance') };
  return (
    <div>
      <table class="data" data-table="compensation">
        <caption>{t('compensation')} · {c.year}</caption>
        <thead><tr><th>{t('code')}</th><th>{t('region')}</th><th class="num">{t('revisedBaseT')}</th><th class="num">{t('gamma')}</th><th>{t('role')}</th><th class="num">{t('amount10k')}</th></tr></thead>
        <tbody>
          {c.regions.map((r) => (
            <tr key={r.region_code} class={r.role ?? ''}>
              <td>{r.region_code}</td><td>{names.get(r.region_code) ?? ''}</td><td class="num">{mt(r.revised_base_t)}</td><td class="num">{fixed(r.gamma, 4)}</td>
              <td>{r.role === null ? '—' : role[r.role]}</td><td class="num">{grouped(r.amount_10k_yuan, lang, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl class="facts">
        <dt>{t('alpha')}</dt><dd>{fixed(c.alpha_yuan_per_t, 2)}</dd>
        <dt>{t('payersTotal')}</dt><dd>{grouped(c.payers_total_10k_yuan, lang, 2)}</dd>
        <dt>{t('receiversTotal')}</dt><dd>{grouped(c.receivers_total_10k_yuan, lang, 2)}</dd>
      </dl>
    </div>
  );
}

/** Every effective parameter as path = value. */
export function ParamsTable({ doc }: { doc: AccountingDocument }) {
  const { t } = useI18n();
  const rows: [string, string][] = [];
  const walk = (value: unknown, path: string): void => {
    if (value !== null && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) walk(v, Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key);
    } else rows.push([path, value === null ? 'null' : String(value)]);
  };
  walk({ ...doc.params, zoneNames: undefined }, '');
  return (
    <table class="data params" data-table="params">
      <caption>{t('parameters')} · {t('basis')} {doc.basis}</caption>
      <tbody>{rows.filter(([, v]) => v !== 'undefined').map(([k, v]) => <tr key={k}><th>{k}</th><td>{v}</td></tr>)}</tbody>
    </table>
  );
}
